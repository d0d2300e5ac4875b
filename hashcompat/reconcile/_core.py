"""Match legacy users with the target's users by the normalised key, and sort them.

Every legacy user lands in exactly one group: ``both`` (one target user has its key),
``legacy_only`` (none has), or is held back for review by a conflict: one target user that
matches several legacy users (``several_legacy``), several target users sharing a key
(``several_target``), or a legacy user without a key value (``no_key``). A pair in ``both``
whose names differ is kept in ``both`` and flagged ``name_mismatch``. Target users no legacy
user matches are ``target_only``. :meth:`Reconciliation.action` is what push does with each
legacy user under the policy: create the user, skip it, link it, or leave it for review.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from hashcompat.dump import Malformed, Row
from hashcompat.reconcile._model import ConflictKind, LegacyUser, TargetUser, same_name

__all__ = ["Action", "Conflict", "Pair", "Policy", "Reconciliation", "legacy_user", "reconcile"]

_LEGACY_NAMES = ("name", "display_name", "displayName", "full_name")


class Policy(str, enum.Enum):
    """What push does with a legacy user already in the target (never its password)."""

    SKIP = "skip"  # leave the target user as it is
    LINK = "link"  # record the legacy id on the target user, password untouched


class Action(str, enum.Enum):
    CREATE = "create"
    SKIP = "skip"
    LINK = "link"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class Pair:
    legacy: LegacyUser
    target: TargetUser
    name_mismatch: bool


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: ConflictKind
    legacy: tuple[str, ...]  # legacy refs
    target: tuple[str, ...]  # target ids


@dataclass(slots=True)
class Reconciliation:
    key: str
    target: str
    policy: Policy = Policy.SKIP
    both: list[Pair] = field(default_factory=list)
    legacy_only: list[LegacyUser] = field(default_factory=list)
    target_only: list[TargetUser] = field(default_factory=list)
    held: list[LegacyUser] = field(default_factory=list)  # in a conflict other than names
    held_refs: set[str] = field(default_factory=set, repr=False)
    conflicts: list[Conflict] = field(default_factory=list)
    unreadable: int = 0

    def hold(self, users: list[LegacyUser], conflict: Conflict) -> None:
        """Leave ``users`` out of the push for review, for ``conflict``."""
        self.held.extend(users)
        self.held_refs.update(u.ref for u in users)
        self.conflicts.append(conflict)

    def action(self, pair_or_user: Pair | LegacyUser) -> Action:
        if isinstance(pair_or_user, Pair):
            return Action.LINK if self.policy is Policy.LINK else Action.SKIP
        return Action.REVIEW if pair_or_user.ref in self.held_refs else Action.CREATE

    def counts(self) -> dict[str, int]:
        kinds: dict[str, int] = defaultdict(int)
        for conflict in self.conflicts:
            kinds[conflict.kind.value] += 1
        return {
            "legacy": len(self.both) + len(self.legacy_only) + len(self.held) + self.unreadable,
            "both": len(self.both),
            "legacy_only": len(self.legacy_only),
            "target_only": len(self.target_only),
            "review": len(self.held),
            "unreadable": self.unreadable,
            **{f"conflict_{k.value}": kinds[k.value] for k in ConflictKind},
        }

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: counts and the conflicts by id; no email, name, hash or password."""
        return {
            "key": self.key,
            "normalisation": "NFKC, lower case, stripped",
            "target": self.target,
            "policy": self.policy.value,
            "counts": self.counts(),
            "conflicts": [
                {"kind": c.kind.value, "legacy": list(c.legacy), "target": list(c.target)}
                for c in self.conflicts
            ],
        }


def legacy_user(row: Row, key: str = "email") -> LegacyUser:
    """The legacy side of a dump row: the key column (``email``, ``username`` or any other
    column of the dump) and a display name from ``name`` or first and last name columns."""
    fields = {k: str(v) for k, v in row.other if v not in (None, "")}
    value = row.username if key == "username" else fields.get(key)
    name = next((fields[n] for n in _LEGACY_NAMES if n in fields), None)
    if name is None:
        parts = [fields.get(n) for n in ("first_name", "firstName", "last_name", "lastName")]
        name = " ".join(p for p in parts if p) or None
    return LegacyUser(row.ref, value, fields.get("email"), name)


def reconcile(
    rows: Iterable[object],
    target_users: Iterable[TargetUser],
    *,
    key: str = "email",
    target: str = "target",
    policy: Policy | str = Policy.SKIP,
) -> Reconciliation:
    """Sort the legacy ``rows`` (dump rows, or ``Malformed`` records, which are counted as
    unreadable) against ``target_users``; see the module docstring."""
    result = Reconciliation(key, target, Policy(policy))
    by_key: dict[str, list[LegacyUser]] = defaultdict(list)
    for item in rows:
        if isinstance(item, Malformed) or not isinstance(item, Row):
            result.unreadable += 1
            continue
        user = legacy_user(item, key)
        if user.match is None:
            result.hold([user], Conflict(ConflictKind.NO_KEY, (user.ref,), ()))
        else:
            by_key[user.match].append(user)
    targets: dict[str, list[TargetUser]] = defaultdict(list)
    for found in target_users:
        if found.match is None:
            result.target_only.append(found)
        else:
            targets[found.match].append(found)
    for match, legacy in by_key.items():
        there = targets.pop(match, [])
        _place(result, legacy, there)
    for rest in targets.values():
        result.target_only.extend(rest)
    return result


def _place(result: Reconciliation, legacy: list[LegacyUser], there: list[TargetUser]) -> None:
    refs, ids = tuple(u.ref for u in legacy), tuple(t.id for t in there)
    if len(there) > 1:
        result.hold(legacy, Conflict(ConflictKind.SEVERAL_TARGET, refs, ids))
    elif len(legacy) > 1:  # with or without a target user: still one account for several
        result.hold(legacy, Conflict(ConflictKind.SEVERAL_LEGACY, refs, ids))
    elif not there:
        result.legacy_only.append(legacy[0])
    else:
        (user,), (found,) = legacy, there
        mismatch = not same_name(user.name, found.name)
        result.both.append(Pair(user, found, mismatch))
        if mismatch:
            result.conflicts.append(Conflict(ConflictKind.NAME_MISMATCH, refs, ids))
