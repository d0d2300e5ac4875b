"""Ory Kratos: one ``POST /admin/identities`` per user, through the admin API.

REST over httpx rather than ``ory-client`` (an OpenAPI-generated client over urllib3): the
engine needs every answer's status and headers (429, ``Retry-After``) and one async client
for its window; the generated client raises typed exceptions per status and is synchronous.
Bodies and paths follow Kratos's OpenAPI description (tests/openapi/kratos.json):

- create: ``POST /admin/identities`` (createIdentityBody); 409 when a credential identifier
  is taken;
- find: ``GET /admin/identities?credentials_identifier=<email or username>``;
- replace: ``PUT /admin/identities/{id}`` (updateIdentityBody) with the new hashed password.

``url`` is the admin endpoint (self-hosted ``http://kratos:4434``, or the Ory Network project
URL with ``token`` an API key).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from hashcompat.push._base import Item, Remote, Result, iso_time, rejected
from hashcompat.push._http import Http
from hashcompat.push._outcome import Outcome
from hashcompat.push._settings import Settings


@dataclass(frozen=True, slots=True)
class Kratos:
    settings: Settings
    name: str = "kratos"
    batch: int = 1
    concurrency: int | None = None

    def endpoint(self) -> tuple[str, dict[str, str]]:
        headers = {"Accept": "application/json"}
        if self.settings.get("token"):
            headers["Authorization"] = f"Bearer {self.settings['token']}"
        return self.settings.require("url"), headers

    def group(self, item: Item) -> str:
        return ""

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        answer = await http.call("POST", "/admin/identities", json=items[0].payload)
        if answer.ok:
            return [Result(Outcome.CREATED, "", str((answer.json() or {}).get("id", "")) or None)]
        return [Result(Outcome.EXISTS) if answer.status == 409 else rejected(answer)]

    async def find(self, http: Http, item: Item) -> Remote | None:
        traits = item.payload.get("traits", {})
        login = traits.get("email") or traits.get("username") or item.login
        answer = await http.call(
            "GET", "/admin/identities", params={"credentials_identifier": login}
        )
        found = answer.json()
        if not answer.ok or not isinstance(found, list) or not found:
            return None
        first = found[0] if isinstance(found[0], dict) else {}
        shown = {k: str(v) for k, v in (first.get("traits") or {}).items() if isinstance(v, str)}
        return Remote(str(first.get("id", "")), iso_time(first.get("created_at")), shown)

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        body = {**item.payload, "state": "active"}
        answer = await http.call("PUT", f"/admin/identities/{quote(remote, safe='')}", json=body)
        return Result(Outcome.UPDATED, "", remote) if answer.ok else rejected(answer)
