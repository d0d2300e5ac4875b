"""The syntax tree of a formula, and its canonical text.

Nodes are frozen records (:class:`.record.Record`: a dataclass's behaviour without its cost
on a cold start) so a parsed formula can be cached and shared between threads. The canonical
text (``str(node)``) is what a scheme is named after: it parses back to the same tree, so
every name that discovery reports is accepted unchanged by ``verify(scheme=...)``.
"""

from __future__ import annotations

from typing import TypeAlias

from hashcompat.formula._record import Record

__all__ = ["VARIABLES", "Call", "Concat", "Lit", "Node", "Num", "Var", "quote"]

# Canonical input names and the spellings accepted for them (hashcat's $user, John's $u, $p, $s).
VARIABLES = {
    "pass": "pass",
    "p": "pass",
    "password": "pass",
    "salt": "salt",
    "s": "salt",
    "username": "username",
    "user": "username",
    "u": "username",
    "pepper": "pepper",
    "prev": "prev",
}


def quote(value: bytes) -> str:
    """A single-quoted literal: printable ASCII as is, other bytes as ``\\xHH``."""
    out = []
    for byte in value:
        char = chr(byte)
        if char in "\\'":
            out.append("\\" + char)
        elif 0x20 <= byte < 0x7F:
            out.append(char)
        else:
            out.append(f"\\x{byte:02x}")
    return "'" + "".join(out) + "'"


class Var(Record):
    """An input: ``$pass``, ``$salt``, ``$username``, ``$pepper``, or ``$prev`` in repeat()."""

    __slots__ = ("name",)
    __match_args__ = ("name",)
    name: str

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "name", name)

    def __str__(self) -> str:
        return "$" + self.name


class Lit(Record):
    """A string literal, kept as the bytes it stands for."""

    __slots__ = ("value",)
    __match_args__ = ("value",)
    value: bytes

    def __init__(self, value: bytes) -> None:
        object.__setattr__(self, "value", value)

    def __str__(self) -> str:
        return quote(self.value)


class Num(Record):
    """An integer argument: an iteration count, a length, an offset."""

    __slots__ = ("value",)
    __match_args__ = ("value",)
    value: int

    def __init__(self, value: int) -> None:
        object.__setattr__(self, "value", value)

    def __str__(self) -> str:
        return str(self.value)


class Concat(Record):
    """Byte concatenation, PHP's ``.`` operator."""

    __slots__ = ("parts",)
    __match_args__ = ("parts",)
    parts: tuple[Node, ...]

    def __init__(self, parts: tuple[Node, ...]) -> None:
        object.__setattr__(self, "parts", parts)

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.parts)


class Call(Record):
    """A function applied to arguments; ``power`` > 1 is ``md5^3(x)``, md5 applied 3 times."""

    __slots__ = ("args", "name", "power")
    __match_args__ = ("name", "args", "power")
    name: str
    args: tuple[Node, ...]
    power: int

    def __init__(self, name: str, args: tuple[Node, ...], power: int = 1) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "args", args)
        object.__setattr__(self, "power", power)

    def __str__(self) -> str:
        power = f"^{self.power}" if self.power != 1 else ""
        return f"{self.name}{power}({','.join(str(a) for a in self.args)})"


Node: TypeAlias = Var | Lit | Num | Concat | Call
