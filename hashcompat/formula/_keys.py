"""A formula row's identification key, from its layout's parts.

The layout says exactly what its written form holds: literal text, and fields whose alphabet
and width follow from the formula's output (a hex digest of 32 characters, a base-64 group of
the digest and a salt, a salt of any text). The key is the literal head, the narrowest alphabet
that holds every other part, the length range, the class of the first character and the
literals every string holds (``:`` in ``{hash}:{salt}``). No regular expression is read.
"""

from __future__ import annotations

import functools

from hashcompat._idkey import OPEN, Alphabet, Key
from hashcompat._primitives import B64, C64, HEX
from hashcompat.formula._functions import Encoding, Out
from hashcompat.formula._layout import Layout
from hashcompat.formula._layout.grammar import Field, GroupField, HashField, Literal, SaltForm

__all__ = ["layout_key"]

# each alphabet with its characters and the classes it holds (hex digits are in all of them)
_CLASSES = tuple(
    (alphabet, frozenset(chars), frozenset({Alphabet.HEX, alphabet}))
    for alphabet, chars in ((Alphabet.HEX, HEX), (Alphabet.CRYPT, C64), (Alphabet.BASE64, B64))
)
_ENCODINGS = {
    Encoding.HEX: Alphabet.HEX,
    Encoding.HEX_UPPER: Alphabet.HEX,
    Encoding.B64: Alphabet.BASE64,
}
_BCRYPT_HEAD = "$2"  # every bcrypt string (the layout's bcrypt part) starts with it
_BCRYPT_WIDTHS = (59, 60)  # OpenBSD's original $2$ is one character shorter
_SALTS = {SaltForm.HEX: Alphabet.HEX, SaltForm.B64: Alphabet.BASE64}
_EXACT = frozenset({Encoding.HEX, Encoding.HEX_UPPER, Encoding.B64, Encoding.TEXT})


def _field(field: Field, out: Out) -> tuple[Alphabet, int, int]:
    """(alphabet, fewest, most characters) of one field of the layout."""
    if isinstance(field, HashField):
        if out.encoding is Encoding.BCRYPT:
            return Alphabet.TEXT, *_BCRYPT_WIDTHS
        alphabet = _ENCODINGS.get(out.encoding, Alphabet.TEXT)
        if out.length is not None:
            return alphabet, out.length, out.length
        return alphabet, 0 if alphabet is Alphabet.TEXT else 1, OPEN
    if isinstance(field, GroupField):  # the digest and a salt of one byte or more, padded
        need = field.digest_size + 1
        return Alphabet.BASE64, -(-need // 3) * 4, OPEN
    assert not isinstance(field, Literal)  # noqa: S101 - the caller takes literals
    if field.width is not None:
        return Alphabet.TEXT, field.width, field.width
    return _SALTS.get(field.form, Alphabet.TEXT), 0, OPEN


def _narrowest(chars: set[str], classes: set[Alphabet]) -> Alphabet:
    """The narrowest alphabet that holds the literal ``chars`` and every class in ``classes``
    (hex digits are in each of the others)."""
    for alphabet, members, holds in _CLASSES:
        if classes <= holds and chars <= members:
            return alphabet
    return Alphabet.TEXT


def layout_key(layout: Layout, out: Out) -> Key:
    """The key of ``layout``'s written form for a formula whose output is ``out``."""
    return _key(layout.forms[0].fields, out)


@functools.lru_cache(maxsize=256)  # the built-in rows share a few layouts
def _key(fields: tuple[Field, ...], out: Out) -> Key:
    parts = list(fields)
    head = ""
    if parts and isinstance(parts[0], Literal):
        head = parts.pop(0).text  # type: ignore[union-attr]
    bcrypt_first = (
        bool(parts) and isinstance(parts[0], HashField) and out.encoding is Encoding.BCRYPT
    )
    low = high = len(head)
    chars: set[str] = set()
    classes: set[Alphabet] = set()
    marks = ""
    start: Alphabet | None = None
    for index, part in enumerate(parts):
        if isinstance(part, Literal):
            low, high = low + len(part.text), high + len(part.text)
            chars |= set(part.text)
            marks += part.text
            continue
        alphabet, fewest, most = _field(part, out)
        if index == 0 and not head and fewest:  # a first field never empty starts the string
            start = alphabet
        classes.add(alphabet)
        low, high = low + fewest, min(OPEN, high + most)
    if bcrypt_first and not head:
        head, start = _BCRYPT_HEAD, None  # the bcrypt field's width already counts it
    exact = (
        not head
        and len(parts) == 1
        and isinstance(parts[0], HashField)
        and out.length is not None
        and out.encoding in _EXACT
    )
    alphabet = _narrowest(chars, classes)
    return Key(
        head,
        alphabet,
        low,
        high,
        start if start is not None and start != alphabet else None,
        "".join(dict.fromkeys(marks)),
        exact,
    )
