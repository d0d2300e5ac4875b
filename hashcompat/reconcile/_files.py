"""What reconcile writes: the contact lists per group, and the plan file that push reads.

Contact lists (CSV, created 0600, cells escaped against spreadsheet formulas as OWASP
describes): ``both.csv``, ``legacy-only.csv``, ``target-only.csv`` with ``id,email``, and
``review.csv`` with ``id,email,conflict``. An id is the legacy id (the target's id in
``target-only.csv``). No list holds a hash, a password or a name.

The plan file, ``reconcile.jsonl`` (0600), is JSON Lines. Its first line is the header::

    {"format": "hashcompat-reconcile", "version": 1, "key": "email",
     "normalisation": "NFKC, lower case, stripped", "target": "okta", "policy": "skip",
     "counts": {...}}

then one line per legacy user, in the order the dump gave them::

    {"id": "42", "group": "both", "action": "skip", "target_id": "00u1...", "conflict": null}

``group`` is ``both``, ``legacy_only`` or ``review``; ``action`` is ``create`` (not in the
target), ``skip`` or ``link`` (in the target: policy ``skip`` leaves the user alone, ``link``
records the legacy id on it; neither touches its password), or ``review`` (a conflict: push
leaves it out). ``conflict`` names the conflict (``name_mismatch`` keeps the pair's action).
:func:`load_plan` reads it back for push.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hashcompat.bulk._resetlist import defuse
from hashcompat.dump._private import private_open
from hashcompat.errors import InvalidArgumentError
from hashcompat.reconcile._core import Action, Reconciliation
from hashcompat.reconcile._model import ConflictKind

FORMAT, VERSION = "hashcompat-reconcile", 1
PLAN_FILE = "reconcile.jsonl"


def _csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> Path:
    with private_open(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([defuse(cell) for cell in row] for row in rows)
    return path


def _conflicts(result: Reconciliation) -> dict[str, str]:
    """legacy ref -> the conflict that holds it (or flags it)."""
    named: dict[str, str] = {}
    for conflict in result.conflicts:
        for ref in conflict.legacy:
            named.setdefault(ref, conflict.kind.value)
    return named


def write_files(result: Reconciliation, out: Path) -> list[Path]:
    """The contact lists and the plan file in directory ``out``; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    named = _conflicts(result)
    header = ("id", "email")
    files = [
        _csv(out / "both.csv", header, ((p.legacy.ref, p.legacy.email) for p in result.both)),
        _csv(out / "legacy-only.csv", header, ((u.ref, u.email) for u in result.legacy_only)),
        _csv(out / "target-only.csv", header, ((t.id, t.email) for t in result.target_only)),
        _csv(
            out / "review.csv",
            (*header, "conflict"),
            ((u.ref, u.email, named.get(u.ref, "")) for u in result.held),
        ),
    ]
    files.append(write_plan(result, out / PLAN_FILE))
    return files


def write_plan(result: Reconciliation, path: Path) -> Path:
    head = {"format": FORMAT, "version": VERSION, **result.to_dict()}
    head.pop("conflicts")
    named = _conflicts(result)
    with private_open(path) as handle:
        handle.write(json.dumps(head) + "\n")
        for pair in result.both:
            line = {"id": pair.legacy.ref, "group": "both",
                    "action": result.action(pair).value, "target_id": pair.target.id,
                    "conflict": named.get(pair.legacy.ref)}  # fmt: skip
            handle.write(json.dumps(line) + "\n")
        for user in result.legacy_only:
            line = {"id": user.ref, "group": "legacy_only", "action": Action.CREATE.value,
                    "target_id": None, "conflict": None}  # fmt: skip
            handle.write(json.dumps(line) + "\n")
        for user in result.held:
            line = {"id": user.ref, "group": "review", "action": Action.REVIEW.value,
                    "target_id": None, "conflict": named.get(user.ref)}  # fmt: skip
            handle.write(json.dumps(line) + "\n")
    return path


@dataclass(frozen=True, slots=True)
class Plan:
    """A reconcile plan read back: the header and, per legacy id, its action and target id.
    A legacy id the plan does not name gets :attr:`default` (``create``)."""

    header: Mapping[str, object]
    actions: Mapping[str, Action]
    target_ids: Mapping[str, str]
    conflicts: Mapping[str, ConflictKind]
    default: Action = Action.CREATE

    def action(self, legacy_id: object) -> Action:
        return self.actions.get(str(legacy_id), self.default)

    def target_id(self, legacy_id: object) -> str | None:
        return self.target_ids.get(str(legacy_id))

    def not_created(self) -> frozenset[str]:
        """The legacy ids push must not create: in the target already (skip, link) or held
        for review; what ``hashcompat.push.push(skip=...)`` takes."""
        return frozenset(ref for ref, act in self.actions.items() if act is not Action.CREATE)

    def links(self) -> dict[str, str]:
        """legacy id -> target id for the users to link (policy ``link``)."""
        return {r: self.target_ids[r] for r, a in self.actions.items() if a is Action.LINK}


def load_plan(path: str | Path) -> Plan:
    """Read a ``reconcile.jsonl`` written by :func:`write_plan` (or a folder holding one)."""
    file = Path(path)
    if file.is_dir():
        file = file / PLAN_FILE
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
        header = json.loads(lines[0]) if lines else None
    except (OSError, ValueError) as exc:
        raise InvalidArgumentError(f"{file.name}: no readable reconcile plan") from exc
    if not isinstance(header, dict) or (header.get("format"), header.get("version")) != (
        FORMAT,
        VERSION,
    ):
        raise InvalidArgumentError(f"{file.name} is not a hashcompat reconcile plan (v1)")
    actions: dict[str, Action] = {}
    target_ids: dict[str, str] = {}
    conflicts: dict[str, ConflictKind] = {}
    for number, text in enumerate(lines[1:], 2):
        try:
            entry = json.loads(text)
            ref = str(entry["id"])
            actions[ref] = Action(entry["action"])
            if entry.get("target_id"):
                target_ids[ref] = str(entry["target_id"])
            if entry.get("conflict"):
                conflicts[ref] = ConflictKind(entry["conflict"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidArgumentError(
                f"{file.name}: unreadable reconcile plan at line {number}"
            ) from exc
    return Plan(header, actions, target_ids, conflicts)
