"""Which stored schemes may log a user in: one rule for the migrator, pwdlib and Django.

By default every scheme may verify except those whose strength class is refused:
:attr:`Strength.RECOVERABLE` (plain text under any tag, base64 or hex of the password, Cisco
type 7). Such a string is the password itself, so whoever can read or write the row can log
in; those rows are hashed offline instead. An explicit ``allowed`` list replaces the default:
exactly the schemes named there verify (recoverable ones included, when named). A wrapped
(``$hcw$``) row is judged by its inner legacy scheme, never by the modern hash around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hashcompat._engine import resolve
from hashcompat.errors import InvalidArgumentError, SchemeRefusedError
from hashcompat.scheme import Scheme, Strength

__all__ = ["REFUSED_BY_DEFAULT", "SchemePolicy", "canonical_names"]

REFUSED_BY_DEFAULT = frozenset({Strength.RECOVERABLE})


def canonical_names(allowed: object) -> frozenset[str] | None:
    """``allowed`` as canonical scheme names; aliases resolved, typos refused with suggestions.

    A single string is refused rather than read as a collection of its characters or matched
    as a substring: ``allowed="md5_crypt"`` must never let plain ``md5`` rows in.
    """
    if allowed is None:
        return None
    if isinstance(allowed, (str, bytes, bytearray)) or not isinstance(allowed, Iterable):
        raise InvalidArgumentError(
            "allowed= takes an iterable of scheme names such as {'phpass'}, "
            f"not {type(allowed).__name__}"
        )
    names: set[str] = set()
    for item in allowed:
        if not isinstance(item, str):
            raise InvalidArgumentError(
                f"allowed= holds scheme names (str), not {type(item).__name__}"
            )
        names.add(resolve(item).info.name)  # UnknownSchemeError with suggestions for a typo
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class SchemePolicy:
    """``allowed``: canonical names, or None for "every class but ``refused``". ``always``:
    names that verify whatever the list says (the migrator's own target)."""

    allowed: frozenset[str] | None = None
    refused: frozenset[Strength] = REFUSED_BY_DEFAULT
    always: frozenset[str] = frozenset()

    @classmethod
    def build(cls, allowed: object, *, always: Iterable[str] = ()) -> SchemePolicy:
        return cls(canonical_names(allowed), always=frozenset(always))

    def permits(self, scheme: Scheme) -> bool:
        name = scheme.info.name
        if name in self.always:
            return True
        if self.allowed is not None:
            return name in self.allowed
        return scheme.info.strength not in self.refused

    def judged(self, scheme: Scheme, stored: str) -> Scheme:
        """The scheme the policy judges ``stored`` by: the inner one of a wrapped row."""
        legacy_of = getattr(scheme, "legacy_scheme", None)
        return resolve(legacy_of(stored)) if legacy_of is not None else scheme

    def check(self, scheme: Scheme, stored: str) -> None:
        """Raise :class:`SchemeRefusedError` unless ``stored`` (of ``scheme``) may log a user in."""
        judged = self.judged(scheme, stored)
        if not self.permits(judged):
            raise SchemeRefusedError(judged.info.name)
