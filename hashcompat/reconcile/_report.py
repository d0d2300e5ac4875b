"""The reconcile summary as a table, JSON or markdown, like the other commands' reports.

Counts per group and the conflicts by id; never an email, a name or a hash (the contact
lists carry the emails, in files created 0600)."""

from __future__ import annotations

import json

from hashcompat.reconcile._core import Reconciliation

FORMATS = ("table", "json", "markdown")
_LABELS = {
    "legacy": "legacy users",
    "both": "in both (push skips or links them)",
    "legacy_only": "legacy only (push creates them)",
    "target_only": "target only (not in the dump)",
    "review": "held for review (conflicts)",
    "unreadable": "unreadable dump records",
    "conflict_name_mismatch": "  same key, different names",
    "conflict_several_legacy": "  one key, several legacy users",
    "conflict_several_target": "  one key, several target users",
    "conflict_no_key": "  legacy user without a key",
}
SHOWN = 20  # conflicts listed by id; the rest are in review.csv


def render(result: Reconciliation, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2)
    counts = result.counts()
    title = f"reconcile against {result.target} by {result.key} (NFKC, lower case)"
    if fmt == "markdown":
        lines = [f"## {title}", "", "| group | users |", "|---|---:|"]
        lines += [f"| {_LABELS[k].strip()} | {v} |" for k, v in counts.items()]
        if result.conflicts:
            lines += ["", "| conflict | legacy ids | target ids |", "|---|---|---|"]
            lines += [
                f"| {c.kind.value} | {', '.join(c.legacy)} | {', '.join(c.target)} |"
                for c in result.conflicts[:SHOWN]
            ]
        return "\n".join(lines)
    width = max(len(label) for label in _LABELS.values())
    lines = [title] + [f"  {_LABELS[k]:<{width}} {v:>8}" for k, v in counts.items()]
    for conflict in result.conflicts[:SHOWN]:
        target = f" -> target {', '.join(conflict.target)}" if conflict.target else ""
        lines.append(f"  {conflict.kind.value}: legacy {', '.join(conflict.legacy)}{target}")
    if len(result.conflicts) > SHOWN:
        lines.append(f"  ... {len(result.conflicts) - SHOWN} more in review.csv")
    return "\n".join(lines)
