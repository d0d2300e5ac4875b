"""Plain text: the password itself. Never identified; it verifies only when named."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hashcompat.errors import InvalidArgumentError
from hashcompat.params import Text
from hashcompat.scheme import (
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    equal,
    hash_params,
)


@dataclass(frozen=True, slots=True)
class Plaintext(Scheme, Writer):
    info: SchemeInfo

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        return Parsed(hash, params=Text(hash))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return equal(secret, parsed.digest)

    def compose(self, parsed: Parsed) -> str | None:
        return parsed.params.body if isinstance(parsed.params, Text) else None

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
            example="hunter2",
        )
    ),
)
