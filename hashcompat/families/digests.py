"""Unsalted hex digests: ``md5(password)`` and friends.

A bare hex digest does not say which function made it, so these schemes are never picked
without ``scheme=``; identification lists them as candidates. Hex is compared without regard to
case: exports often upper-case it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hashcompat.errors import MalformedHashError
from hashcompat.scheme import Inputs, SchemeInfo, Strength, hash_params

if TYPE_CHECKING:
    from hashlib import _Hash


@dataclass(frozen=True, slots=True)
class HexDigest:
    """``hexdigest(algorithm, password)`` stored as hex."""

    info: SchemeInfo
    function: Callable[[bytes], _Hash]
    hex_length: int

    def split(self, hash: str) -> tuple[str, str]:
        if len(hash) != self.hex_length or not self.info.matches(hash):
            raise MalformedHashError(self.info.name, f"expected {self.hex_length} hex digits")
        return "", hash.lower()

    def digest(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        return self.function(secret).hexdigest()

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        if len(hash) != self.hex_length or not self.info.matches(hash):
            raise MalformedHashError(self.info.name, f"expected {self.hex_length} hex digits")
        # Both sides are ASCII hex here, which compare_digest accepts as str.
        return hmac.compare_digest(self.function(secret).hexdigest(), hash.lower())

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        hash_params(params, {}, self.info.name)
        return self.function(secret).hexdigest()


def _hex_digest(
    name: str,
    algorithm: str,
    hex_length: int,
    *,
    aliases: tuple[str, ...],
    platforms: tuple[str, ...],
    example: str,
) -> HexDigest:
    info = SchemeInfo(
        name=name,
        summary=f"unsalted {algorithm.upper()} of the password, hex",
        aliases=aliases,
        platforms=platforms,
        pattern=f"[0-9a-fA-F]{{{hex_length}}}",
        strength=Strength.BROKEN,
        can_hash=True,
        example=example,
    )
    return HexDigest(info, getattr(hashlib, algorithm), hex_length)


SCHEMES = (
    _hex_digest(
        "md5",
        "md5",
        32,
        aliases=("raw_md5", "hex_md5", "drupal6", "phpbb2", "joomla1"),
        platforms=("Drupal 6", "phpBB 2", "Joomla 1.0", "WordPress < 2.5", "custom PHP"),
        example="5f4dcc3b5aa765d61d8327deb882cf99",
    ),
    _hex_digest(
        "sha1",
        "sha1",
        40,
        aliases=("raw_sha1", "hex_sha1"),
        platforms=("custom PHP",),
        example="5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
    ),
    _hex_digest(
        "sha256",
        "sha256",
        64,
        aliases=("raw_sha256", "hex_sha256"),
        platforms=("custom PHP",),
        example="5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
    ),
)
