"""Layouts: where the digest and the salt sit in the stored string.

A layout is literal text with fields::

    {hash}            the formula's output as text (hex is matched without regard to case)
    {salt}            the salt, as text            {salt:8}    exactly 8 characters of salt
    {salt:hex}        the salt's bytes, hex        {salt:b64}  the salt's bytes, base64
    {b64:hash+salt}   base64 of the raw digest followed by the salt bytes (LDAP {SSHA})
    {b64:salt+hash}   base64 of the salt bytes followed by the raw digest

Any other braces are literal text (``{SSHA}``); ``{{`` is a literal ``{``. The default layout
is ``{hash}``. A layout compiles to one regular expression, which is also the scheme's pattern
for identification.

Several forms of one algorithm, as a platform reads them, are alternatives separated by
`` | `` (space, bar, space): ``md5$${hash} | {hash}`` reads Django's unsalted MD5 with its
``md5$$`` prefix or bare. The first alternative is the one written and the one identification
matches (the scheme's pattern); every one is read.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import NamedTuple, Protocol

from hashcompat.errors import FormulaSyntaxError
from hashcompat.formula.functions import Out
from hashcompat.params import Params
from hashcompat.primitives import B64, B64_CLASS, HEX
from hashcompat.scheme import Costs, Parsed

__all__ = ["DEFAULT_LAYOUT", "Layout", "Parsed", "build_layout"]

DEFAULT_LAYOUT = "{hash}"
_FIELD = re.compile(r"\{(hash|salt(?::(?:\d{1,4}|hex|b64))?|b64:(?:hash\+salt|salt\+hash))\}")
_HASH_PATTERNS = {
    "hex": "[0-9a-fA-F]",
    "HEX": "[0-9a-fA-F]",
    "b64": "[A-Za-z0-9+/=]",
    "text": ".",
}
_BCRYPT = r"\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}"
_ALTERNATIVE = " | "
_B64 = B64_CLASS
_PADDED = f"(?:{_B64}{{4}})*(?:{_B64}{{2}}==|{_B64}{{3}}=)?"
_B64_CHARS = B64.rstrip("=")
_HASH_CHARS: dict[str, str | None] = {"hex": HEX, "HEX": HEX, "b64": B64, "text": None}


class Part(NamedTuple):
    """One piece of a layout, as the splitter checks it (the same language as its regex).

    Named tuples rather than frozen dataclasses here and for :class:`Layout`: as immutable,
    and defining them costs a fraction, which the cold start of the first formula row pays."""

    kind: str  # "lit", "hash", "salt" or "group"
    text: str = ""  # the literal
    chars: str | None = None  # the characters allowed; None: any
    width: int | None = None  # fixed width; None: variable
    least: int = 0  # the fewest characters when variable
    even: bool = False  # hex salt: whole bytes
    padded: bool = False  # padded base-64 (salt:b64, and groups)
    min_bytes: int = 0  # a group: the fewest bytes it must decode to
    regex: re.Pattern[str] | None = None  # a bcrypt string: its own small pattern


class Matcher(Protocol):
    def fullmatch(self, string: str) -> re.Match[str] | None: ...


class _AnyForm(NamedTuple):
    """The regexes of a layout's alternatives, tried in order (Python's ``re`` refuses one
    pattern with the same group names in two branches)."""

    forms: tuple[re.Pattern[str], ...]

    def fullmatch(self, string: str) -> re.Match[str] | None:
        for form in self.forms:
            match = form.fullmatch(string)
            if match is not None:
                return match
        return None


class Layout(NamedTuple):
    """A compiled layout. ``salt`` is how the salt is stored: None (not in the string),
    ``text``, ``hex``, ``b64``, or ``group`` (inside a base64 group with the digest)."""

    text: str
    pattern: str  # what identification matches: the written (first) form
    regex: Matcher  # every form
    literals: tuple[str | None, ...]  # literal text, or None where a field goes
    fields: tuple[str, ...]
    salt: str | None
    digest_size: int | None  # raw digest length, for {b64:...} groups
    parts: tuple[Part, ...] | None = None  # a splitter, when at most one part varies in width
    fixed: int = 0  # the width of the parts that do not vary
    others: tuple[Layout, ...] = ()  # further forms that are read, never written

    def parse(self, stored: str, costs: Costs = (), params: Params | None = None) -> Parsed | None:
        """The parts of ``stored``, or None when it has none of this layout's forms.

        Exactly the strings the pattern matches (tests/formula/test_layout_split.py), but taken
        apart by slicing and ``str.strip`` tests when at most one part varies in width.
        """
        parsed = self._parse_form(stored, costs, params)
        for other in self.others:
            if parsed is not None:
                break
            parsed = other.parse(stored, costs, params)
        return parsed

    def _parse_form(self, stored: str, costs: Costs, params: Params | None) -> Parsed | None:
        if self.parts is not None:
            return self._split(stored, costs, params)
        match = self.regex.fullmatch(stored)
        if match is None:
            return None
        values = match.groupdict()
        if "group" in values:
            return self._group(values["group"], costs, params)
        salt_text = values.get("salt") or ""
        salt = None if self.salt is None else _decode_salt(salt_text, self.salt)
        if self.salt is not None and salt is None:
            return None
        return Parsed(values["hash"], salt, salt_text, costs, params)

    def _split(self, stored: str, costs: Costs, params: Params | None) -> Parsed | None:
        parts = self.parts or ()
        spare = len(stored) - self.fixed
        if spare < 0:
            return None
        digest = salt_text = group = ""
        position = 0
        for part in parts:
            width = spare if part.width is None else part.width
            piece = stored[position : position + width]
            position += width
            if not _fits(part, piece):
                return None
            if part.kind == "hash":
                digest = piece
            elif part.kind == "salt":
                salt_text = piece
            elif part.kind == "group":
                group = piece
        if position != len(stored):
            return None  # no part varies and the string is longer
        if self.salt == "group":
            return self._blob(binascii.a2b_base64(group), costs, params)  # _fits checked its form
        salt = None if self.salt is None else _decode_salt(salt_text, self.salt)
        return Parsed(digest, salt, salt_text, costs, params)

    def _group(self, text: str, costs: Costs = (), params: Params | None = None) -> Parsed | None:
        try:
            blob = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None
        return self._blob(blob, costs, params)

    def _blob(self, blob: bytes, costs: Costs, params: Params | None) -> Parsed | None:
        size = self.digest_size or 0
        if len(blob) <= size:
            return None  # no salt: not this layout
        if "b64:hash+salt" in self.fields:
            digest, salt = blob[:size], blob[size:]
        else:
            salt, digest = blob[: len(blob) - size], blob[len(blob) - size :]
        return Parsed(digest, salt, "", costs, params)  # the salt's text, if wanted: base-64 of it

    def render(self, digest: str | bytes, salt: bytes | None) -> str:
        """The stored string for a digest (text, or raw bytes for a group) and a salt."""
        salt = salt or b""
        out: list[str] = []
        fields = iter(self.fields)
        for literal in self.literals:
            if literal is not None:
                out.append(literal)
                continue
            field = next(fields)
            if field == "hash":
                out.append(digest if isinstance(digest, str) else digest.hex())
            elif field.startswith("b64:"):
                raw = digest if isinstance(digest, bytes) else digest.encode()
                blob = raw + salt if field == "b64:hash+salt" else salt + raw
                out.append(base64.b64encode(blob).decode("ascii"))
            else:
                out.append(_encode_salt(salt, self.salt or "text"))
        return "".join(out)


def _fits(part: Part, piece: str) -> bool:
    if part.kind == "lit":
        return piece == part.text
    if part.width is None and len(piece) < part.least:
        return False
    if part.regex is not None:
        return part.regex.fullmatch(piece) is not None
    if part.padded:
        size = len(piece)
        body = piece.rstrip("=")
        pad = size - len(body)
        return not (size % 4 or pad > 2 or body.strip(_B64_CHARS)) and (
            size // 4 * 3 - pad >= part.min_bytes
        )
    if part.chars is not None and piece.strip(part.chars):
        return False
    return not part.even or len(piece) % 2 == 0


def _decode_salt(text: str, encoding: str) -> bytes | None:
    try:
        if encoding == "hex":
            return binascii.unhexlify(text)
        if encoding == "b64":
            return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return text.encode("utf-8", "surrogateescape")


def _encode_salt(salt: bytes, encoding: str) -> str:
    if encoding == "hex":
        return salt.hex()
    if encoding == "b64":
        return base64.b64encode(salt).decode("ascii")
    return salt.decode("utf-8", "surrogateescape")


def _hash_pattern(out: Out, text: str, position: int) -> tuple[str, Part]:
    if out.encoding == "bcrypt":
        # 60 characters, 59 for OpenBSD's original $2$: the one part that varies
        return f"(?P<hash>{_BCRYPT})", Part("hash", least=59, regex=re.compile(_BCRYPT))
    if out.encoding == "raw":
        raise FormulaSyntaxError(
            "{hash} needs text: wrap the formula in hex() or base64(), or use {b64:hash+salt}",
            text,
            position,
        )
    chars = _HASH_PATTERNS[out.encoding]
    count = f"{{{out.length}}}" if out.length is not None else ("*?" if chars == "." else "+")
    part = Part(
        "hash",
        chars=_HASH_CHARS[out.encoding],
        width=out.length,
        least=0 if chars == "." else 1,
    )
    return f"(?P<hash>{chars}{count})", part


def _field_pattern(field: str, out: Out, text: str, position: int) -> tuple[str, str | None, Part]:
    """(regex, salt encoding, splitter part) for one field."""
    if field == "hash":
        pattern, part = _hash_pattern(out, text, position)
        return pattern, None, part
    if field.startswith("b64:"):
        if out.encoding != "raw" or out.length is None:
            raise FormulaSyntaxError(
                f"{{{field}}} needs a formula giving raw bytes of fixed length, "
                "such as sha1_raw($pass.$salt)",
                text,
                position,
            )
        part = Part("group", padded=True, min_bytes=out.length + 1)
        return f"(?P<group>{_salted_group(out.length)})", "group", part
    _, _, kind = field.partition(":")
    if kind == "hex":
        return "(?P<salt>(?:[0-9a-fA-F]{2})*?)", "hex", Part("salt", chars=HEX, even=True)
    if kind == "b64":
        return f"(?P<salt>{_PADDED})", "b64", Part("salt", padded=True)
    if kind:
        return f"(?P<salt>.{{{int(kind)}}})", "text", Part("salt", width=int(kind))
    return "(?P<salt>.*?)", "text", Part("salt")


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


def build_layout(text: str | None, out: Out) -> Layout:
    """Compile a layout for a formula whose output is ``out``."""
    text = DEFAULT_LAYOUT if text is None or not text.strip() else text.strip()
    if _ALTERNATIVE not in text:
        return _build_form(text, out)
    forms = [_build_form(part.strip(), out) for part in text.split(_ALTERNATIVE)]
    if len({form.salt for form in forms}) > 1:
        raise FormulaSyntaxError("the alternatives of a layout keep the salt alike", text, 0)
    # Identified by the form it writes; every form is read (the regex and the parse).
    regex = _AnyForm(tuple(re.compile(form.pattern, re.DOTALL) for form in forms))
    first = forms[0]._replace(others=tuple(forms[1:]))
    return first._replace(text=text, regex=regex)


def _build_form(text: str, out: Out) -> Layout:
    literals: list[str | None] = []
    fields: list[str] = []
    regex: list[str] = []
    parts: list[Part] = []
    salt: str | None = None
    pos = 0
    while pos < len(text):
        if text.startswith("{{", pos):
            literals.append("{")
            regex.append(re.escape("{"))
            parts.append(Part("lit", "{", width=1))
            pos += 2
            continue
        match = _FIELD.match(text, pos)
        if match is None:
            literals.append(text[pos])
            regex.append(re.escape(text[pos]))
            parts.append(Part("lit", text[pos], width=1))
            pos += 1
            continue
        field = match.group(1)
        if field.split(":")[0] in {f.split(":")[0] for f in fields} or (
            field.startswith("b64:") and fields
        ):
            raise FormulaSyntaxError(f"field {{{field}}} repeats a part", text, pos)
        pattern, encoding, part = _field_pattern(field, out, text, pos)
        parts.append(part)
        salt = encoding or salt
        literals.append(None)
        fields.append(field)
        regex.append(pattern)
        pos = match.end()
    if "hash" not in fields and not any(f.startswith("b64:") for f in fields):
        raise FormulaSyntaxError("a layout needs a {hash} field", text, len(text))
    merged = _merge(literals)
    pattern = "".join(regex)
    digest_size = out.length if out.encoding == "raw" else None
    splitter = _splitter(parts)
    return Layout(
        text,
        pattern,
        re.compile(pattern, re.DOTALL),
        merged,
        tuple(fields),
        salt,
        digest_size,
        splitter,
        sum(p.width for p in splitter or () if p.width is not None),
    )


def _splitter(parts: list[Part]) -> tuple[Part, ...] | None:
    """The parts, literals merged, when at most one varies in width (so slicing from both ends
    places every part); None sends the layout to its regex."""
    merged: list[Part] = []
    for part in parts:
        if part.kind == "lit" and merged and merged[-1].kind == "lit":
            joined = merged[-1].text + part.text
            merged[-1] = Part("lit", joined, width=len(joined))
        else:
            merged.append(part)
    if sum(p.width is None for p in merged) > 1:
        return None
    return tuple(merged)


def _merge(parts: list[str | None]) -> tuple[str | None, ...]:
    merged: list[str | None] = []
    for part in parts:
        if part is not None and merged and merged[-1] is not None:
            merged[-1] = f"{merged[-1]}{part}"
        else:
            merged.append(part)
    return tuple(merged)
