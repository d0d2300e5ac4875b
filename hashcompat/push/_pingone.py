"""PingOne: one ``POST /v1/environments/{envID}/users`` per user, as a user import.

PingOne has no maintained Python SDK for its platform API, so this is its documented REST API
over httpx ("Create User (Import)", content type ``application/vnd.pingidentity.user.import+json``,
which is what lets ``password.value`` carry a pre-encoded hash):

- create: the import body written by :mod:`hashcompat.export._pingone`; 400 with code
  ``UNIQUENESS_VIOLATION`` when the username is taken;
- find: ``GET /v1/environments/{envID}/users?filter=username eq "<name>"`` (SCIM filter);
- replace: ``PUT /v1/environments/{envID}/users/{userID}/password`` with content type
  ``application/vnd.pingidentity.password.set+json`` and the pre-encoded value.

``url`` is the regional API (``https://api.pingone.com``, ``.eu``, ``.asia``, ``.ca``),
``environment`` the environment id, ``token`` a worker application's access token.
PingOne publishes no OpenAPI description of these operations that Prism could serve; the tests
check these request shapes against the documented ones on the fault server.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from hashcompat.push._base import Item, Remote, Result, iso_time, rejected
from hashcompat.push._http import Http
from hashcompat.push._outcome import Outcome
from hashcompat.push._settings import Settings

IMPORT = "application/vnd.pingidentity.user.import+json"
SET_PASSWORD = "application/vnd.pingidentity.password.set+json"


@dataclass(frozen=True, slots=True)
class PingOne:
    settings: Settings
    name: str = "pingone"
    batch: int = 1
    concurrency: int | None = None

    def endpoint(self) -> tuple[str, dict[str, str]]:
        token = self.settings.require("token")
        url = self.settings.get("url") or "https://api.pingone.com"
        return url, {"Authorization": f"Bearer {token}"}

    @property
    def _users(self) -> str:
        return f"/v1/environments/{quote(self.settings.require('environment'), safe='')}/users"

    def group(self, item: Item) -> str:
        return ""

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        answer = await http.call(
            "POST", self._users, json=items[0].payload, headers={"Content-Type": IMPORT}
        )
        if answer.ok:
            return [Result(Outcome.CREATED, "", str((answer.json() or {}).get("id", "")) or None)]
        taken = answer.status == 409 or "UNIQUENESS_VIOLATION" in answer.text
        return [Result(Outcome.EXISTS) if taken else rejected(answer)]

    async def find(self, http: Http, item: Item) -> Remote | None:
        name = str(item.payload.get("username") or item.login).replace('"', '\\"')
        answer = await http.call("GET", self._users, params={"filter": f'username eq "{name}"'})
        body = answer.json()
        users = (body.get("_embedded") or {}).get("users") if isinstance(body, dict) else None
        if not answer.ok or not isinstance(users, list) or not users:
            return None
        first = users[0] if isinstance(users[0], dict) else {}
        shown = {k: str(first[k]) for k in ("username", "email") if isinstance(first.get(k), str)}
        return Remote(str(first.get("id", "")), iso_time(first.get("createdAt")), shown)

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        password = item.payload.get("password", {})
        answer = await http.call(
            "PUT",
            f"{self._users}/{quote(remote, safe='')}/password",
            json=password,
            headers={"Content-Type": SET_PASSWORD},
        )
        return Result(Outcome.UPDATED, "", remote) if answer.ok else rejected(answer)
