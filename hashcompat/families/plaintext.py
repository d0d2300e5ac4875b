"""Plain text: the password itself. Never identified; it verifies only when named."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hashcompat.errors import InvalidArgumentError
from hashcompat.scheme import Inputs, SchemeInfo, Strength, equal, hash_params


@dataclass(frozen=True, slots=True)
class Plaintext:
    info: SchemeInfo

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        return equal(secret, hash)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        hash_params(params, {}, self.info.name)
        try:
            return secret.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidArgumentError("plaintext can only store UTF-8 passwords") from None


SCHEMES = (
    Plaintext(
        SchemeInfo(
            name="plaintext",
            summary="the password stored as it is",
            aliases=("plain", "cleartext", "clear"),
            platforms=("legacy applications",),
            strength=Strength.RECOVERABLE,
            can_hash=True,
            example="hunter2",
        )
    ),
)
