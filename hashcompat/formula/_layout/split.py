"""A layout compiled to the one function that takes its strings apart: slicing and ``str.strip``
tests, no regular expression (bar bcrypt's own small pattern).

A form is ``L0 F1 [L1 F2] L2``: literals around one or two fields (grammar: one digest field, at
most one salt). A field of fixed width is sliced where it must sit; one that varies takes what
the others leave. Where both vary (a text salt beside a text digest), the first takes the
widths its pattern would try, shortest first for a lazy field and longest first for a greedy
one, so a string is split where the scheme's pattern (:mod:`.pattern`) splits it, and accepted
exactly when the pattern matches it.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable

from hashcompat._primitives import B64, HEX
from hashcompat.formula._functions import Encoding
from hashcompat.formula._layout.grammar import (
    Field,
    Form,
    GroupField,
    GroupOrder,
    HashField,
    Literal,
    SaltField,
    SaltForm,
)
from hashcompat.formula._layout.pattern import BCRYPT
from hashcompat.params import Params
from hashcompat.scheme import Costs, Parsed

__all__ = ["Splitter", "form_splitter"]

Splitter = Callable[[str], Parsed | None]
Fits = Callable[[str], bool]
_B64_CHARS = B64.rstrip("=")


class _Span:
    """Which texts a field accepts: only ``chars`` (None: any) that pass ``fits`` (None: all),
    of a fixed ``width`` or of ``least`` to ``most`` characters. (A plain class: cheaper than
    a dataclass, or a named tuple, to define on a cold start.)"""

    __slots__ = ("chars", "fits", "greedy", "least", "most", "width")

    def __init__(
        self,
        chars: str | None = None,
        fits: Fits | None = None,
        *,
        width: int | None = None,
        least: int = 0,
        most: int | None = None,
        greedy: bool = False,
    ) -> None:
        self.chars = chars
        self.fits = fits
        self.width = width
        self.least = least
        self.most = most
        self.greedy = greedy


def _even(piece: str) -> bool:
    return len(piece) % 2 == 0


def _padded(least_bytes: int) -> Fits:
    """Padded base-64 (``=`` only at the end, at most two) of at least ``least_bytes``."""

    def fits(piece: str) -> bool:
        size = len(piece)
        body = piece.rstrip("=")
        pad = size - len(body)
        return not (size % 4 or pad > 2 or body.strip(_B64_CHARS)) and (
            size // 4 * 3 - pad >= least_bytes
        )

    return fits


def _span(field: Field) -> _Span:
    if isinstance(field, SaltField):
        return _salt_span(field)
    assert isinstance(field, HashField)  # noqa: S101 - literals and groups are not spans
    out = field.out
    if out.encoding is Encoding.BCRYPT:  # 60 characters, 59 for OpenBSD's original $2$
        match = re.compile(BCRYPT).fullmatch
        return _Span(fits=lambda piece: match(piece) is not None, least=59, most=60, greedy=True)
    if out.encoding is Encoding.TEXT:
        return _Span(width=out.length)
    chars = B64 if out.encoding is Encoding.B64 else HEX
    return _Span(chars, width=out.length, least=1, greedy=True)


def _salt_span(field: SaltField) -> _Span:
    if field.width is not None:
        return _Span(width=field.width)
    if field.form is SaltForm.HEX:
        return _Span(HEX, _even)
    if field.form is SaltForm.B64:
        return _Span(fits=_padded(0), greedy=True)
    return _Span()


def _width(span: _Span) -> int:
    """The fixed width, or the fewest characters of a field that varies."""
    return span.least if span.width is None else span.width


def _group(head: str, field: GroupField, tail: str, extra: tuple[Costs, Params | None]) -> Splitter:
    """``head``, a base-64 group ({SSHA}{b64:hash+salt}), ``tail``: the digest and the salt."""
    start, end = len(head), len(tail)
    size, need = field.digest_size, field.digest_size + 1
    hash_first = field.order is GroupOrder.HASH_SALT
    costs, params = extra

    def group(stored: str) -> Parsed | None:
        if not stored.startswith(head) or (end and not stored.endswith(tail)):
            return None
        piece = stored[start : len(stored) - end]
        length = len(piece)
        body = piece.rstrip("=")
        pad = length - len(body)
        if length % 4 or pad > 2 or body.strip(_B64_CHARS) or length // 4 * 3 - pad < need:
            return None
        blob = binascii.a2b_base64(piece)
        if hash_first:
            return Parsed(blob[:size], blob[size:], "", costs, params)
        return Parsed(blob[-size:], blob[:-size], "", costs, params)

    return group


_DECODE: dict[SaltForm, Callable[[str], bytes] | None] = {
    SaltForm.TEXT: None,  # str.encode, inline
    SaltForm.HEX: binascii.unhexlify,  # checked: an even count of hex digits
    SaltForm.B64: binascii.a2b_base64,  # checked: padded base-64
}


def form_splitter(form: Form, costs: Costs, params: Params | None) -> Splitter:
    """The splitter of one form: its Parsed for exactly the strings of its pattern."""
    fields = form.fields
    head = fields[0].text if isinstance(fields[0], Literal) else ""
    tail = fields[-1].text if len(fields) > 1 and isinstance(fields[-1], Literal) else ""
    inner = fields[(1 if head else 0) : (len(fields) - 1 if tail else len(fields))]
    values = tuple(f for f in inner if not isinstance(f, Literal))
    if len(values) == 1:
        field = values[0]
        if isinstance(field, GroupField):
            return _group(head, field, tail, (costs, params))
        return _one(head, _span(field), tail, (costs, params))
    salt = next(f for f in values if isinstance(f, SaltField))
    middle = inner[1].text if len(inner) == 3 and isinstance(inner[1], Literal) else ""
    spans = (_span(values[0]), _span(values[1]))
    hash_first = isinstance(values[0], HashField)
    return _two(head, spans, middle, tail, (hash_first, _DECODE[salt.form], costs, params))


def _one(
    head: str,
    span: _Span,
    tail: str,
    extra: tuple[Costs, Params | None],
) -> Splitter:
    """``head``, a digest, ``tail``."""
    start, end = len(head), len(tail)
    chars, fits = span.chars, span.fits
    costs, params = extra
    if span.width is not None and fits is None:  # {hash}, *{hash}, {SHA}{hash}: the commonest
        total = start + span.width + end

        def digest(stored: str) -> Parsed | None:
            if len(stored) != total or not stored.startswith(head):
                return None
            if end and not stored.endswith(tail):
                return None
            piece = stored[start : total - end]
            if chars is not None and piece.strip(chars):
                return None
            return Parsed(piece, None, "", costs, params)

        return digest
    exact = span.width is not None
    least = start + _width(span) + end

    def one(stored: str) -> Parsed | None:
        size = len(stored)
        if (size != least if exact else size < least) or not (
            stored.startswith(head) and stored.endswith(tail)
        ):
            return None
        piece = stored[start : size - end]
        if (chars is not None and piece.strip(chars)) or (fits is not None and not fits(piece)):
            return None
        return Parsed(piece, None, "", costs, params)

    return one


def _two(
    head: str,
    spans: tuple[_Span, _Span],
    middle: str,
    tail: str,
    build: tuple[bool, Callable[[str], bytes] | None, Costs, Params | None],
) -> Splitter:
    """``head``, a field, ``middle``, a field, ``tail``: a digest and a salt in either order
    (``build``: whether the digest comes first, the salt's decoder, costs and params)."""
    first, second = spans
    hash_first, decode, costs, params = build
    start, gap, end = len(head), len(middle), len(tail)
    c1, f1, c2, f2 = first.chars, first.fits, second.chars, second.fits

    def parsed(stored: str, cut: int) -> Parsed | None:
        """The fields when the first ends at ``cut`` (the literals around were checked)."""
        one, two = stored[start:cut], stored[cut + gap : len(stored) - end]
        if (
            (c1 is not None and one.strip(c1))
            or (f1 is not None and not f1(one))
            or (c2 is not None and two.strip(c2))
            or (f2 is not None and not f2(two))
        ):
            return None
        digest, salt = (one, two) if hash_first else (two, one)
        raw = salt.encode("utf-8", "surrogateescape") if decode is None else decode(salt)
        return Parsed(digest, raw, salt, costs, params)

    if first.width is not None or second.width is not None:  # one fixed: the cut is known
        w1, w2 = first.width, second.width
        exact = w1 is not None and w2 is not None
        least = start + _width(first) + gap + _width(second) + end
        after = gap + _width(second) + end  # from the cut to the end, when the second is fixed

        def fixed(stored: str) -> Parsed | None:
            size = len(stored)
            cut = start + w1 if w1 is not None else size - after
            if (
                (size != least if exact else size < least)
                or not stored.startswith(head)
                or not stored.startswith(middle, cut)
                or (end and not stored.endswith(tail))
            ):
                return None
            return parsed(stored, cut)

        return fixed
    floor = start + first.least + gap + second.least + end

    def search(stored: str) -> Parsed | None:
        size = len(stored)
        if size < floor or not (stored.startswith(head) and stored.endswith(tail)):
            return None
        room = size - start - gap - second.least - end  # the widest the first can be
        if first.most is not None:
            room = min(room, first.most)
        widths = range(first.least, room + 1)
        for width in reversed(widths) if first.greedy else widths:
            cut = start + width
            found = stored.startswith(middle, cut) and parsed(stored, cut)
            if found:
                return found
        return None

    return search
