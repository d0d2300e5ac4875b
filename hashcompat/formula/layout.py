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
`` | `` (space, bar, space): ``{hash} | md5$${hash}`` reads Django's unsalted MD5 bare or with
its ``md5$$`` prefix. The first alternative is the one written; every one is read.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, replace

from hashcompat.errors import FormulaSyntaxError
from hashcompat.formula.functions import Out

__all__ = ["DEFAULT_LAYOUT", "Layout", "Parsed", "build_layout"]

DEFAULT_LAYOUT = "{hash}"
_FIELD = re.compile(r"\{(hash|salt(?::(?:\d{1,4}|hex|b64))?|b64:(?:hash\+salt|salt\+hash))\}")
_HASH_PATTERNS = {
    "hex": "[0-9a-fA-F]",
    "HEX": "[0-9a-fA-F]",
    "b64": "[A-Za-z0-9+/=]",
    "text": ".",
}
_BCRYPT = r"\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}"
_ALTERNATIVE = " | "
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True, slots=True)
class Parsed:
    """A stored string taken apart: the digest part and the salt bytes (None if no salt)."""

    digest: str | bytes  # text for {hash}, raw bytes for a {b64:...} group
    salt: bytes | None
    salt_text: str  # the salt as stored, "" when there is none


@dataclass(frozen=True, slots=True)
class Layout:
    """A compiled layout. ``salt`` is how the salt is stored: None (not in the string),
    ``text``, ``hex``, ``b64``, or ``group`` (inside a base64 group with the digest)."""

    text: str
    pattern: str
    regex: re.Pattern[str]
    literals: tuple[str | None, ...]  # literal text, or None where a field goes
    fields: tuple[str, ...]
    salt: str | None
    digest_size: int | None  # raw digest length, for {b64:...} groups
    others: tuple[Layout, ...] = ()  # further forms that are read, never written

    def parse(self, stored: str) -> Parsed | None:
        """The parts of ``stored``, or None when it has none of this layout's forms.
        ``regex`` is the written form's own; ``pattern`` covers every form."""
        parsed = self._parse_form(stored)
        for other in self.others:
            if parsed is not None:
                break
            parsed = other.parse(stored)
        return parsed

    def _parse_form(self, stored: str) -> Parsed | None:
        match = self.regex.fullmatch(stored)
        if match is None:
            return None
        values = match.groupdict()
        if "group" in values:
            return self._group(values["group"])
        salt_text = values.get("salt") or ""
        salt = None if self.salt is None else _decode_salt(salt_text, self.salt)
        if self.salt is not None and salt is None:
            return None
        return Parsed(values["hash"], salt, salt_text)

    def _group(self, text: str) -> Parsed | None:
        try:
            blob = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return None
        size = self.digest_size or 0
        if len(blob) < size:
            return None
        if "b64:hash+salt" in self.fields:
            digest, salt = blob[:size], blob[size:]
        else:
            salt, digest = blob[: len(blob) - size], blob[len(blob) - size :]
        return Parsed(digest, salt, base64.b64encode(salt).decode("ascii"))

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


def _hash_pattern(out: Out, text: str, position: int) -> str:
    if out.encoding == "bcrypt":
        return f"(?P<hash>{_BCRYPT})"
    if out.encoding == "raw":
        raise FormulaSyntaxError(
            "{hash} needs text: wrap the formula in hex() or base64(), or use {b64:hash+salt}",
            text,
            position,
        )
    chars = _HASH_PATTERNS[out.encoding]
    count = f"{{{out.length}}}" if out.length is not None else ("*?" if chars == "." else "+")
    return f"(?P<hash>{chars}{count})"


def _field_pattern(field: str, out: Out, text: str, position: int) -> tuple[str, str | None]:
    """(regex, salt encoding) for one field."""
    if field == "hash":
        return _hash_pattern(out, text, position), None
    if field.startswith("b64:"):
        if out.encoding != "raw" or out.length is None:
            raise FormulaSyntaxError(
                f"{{{field}}} needs a formula giving raw bytes of fixed length, "
                "such as sha1_raw($pass.$salt)",
                text,
                position,
            )
        return "(?P<group>[A-Za-z0-9+/]*={0,2})", "group"
    _, _, kind = field.partition(":")
    if kind == "hex":
        return "(?P<salt>(?:[0-9a-fA-F]{2})*?)", "hex"
    if kind == "b64":
        return "(?P<salt>[A-Za-z0-9+/]*={0,2})", "b64"
    if kind:
        return f"(?P<salt>.{{{int(kind)}}})", "text"
    return "(?P<salt>.*?)", "text"


def build_layout(text: str | None, out: Out) -> Layout:
    """Compile a layout for a formula whose output is ``out``."""
    text = DEFAULT_LAYOUT if text is None or not text.strip() else text.strip()
    if _ALTERNATIVE not in text:
        return _build_form(text, out)
    forms = [_build_form(part.strip(), out) for part in text.split(_ALTERNATIVE)]
    if len({form.salt for form in forms}) > 1:
        raise FormulaSyntaxError("the alternatives of a layout keep the salt alike", text, 0)
    pattern = "|".join(f"(?:{_GROUP_NAME.sub('(?:', form.pattern)})" for form in forms)
    return replace(forms[0], text=text, pattern=pattern, others=tuple(forms[1:]))


def _build_form(text: str, out: Out) -> Layout:
    literals: list[str | None] = []
    fields: list[str] = []
    regex: list[str] = []
    salt: str | None = None
    pos = 0
    while pos < len(text):
        if text.startswith("{{", pos):
            literals.append("{")
            regex.append(re.escape("{"))
            pos += 2
            continue
        match = _FIELD.match(text, pos)
        if match is None:
            literals.append(text[pos])
            regex.append(re.escape(text[pos]))
            pos += 1
            continue
        field = match.group(1)
        if field.split(":")[0] in {f.split(":")[0] for f in fields} or (
            field.startswith("b64:") and fields
        ):
            raise FormulaSyntaxError(f"field {{{field}}} repeats a part", text, pos)
        pattern, encoding = _field_pattern(field, out, text, pos)
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
    return Layout(
        text, pattern, re.compile(pattern, re.DOTALL), merged, tuple(fields), salt, digest_size
    )


def _merge(parts: list[str | None]) -> tuple[str | None, ...]:
    merged: list[str | None] = []
    for part in parts:
        if part is not None and merged and merged[-1] is not None:
            merged[-1] = f"{merged[-1]}{part}"
        else:
            merged.append(part)
    return tuple(merged)
