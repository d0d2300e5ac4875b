"""A form as a regular expression: the scheme's pattern, which identification matches.

Verification never runs it (:mod:`.split` takes strings apart); identification's index reads
it for the literal head, the alphabet and the length of the strings a formula scheme claims.
"""

from __future__ import annotations

import re

from hashcompat._primitives import B64_CLASS as _B64
from hashcompat.formula._functions import Encoding
from hashcompat.formula._layout.grammar import (
    Field,
    Form,
    GroupField,
    HashField,
    Literal,
    SaltForm,
)

__all__ = ["BCRYPT", "pattern"]

BCRYPT = r"\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}"
_HASH_CLASSES = {
    Encoding.HEX: "[0-9a-fA-F]",
    Encoding.HEX_UPPER: "[0-9a-fA-F]",
    Encoding.B64: "[A-Za-z0-9+/=]",
    Encoding.TEXT: ".",
}
_PADDED = f"(?:{_B64}{{4}})*(?:{_B64}{{2}}==|{_B64}{{3}}=)?"
_SALTS = {
    SaltForm.TEXT: "(?P<salt>.*?)",
    SaltForm.HEX: "(?P<salt>(?:[0-9a-fA-F]{2})*?)",
    SaltForm.B64: f"(?P<salt>{_PADDED})",
}


def pattern(form: Form) -> str:
    """The regular expression of exactly the strings of ``form`` (with ``re.DOTALL``)."""
    return "".join(_piece(field) for field in form.fields)


def _piece(field: Field) -> str:
    if isinstance(field, Literal):
        return re.escape(field.text)
    if isinstance(field, HashField):
        return f"(?P<hash>{_hash(field)})"
    if isinstance(field, GroupField):
        return f"(?P<group>{_salted_group(field.digest_size)})"
    if field.width is not None:
        return f"(?P<salt>.{{{field.width}}})"
    return _SALTS[field.form]


def _hash(field: HashField) -> str:
    out = field.out
    if out.encoding is Encoding.BCRYPT:
        return BCRYPT
    chars = _HASH_CLASSES[out.encoding]
    if out.length is not None:
        return f"{chars}{{{out.length}}}"
    return f"{chars}*?" if chars == "." else f"{chars}+"


def _salted_group(digest_size: int) -> str:
    """Padded base-64 of at least ``digest_size`` + 1 bytes: the digest and a salt of one byte
    or more, as OpenLDAP's ``{SSHA}`` checker requires (shorter strings hold no salt)."""
    need = digest_size + 1
    full = -(-need // 3)  # groups of 4 characters, 3 bytes each, without a padded tail
    tails = []
    if (full - 1) * 3 + 2 >= need:
        tails.append(f"(?:{_B64}{{4}}){{{full - 1}}}{_B64}{{3}}=")
    if (full - 1) * 3 + 1 >= need:
        tails.append(f"(?:{_B64}{{4}}){{{full - 1}}}{_B64}{{2}}==")
    longest = f"(?:{_B64}{{4}}){{{full},}}(?:{_B64}{{2}}==|{_B64}{{3}}=)?"
    return "|".join([longest, *tails])
