"""Azure AD B2C RESTful technical profile (a validation technical profile calling the hook).

B2C sends the input claims as a JSON object, under the ``PartnerClaimType`` names the policy
gives them (``username_claim``, ``password_claim``; ``signInName`` and ``password`` by default).
A match is 200 with the output claims; anything else is B2C's error contract: 409 with
``version``, ``status`` and ``userMessage``, which B2C shows on the sign-in page.
"""

from __future__ import annotations

from typing import Any

from hashcompat.server.config import PlatformConfig
from hashcompat.server.core import Outcome
from hashcompat.server.platforms import Answer, SignIn, claims_for, password_at, text_at

DEFAULT_MESSAGE = "The username or password is incorrect."
LIMITED_MESSAGE = "Too many failed sign-in attempts. Please try again later."


class Contract:
    def __init__(self, platform: PlatformConfig) -> None:
        self.platform = platform
        self.user_claim = str(platform.options.get("username_claim", "signInName"))
        self.password_claim = str(platform.options.get("password_claim", "password"))
        self.message = str(platform.options.get("user_message", DEFAULT_MESSAGE))

    def parse(self, data: Any) -> SignIn:
        return SignIn(text_at(data, self.user_claim), password_at(data, self.password_claim))

    def answer(self, outcome: Outcome, sign_in: SignIn) -> Answer:
        if outcome.ok:
            return Answer(200, claims_for(self.platform, sign_in.user, outcome.profile))
        message = LIMITED_MESSAGE if outcome.kind == "rate_limited" else self.message
        return Answer(409, {"version": "1.0.0", "status": 409, "userMessage": message})
