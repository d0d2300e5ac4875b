"""Okta: one ``POST /api/v1/users?activate=true`` per user (Okta has no bulk user endpoint).

REST over httpx, not the ``okta`` SDK: the SDK's request executor retries 429s on its own
schedule and hands back only the final answer, so the engine could not see the
``X-Rate-Limit-*`` headers, shrink its window or record intent per attempt. Endpoints and
bodies follow Okta's management OpenAPI description (tests/openapi/okta.json):

- create: ``POST /api/v1/users`` (CreateUserRequest); Okta answers 400 with an error cause
  "An object with this field already exists" for a login already taken;
- find: ``GET /api/v1/users/{login}`` (the id path parameter takes a login);
- replace: ``PUT /api/v1/users/{id}`` with the profile and the new password hash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from hashcompat.push.base import Item, Remote, Result, iso_time, rejected
from hashcompat.push.http import Answer, Http
from hashcompat.push.outcome import Outcome
from hashcompat.push.settings import Settings


def _exists(answer: Answer) -> bool:
    body = answer.json()
    if answer.status == 409:
        return True
    causes = body.get("errorCauses", []) if isinstance(body, dict) else []
    return any("already exists" in str(c.get("errorSummary", "")) for c in causes)


@dataclass(frozen=True, slots=True)
class Okta:
    settings: Settings
    name: str = "okta"
    batch: int = 1
    concurrency: int | None = None

    def endpoint(self) -> tuple[str, dict[str, str]]:
        token = self.settings.require("token")
        headers = {"Authorization": f"SSWS {token}", "Accept": "application/json"}
        return self.settings.require("url"), headers

    def group(self, item: Item) -> str:
        return ""

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        item = items[0]
        answer = await http.call(
            "POST", "/api/v1/users", params={"activate": "true"}, json=item.payload
        )
        if answer.ok:
            body = answer.json() or {}
            return [Result(Outcome.CREATED, "", str(body.get("id") or "") or None)]
        if answer.status in (400, 409) and _exists(answer):
            return [Result(Outcome.EXISTS)]
        return [rejected(answer)]

    async def find(self, http: Http, item: Item) -> Remote | None:
        answer = await http.call("GET", f"/api/v1/users/{quote(item.login, safe='@')}")
        body = answer.json()
        if answer.status == 404 or not answer.ok or not isinstance(body, dict):
            return None
        profile = body.get("profile") or {}
        shown = {k: str(v) for k, v in profile.items() if isinstance(v, str)}
        return Remote(str(body.get("id", "")), iso_time(body.get("created")), shown)

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        answer = await http.call(
            "PUT", f"/api/v1/users/{quote(remote, safe='')}", json=item.payload
        )
        return Result(Outcome.UPDATED, "", remote) if answer.ok else rejected(answer)
