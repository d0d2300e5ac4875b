"""Layouts: where the digest and the salt sit in the stored string.

A layout is literal text with fields (:mod:`.grammar` lists them); the default is ``{hash}``.
Several forms of one algorithm, as a platform reads them, are alternatives separated by
`` | `` (space, bar, space): ``md5$${hash} | {hash}`` reads Django's unsalted MD5 with its
``md5$$`` prefix or bare. The first form is the one written and the one identification
matches (the scheme's pattern); every one is read.

Each concern is a module: :mod:`.grammar` reads the text into typed fields, :mod:`.pattern`
writes the regular expression identification matches, :mod:`.split` compiles the one function
that takes a string apart, and :mod:`.render` writes a string back.
"""

from __future__ import annotations

from hashcompat.errors import FormulaSyntaxError
from hashcompat.formula._functions import Out
from hashcompat.formula._layout.grammar import Form, Literal, SaltField, SaltForm, read_form
from hashcompat.formula._layout.pattern import pattern
from hashcompat.formula._layout.split import Splitter, form_splitter
from hashcompat.formula._record import Record
from hashcompat.params import Params
from hashcompat.scheme import Costs, Parsed

__all__ = ["DEFAULT_LAYOUT", "Layout", "SaltForm", "Splitter", "build_layout"]

DEFAULT_LAYOUT = "{hash}"
_ALTERNATIVE = " | "


class Layout(Record):
    """A compiled layout: its forms, the written one first."""

    __slots__ = ("forms", "pattern", "text")
    __match_args__ = ("text", "forms", "pattern")
    text: str
    forms: tuple[Form, ...]
    pattern: str  # what identification matches: the written form

    def __init__(self, text: str, forms: tuple[Form, ...], pattern: str) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "forms", forms)
        object.__setattr__(self, "pattern", pattern)

    @property
    def salt(self) -> SaltForm | None:
        """How the salt is stored; None when it is not in the string."""
        return self.forms[0].salt

    @property
    def prefix(self) -> str:
        """The literal text the written form starts with ("" when it starts with a field)."""
        first = self.forms[0].fields[0]
        return first.text if isinstance(first, Literal) else ""

    @property
    def salt_width(self) -> int | None:
        """The width of a ``{salt:N}`` field."""
        fields = self.forms[0].fields
        return next((f.width for f in fields if isinstance(f, SaltField) and f.width), None)

    def splitter(self, costs: Costs = (), params: Params | None = None) -> Splitter:
        """The function that takes a stored string apart: its Parsed (with ``costs`` and
        ``params``), or None for exactly the strings none of the forms' patterns match."""
        first, *others = (form_splitter(form, costs, params) for form in self.forms)
        if not others:
            return first
        every = (first, *others)

        def any_form(stored: str) -> Parsed | None:
            for split in every:
                parsed = split(stored)
                if parsed is not None:
                    return parsed
            return None

        return any_form

    def render(self, digest: str | bytes, salt: bytes | None) -> str:
        """The stored string (written form) for a digest (text, or raw bytes for a group)."""
        # writing loads it: a verify never renders
        from hashcompat.formula._layout.render import render  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return render(self.forms[0], digest, salt)


def build_layout(text: str | None, out: Out) -> Layout:
    """Compile a layout for a formula whose output is ``out``."""
    text = DEFAULT_LAYOUT if text is None or not text.strip() else text.strip()
    forms = tuple(read_form(part.strip(), out) for part in text.split(_ALTERNATIVE))
    if len({form.salt for form in forms}) > 1:
        raise FormulaSyntaxError("the alternatives of a layout keep the salt alike", text, 0)
    return Layout(text, forms, pattern(forms[0]))
