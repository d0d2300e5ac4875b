"""Layouts compiled to specialised splitters when a formula is registered.

The common layouts get a closure that does only their own checks: ``{SSHA}{b64:hash+salt}``
is a ``startswith``, a padding test and one base-64 decode; ``*{hash}`` a ``startswith`` and a
``strip``; ``md5${salt}${hash}`` two slices and a ``strip``. Any other layout uses the general
slicing splitter (:meth:`Layout.parse`). tests/formula/test_layout_split.py proves each accepts
exactly what the layout's regex matches.
"""

from __future__ import annotations

import binascii
from collections.abc import Callable

from hashcompat.formula.layout import Layout, Part
from hashcompat.params import Params
from hashcompat.primitives import B64
from hashcompat.scheme import Costs, Parsed

__all__ = ["Splitter", "splitter"]

Splitter = Callable[[str], Parsed | None]
_B64_CHARS = B64.rstrip("=")


def splitter(layout: Layout, costs: Costs, params: Params | None = None) -> Splitter:
    """The fastest splitter for ``layout`` that is exactly equivalent to its regex."""
    parts = layout.parts
    if parts is not None and not layout.others:
        kinds = tuple(p.kind for p in parts)
        head = parts[0].text if kinds[0] == "lit" else ""
        rest = parts[1:] if head else parts
        shape = kinds[1:] if head else kinds
        if shape == ("group",):
            return _group(head, rest[0], layout, costs, params)
        if shape == ("hash",) and rest[0].width is not None and rest[0].regex is None:
            return _hash(head, rest[0], costs, params)
        if shape == ("hash",) and rest[0].regex is not None:
            return _whole(head, rest[0].regex.fullmatch, costs, params)
        if shape == ("salt", "lit", "hash") and _plain_salt(rest[0]) and _fixed_hash(rest[2]):
            return _salt_then_hash(head, rest[1].text, rest[2], layout, costs, params=params)
    return lambda stored: layout.parse(stored, costs, params)


def _plain_salt(part: Part) -> bool:
    return part.width is None and part.chars is None and not part.padded and part.least == 0


def _fixed_hash(part: Part) -> bool:
    return part.width is not None and part.regex is None


def _group(head: str, part: Part, layout: Layout, costs: Costs, params: Params | None) -> Splitter:
    start = len(head)
    need = part.min_bytes
    size = layout.digest_size or 0
    hash_first = "b64:hash+salt" in layout.fields

    def split(stored: str) -> Parsed | None:
        if not stored.startswith(head):
            return None
        piece = stored[start:]
        length = len(piece)
        body = piece.rstrip("=")
        pad = length - len(body)
        if length % 4 or pad > 2 or body.strip(_B64_CHARS) or length // 4 * 3 - pad < need:
            return None
        blob = binascii.a2b_base64(piece)
        if hash_first:
            return Parsed(blob[:size], blob[size:], "", costs, params)
        return Parsed(blob[-size:], blob[:-size], "", costs, params)

    return split


def _hash(head: str, part: Part, costs: Costs, params: Params | None) -> Splitter:
    start = len(head)
    total = start + (part.width or 0)
    chars = part.chars

    def split(stored: str) -> Parsed | None:
        if len(stored) != total or not stored.startswith(head):
            return None
        digest = stored[start:]
        if chars is not None and digest.strip(chars):
            return None
        return Parsed(digest, None, "", costs, params)

    return split


def _whole(
    head: str, match: Callable[[str, int], object], costs: Costs, params: Params | None
) -> Splitter:
    """A literal start, then a hash with its own small pattern (a bcrypt string)."""
    start = len(head)

    def split(stored: str) -> Parsed | None:
        if not stored.startswith(head) or not match(stored, start):
            return None
        return Parsed(stored[start:], None, "", costs, params)

    return split


def _salt_then_hash(
    head: str, middle: str, part: Part, layout: Layout, costs: Costs, *, params: Params | None
) -> Splitter:
    start = len(head)
    width = part.width or 0
    tail = len(middle) + width
    chars = part.chars
    text_salt = layout.salt == "text"

    def split(stored: str) -> Parsed | None:
        end = len(stored) - tail
        if end < start or not stored.startswith(head) or not stored.startswith(middle, end):
            return None
        digest = stored[end + len(middle) :]
        if chars is not None and digest.strip(chars):
            return None
        salt_text = stored[start:end]
        salt = salt_text.encode("utf-8", "surrogateescape") if text_salt else None
        return Parsed(digest, salt, salt_text, costs, params)

    return split
