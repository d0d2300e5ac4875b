"""Formula text to syntax tree: a small recursive-descent parser, no ``eval``.

Grammar (whitespace is ignored between tokens)::

    formula := expr [ "@" layout ]        the layout is the rest of the text, trimmed
    expr    := term { "." term }
    term    := variable | string | call | "(" expr ")"
    call    := name [ "^" integer ] "(" [ arg { "," arg } ] ")"
    arg     := expr | integer

Names are checked against the function table here, so a typo is reported at its position.
"""

from __future__ import annotations

from hashcompat.errors import FormulaSyntaxError
from hashcompat.formula._functions import canonical_call, check_call
from hashcompat.formula._tree import VARIABLES, Call, Concat, Lit, Node, Num, Var

__all__ = ["MAX_DEPTH", "MAX_LENGTH", "parse"]

MAX_LENGTH = 4096  # characters of formula text
MAX_DEPTH = 32  # nesting of calls and parentheses

# names ([A-Za-z_][A-Za-z0-9_]*) and numbers are read with these sets, not regular expressions:
# two patterns fewer to compile on the cold path of the first formula verify
_DIGITS = frozenset("0123456789")
_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_WORD = _START | _DIGITS
_HEX = frozenset("0123456789abcdefABCDEF")
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "0": "\0"}


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth = 0

    def fail(self, message: str, position: int | None = None) -> FormulaSyntaxError:
        return FormulaSyntaxError(message, self.text, self.pos if position is None else position)

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = repr(self.peek()) if self.peek() else "the end"
            raise self.fail(f"expected {char!r}, found {found}")
        self.pos += 1

    def expr(self) -> Node:
        parts = [self.term()]
        while self.peek() == ".":
            self.pos += 1
            parts.append(self.term())
        flat: list[Node] = []
        for part in parts:
            flat.extend(part.parts if isinstance(part, Concat) else (part,))
        return flat[0] if len(flat) == 1 else Concat(tuple(flat))

    def term(self) -> Node:
        char = self.peek()
        start = self.pos
        if char == "$":
            word = _name(self.text, self.pos + 1)
            name = VARIABLES.get(word.lower()) if word else None
            if name is None:
                known = "$pass, $salt, $username, $pepper"
                raise self.fail(f"unknown input (expected one of {known})")
            self.pos += 1 + len(word)
            return Var(name)
        if char in "'\"":
            return Lit(self.string(char))
        if char == "(":
            self.enter()
            self.pos += 1
            inner = self.expr()
            self.expect(")")
            self.depth -= 1
            return inner
        word = _name(self.text, self.pos)
        if not word:
            what = repr(char) if char else "the end of the formula"
            raise self.fail(f"expected an input, a string or a function, found {what}")
        self.pos += len(word)
        return self.call(word.lower(), start)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"formula nested deeper than {MAX_DEPTH} levels")

    def call(self, name: str, start: int) -> Node:
        power = 1
        if self.peek() == "^":
            self.pos += 1
            self.skip()
            power = self.integer()
            if power < 1:
                raise self.fail("a power must be at least 1")
        self.expect("(")
        self.enter()
        args: list[Node] = []
        if self.peek() != ")":
            args.append(self.arg())
            while self.peek() == ",":
                self.pos += 1
                args.append(self.arg())
        self.expect(")")
        self.depth -= 1
        problem = check_call(name, args, power)
        if problem is not None:
            raise self.fail(problem, start)
        return canonical_call(Call(name, tuple(args), power))

    def arg(self) -> Node:
        self.skip()
        if self.pos < len(self.text) and self.text[self.pos].isdigit():
            return Num(self.integer())
        return self.expr()

    def integer(self) -> int:
        end = _skip(self.text, self.pos, _DIGITS)
        if end == self.pos:
            raise self.fail("expected a number")
        if end - self.pos > 12:
            raise self.fail("number too large")
        digits = self.text[self.pos : end]
        self.pos = end
        return int(digits)

    def string(self, quote: str) -> bytes:
        start = self.pos
        self.pos += 1
        out: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise self.fail("unterminated string", start)
            char = self.text[self.pos]
            if char == quote:
                self.pos += 1
                return "".join(out).encode("utf-8", "surrogateescape")
            if char == "\\":
                out.append(self.escape())
                continue
            out.append(char)
            self.pos += 1

    def escape(self) -> str:
        nxt = self.text[self.pos + 1 : self.pos + 2]
        if nxt in _ESCAPES:
            self.pos += 2
            return _ESCAPES[nxt]
        if nxt == "x" and _skip(self.text, self.pos + 2, _HEX, self.pos + 4) == self.pos + 4:
            value = int(self.text[self.pos + 2 : self.pos + 4], 16)
            self.pos += 4
            return chr(value) if value < 0x80 else chr(0xDC00 + value)  # a raw byte
        raise self.fail("unknown escape (use \\\\, \\', \\\", \\n, \\r, \\t, \\0 or \\xHH)")


def _skip(text: str, pos: int, chars: frozenset[str], stop: int | None = None) -> int:
    """Where the run of ``chars`` from ``pos`` ends (looking no further than ``stop``)."""
    end = len(text) if stop is None else min(stop, len(text))
    while pos < end and text[pos] in chars:
        pos += 1
    return pos


def _name(text: str, pos: int) -> str:
    """The name at ``pos`` ([A-Za-z_][A-Za-z0-9_]*), "" when there is none."""
    if pos >= len(text) or text[pos] not in _START:
        return ""
    return text[pos : _skip(text, pos + 1, _WORD)]


def parse(text: str) -> tuple[Node, str | None]:
    """The tree of ``text`` and its layout text (None when the formula has no ``@``)."""
    if not isinstance(text, str):
        raise FormulaSyntaxError("a formula must be text", "", 0)
    if len(text) > MAX_LENGTH:
        raise FormulaSyntaxError(f"formula longer than {MAX_LENGTH} characters", "", 0)
    parser = _Parser(text)
    tree = parser.expr()
    if isinstance(tree, Num):  # pragma: no cover - expr never yields a number
        raise parser.fail("a formula cannot be a bare number")
    char = parser.peek()
    if char == "@":
        return tree, text[parser.pos + 1 :].strip()
    if char:
        raise parser.fail(f"unexpected {char!r}")
    return tree, None
