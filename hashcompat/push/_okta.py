"""Okta: one ``POST /api/v1/users?activate=true`` per user (Okta has no bulk user endpoint).

REST over httpx, not the ``okta`` SDK: the SDK's request executor retries 429s on its own
schedule and hands back only the final answer, so the engine could not see the
``X-Rate-Limit-*`` headers, shrink its window or record intent per attempt. Endpoints and
bodies follow Okta's management OpenAPI description (tests/openapi/okta.json):

- create: ``POST /api/v1/users`` (CreateUserRequest). A login already taken has no code of
  its own: Okta answers 400 with ``errorCode`` ``E0000001`` (API validation failed, its code
  for every invalid field) and an ``errorCauses`` entry on the ``login`` field. So such an
  answer is a conflict only when the lookup below finds the login; otherwise (a login that is
  not an email, ...) it is the rejection Okta gave, with Okta's reason;
- find: ``GET /api/v1/users/{login}`` (the id path parameter takes a login);
- replace: ``PUT /api/v1/users/{id}`` with the profile and the new password hash.

With ``hook`` (``--with-hook``), the rows Okta cannot check (plan ``rehash``: phpass, salted
formats it does not compute) are created with ``credentials.password.hook`` of type
``default`` instead: Okta then calls the org's password import inline hook (``hashcompat
serve``, docs/hooks.md) at the user's first sign-in, which verifies the legacy hash and lets
Okta store the password.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from hashcompat.errors import PushError
from hashcompat.push._base import Item, Remote, Result, iso_time, rejected
from hashcompat.push._http import Answer, Http
from hashcompat.push._outcome import Outcome
from hashcompat.push._settings import Settings

_VALIDATION = "E0000001"  # Okta's "API validation failed", HTTP 400


def _login_refused(answer: Answer) -> bool:
    """Whether Okta refused the create for its ``login`` field: ``E0000001`` with a cause
    that names the field (``"login: ..."``, the form Okta gives every field's cause). What
    the cause says is not read: the lookup decides whether the login is taken."""
    body = answer.json()
    if answer.status != 400 or not isinstance(body, dict) or body.get("errorCode") != _VALIDATION:
        return False
    causes = body.get("errorCauses")
    if not isinstance(causes, list):
        return False
    fields = [
        str(c.get("errorSummary", "")).partition(":")[0] for c in causes if isinstance(c, dict)
    ]
    return "login" in (f.strip() for f in fields)


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
        if _login_refused(answer) and await self.find(http, item) is not None:
            return [Result(Outcome.EXISTS)]  # the engine looks it up again and compares
        return [rejected(answer)]

    def hook_payload(self, login: str, profile: dict[str, str]) -> dict[str, object]:
        """A user whose password Okta's password import inline hook will verify."""
        shown = {"login": login, **{k: v for k, v in profile.items() if k != "login"}}
        return {"profile": shown, "credentials": {"password": {"hook": {"type": "default"}}}}

    async def find(self, http: Http, item: Item) -> Remote | None:
        login = str(item.payload.get("profile", {}).get("login") or item.login)
        answer = await http.call("GET", f"/api/v1/users/{quote(login, safe='@')}")
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


class _Listing:
    """Every Okta user, page by page (``GET /api/v1/users?limit=200``, following the
    ``Link: <...>; rel="next"`` cursor), under the same pacing as a push."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def list_users(self, *, key: str = "email") -> list[Any]:
        from hashcompat.reconcile._targets import okta as record_to_user  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return [record_to_user(r, key) for r in asyncio.run(self._records())]

    async def _records(self) -> list[dict[str, Any]]:
        from hashcompat.push._pacing import Window  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        base, headers = Okta(self.settings).endpoint()
        http = Http(base, headers, Window(1))
        found: list[dict[str, Any]] = []
        url: str | None = "/api/v1/users?limit=200"
        try:
            while url:
                answer = await http.call("GET", url)
                if not answer.ok:
                    raise PushError(f"okta: listing users failed (HTTP {answer.status})")
                found += [u for u in answer.json() or [] if isinstance(u, dict)]
                url = _next(answer.headers.get("link", ""), base)
        finally:
            await http.close()
        return found


def _next(link: str, base: str) -> str | None:
    for part in link.split(","):
        target, _, rel = part.partition(";")
        if 'rel="next"' in rel:
            found = target.strip().strip("<>")
            return found[len(base.rstrip("/")) :] if found.startswith(base.rstrip("/")) else found
    return None


def user_listing(settings: Settings | None = None) -> _Listing:
    """Okta's users for ``hashcompat reconcile --target api:okta`` (credentials as for push)."""
    from hashcompat.push._settings import load  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    return _Listing(settings if settings is not None else load("okta"))
