"""Ory Kratos password migration hook (``selfservice.methods.password.config.migrate_hook``).

Kratos POSTs ``{"identifier": ..., "password": ...}`` for an identity imported with
``use_password_migration_hook``. It accepts the password only on 200 with
``{"status": "password_match"}``; 403 means a wrong password (any other status is an upstream
error to Kratos, so a refusal is always 403).
"""

from __future__ import annotations

from typing import Any

from hashcompat.server.config import PlatformConfig
from hashcompat.server.core import Outcome
from hashcompat.server.platforms import Answer, SignIn, password_at, text_at


class Contract:
    def __init__(self, platform: PlatformConfig) -> None:
        self.platform = platform

    def parse(self, data: Any) -> SignIn:
        return SignIn(text_at(data, "identifier"), password_at(data, "password"))

    def answer(self, outcome: Outcome, sign_in: SignIn) -> Answer:
        if outcome.ok:
            return Answer(200, {"status": "password_match"})
        return Answer(403, {"status": "password_mismatch"})
