"""Auth0 custom database connection: the Login script calls this route.

Auth0 runs a ``login(userNameOrEmail, password, callback)`` script that we ship in
``docs/auth0-login.js``; it POSTs ``{"username": ..., "password": ...}`` here. A match is 200
with the user profile (the configured claims; ``user_id`` at least), which the script hands to
``callback(null, profile)``; a wrong password is 403 ``{"error": "wrong_credentials"}`` and a
rate-limited user 429 ``{"error": "too_many_attempts"}``, both turned into Auth0's
``WrongUsernameOrPasswordError``. When the legacy store does not answer it is 503
``{"error": "temporarily_unavailable"}``, which the script turns into a plain ``Error``: Auth0
reports a failed sign-in without "wrong password", and imports nothing.
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
            return Answer(200, {"user_id": sign_in.user, **claims})
        if outcome.unavailable:
            return try_later({"error": "temporarily_unavailable"})
        if outcome.kind is Kind.RATE_LIMITED:
            return Answer(429, {"error": "too_many_attempts"})
        return Answer(403, {"error": "wrong_credentials"})
