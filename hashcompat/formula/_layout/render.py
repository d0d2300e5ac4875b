"""A form written out: the stored string for a digest and a salt (what ``hash`` and
``compose`` return)."""

from __future__ import annotations

import base64
from collections.abc import Callable

from hashcompat.formula._layout.grammar import (
    Form,
    GroupField,
    GroupOrder,
    HashField,
    Literal,
    SaltField,
    SaltForm,
)

__all__ = ["render"]


def _b64(salt: bytes) -> str:
    return base64.b64encode(salt).decode("ascii")


_ENCODE: dict[SaltForm, Callable[[bytes], str]] = {
    SaltForm.TEXT: lambda salt: salt.decode("utf-8", "surrogateescape"),
    SaltForm.HEX: bytes.hex,
    SaltForm.B64: _b64,
}


def render(form: Form, digest: str | bytes, salt: bytes | None) -> str:
    """The stored string of ``digest`` (text, or raw bytes for a group) and ``salt``."""
    salt = salt or b""
    out: list[str] = []
    for field in form.fields:
        if isinstance(field, Literal):
            out.append(field.text)
        elif isinstance(field, HashField):
            out.append(digest if isinstance(digest, str) else digest.hex())
        elif isinstance(field, GroupField):
            raw = digest if isinstance(digest, bytes) else digest.encode()
            hash_first = field.order is GroupOrder.HASH_SALT
            out.append(_b64(raw + salt if hash_first else salt + raw))
        elif isinstance(field, SaltField):
            out.append(_ENCODE[field.form](salt))
    return "".join(out)
