"""Clerk: one Backend API ``POST /v1/users`` per user with ``password_digest``.

REST over httpx rather than ``clerk-backend-api``, a generated client with its own retry
policy: the engine needs each attempt's answer, with its ``Retry-After``, to pause every
sender. Bodies and paths follow Clerk's Backend API description (tests/openapi/clerk.json,
version 2026-05-12):

- create: ``POST /users`` (422 with error code ``form_identifier_exists`` when the email or
  username is taken);
- find: ``GET /users?email_address=<email>`` (or ``username=``);
- replace: ``PATCH /users/{user_id}`` with the new ``password_digest`` and ``password_hasher``.

``url`` defaults to ``https://api.clerk.com/v1``; ``token`` is the instance's secret key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from hashcompat.push._base import Item, Remote, Result, iso_time, rejected
from hashcompat.push._http import Answer, Http
from hashcompat.push._outcome import Outcome
from hashcompat.push._settings import Settings


def _taken(answer: Answer) -> bool:
    body = answer.json()
    errors = body.get("errors", []) if isinstance(body, dict) else []
    return any(isinstance(e, dict) and e.get("code") == "form_identifier_exists" for e in errors)


@dataclass(frozen=True, slots=True)
class Clerk:
    settings: Settings
    name: str = "clerk"
    batch: int = 1
    concurrency: int | None = None

    def endpoint(self) -> tuple[str, dict[str, str]]:
        token = self.settings.require("token")
        url = self.settings.get("url") or "https://api.clerk.com/v1"
        return url, {"Authorization": f"Bearer {token}"}

    def group(self, item: Item) -> str:
        return ""

    async def create(self, http: Http, items: Sequence[Item], *, update: bool) -> list[Result]:
        answer = await http.call("POST", "/users", json=items[0].payload)
        if answer.ok:
            return [Result(Outcome.CREATED, "", str((answer.json() or {}).get("id", "")) or None)]
        return [Result(Outcome.EXISTS) if _taken(answer) else rejected(answer)]

    async def find(self, http: Http, item: Item) -> Remote | None:
        emails = item.payload.get("email_address") or []
        params = {"email_address": emails[0]} if emails else {"username": item.login}
        answer = await http.call("GET", "/users", params=params)
        found = answer.json()
        if not answer.ok or not isinstance(found, list) or not found:
            return None
        first = found[0] if isinstance(found[0], dict) else {}
        shown = {
            k: str(first[k])
            for k in ("username", "first_name", "last_name")
            if isinstance(first.get(k), str)
        }
        return Remote(str(first.get("id", "")), iso_time(first.get("created_at")), shown)

    async def replace(self, http: Http, item: Item, remote: str) -> Result:
        body = {
            k: item.payload[k] for k in ("password_digest", "password_hasher") if k in item.payload
        }
        answer = await http.call("PATCH", f"/users/{quote(remote, safe='')}", json=body)
        return Result(Outcome.UPDATED, "", remote) if answer.ok else rejected(answer)
