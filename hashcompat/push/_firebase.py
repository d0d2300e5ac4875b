"""Firebase Authentication: ``accounts:batchCreate`` with up to 1,000 users of one hash
configuration per call (the Admin SDK's ``import_users`` limit).

The Identity Toolkit REST API over httpx rather than ``firebase-admin``: the SDK cannot state
``passwordHashOrder`` for salted digests (see :mod:`hashcompat.export._firebase`), and its
``import_users`` answers after its own retries, not with each attempt the engine paces by.
Bodies are the ones ``export`` writes, so they are what the SDK itself would send:

- create: ``POST /v1/projects/{project}/accounts:batchCreate`` with ``allowOverwrite: false``;
  per-user failures come back as ``error: [{index, message}]``; a user id already taken is a
  user already there (looked up and compared), any other message is REJECTED;
- find: ``POST /v1/projects/{project}/accounts:lookup`` by ``localId``;
- replace: a one-user batchCreate with ``allowOverwrite: true``.

``project`` is the project id, ``token`` an OAuth access token of a service account with the
Firebase Authentication Admin role. With ``FIREBASE_AUTH_EMULATOR_HOST`` set (as the Admin SDK
reads it), requests go to the emulator with its ``Bearer owner`` credential.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from hashcompat.push._base import Item, Remote, Result, iso_time, rejected
from hashcompat.push._http import Http
from hashcompat.push._outcome import Outcome
from hashcompat.push._settings import Settings

BATCH = 1000  # firebase_admin._user_mgt.MAX_IMPORT_USERS_SIZE


@dataclass(frozen=True, slots=True)
class Firebase:
    settings: Settings
    name: str = "firebase"
    batch: int = BATCH
    concurrency: int | None = None

    def endpoint(self) -> tuple[str, dict[str, str]]:
        emulator = os.environ.get("FIREBASE_AUTH_EMULATOR_HOST")
        if emulator and not self.settings.get("url"):
            return f"http://{emulator}/identitytoolkit.googleapis.com", {
                "Authorization": "Bearer owner"
            }
        token = self.settings.require("token")
        url = self.settings.get("url") or "https://identitytoolkit.googleapis.com"
        return url, {"Authorization": f"Bearer {token}"}

    @property
    def _project(self) -> str:
        return f"/v1/projects/{quote(self.settings.require('project'), safe='')}"

    def group(self, item: Item) -> str:
        return json.dumps(item.payload.get("config", {}), sort_keys=True)

    async def _batch(self, http: Http, items: Sequence[Item], overwrite: bool) -> list[Result]:
        config: dict[str, Any] = dict(items[0].payload.get("config", {}))
        body = {**config, "users": [i.payload["user"] for i in items], "allowOverwrite": overwrite}
        answer = await http.call("POST", f"{self._project}/accounts:batchCreate", json=body)
        if not answer.ok:
            return [rejected(answer)] * len(items)
        done = Outcome.UPDATED if overwrite else Outcome.CREATED
        results = [Result(done, "", str(i.payload["user"].get("localId"))) for i in items]
        for error in (answer.json() or {}).get("error", []) or []:
            index, text = error.get("index"), str(error.get("message", ""))
            if isinstance(index, int) and 0 <= index < len(items):
                taken = "exist" in text.lower()
                reason = " ".join(text.split())[:200]
                results[index] = (
                    Result(Outcome.EXISTS) if taken else Result(Outcome.REJECTED, reason)
                )
        return results

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        return await self._batch(http, items, overwrite=False)

    async def find(self, http: Http, item: Item) -> Remote | None:
        uid = str(item.payload["user"].get("localId"))
        answer = await http.call(
            "POST", f"{self._project}/accounts:lookup", json={"localId": [uid]}
        )
        users = (answer.json() or {}).get("users") if answer.ok else None
        if not isinstance(users, list) or not users:
            return None
        first = users[0]
        shown = {"email": str(first["email"])} if first.get("email") else {}
        return Remote(uid, iso_time(first.get("createdAt")), shown)

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        return (await self._batch(http, [item], overwrite=True))[0]
