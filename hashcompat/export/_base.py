"""What every export target shares: the row it reads, the plan each row gets, and the run.

A target turns the record of one row's hash (what its scheme's ``parse`` returns, through
:func:`~hashcompat._conversion.decompose`) into the platform's payload, or refuses with the
reason (:class:`Refused`): an algorithm the platform does not compute, or a parameter outside
the limits it documents. The run sorts every row into one plan,
so the counts add up to the input: ``import`` (the stored string as it is), ``convert`` (the
same hash re-encoded in the platform's fields), ``rehash`` (the platform cannot check it: verify
it on the next login through the platform's just-in-time hook, then set the password) and
``reset`` (nothing can check it: the user resets the password). Rows that are not imported go
to a second file with the plan and the reason, never with the hash.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from hashcompat._conversion import Convertible, decompose
from hashcompat._engine import choose_scheme
from hashcompat.dump import Malformed, Row, as_items
from hashcompat.dump._plan import EXPORT_PLANS, Plan
from hashcompat.dump._private import private_open, write_private
from hashcompat.errors import (
    AmbiguousHashError,
    HashcompatError,
    UnconvertibleHashError,
)
from hashcompat.errors import TargetRefusedError as Refused

__all__ = [
    "Decision",
    "ExportResult",
    "Plan",
    "Target",
    "run",
]


@dataclass(frozen=True, slots=True)
class Decision:
    """The platform payload for one row and whether the stored string was kept as it is."""

    payload: dict[str, Any]
    as_is: bool


class Target(Protocol):
    """One platform. ``jit`` names its just-in-time hook; ``note`` is printed with each run.

    A target may also define ``accept(row, scheme) -> Decision | None``: it is asked first, with
    the scheme's name, for formats it takes as stored strings that :func:`decompose` does not
    reduce to parameters (phpass, Drupal's ``$S$``, WordPress's ``$wp$``); None passes the row
    on to ``decide``."""

    @property
    def name(self) -> str: ...

    @property
    def jit(self) -> str: ...

    @property
    def note(self) -> str: ...

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision: ...

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]: ...


@dataclass(slots=True)
class ExportResult:
    """Counts per plan (they add up to ``total``), the files written, and per-scheme counts."""

    target: str
    total: int = 0
    plans: dict[str, int] = field(default_factory=lambda: {p.value: 0 for p in EXPORT_PLANS})
    schemes: dict[str, dict[str, int]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    leftovers: Path | None = None

    def count(self, scheme: str, plan: Plan) -> None:
        self.total += 1
        self.plans[plan.value] += 1
        by = self.schemes.setdefault(scheme, {})
        by[plan.value] = by.get(plan.value, 0) + 1

    def to_dict(self) -> dict[str, object]:
        return {
            "target": self.target,
            "total": self.total,
            "plans": dict(self.plans),
            "schemes": {k: dict(v) for k, v in sorted(self.schemes.items())},
            "files": [str(p) for p in self.files],
            "leftovers": str(self.leftovers) if self.leftovers else None,
        }


def _leftover(row: Row, scheme: str, plan: Plan, reason: str, jit: str) -> dict[str, object]:
    entry: dict[str, object] = {"id": row.id, "scheme": scheme, "plan": plan.value}
    entry["reason"] = reason
    if plan is Plan.REHASH:
        entry["hook"] = jit
    return entry


def classify(
    target: Target, row: Row, default: str | None = None
) -> tuple[str, Plan, Decision | None, str]:
    """(scheme, plan, payload or None, reason) for one row. The scheme is chosen as
    ``analyze`` chooses it (:func:`hashcompat._engine.choose_scheme`): the row's scheme
    column, else the string's own, else ``default`` for a string that names none."""
    try:
        scheme = choose_scheme(row.scheme or None, row.hash, default)[0].info.name
    except AmbiguousHashError:
        return "unknown", Plan.RESET, None, "the hash names no scheme: add a scheme column"
    except HashcompatError as exc:
        return "unknown", Plan.RESET, None, f"no scheme checks this hash ({type(exc).__name__})"
    try:
        decision = _accepted(target, row, scheme)
        if decision is None:
            source, params = decompose(row.hash, scheme=scheme)
            decision = target.decide(row, source, params)
    except UnconvertibleHashError:
        return scheme, Plan.REHASH, None, f"{target.name} does not compute {scheme}"
    except Refused as exc:
        return scheme, Plan.REHASH, None, exc.reason
    except HashcompatError as exc:
        return scheme, Plan.RESET, None, f"the stored hash is unusable ({type(exc).__name__})"
    return scheme, (Plan.IMPORT if decision.as_is else Plan.CONVERT), decision, ""


def _accepted(target: Target, row: Row, scheme: str) -> Decision | None:
    """The target's ``accept`` answer for a stored string it takes by scheme name (Refused
    when it names the scheme but cannot take this row), or None."""
    accept = getattr(target, "accept", None)
    if accept is None:
        return None
    taken: Decision | None = accept(row, scheme)
    return taken


def run(
    target: Target,
    rows: Iterable[object],
    out: Path,
    *,
    scheme: str | None = None,
) -> ExportResult:
    """Export ``rows`` for ``target`` into directory ``out``; see the module docstring.

    ``rows`` holds :class:`~hashcompat.dump.Row` values, mappings (read by
    :func:`hashcompat.dump.from_mapping`), or what a ``hashcompat.dump`` reader yields (a
    ``Malformed`` item becomes a ``reset`` with its reason).
    ``scheme`` names the scheme of rows that name none and whose hash does not say.
    """
    out.mkdir(parents=True, exist_ok=True)
    result = ExportResult(target.name)
    accepted: list[tuple[Row, Decision]] = []
    leftovers = out / f"{target.name}-not-imported.jsonl"
    with private_open(leftovers, "w") as rest:
        for row in as_items(rows):
            if isinstance(row, Malformed):  # a bad record, already explained by its reader
                result.count("malformed", Plan.RESET)
                entry = {"id": row.id, "scheme": "malformed", "plan": Plan.RESET.value}
                rest.write(json.dumps({**entry, "reason": row.reason}) + "\n")
                continue
            found, plan, decision, why = classify(target, row, scheme)
            result.count(found, plan)
            if decision is not None:
                accepted.append((row, decision))
            else:
                rest.write(json.dumps(_leftover(row, found, plan, why, target.jit)) + "\n")
    result.files = target.write(accepted, out) if accepted else []
    result.leftovers = leftovers
    return result


def chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def dump_json(value: object, path: Path) -> Path:
    return write_private(path, json.dumps(value, indent=1, ensure_ascii=False) + "\n")


def dump_lines(values: Iterable[object], path: Path) -> Path:
    with private_open(path, "w") as handle:
        for value in values:
            handle.write(json.dumps(value, ensure_ascii=False) + "\n")
    return path
