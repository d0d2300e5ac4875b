"""The syntax tree of a formula, and its canonical text.

Nodes are frozen so a parsed formula can be cached and shared between threads. The canonical
text (``str(node)``) is what a scheme is named after: it parses back to the same tree, so
every name that discovery reports is accepted unchanged by ``verify(scheme=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

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


@dataclass(frozen=True, slots=True)
class Var:
    """An input: ``$pass``, ``$salt``, ``$username``, ``$pepper``, or ``$prev`` in repeat()."""

    name: str

    def __str__(self) -> str:
        return "$" + self.name


@dataclass(frozen=True, slots=True)
class Lit:
    """A string literal, kept as the bytes it stands for."""

    value: bytes

    def __str__(self) -> str:
        return quote(self.value)


@dataclass(frozen=True, slots=True)
class Num:
    """An integer argument: an iteration count, a length, an offset."""

    value: int

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Concat:
    """Byte concatenation, PHP's ``.`` operator."""

    parts: tuple[Node, ...]

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.parts)


@dataclass(frozen=True, slots=True)
class Call:
    """A function applied to arguments; ``power`` > 1 is ``md5^3(x)``, md5 applied 3 times."""

    name: str
    args: tuple[Node, ...]
    power: int = 1

    def __str__(self) -> str:
        power = f"^{self.power}" if self.power != 1 else ""
        return f"{self.name}{power}({','.join(str(a) for a in self.args)})"


Node: TypeAlias = Var | Lit | Num | Concat | Call
