"""Azure AD B2C RESTful technical profile (a validation technical profile calling the hook).

B2C sends the input claims as a JSON object, under the ``PartnerClaimType`` names the policy
gives them (``username_claim``, ``password_claim``; ``signInName`` and ``password`` by default).
A match is 200 with the output claims; anything else is B2C's error contract: 409 with
``version``, ``status`` and ``userMessage``, which B2C shows on the sign-in page. B2C has no
retry action, so a store outage is the same 409 with ``unavailable_message``: the user is told
to try again later, not that the password is wrong.
"""

from __future__ import annotations

from typing import Any

from hashcompat.server._config import PlatformConfig
from hashcompat.server._core import Kind, SignInOutcome
from hashcompat.server._platforms import Answer, SignIn, claims_for, password_at, text_at

DEFAULT_MESSAGE = "The username or password is incorrect."
LIMITED_MESSAGE = "Too many failed sign-in attempts. Please try again later."
UNAVAILABLE_MESSAGE = "Sign-in is temporarily unavailable. Please try again in a few minutes."


class Contract:
    def __init__(self, platform: PlatformConfig) -> None:
        self.platform = platform
        self.user_claim = str(platform.options.get("username_claim", "signInName"))
        self.password_claim = str(platform.options.get("password_claim", "password"))
        self.message = str(platform.options.get("user_message", DEFAULT_MESSAGE))
        self.unavailable = str(platform.options.get("unavailable_message", UNAVAILABLE_MESSAGE))

    def parse(self, data: Any) -> SignIn:
        return SignIn(text_at(data, self.user_claim), password_at(data, self.password_claim))

    def answer(self, outcome: SignInOutcome, sign_in: SignIn) -> Answer:
        if outcome.ok:
            return Answer(200, claims_for(self.platform, sign_in.user, outcome.profile))
        message = self.message
        if outcome.kind is Kind.RATE_LIMITED:
            message = LIMITED_MESSAGE
        elif outcome.unavailable:
            message = self.unavailable
        return Answer(409, {"version": "1.0.0", "status": 409, "userMessage": message})
