"""The base of the formula language's small frozen records (tree nodes, layout fields, ``Out``).

A record behaves as a ``@dataclass(frozen=True, slots=True)`` whose fields are named, in order,
by ``__match_args__`` (as a dataclass names them; ``__slots__`` holds the same names, sorted):
equal when of one class with equal fields, hashed as the tuple of its fields, immutable, pickled
and copied field by field. It is a plain class because those records are defined on the cold
path (the first verify of any platforms.toml row loads the language), where ``@dataclass``
writes and compiles six methods per class: about 0.7 ms a class against a few microseconds for
a class statement. Each record writes its own ``__init__``, storing with ``object.__setattr__``
as a frozen dataclass does.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import ClassVar

__all__ = ["Record"]


class Record:
    """Frozen, slotted, compared and hashed by the fields in ``__match_args__`` (in order)."""

    __slots__: tuple[str, ...] = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in self.__match_args__])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__match_args__)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[object, ...]:
        return self._fields()

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(self.__match_args__, state, strict=True):
            object.__setattr__(self, name, value)
