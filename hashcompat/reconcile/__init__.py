"""Who is already in the target: legacy users against the target platform's users.

``reconcile(rows, read_target(path), key="email")`` sorts every legacy user into ``both``,
``legacy_only`` or held for review by a conflict, and lists the target's users no legacy user
matches (``target_only``). The key is normalised (NFKC, lower case). :func:`write_files`
writes the per-group contact lists and the plan file that ``hashcompat push`` reads back with
:func:`load_plan`; see docs/reconcile.md.
"""

from __future__ import annotations

from hashcompat.reconcile._core import (
    Action,
    Conflict,
    Pair,
    Policy,
    Reconciliation,
    legacy_user,
    reconcile,
)
from hashcompat.reconcile._files import PLAN_FILE, Plan, load_plan, write_files, write_plan
from hashcompat.reconcile._model import (
    ConflictKind,
    Group,
    LegacyUser,
    TargetUser,
    UserListing,
    normalise,
)
from hashcompat.reconcile._targets import KINDS, read_target

__all__ = [
    "KINDS",
    "PLAN_FILE",
    "Action",
    "Conflict",
    "ConflictKind",
    "Group",
    "LegacyUser",
    "Pair",
    "Plan",
    "Policy",
    "Reconciliation",
    "TargetUser",
    "UserListing",
    "legacy_user",
    "load_plan",
    "normalise",
    "read_target",
    "reconcile",
    "write_files",
    "write_plan",
]
