"""Caller authentication: a shared secret in a header, HTTP Basic, an HMAC of the body, or a
bearer JWT (Entra's custom extensions sign their calls that way).

Every comparison is :func:`hmac.compare_digest` over SHA-256 digests of both sides, so neither
the content nor the length of a secret shows in the time of a refusal. A request passing any
configured method is accepted; every refusal is the same bare 401.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hashcompat.errors import ConfigError
from hashcompat.server._config import AuthConfig

__all__ = ["Authenticator"]


def _same(given: str | bytes, expected: str) -> bool:
    raw = given.encode("utf-8", "surrogateescape") if isinstance(given, str) else given
    return hmac.compare_digest(
        hashlib.sha256(raw).digest(), hashlib.sha256(expected.encode("utf-8")).digest()
    )


class Authenticator:
    def __init__(self, config: AuthConfig) -> None:
        self.config = config
        self._keys: Any = None
        if config.bearer_key_file:
            self._keys = _load_keys(config.bearer_key_file)

    def allows(self, headers: Mapping[str, str], body: bytes) -> bool:
        c = self.config
        ok = False  # every configured method is tried, so the time does not say which failed
        if c.header and c.secret:
            ok |= _same(headers.get(c.header.lower(), ""), c.secret)
        if c.basic_user and c.basic_password:
            ok |= self._basic(headers.get("authorization", ""))
        if c.hmac_secret:
            given = headers.get(c.hmac_header.lower(), "")
            mac = hmac.new(c.hmac_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
            ok |= _same(given, "sha256=" + mac)
        if self._keys is not None:
            ok |= self._bearer(headers.get("authorization", ""))
        return ok

    def _basic(self, header: str) -> bool:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded, validate=True).partition(b":")
        except (binascii.Error, ValueError):
            return False
        good_user = _same(user, str(self.config.basic_user))
        return _same(password, str(self.config.basic_password)) and good_user

    def _bearer(self, header: str) -> bool:
        from jwcrypto import jwt  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        from jwcrypto.common import JWException  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return False
        claims: dict[str, Any] = {"exp": None, "aud": self.config.bearer_audience}
        if self.config.bearer_issuer:
            claims["iss"] = self.config.bearer_issuer
        if self.config.bearer_azp:
            claims["azp"] = self.config.bearer_azp
        try:
            jwt.JWT(
                jwt=token.strip(),
                key=self._keys,
                check_claims=claims,
                algs=["RS256", "RS384", "RS512", "PS256", "ES256"],
            )
        except (JWException, ValueError, TypeError, KeyError):
            return False
        return True


def _load_keys(path: str) -> Any:
    from jwcrypto import jwk  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    try:
        data = Path(path).read_bytes()
        if data.lstrip().startswith(b"{"):
            return jwk.JWKSet.from_json(data)
        keys = jwk.JWKSet()
        keys.add(jwk.JWK.from_pem(data))
        return keys
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigError(f"[auth] bearer_key_file: {type(exc).__name__}") from None
