"""Cisco IOS type 8 (``$8$``, PBKDF2-SHA256) and type 9 (``$9$``, scrypt) secrets.

``enable algorithm-type sha256 secret`` and ``algorithm-type scrypt`` write ``$8$`` or ``$9$``,
14 characters of salt, ``$`` and 43 characters: the 32-byte key in base64 over the crypt
alphabet (``./0-9A-Za-z`` in place of ``A-Za-z0-9+/``, no padding). The salt is used as the
text it is. Type 8 is PBKDF2-HMAC-SHA256 with 20,000 iterations; type 9 is scrypt with
N=16384, r=1, p=1. Both are fixed by the device, so the strings carry no cost. Vectors:
John the Ripper's and hashcat's test data, and Cisco's published examples
(tests/vectors/cisco_kdf.jsonl).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from hashcompat._families.kdf import capped_pbkdf2, capped_scrypt
from hashcompat.errors import MalformedHashError
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength, equal

_STANDARD = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_CRYPT = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_FROM_CRYPT = bytes.maketrans(_CRYPT, _STANDARD)
_TO_CRYPT = bytes.maketrans(_STANDARD, _CRYPT)
_H64 = "[./0-9A-Za-z]"


def decode(text: str) -> bytes:
    """43 characters of Cisco's base64 to the 32-byte key."""
    return base64.b64decode(text.encode("ascii").translate(_FROM_CRYPT) + b"=")


def encode(key: bytes) -> str:
    return base64.b64encode(key).translate(_TO_CRYPT).decode("ascii").rstrip("=")


@dataclass(frozen=True, slots=True)
class CiscoKdf(Scheme):
    """One of the two types; ``kind`` is "pbkdf2" or "scrypt"."""

    info: SchemeInfo
    kind: str
    _regex: re.Pattern[str]

    def match(self, hash: str) -> Parsed | None:
        if self._regex.fullmatch(hash) is None:
            return None
        return Parsed(hash[18:], hash[3:17].encode("ascii"), hash[3:17])

    def parse(self, hash: str) -> Parsed:
        parsed = self.match(hash)
        if parsed is None:
            raise MalformedHashError(self.info.name, "the string does not have this format")
        return parsed

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        salt = parsed.salt or b""
        if self.kind == "pbkdf2":
            key = capped_pbkdf2(self.info.name, "sha256", secret, salt, 20_000, length=32)
        else:
            key = capped_scrypt(self.info.name, secret, salt, n=16384, r=1, p=1, length=32)
        return equal(encode(key), parsed.digest)


def _scheme(type_: int, kind: str, summary: str, example: str) -> CiscoKdf:
    pattern = rf"\${type_}\${_H64}{{14}}\${_H64}{{43}}"
    info = SchemeInfo(
        name=f"cisco_type{type_}",
        summary=summary,
        aliases=(f"cisco{type_}", f"cisco_ios_type{type_}"),
        platforms=("Cisco IOS / IOS XE", "Cisco NX-OS", "network device configuration exports"),
        prefixes=(f"${type_}$",),
        pattern=pattern,
        self_describing=True,
        strength=Strength.LEGACY_OK if kind == "pbkdf2" else Strength.MODERN,
        example=example,
        notes="The cost is fixed by the device (type 8: 20,000 PBKDF2 iterations; type 9: scrypt "
        "N=16384, r=1, p=1).",
    )
    return CiscoKdf(info, kind, re.compile(pattern))


SCHEMES = (
    _scheme(
        8,
        "pbkdf2",
        "Cisco IOS type 8: PBKDF2-HMAC-SHA256, 20,000 iterations ($8$)",
        "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs",
    ),
    _scheme(
        9,
        "scrypt",
        "Cisco IOS type 9: scrypt N=16384, r=1, p=1 ($9$)",
        "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM",
    ),
)
