"""Keycloak: one ``POST /admin/realms/{realm}/users`` per user, with the hashed credential.

REST over httpx rather than ``python-keycloak``, which turns a failed call into its own
exception rather than the answer with its headers, so the engine's window and pauses could not
work through it (docs/push.md). Paths and bodies follow Keycloak's admin
REST description (tests/openapi/keycloak.json, Keycloak 23):

- create: ``POST {admin}/{realm}/users`` with a UserRepresentation whose ``credentials`` carry
  ``secretData``/``credentialData`` as a realm export writes them; 201 with the new user in
  ``Location``, 409 when the username or email is taken;
- find: ``GET {admin}/{realm}/users?username=<name>&exact=true``;
- replace: ``PUT {admin}/{realm}/users/{id}`` with the new credential.

``url`` is the server (``https://kc.example``), ``admin_path`` the admin API's root
(``/admin/realms``; ``/auth/admin/realms`` before Keycloak 17), ``token`` an access token of a
client with ``manage-users``.
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
class Keycloak:
    settings: Settings
    name: str = "keycloak"
    batch: int = 1
    concurrency: int | None = None

    def endpoint(self) -> tuple[str, dict[str, str]]:
        token = self.settings.require("token")
        return self.settings.require("url"), {"Authorization": f"Bearer {token}"}

    @property
    def _users(self) -> str:
        root = self.settings.get("admin_path", "/admin/realms").rstrip("/")
        return f"{root}/{quote(self.settings.require('realm'), safe='')}/users"

    def group(self, item: Item) -> str:
        return ""

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        answer = await http.call("POST", self._users, json=items[0].payload)
        if answer.ok:
            made = answer.headers.get("location", "").rstrip("/").rsplit("/", 1)[-1]
            return [Result(Outcome.CREATED, "", made or None)]
        return [Result(Outcome.EXISTS) if answer.status == 409 else rejected(answer)]

    async def find(self, http: Http, item: Item) -> Remote | None:
        name = str(item.payload.get("username") or item.login)
        params = {"username": name, "exact": "true"}
        answer = await http.call("GET", self._users, params=params)
        found = answer.json()
        if not answer.ok or not isinstance(found, list) or not found:
            return None
        first = found[0] if isinstance(found[0], dict) else {}
        shown = {
            k: str(first[k])
            for k in ("username", "email", "firstName", "lastName")
            if isinstance(first.get(k), str)
        }
        return Remote(str(first.get("id", "")), iso_time(first.get("createdTimestamp")), shown)

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        answer = await http.call(
            "PUT", f"{self._users}/{quote(remote, safe='')}", json=item.payload
        )
        return Result(Outcome.UPDATED, "", remote) if answer.ok else rejected(answer)
