"""Perl's Crypt::ScryptKDF strings: ``SCRYPT:N:r:p:base64(salt):base64(key)``.

``scrypt_hash`` of the CPAN module writes the cost fields in decimal and the salt and derived
key in standard base64 with padding; the key's length is whatever the caller asked (32 bytes
by default). John the Ripper reads the same values as ``$ScryptKDF.pm$N*r*p*salt*key``
(hashcompat's ``--syntax john`` turns that back into this string). scrypt runs through
_families/kdf.py, so N, r and p are capped before any work. Vectors: John the Ripper's
scrypt_fmt.c test data (tests/vectors/cisco_kdf.jsonl, beside the other scrypt strings).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from hashcompat._families.kdf import capped_scrypt, scrypt_costs
from hashcompat.errors import MalformedHashError
from hashcompat.params import Scrypt
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength, equal

_TAIL = r"(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)"
_SALT = rf"(?:[A-Za-z0-9+/]{{4}})*{_TAIL}?"  # padded base64, possibly empty
_KEY = rf"(?:[A-Za-z0-9+/]{{4}})*(?:[A-Za-z0-9+/]{{4}}|{_TAIL})"  # padded base64, not empty
_PATTERN = rf"SCRYPT:(\d{{1,10}}):(\d{{1,4}}):(\d{{1,4}}):({_SALT}):({_KEY})"
_REGEX = re.compile(_PATTERN)


@dataclass(frozen=True, slots=True)
class ScryptKdf(Scheme):
    info: SchemeInfo

    def match(self, hash: str) -> Parsed | None:
        found = _REGEX.fullmatch(hash)
        if found is None:
            return None
        salt = base64.b64decode(found.group(4))  # the pattern admits only padded base64
        key = base64.b64decode(found.group(5))
        n, r, p = (int(g) for g in found.group(1, 2, 3))
        # N must be a power of two and r, p >= 1: capped_scrypt says so at check time
        params = Scrypt(max(n.bit_length() - 1, 0), r, p)
        return Parsed(key, salt, f"{n}:{r}:{p}", scrypt_costs(params), params)

    def parse(self, hash: str) -> Parsed:
        parsed = self.match(hash)
        if parsed is None:
            raise MalformedHashError(self.info.name, "expected SCRYPT:N:r:p:salt:key in base64")
        return parsed

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        n, r, p = (int(v) for v in parsed.salt_text.split(":"))
        key = parsed.digest if isinstance(parsed.digest, bytes) else b""
        made = capped_scrypt(
            self.info.name, secret, parsed.salt or b"", n=n, r=r, p=p, length=len(key)
        )
        return equal(made, key)


SCHEMES = (
    ScryptKdf(
        SchemeInfo(
            name="perl_scryptkdf",
            summary="Perl Crypt::ScryptKDF: SCRYPT:N:r:p:base64 salt:base64 key",
            aliases=("scryptkdf", "crypt_scryptkdf"),
            platforms=("Perl Crypt::ScryptKDF (CPAN)", "Perl web applications"),
            prefixes=("SCRYPT:",),
            pattern=_PATTERN,
            self_describing=True,
            strength=Strength.MODERN,
            example="SCRYPT:16384:8:1:bjZkemVmZ3lWVi42:cmBflTPsqGIbg9ZIJRTQdbic8OCUH+904TFmNPBkuEA=",
            notes="N, r and p are capped (memory, p, and N*r*p work) before scrypt runs.",
        )
    ),
)
