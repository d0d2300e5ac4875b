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
from dataclasses import dataclass

from hashcompat.formula.functions import Encoding
from hashcompat.formula.layout.grammar import (
    Field,
    Form,
    GroupField,
    GroupOrder,
    HashField,
    Literal,
    SaltField,
    SaltForm,
)
from hashcompat.formula.layout.pattern import BCRYPT
from hashcompat.params import Params
from hashcompat.primitives import B64, HEX
from hashcompat.scheme import Costs, Parsed

__all__ = ["Splitter", "form_splitter"]

Splitter = Callable[[str], Parsed | None]
Fits = Callable[[str], bool]
_B64_CHARS = B64.rstrip("=")


@dataclass(frozen=True, slots=True)
class _Span:
    """Which texts a field accepts: only ``chars`` (None: any) that pass ``fits`` (None: all),
    of a fixed ``width`` or of ``least`` to ``most`` characters."""

    chars: str | None = None
    fits: Fits | None = None
    width: int | None = None
    least: int = 0
    most: int | None = None
    greedy: bool = False

    def accepts(self, piece: str) -> bool:
        chars, fits = self.chars, self.fits
        return not (chars is not None and piece.strip(chars)) and (fits is None or fits(piece))


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
    if isinstance(field, GroupField):
        return _Span(fits=_padded(field.digest_size + 1), greedy=True)
    if isinstance(field, SaltField):
        return _salt_span(field)
    assert isinstance(field, HashField)  # noqa: S101 - literals are not spans
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


def _maker(fields: tuple[Field, ...], costs: Costs, params: Params | None) -> Callable[..., Parsed]:
    """The Parsed of the fields' texts, in their order, the salt decoded as it is stored."""
    if len(fields) == 1:
        field = fields[0]
        if isinstance(field, GroupField):
            size = field.digest_size
            if field.order is GroupOrder.HASH_SALT:

                def hash_salt(text: str) -> Parsed:
                    blob = binascii.a2b_base64(text)  # its form was checked
                    return Parsed(blob[:size], blob[size:], "", costs, params)

                return hash_salt

            def salt_hash(text: str) -> Parsed:
                blob = binascii.a2b_base64(text)
                return Parsed(blob[-size:], blob[:-size], "", costs, params)

            return salt_hash
        return lambda digest: Parsed(digest, None, "", costs, params)
    salt_field = next(f for f in fields if isinstance(f, SaltField))
    decode = _DECODE[salt_field.form]
    if isinstance(fields[0], HashField):
        return lambda digest, salt: Parsed(digest, decode(salt), salt, costs, params)
    return lambda salt, digest: Parsed(digest, decode(salt), salt, costs, params)


def _text(salt: str) -> bytes:
    return salt.encode("utf-8", "surrogateescape")


_DECODE: dict[SaltForm, Callable[[str], bytes]] = {
    SaltForm.TEXT: _text,
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
    make = _maker(values, costs, params)
    if len(values) == 1:
        return _one(head, _span(values[0]), tail, make)
    middle = inner[1].text if len(inner) == 3 and isinstance(inner[1], Literal) else ""
    return _two(head, _span(values[0]), middle, _span(values[1]), tail, make=make)


def _one(head: str, span: _Span, tail: str, make: Callable[[str], Parsed]) -> Splitter:
    start, end = len(head), len(tail)
    chars, fits = span.chars, span.fits
    if span.width is not None:
        total = start + span.width + end

        def fixed(stored: str) -> Parsed | None:
            if len(stored) != total or not stored.startswith(head) or not stored.endswith(tail):
                return None
            piece = stored[start : total - end]
            if (chars is not None and piece.strip(chars)) or (fits is not None and not fits(piece)):
                return None
            return make(piece)

        return fixed
    least = start + span.least + end

    def varies(stored: str) -> Parsed | None:
        if len(stored) < least or not stored.startswith(head) or not stored.endswith(tail):
            return None
        piece = stored[start : len(stored) - end]
        if (chars is not None and piece.strip(chars)) or (fits is not None and not fits(piece)):
            return None
        return make(piece)

    return varies


def _two(
    head: str,
    first: _Span,
    middle: str,
    second: _Span,
    tail: str,
    *,
    make: Callable[[str, str], Parsed],
) -> Splitter:
    start, gap, end = len(head), len(middle), len(tail)
    accepts1, accepts2 = first.accepts, second.accepts
    w1, w2 = first.width, second.width
    if w1 is not None:  # the first is fixed: the second takes the rest
        cut = start + w1
        least = cut + gap + (second.least if w2 is None else w2) + end
        exact = w2 is not None

        def first_fixed(stored: str) -> Parsed | None:
            size = len(stored)
            if (size != least if exact else size < least) or not (
                stored.startswith(head) and stored.endswith(tail) and stored.startswith(middle, cut)
            ):
                return None
            one, two = stored[start:cut], stored[cut + gap : size - end]
            return make(one, two) if accepts1(one) and accepts2(two) else None

        return first_fixed
    if w2 is not None:  # the second is fixed: the first takes the rest
        after = gap + w2 + end
        least = start + first.least + after

        def second_fixed(stored: str) -> Parsed | None:
            size = len(stored)
            cut = size - after
            if size < least or not (
                stored.startswith(head) and stored.endswith(tail) and stored.startswith(middle, cut)
            ):
                return None
            one, two = stored[start:cut], stored[cut + gap : size - end]
            return make(one, two) if accepts1(one) and accepts2(two) else None

        return second_fixed
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
            if not stored.startswith(middle, cut):
                continue
            one, two = stored[start:cut], stored[cut + gap : size - end]
            if accepts1(one) and accepts2(two):
                return make(one, two)
        return None

    return search
