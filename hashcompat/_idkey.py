"""Identification keys: what a format declares about its strings so the index finds it fast.

A :class:`Key` describes one form of a format: the literal head every string of it starts
with, the alphabet of the rest, the length range, and (for a form without a head) what its
first character and its separators are. A key may accept strings the format's regex refuses,
never the reverse: the regex (or the scheme's parser) stays the final check. A key declared
``exact`` is the whole format, so a string it accepts needs no regex at all.

Each scheme declares its keys (``SchemeInfo.keys``; formula rows derive theirs from their
layout's parts). A scheme that declares none is keyed by its declared ``prefixes``, else by a
key that accepts everything. tests/core/test_idkey.py proves every built-in key accepts every
string its scheme's regex accepts.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from hashcompat._primitives import B64, C64, HEX

__all__ = ["ANY", "OPEN", "Alphabet", "Key", "keys_of", "region"]

OPEN = 1 << 30  # the high length of a form with no upper bound


class Alphabet(enum.IntEnum):
    """Character classes, narrowest first. The value is also the index's region number: the
    narrowest class that holds a whole string (:func:`region`)."""

    HEX = 0  # 0-9 a-f A-F
    CRYPT = 1  # crypt's base-64: ./0-9A-Za-z (every hex digit too)
    BASE64 = 2  # A-Za-z0-9+/=
    TEXT = 3  # anything

    @property
    def chars(self) -> str | None:
        """The characters of the class; None for TEXT (any)."""
        return _CHARS[self]


_CHARS: dict[Alphabet, str | None] = {
    Alphabet.HEX: HEX,
    Alphabet.CRYPT: C64,
    Alphabet.BASE64: B64,
    Alphabet.TEXT: None,
}
_REGIONS = tuple(Alphabet)


def region(text: str) -> Alphabet:
    """The narrowest class that holds all of ``text`` (``str.strip`` tests, which run in C)."""
    if not text.strip(HEX):
        return Alphabet.HEX
    if not text.strip(C64):
        return Alphabet.CRYPT
    if not text.strip(B64):
        return Alphabet.BASE64
    return Alphabet.TEXT


class Key(NamedTuple):
    """One form of a format, as identification needs to know it. (A named tuple: immutable and
    typed as a frozen dataclass, and a fraction of its cost on the import and the first lookup
    that build every built-in's keys.)

    ``head``: literal text every string of the form starts with ("" when none).
    ``alphabet``: the class of every character after the head.
    ``low``, ``high``: the length of the whole string (``high`` is :data:`OPEN` when unbounded).
    ``start``: for a form without a head, a narrower class its first character belongs to
    (a hex digest before a ``:salt``); None when it is the alphabet.
    ``marks``: characters every string of the form holds somewhere (the ``:`` of ``hex:salt``).
    ``exact``: every string the key accepts is of the format, so the regex need not run.
    """

    head: str = ""
    alphabet: Alphabet = Alphabet.TEXT
    low: int = 0
    high: int = OPEN
    start: Alphabet | None = None
    marks: str = ""
    exact: bool = False

    @classmethod
    def fixed(cls, alphabet: Alphabet, length: int, *, exact: bool = False) -> Key:
        """A headless form of ``length`` characters of ``alphabet`` (a hex digest)."""
        return cls("", alphabet, length, length, exact=exact)

    def accepts(self, text: str) -> bool:
        """Whether ``text`` can be of this form (what the index assumes of it)."""
        if not (self.low <= len(text) <= self.high and text.startswith(self.head)):
            return False
        rest = text[len(self.head) :]
        chars = self.alphabet.chars
        if chars is not None and rest.strip(chars):
            return False
        if not self.head and self.start is not None and rest:
            first = self.start.chars
            if first is not None and rest[0] not in first:
                return False
        return all(mark in text for mark in self.marks)

    def may_start(self, char: str) -> bool:
        """Whether a string of the form may start with ``char`` ("" always may)."""
        if not char:
            return True
        if self.head:
            return char == self.head[0]
        chars = (self.alphabet if self.start is None else self.start).chars
        return chars is None or char in chars

    def regions(self) -> tuple[Alphabet, ...]:
        """The regions (:func:`region`) a string of the form can fall in (every region for a
        form with a head: the index finds those by their head)."""
        if self.head:
            return _REGIONS
        found = []
        for where in _REGIONS:
            chars = where.chars
            if where > self.alphabet or (chars is not None and self.marks.strip(chars)):
                continue  # wider than the alphabet, or a mark it cannot hold
            found.append(where)
        return tuple(found)

    def proves(self) -> tuple[Alphabet, ...]:
        """The regions where the key alone decides: every string of a length in range is of
        the form (an exact key, and the region's class inside the alphabet)."""
        if not self.exact or self.head or self.start is not None or self.marks:
            return ()
        inside = self.alphabet.chars
        return tuple(
            where
            for where in self.regions()
            if inside is None or (where.chars is not None and not where.chars.strip(inside))
        )


ANY = Key()  # a form the index knows nothing about: its regex runs on every string


def keys_of(keys: tuple[Key, ...], prefixes: tuple[str, ...]) -> tuple[Key, ...]:
    """A scheme's keys: those it declares, else one per declared prefix, else :data:`ANY`."""
    if keys:
        return keys
    if prefixes:
        return tuple(Key(prefix) for prefix in prefixes)
    return (ANY,)
