"""The text of a layout read into typed fields, and checked against what the formula yields.

A layout is literal text with fields::

    {hash}            the formula's output as text (hex is matched without regard to case)
    {salt}            the salt, as text            {salt:8}    exactly 8 characters of salt
    {salt:hex}        the salt's bytes, hex        {salt:b64}  the salt's bytes, base64
    {b64:hash+salt}   base64 of the raw digest followed by the salt bytes (LDAP {SSHA})
    {b64:salt+hash}   base64 of the salt bytes followed by the raw digest

Any other braces are literal text (``{SSHA}``); ``{{`` is a literal ``{``. A form holds a
digest field (``{hash}`` or a group) and at most one salt field, so at most two fields vary in
width, which is what lets :mod:`.split` take any form apart by slicing.

The field records are :class:`~hashcompat.formula._record.Record` classes, not dataclasses (nor
named tuples): every platforms.toml row reads its layout on the first verify of any formula
scheme, and five slotted dataclasses cost that cold start about 5 ms to define (five named
tuples about 0.5 ms).
"""

from __future__ import annotations

from enum import Enum

from hashcompat.errors import FormulaSyntaxError
from hashcompat.formula._functions import Encoding, Out
from hashcompat.formula._record import Record

__all__ = [
    "Field",
    "Form",
    "GroupField",
    "GroupOrder",
    "HashField",
    "Literal",
    "SaltField",
    "SaltForm",
    "read_form",
]

# the fields' names but {salt:N}; read with str methods, not a regular expression (one less
# pattern to compile on a cold start, and no match tried at every character of the layout)
_NAMES = frozenset({"hash", "salt", "salt:hex", "salt:b64", "b64:hash+salt", "b64:salt+hash"})


class SaltForm(Enum):
    """How a layout stores the salt."""

    TEXT = "text"  # as typed: {salt}, {salt:8}
    HEX = "hex"  # its bytes in hex: {salt:hex}
    B64 = "b64"  # its bytes in padded base-64: {salt:b64}
    GROUP = "group"  # inside one base-64 group with the raw digest: {b64:hash+salt}


class GroupOrder(Enum):
    """Which comes first inside a ``{b64:...}`` group."""

    HASH_SALT = "hash+salt"
    SALT_HASH = "salt+hash"


class Literal(Record):
    """Literal text of the form (``{{`` read as ``{``)."""

    __slots__ = ("text",)
    __match_args__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        object.__setattr__(self, "text", text)


class HashField(Record):
    """``{hash}``: the formula's output as text, in the encoding the formula yields."""

    __slots__ = ("out",)
    __match_args__ = ("out",)
    out: Out

    def __init__(self, out: Out) -> None:
        object.__setattr__(self, "out", out)


class SaltField(Record):
    """``{salt}``, ``{salt:N}``, ``{salt:hex}`` or ``{salt:b64}``."""

    __slots__ = ("form", "width")
    __match_args__ = ("form", "width")
    form: SaltForm
    width: int | None  # {salt:N}

    def __init__(self, form: SaltForm, width: int | None = None) -> None:
        object.__setattr__(self, "form", form)
        object.__setattr__(self, "width", width)


class GroupField(Record):
    """``{b64:hash+salt}`` or ``{b64:salt+hash}``: a raw digest of ``digest_size`` bytes and a
    salt of at least one byte, base-64 encoded together."""

    __slots__ = ("digest_size", "order")
    __match_args__ = ("order", "digest_size")
    order: GroupOrder
    digest_size: int

    def __init__(self, order: GroupOrder, digest_size: int) -> None:
        object.__setattr__(self, "order", order)
        object.__setattr__(self, "digest_size", digest_size)


Field = Literal | HashField | SaltField | GroupField


class Form(Record):
    """One form of a layout: its fields in order, adjacent literals merged."""

    __slots__ = ("fields", "text")
    __match_args__ = ("text", "fields")
    text: str
    fields: tuple[Field, ...]

    def __init__(self, text: str, fields: tuple[Field, ...]) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "fields", fields)

    @property
    def salt(self) -> SaltForm | None:
        for field in self.fields:
            if isinstance(field, SaltField):
                return field.form
            if isinstance(field, GroupField):
                return SaltForm.GROUP
        return None


def read_form(text: str, out: Out) -> Form:
    """The fields of one form of a layout, for a formula yielding ``out``."""
    fields: list[Field] = []
    pos = 0
    while pos < len(text):
        if text.startswith("{{", pos):
            _literal(fields, "{")
            pos += 2
            continue
        name = _field_name(text, pos)
        if name is None:
            _literal(fields, text[pos])
            pos += 1
            continue
        field = _field(name, out, text, pos)
        if any(type(f) is not Literal for f in fields) and (
            isinstance(field, GroupField)
            or any(type(f) in (type(field), GroupField) for f in fields)
        ):
            raise FormulaSyntaxError(f"field {{{name}}} repeats a part", text, pos)
        fields.append(field)
        pos += len(name) + 2
    if not any(isinstance(f, (HashField, GroupField)) for f in fields):
        raise FormulaSyntaxError("a layout needs a {hash} field", text, len(text))
    return Form(text, tuple(fields))


def _field_name(text: str, pos: int) -> str | None:
    """The name of the field whose ``{`` is at ``pos`` (``hash``, ``salt:8``...), or None when
    the text there is literal."""
    if text[pos] != "{":
        return None
    close = text.find("}", pos + 1)
    name = text[pos + 1 : close] if close > 0 else ""
    if name in _NAMES:
        return name
    width = name[5:] if name.startswith("salt:") else ""
    return name if 1 <= len(width) <= 4 and width.isdecimal() else None  # \d{1,4}


def _literal(fields: list[Field], text: str) -> None:
    last = fields[-1] if fields else None
    if isinstance(last, Literal):
        fields[-1] = Literal(last.text + text)
    else:
        fields.append(Literal(text))


def _field(name: str, out: Out, text: str, position: int) -> Field:
    if name == "hash":
        if out.encoding is Encoding.RAW:
            raise FormulaSyntaxError(
                "{hash} needs text: wrap the formula in hex() or base64(), or use {b64:hash+salt}",
                text,
                position,
            )
        return HashField(out)
    if name.startswith("b64:"):
        if out.encoding is not Encoding.RAW or out.length is None:
            raise FormulaSyntaxError(
                f"{{{name}}} needs a formula giving raw bytes of fixed length, "
                "such as sha1_raw($pass.$salt)",
                text,
                position,
            )
        return GroupField(GroupOrder(name[4:]), out.length)
    _, _, kind = name.partition(":")
    if kind in ("hex", "b64"):
        return SaltField(SaltForm(kind))
    return SaltField(SaltForm.TEXT, int(kind) if kind else None)
