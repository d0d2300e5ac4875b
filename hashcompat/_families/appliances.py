"""Password checks kept by network appliances and their management software.

- SolarWinds Orion's Accounts table: SHA-512 of a 1,024-byte PBKDF2-HMAC-SHA1 key (1,000
  rounds), salted with the account name's first 8 characters, padded with "1244352345234" when
  shorter. John the Ripper and hashcat write it as ``$solarwinds$0$<name>$<base64 digest>``
  (the extractor puts the name, lower-cased, in the line); that string is what this reads.
- Dahua cameras and recorders: MD5 of the password folded into 8 characters of a 62-letter
  alphabet (each character is two digest bytes summed, mod 62). Nothing marks the string, so it
  is identified by shape alone (with both cases of letters, so plaintext is not taken for it)
  and ranked after every scheme that also fits.

Vectors: hashcat's test modules m21500 and m24900 and John the Ripper's solarwinds and dahua
format tests (tests/vectors/picked.jsonl, made by tests/vectors/make_picked.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
import string
from dataclasses import dataclass

from hashcompat._idkey import Alphabet, Key
from hashcompat.errors import MalformedHashError
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength, equal

_ORION_PAD = "1244352345234"
_ORION_PATTERN = r"\$solarwinds\$0\$([^$:]{0,256})\$([A-Za-z0-9+/]{86}==)"
_ORION = re.compile(_ORION_PATTERN)
_ITOA62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
_DAHUA = re.compile("[0-9A-Za-z]{8}")
# Identified only with both cases of letters, as 97% of device strings have ((36/62)^8 lack
# each): a plaintext column's "password" or "admin123" is not taken for one
_DAHUA_PATTERN = "(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z])[0-9A-Za-z]{8}"


@dataclass(frozen=True, slots=True)
class SolarWindsOrion(Scheme):
    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        found = _ORION.fullmatch(hash)
        if found is None:
            raise MalformedHashError(
                self.info.name, "expected $solarwinds$0$<account>$<88 characters of base64>"
            )
        name = found.group(1)
        salt = (name[:8] + _ORION_PAD)[:8]
        return Parsed(base64.b64decode(found.group(2)), salt.encode("utf-8"), name)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        key = hashlib.pbkdf2_hmac("sha1", secret, parsed.salt or b"", 1000, 1024)
        return equal(hashlib.sha512(key).digest(), parsed.digest)


@dataclass(frozen=True, slots=True)
class DahuaMd5(Scheme):
    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        if _DAHUA.fullmatch(hash) is None:
            raise MalformedHashError(self.info.name, "expected 8 letters and digits")
        return Parsed(hash)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        digest = hashlib.md5(secret).digest()  # the device's own format
        folded = "".join(_ITOA62[(digest[i] + digest[i + 1]) % 62] for i in range(0, 16, 2))
        return equal(folded, parsed.digest)


SCHEMES = (
    SolarWindsOrion(
        SchemeInfo(
            name="solarwinds_orion",
            summary="SolarWinds Orion: SHA-512 of PBKDF2-HMAC-SHA1 (1,000 rounds, 1,024 bytes)",
            aliases=("solarwinds",),
            platforms=("SolarWinds Orion (Accounts table)",),
            prefixes=("$solarwinds$0$",),
            pattern=_ORION_PATTERN,
            self_describing=True,
            strength=Strength.WEAK,
            example="$solarwinds$0$admin$5BqFpldsj5H9nbkkLjB+Cdi7WCXiUp5zBpO9Xs7/MKnnQAI0IE9gH+"
            "58LlS7/+a/7x1wWScI2iCGEtukgTiNeA==",
            notes="The line as John and hashcat write it: the account name, lower-cased, is the "
            "salt (its first 8 characters).",
        )
    ),
    DahuaMd5(
        SchemeInfo(
            name="dahua_md5",
            summary="Dahua devices: MD5 folded into 8 characters",
            aliases=("dahua",),
            platforms=("Dahua IP cameras and recorders",),
            pattern=_DAHUA_PATTERN,
            keys=(Key.fixed(Alphabet.CRYPT, 8),),  # letters and digits, both cases required
            strength=Strength.BROKEN,
            example="mF95aD4o",
        )
    ),
)
