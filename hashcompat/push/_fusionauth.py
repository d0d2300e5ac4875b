"""FusionAuth: the Import Users API, ``POST /api/user/import``, up to 1,000 users a call.

REST over httpx rather than ``fusionauth-client`` (synchronous, over requests, returning a
ClientResponse per call with no retry policy the engine could steer). Paths and bodies follow
FusionAuth's OpenAPI description (tests/openapi/fusionauth.json, 1.69.0):

- create: ``POST /api/user/import`` with ``validateDbConstraints: true`` so a duplicate is
  named instead of failing the batch with a generic database error. An import is all or
  nothing; when a batch fails it is retried one user per call, which finds the duplicates
  (then looked up and compared) and the users the platform rejects, with its reason;
- find: ``GET /api/user?email=<email>`` (or ``username=``);
- replace: ``PUT /api/user/{userId}`` with the user and its new hash.

``url`` is the FusionAuth server; ``token`` an API key (sent as ``Authorization``, as FusionAuth
expects); ``tenant`` the tenant id when the server has several.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from hashcompat.push._base import Item, Remote, Result, iso_time, rejected
from hashcompat.push._http import Answer, Http
from hashcompat.push._outcome import Outcome
from hashcompat.push._settings import Settings

BATCH = 1000


def _duplicate(answer: Answer) -> bool:
    text = answer.text
    return answer.status == 400 and ("duplicate" in text or "exists" in text)


@dataclass(frozen=True, slots=True)
class FusionAuth:
    settings: Settings
    name: str = "fusionauth"
    batch: int = BATCH
    concurrency: int | None = 4

    def endpoint(self) -> tuple[str, dict[str, str]]:
        headers = {"Authorization": self.settings.require("token")}
        if self.settings.get("tenant"):
            headers["X-FusionAuth-TenantId"] = self.settings["tenant"]
        return self.settings.require("url"), headers

    def group(self, item: Item) -> str:
        return ""

    async def _import(self, http: Http, items: Sequence[Item]) -> Answer:
        body = {"users": [i.payload for i in items], "validateDbConstraints": True}
        return await http.call("POST", "/api/user/import", json=body)

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        answer = await self._import(http, items)
        if answer.ok:
            return [Result(Outcome.CREATED) for _ in items]
        if len(items) == 1:
            return [Result(Outcome.EXISTS) if _duplicate(answer) else rejected(answer)]
        results: list[Result] = []
        for item in items:  # the batch failed as a whole: find out who, one at a time
            results += await self.create(http, [item], update=update)
        return results

    async def find(self, http: Http, item: Item) -> Remote | None:
        email, name = item.payload.get("email"), item.payload.get("username")
        params = {"email": email} if email else {"username": name or item.login}
        answer = await http.call("GET", "/api/user", params=params)
        body = answer.json()
        user = body.get("user") if isinstance(body, dict) else None
        if not answer.ok or not isinstance(user, dict):
            return None
        shown = {
            k: str(user[k])
            for k in ("email", "username", "firstName", "lastName")
            if isinstance(user.get(k), str)
        }
        return Remote(str(user.get("id", "")), iso_time(user.get("insertInstant")), shown)

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        answer = await http.call(
            "PUT", f"/api/user/{quote(remote, safe='')}", json={"user": item.payload}
        )
        return Result(Outcome.UPDATED, "", remote) if answer.ok else rejected(answer)
