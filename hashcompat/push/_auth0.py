"""Auth0: users go in as import jobs (``POST /api/v2/jobs/users-imports``), two at a time.

REST over httpx rather than ``auth0-python``: its RestClient retries 429s itself
(``RestClientOptions.retries``, on its own sleep schedule), which hides the answers the engine
paces by. Auth0's limits shape the client: a job's file is at most 500 KB (so a batch is cut
to fit), a tenant runs at most two import jobs at once (``concurrency`` 2; a third answers
429), and a job is polled (``GET /api/v2/jobs/{id}``) until it is completed, then its per-user
errors are fetched (``GET /api/v2/jobs/{id}/errors``): ``DUPLICATED_USER`` is a user already
there (looked up by ``GET /api/v2/users-by-email`` and compared), any other code is REJECTED
with Auth0's code and message. Jobs never use ``upsert``; ``--update`` and sync replace a
user through a one-user job with ``upsert: true``.

``url`` is the tenant (``https://TENANT.auth0.com``), ``token`` a Management API token with
``create:users`` and ``read:users``, ``connection_id`` the database connection, ``poll`` the
seconds between job polls (default 2).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from hashcompat.export._auth0 import MAX_FILE_BYTES
from hashcompat.push._base import Item, Remote, Result, iso_time, message, rejected
from hashcompat.push._http import Http
from hashcompat.push._outcome import Outcome
from hashcompat.push._settings import Settings

JOBS = "/api/v2/jobs"


@dataclass(frozen=True, slots=True)
class Auth0:
    settings: Settings
    name: str = "auth0"
    batch: int = 1000
    concurrency: int | None = 2  # Auth0: at most two import jobs per tenant at a time

    def endpoint(self) -> tuple[str, dict[str, str]]:
        token = self.settings.require("token")
        return self.settings.require("url"), {"Authorization": f"Bearer {token}"}

    def group(self, item: Item) -> str:
        return ""

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        data = json.dumps([i.payload for i in items], ensure_ascii=False).encode("utf-8")
        if len(data) > MAX_FILE_BYTES and len(items) > 1:
            half = len(items) // 2
            first = await self.create(http, items[:half], update=update)
            return first + await self.create(http, items[half:], update=update)
        return await self._job(http, items, data, upsert=False)

    async def _job(
        self, http: Http, items: Sequence[Item], data: bytes, *, upsert: bool
    ) -> list[Result]:
        form = {
            "connection_id": self.settings.require("connection_id"),
            "upsert": "true" if upsert else "false",
            "send_completion_email": "false",
        }
        files = {"users": ("users.json", data, "application/json")}
        answer = await http.call("POST", f"{JOBS}/users-imports", data=form, files=files)
        job = answer.json() if answer.ok else None
        if not isinstance(job, dict) or "id" not in job:
            return [rejected(answer)] * len(items)
        status = await self._wait(http, str(job["id"]))
        if status.get("status") == "failed":
            why = f"the import job failed: {status.get('status_details') or 'no details'}"
            return [Result(Outcome.REJECTED, str(why)[:200])] * len(items)
        errors = await self._errors(http, str(job["id"])) if _failed(status) else {}
        done = Outcome.UPDATED if upsert else Outcome.CREATED
        return [errors.get(str(i.payload.get("email", "")).lower(), Result(done)) for i in items]

    async def _wait(self, http: Http, job: str) -> dict[str, Any]:
        pause = float(self.settings.get("poll") or 2.0)
        while True:
            answer = await http.call("GET", f"{JOBS}/{quote(job, safe='')}")
            body = answer.json()
            if not answer.ok or not isinstance(body, dict):
                return {"status": "failed", "status_details": message(answer)}
            if body.get("status") in ("completed", "failed"):
                return body
            await asyncio.sleep(pause)

    async def _errors(self, http: Http, job: str) -> dict[str, Result]:
        answer = await http.call("GET", f"{JOBS}/{quote(job, safe='')}/errors")
        found: dict[str, Result] = {}
        for entry in answer.json() or []:
            if not isinstance(entry, dict):
                continue
            email = str((entry.get("user") or {}).get("email", "")).lower()
            first = (entry.get("errors") or [{}])[0]
            code = str(first.get("code", "ERROR"))
            if code == "DUPLICATED_USER":
                found[email] = Result(Outcome.EXISTS)
            else:
                found[email] = Result(Outcome.REJECTED, f"{code}: {first.get('message', '')}"[:200])
        return found

    async def find(self, http: Http, item: Item) -> Remote | None:
        email = str(item.payload.get("email") or item.login)
        answer = await http.call("GET", "/api/v2/users-by-email", params={"email": email})
        found = answer.json()
        if not answer.ok or not isinstance(found, list) or not found:
            return None
        first = found[0] if isinstance(found[0], dict) else {}
        shown = {
            k: str(first[k]) for k in ("email", "username", "name") if isinstance(first.get(k), str)
        }
        return Remote(str(first.get("user_id", "")), iso_time(first.get("created_at")), shown)

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        data = json.dumps([item.payload], ensure_ascii=False).encode("utf-8")
        result = (await self._job(http, [item], data, upsert=True))[0]
        return Result(result.outcome, result.reason, remote)


def _failed(status: dict[str, Any]) -> bool:
    summary = status.get("summary") or {}
    return not isinstance(summary, dict) or bool(summary.get("failed", 1))
