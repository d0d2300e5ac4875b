"""Okta password import inline hook.

Okta POSTs ``data.context.credential.username`` and ``.password`` at a user's first sign-in
and waits 3 seconds (one retry). The answer is always 200 with one command:
``{"commands": [{"type": "com.okta.action.update", "value": {"credential": "VERIFIED"}}]}``,
or ``UNVERIFIED``; Okta then stores its own hash of a verified password. The contract has no
"try again later": a store outage is answered ``UNVERIFIED`` (within the 3 seconds), Okta keeps
the user on the hook, and the next sign-in asks again.
"""

from __future__ import annotations

from typing import Any

from hashcompat.server._config import PlatformConfig
from hashcompat.server._core import SignInOutcome
from hashcompat.server._platforms import Answer, SignIn, password_at, text_at


class Contract:
    def __init__(self, platform: PlatformConfig) -> None:
        self.platform = platform

    def parse(self, data: Any) -> SignIn:
        return SignIn(
            text_at(data, "data", "context", "credential", "username"),
            password_at(data, "data", "context", "credential", "password"),
        )

    def answer(self, outcome: SignInOutcome, sign_in: SignIn) -> Answer:
        credential = "VERIFIED" if outcome.ok else "UNVERIFIED"
        command = {"type": "com.okta.action.update", "value": {"credential": credential}}
        return Answer(200, {"commands": [command]})
