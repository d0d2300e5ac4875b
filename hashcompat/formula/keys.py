"""A formula row's identification key, from its layout's parts.

The layout says exactly what its written form holds: literal text, and fields whose alphabet
and width follow from the formula's output (a hex digest of 32 characters, a base-64 group of
the digest and a salt, a salt of any text). The key is the literal head, the narrowest alphabet
that holds every other part, the length range, the class of the first character and the
literals every string holds (``:`` in ``{hash}:{salt}``). No regular expression is read.
"""

from __future__ import annotations

import functools

from hashcompat.formula.functions import Out
from hashcompat.formula.layout import Layout
from hashcompat.idkey import OPEN, Alphabet, Key
from hashcompat.primitives import B64, C64, HEX

__all__ = ["layout_key"]

# each alphabet with its characters and the classes it holds (hex digits are in all of them)
_CLASSES = tuple(
    (alphabet, frozenset(chars), frozenset({Alphabet.HEX, alphabet}))
    for alphabet, chars in ((Alphabet.HEX, HEX), (Alphabet.CRYPT, C64), (Alphabet.BASE64, B64))
)
_ENCODINGS = {"hex": Alphabet.HEX, "HEX": Alphabet.HEX, "b64": Alphabet.BASE64}
_BCRYPT_HEAD = "$2"  # every bcrypt string (the layout's bcrypt part) starts with it
_BCRYPT_WIDTHS = (59, 60)  # OpenBSD's original $2$ is one character shorter
_SALTS = {"hex": Alphabet.HEX, "b64": Alphabet.BASE64}


def _field(field: str, out: Out) -> tuple[Alphabet, int, int]:
    """(alphabet, fewest, most characters) of one field of the layout."""
    if field == "hash":
        if out.encoding == "bcrypt":
            return Alphabet.TEXT, *_BCRYPT_WIDTHS
        alphabet = _ENCODINGS.get(out.encoding, Alphabet.TEXT)
        if out.length is not None:
            return alphabet, out.length, out.length
        return alphabet, 0 if alphabet is Alphabet.TEXT else 1, OPEN
    if field.startswith("b64:"):  # the digest and a salt of one byte or more, padded base-64
        need = (out.length or 0) + 1
        return Alphabet.BASE64, -(-need // 3) * 4, OPEN
    _, _, kind = field.partition(":")
    if kind.isdigit():
        return Alphabet.TEXT, int(kind), int(kind)
    return _SALTS.get(kind, Alphabet.TEXT), 0, OPEN


def _narrowest(chars: set[str], classes: set[Alphabet]) -> Alphabet:
    """The narrowest alphabet that holds the literal ``chars`` and every class in ``classes``
    (hex digits are in each of the others)."""
    for alphabet, members, holds in _CLASSES:
        if classes <= holds and chars <= members:
            return alphabet
    return Alphabet.TEXT


def layout_key(layout: Layout, out: Out) -> Key:
    """The key of ``layout``'s written form for a formula whose output is ``out``."""
    return _key(layout.literals, layout.fields, out)


@functools.lru_cache(maxsize=256)  # the built-in rows share a few layouts
def _key(literals: tuple[str | None, ...], names: tuple[str, ...], out: Out) -> Key:
    parts: list[tuple[str | None, str]] = []  # (literal, "") or (None, field)
    fields = iter(names)
    for literal in literals:
        parts.append((literal, "") if literal is not None else (None, next(fields)))
    head = ""
    if parts and parts[0][0] is not None:
        head = parts.pop(0)[0] or ""
    bcrypt_first = bool(parts) and parts[0][1] == "hash" and out.encoding == "bcrypt"
    low = high = len(head)
    chars: set[str] = set()
    classes: set[Alphabet] = set()
    marks = ""
    start: Alphabet | None = None
    for index, (literal, field) in enumerate(parts):
        if literal is not None:
            low, high = low + len(literal), high + len(literal)
            chars |= set(literal)
            marks += literal
            continue
        alphabet, fewest, most = _field(field, out)
        if index == 0 and not head and fewest:  # a first field never empty starts the string
            start = alphabet
        classes.add(alphabet)
        low, high = low + fewest, min(OPEN, high + most)
    if bcrypt_first and not head:
        head, start = _BCRYPT_HEAD, None  # the bcrypt field's width already counts it
    exact = (
        not head
        and len(parts) == 1
        and parts[0][1] == "hash"
        and out.length is not None
        and out.encoding in ("hex", "HEX", "b64", "text")
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
