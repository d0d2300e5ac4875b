"""``POST /verify`` for any other caller: ``{"username": ..., "password": ...}`` in,
``{"verified": true, "claims": {...}}`` or ``{"verified": false}`` out (429 when rate-limited,
503 ``{"verified": false, "error": "unavailable"}`` with Retry-After when the legacy store or
the shared state does not answer: try again later, this is no wrong password).
"""

from __future__ import annotations

from typing import Any

from hashcompat.server._config import PlatformConfig
from hashcompat.server._core import Kind, SignInOutcome
from hashcompat.server._platforms import (
    Answer,
    SignIn,
    claims_for,
    password_at,
    text_at,
    try_later,
)


class Contract:
    def __init__(self, platform: PlatformConfig) -> None:
        self.platform = platform

    def parse(self, data: Any) -> SignIn:
        return SignIn(text_at(data, "username"), password_at(data, "password"))

    def answer(self, outcome: SignInOutcome, sign_in: SignIn) -> Answer:
        if outcome.ok:
            claims = claims_for(self.platform, sign_in.user, outcome.profile)
            return Answer(200, {"verified": True, "claims": claims})
        if outcome.unavailable:
            return try_later({"verified": False, "error": "unavailable"})
        if outcome.kind is Kind.RATE_LIMITED:
            return Answer(429, {"verified": False, "error": "rate_limited"})
        return Answer(200, {"verified": False})
