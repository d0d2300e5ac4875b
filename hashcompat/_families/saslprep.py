"""SASLprep of a password exactly as PostgreSQL applies it before SCRAM (src/common/saslprep.c).

PostgreSQL departs from RFC 4013 in three ways that decide whether a login works, so this
follows the server rather than the RFC:

- a pure ASCII password is used as it is (control characters included);
- a password that is not UTF-8, or that SASLprep would refuse (a prohibited or unassigned code
  point, a bidi violation, nothing left after mapping), is used as raw bytes instead of being
  rejected;
- the prohibited, unassigned and bidi checks look at the string after the mapping step and
  before NFKC normalisation.

The tables are RFC 3454's (Unicode 3.2, Python's ``stringprep``); NFKC is ``unicodedata``'s.
Every character that passes the checks is assigned in Unicode 3.2, whose NFKC forms are stable.
"""

from __future__ import annotations

import stringprep
import unicodedata

__all__ = ["pg_saslprep"]

_PROHIBITED = (
    stringprep.in_table_c12,  # non-ASCII space (mapped to " " first, so never seen here)
    stringprep.in_table_c21_c22,  # control characters
    stringprep.in_table_c3,  # private use
    stringprep.in_table_c4,  # non-character code points
    stringprep.in_table_c5,  # surrogates
    stringprep.in_table_c6,  # inappropriate for plain text
    stringprep.in_table_c7,  # inappropriate for canonical representation
    stringprep.in_table_c8,  # change display properties / deprecated
    stringprep.in_table_c9,  # tagging characters
    stringprep.in_table_a1,  # unassigned in Unicode 3.2
)


def _refused(text: str) -> bool:
    if any(check(ch) for ch in text for check in _PROHIBITED):
        return True
    if any(stringprep.in_table_d1(ch) for ch in text):  # right-to-left characters present
        if any(stringprep.in_table_d2(ch) for ch in text):
            return True
        return not (stringprep.in_table_d1(text[0]) and stringprep.in_table_d1(text[-1]))
    return False


def pg_saslprep(secret: bytes) -> bytes:
    """The bytes PostgreSQL feeds to PBKDF2 for ``secret``."""
    if secret.isascii():
        return secret
    try:
        text = secret.decode("utf-8")
    except UnicodeDecodeError:
        return secret
    mapped = "".join(
        " " if stringprep.in_table_c12(ch) else "" if stringprep.in_table_b1(ch) else ch
        for ch in text
    )
    if not mapped or _refused(mapped):
        return secret
    return unicodedata.normalize("NFKC", mapped).encode("utf-8")
