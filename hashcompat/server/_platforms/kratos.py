"""Ory Kratos password migration hook (``selfservice.methods.password.config.migrate_hook``).

Kratos POSTs ``{"identifier": ..., "password": ...}`` for an identity imported with
``use_password_migration_hook``. It accepts the password only on 200 with
``{"status": "password_match"}``; 403 means a wrong password (any other status is an upstream
error to Kratos, so a refusal is always 403). That upstream error is what a store outage
answers: 503 with Retry-After, so Kratos fails the sign-in without storing anything and the
user can try again.
"""

from __future__ import annotations

from typing import Any

from hashcompat.server._config import PlatformConfig
from hashcompat.server._core import SignInOutcome
from hashcompat.server._platforms import Answer, SignIn, password_at, text_at, try_later


class Contract:
    def __init__(self, platform: PlatformConfig) -> None:
        self.platform = platform

    def parse(self, data: Any) -> SignIn:
        return SignIn(text_at(data, "identifier"), password_at(data, "password"))

    def answer(self, outcome: SignInOutcome, sign_in: SignIn) -> Answer:
        if outcome.ok:
            return Answer(200, {"status": "password_match"})
        if outcome.unavailable:
            return try_later({"status": "temporarily_unavailable"})
        return Answer(403, {"status": "password_mismatch"})
