"""What to do with one row: import it as is, wrap it, rehash it on login, or ask for a reset.

The rules, in order:

1. The scheme comes from the row's scheme column, else from the string through the engine's
   ``pick_owner``, else (a bare digest) from ``scheme=``; a self-describing modern string (a wrapped
   row, or one rehashed on login) wins over a stale scheme name. No scheme, several candidates,
   or a string that does not have its scheme's format: **reset** (unverifiable).
2. A scheme that needs a salt, user name or pepper the dump does not give: **reset** until the
   column is supplied.
3. A cost the string asks for (its scheme's ``parse`` reports it) above the caps: **reset**
   (every login would be refused).
4. Modern schemes (bcrypt, scrypt, argon2) and rows already wrapped: **import as is**; an argon2
   row weaker than the target profile: **rehash on login**.
5. Broken and weak schemes whose parsed value lets the digest be recomputed from a password
   (``Scheme.split_setting`` gives a setting): **wrap** offline. Others, and deliberately slow
   legacy schemes (sha512-crypt, PBKDF2): **rehash on login**.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from hashcompat._engine import choose_scheme, pick_owner, resolve
from hashcompat.dump import Row
from hashcompat.dump._plan import Plan
from hashcompat.errors import AmbiguousHashError, HashcompatError, UnsafeParametersError
from hashcompat.limits import check_costs
from hashcompat.params import Formula
from hashcompat.scheme import Limits, Parsed, Scheme, Strength, get_limits

__all__ = ["Classification", "Classifier", "Plan", "Reset"]


class Reset(str, enum.Enum):
    """The fixed reasons a row is reset. The value is the words that group rows in the report
    (``Classification.reason`` holds it), so code acts on the member, never on the words; other
    reasons name a scheme or an error and are only shown."""

    AMBIGUOUS = "ambiguous: name the scheme"
    UNKNOWN_FORMAT = "unknown format"
    UNKNOWN_NAME = "unknown scheme name"
    NEEDS_SALT = "needs salt"
    NEEDS_USERNAME = "needs username"
    NEEDS_PEPPER = "needs pepper"
    ABOVE_CAPS = "above the caps"
    RECOVERABLE = "stores the password itself: hash the values with the target instead"
    MALFORMED_ROW = "malformed row"  # a record no reader could make a row of

    def __str__(self) -> str:
        return self.value


NEEDS = {"salt": Reset.NEEDS_SALT, "username": Reset.NEEDS_USERNAME, "pepper": Reset.NEEDS_PEPPER}


@dataclass(frozen=True, slots=True)
class Classification:
    """The classification of one row; names and numbers only, never the hash. (Not the
    checker's :class:`~hashcompat._checker.Verdict`, which judges a whole sample of pairs.)"""

    plan: Plan
    scheme: str | None = None
    strength: Strength | None = None
    costs: tuple[tuple[str, int], ...] = ()
    reason: str = ""  # why a row is reset, in a few words that group rows
    unsalted: bool = False  # equal strings mean equal passwords
    digest_key: str = ""  # the part of the string that equal passwords share (unsalted only)
    named: str | None = None  # the scheme string the row was read with, if not self-described


@dataclass
class Classifier:
    """Classifies rows against a target profile. ``scheme``: for rows without a scheme column
    value; ``pepper``: whether the site's pepper will be there at login."""

    scheme: str | None = None
    target_params: Mapping[str, object] = field(default_factory=dict)
    target: str = "argon2"  # the scheme target_params are for: its rows may be outdated
    pepper: bool = False
    limits: Limits | None = None

    def __post_init__(self) -> None:
        if self.scheme is not None:
            resolve(self.scheme)  # an unknown name fails here, once, not on every row

    def __call__(self, row: Row) -> Classification:
        try:
            return self._classify(row)
        except HashcompatError as exc:  # a parser's refusal is a reset, never a crash
            return Classification(Plan.RESET, reason=f"unreadable ({type(exc).__name__})")

    def _classify(self, row: Row) -> Classification:
        found = self._choose(row)
        if isinstance(found, Classification):
            return found
        chosen, named = found
        info = chosen.info
        if info.pattern is not None and not info.matches(row.hash):
            modern = self._modern_owner(row.hash) if named is not None else None
            if modern is None:
                reason = f"malformed {info.name}"
                return Classification(Plan.RESET, info.name, info.strength, reason=reason)
            chosen, info, named = modern, modern.info, None
        missing = [n for n in info.inputs if not self._has(row, n)]
        if missing:
            needs = NEEDS[missing[0]].value if missing[0] in NEEDS else f"needs {missing[0]}"
            return Classification(Plan.RESET, info.name, info.strength, reason=needs)
        parsed = chosen.parse(row.hash)
        caps = self.limits or get_limits()
        # a formula's cost is the formula's, not the row's: the histograms leave it out
        declared = () if isinstance(parsed.params, Formula) else parsed.costs
        costs = tuple((cost.parameter, cost.value) for cost in declared if cost.kind.stated)
        try:  # the engine's rule: the Limits fields, then the per-scheme time budget
            check_costs(info.name, parsed.costs, caps)
        except UnsafeParametersError:
            above = Reset.ABOVE_CAPS.value
            return Classification(Plan.RESET, info.name, info.strength, costs, reason=above)
        return self._plan(chosen, parsed, costs, named)

    def _choose(self, row: Row) -> tuple[Scheme, str | None] | Classification:
        """(scheme, the name it was given by) or a reset verdict. The row's scheme column
        first; else the string's own; else, for a string that names none, ``self.scheme``."""
        try:
            return choose_scheme(row.scheme, row.hash, self.scheme)
        except AmbiguousHashError:
            reason = Reset.AMBIGUOUS.value
        except HashcompatError:
            reason = Reset.UNKNOWN_FORMAT.value
        if row.scheme is not None:
            reason = Reset.UNKNOWN_NAME.value
        return Classification(Plan.RESET, reason=reason)

    @staticmethod
    def _modern_owner(hash: str) -> Scheme | None:
        """A self-describing modern string wins over a stale scheme name: the row was wrapped
        or rehashed on login after the scheme column was filled."""
        try:
            owner = pick_owner(hash)
        except HashcompatError:
            return None
        modern = owner.info.strength is Strength.MODERN and owner.info.matches(hash)
        return owner if modern else None

    def _has(self, row: Row, name: str) -> bool:
        if name == "pepper":
            return self.pepper
        return getattr(row, name) is not None

    def _plan(
        self, chosen: Scheme, parsed: Parsed, costs: tuple[tuple[str, int], ...], named: str | None
    ) -> Classification:
        info = chosen.info
        closed = getattr(chosen, "closed", None)  # a sunset marker: no password left to move
        if closed is not None:
            return Classification(Plan.RESET, info.name, info.strength, costs, reason=closed)
        if info.strength is Strength.MODERN:
            plan = Plan.IMPORT
            writer = chosen.writer if info.name == self.target else None
            if writer is not None and writer.needs_update(parsed, self.target_params):
                plan = Plan.REHASH
            return Classification(plan, info.name, info.strength, costs, named=named)
        if info.strength is Strength.RECOVERABLE:  # refused at login, and wrap() refuses it
            reason = Reset.RECOVERABLE.value
            return Classification(
                Plan.RESET, info.name, info.strength, costs, reason=reason, named=named
            )
        if info.strength is Strength.LEGACY_OK:
            return Classification(Plan.REHASH, info.name, info.strength, costs, named=named)
        split = chosen.split_setting(parsed)
        if split is None:
            return Classification(Plan.REHASH, info.name, info.strength, costs, named=named)
        setting, digest = split
        unsalted = not setting and not info.inputs
        key = f"{info.name}\0{digest}" if unsalted else ""
        return Classification(
            Plan.WRAP, info.name, info.strength, costs, "", unsalted, digest_key=key, named=named
        )
