"""ZITADEL: one user v2 ``POST /v2/users/human`` per user with ``hashedPassword``.

REST over httpx rather than ``zitadel-client`` (a generated client; the engine needs the
raw status and headers of each attempt, docs/push.md). The body is the one
:mod:`hashcompat.export._zitadel` writes; ZITADEL must list the hash's verifier in
``ZITADEL_SYSTEMDEFAULTS_PASSWORDHASHER_VERIFIERS`` (export writes that list beside the
bodies). Operations of ZITADEL's user service v2 (its REST gateway of ``zitadel.user.v2``):

- create: ``POST /v2/users/human``; 409 (``ALREADY_EXISTS``) when the username is taken;
- find: ``POST /v2/users`` with a ``userNameQuery`` (exact match);
- replace: ``PUT /v2/users/human/{userId}`` (UpdateHumanUser) whose ``password`` carries the
  new ``hashedPassword``.

``url`` is the instance (``https://<instance>.zitadel.cloud``), ``token`` a service user's
personal access token, ``organization`` the organisation id for new users (optional).
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
class Zitadel:
    settings: Settings
    name: str = "zitadel"
    batch: int = 1
    concurrency: int | None = None

    def endpoint(self) -> tuple[str, dict[str, str]]:
        token = self.settings.require("token")
        return self.settings.require("url"), {"Authorization": f"Bearer {token}"}

    def group(self, item: Item) -> str:
        return ""

    def _body(self, item: Item) -> dict[str, object]:
        body = dict(item.payload.get("body", item.payload))
        if self.settings.get("organization"):
            body["organization"] = {"orgId": self.settings["organization"]}
        return body

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        answer = await http.call("POST", "/v2/users/human", json=self._body(items[0]))
        if answer.ok:
            made = str((answer.json() or {}).get("userId", "")) or None
            return [Result(Outcome.CREATED, "", made)]
        taken = answer.status == 409 or "ALREADY_EXISTS" in answer.text
        return [Result(Outcome.EXISTS) if taken else rejected(answer)]

    async def find(self, http: Http, item: Item) -> Remote | None:
        name = str(self._body(item).get("username") or item.login)
        query = {
            "queries": [{"userNameQuery": {"userName": name, "method": "TEXT_QUERY_METHOD_EQUALS"}}]
        }
        answer = await http.call("POST", "/v2/users", json=query)
        body = answer.json()
        found = body.get("result") if isinstance(body, dict) else None
        if not answer.ok or not isinstance(found, list) or not found:
            return None
        first = found[0] if isinstance(found[0], dict) else {}
        created = (first.get("details") or {}).get("creationDate")
        return Remote(str(first.get("userId", "")), iso_time(created), {"username": name})

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        hashed = self._body(item).get("hashedPassword")
        body = {"password": {"hashedPassword": hashed}}
        answer = await http.call("PUT", f"/v2/users/human/{quote(remote, safe='')}", json=body)
        return Result(Outcome.UPDATED, "", remote) if answer.ok else rejected(answer)
