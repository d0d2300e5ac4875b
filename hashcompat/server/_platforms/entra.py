"""Microsoft Entra External ID ``onPasswordSubmit`` custom authentication extension.

Entra POSTs an event of type ``microsoft.graph.authenticationEvent.passwordSubmit`` whose
``data.encryptedPasswordContext`` is a JWE (RSA-OAEP, A128CBC-HS256, DEFLATE) encrypted to the
extension's public key; its payload holds ``user-password``, ``username`` and a ``nonce`` that
the answer must echo. The answer is one action in
``{"data": {"@odata.type": "microsoft.graph.onPasswordSubmitResponseData", "actions": [...],
"nonce": ...}}``: ``MigratePassword`` (Entra keeps the password), ``Retry`` (wrong password)
or ``Block`` (too many failures, or a row that may not be used). A store outage is ``Retry``:
Entra keeps the user on the legacy path and the next attempt asks again, where ``Block``
would end the sign-in.
The decryption is jwcrypto's; the private key file is ``private_key_file`` (PEM).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from hashcompat.errors import BadRequestError, ConfigError
from hashcompat.server._config import PlatformConfig
from hashcompat.server._core import Kind, SignInOutcome
from hashcompat.server._platforms import Answer, SignIn, password_at, text_at

EVENT_TYPE = "microsoft.graph.authenticationEvent.passwordSubmit"
RESPONSE_TYPE = "microsoft.graph.onPasswordSubmitResponseData"
ACTION = "microsoft.graph.passwordSubmit."
JWE_ALGORITHMS = ["RSA-OAEP", "RSA-OAEP-256", "A128CBC-HS256", "A256CBC-HS512", "A256GCM"]
BLOCK_MESSAGE = "Too many failed sign-in attempts. Please try again later."


class Contract:
    def __init__(self, platform: PlatformConfig) -> None:
        from jwcrypto import jwk  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        self.platform = platform
        key_file = platform.options.get("private_key_file")
        if not key_file:
            raise ConfigError("[platforms.entra] needs private_key_file (PEM)")
        try:
            self.key = jwk.JWK.from_pem(Path(str(key_file)).read_bytes())
        except (OSError, ValueError, TypeError) as exc:
            raise ConfigError(f"[platforms.entra] private_key_file: {type(exc).__name__}") from None
        self.user_field = str(platform.options.get("user_field", "username"))
        self.block_message = str(platform.options.get("block_message", BLOCK_MESSAGE))

    def _decrypt(self, token: str) -> dict[str, Any]:
        from jwcrypto import jwe  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        from jwcrypto.common import JWException  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        try:
            envelope = jwe.JWE()
            envelope.allowed_algs = JWE_ALGORITHMS
            envelope.deserialize(token, key=self.key)
            payload = json.loads(envelope.payload)
        except (JWException, ValueError, TypeError, KeyError):
            raise BadRequestError("encryptedPasswordContext cannot be decrypted") from None
        if not isinstance(payload, dict):
            raise BadRequestError("encryptedPasswordContext is not a JSON object")
        expires = payload.get("exp")
        if isinstance(expires, (int, float)) and expires < time.time():
            raise BadRequestError("encryptedPasswordContext has expired")
        return payload

    def parse(self, data: Any) -> SignIn:
        if not isinstance(data, dict) or data.get("type") != EVENT_TYPE:
            raise BadRequestError(f"type must be {EVENT_TYPE}")
        payload = self._decrypt(text_at(data, "data", "encryptedPasswordContext", limit=65536))
        nonce = payload.get("nonce")
        return SignIn(
            text_at(payload, self.user_field),
            password_at(payload, "user-password"),
            {"nonce": nonce} if isinstance(nonce, str) else {},
        )

    def answer(self, outcome: SignInOutcome, sign_in: SignIn) -> Answer:
        action: dict[str, Any]
        if outcome.ok:
            action = {"@odata.type": ACTION + "MigratePassword"}
        elif outcome.kind in (Kind.RATE_LIMITED, Kind.REFUSED):
            action = {
                "@odata.type": ACTION + "Block",
                "title": "Sign-in blocked",
                "message": self.block_message,
            }
        else:
            # a wrong password, or the store did not answer: Entra shows its own retry text
            action = {"@odata.type": ACTION + "Retry"}
        data: dict[str, Any] = {"@odata.type": RESPONSE_TYPE, "actions": [action]}
        if "nonce" in sign_in.context:
            data["nonce"] = sign_in.context["nonce"]
        return Answer(200, {"data": data})
