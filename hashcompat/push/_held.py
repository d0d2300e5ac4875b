"""Users push must not create, read from reconcile's plan (or from a plain list of ids).

``hashcompat reconcile`` writes ``reconcile.jsonl`` (docs/reconcile.md): a header line, then
one line per legacy user with its ``action``. push reads it here, without importing the
reconcile package, so each can change inside without the other:

- ``create``: pushed as usual (also every id the plan does not name: a user registered
  after reconcile ran);
- ``skip`` and ``link``: ALREADY THERE, never sent, so a target password is never
  overwritten (linking the legacy id on the target user is left to reconcile's own tooling);
- ``review``: REFUSED until a person decides and reconcile runs again.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from hashcompat.errors import PushError
from hashcompat.push._outcome import Outcome

Held = dict[str, tuple[Outcome, str]]


def from_reconcile(folder: Path) -> Held:
    """The held users of reconcile's plan in ``folder`` (or the plan file itself)."""
    path = folder / "reconcile.jsonl" if folder.is_dir() else folder
    held: Held = {}
    try:
        with path.open(encoding="utf-8") as handle:
            header = json.loads(handle.readline() or "{}")
            if header.get("format") != "hashcompat-reconcile":
                raise PushError(f"{path}: not a reconcile plan (no hashcompat-reconcile header)")
            for line in handle:
                if not line.strip():
                    continue
                entry = json.loads(line)
                action, ref = entry.get("action"), str(entry.get("id"))
                if action in ("skip", "link"):
                    held[ref] = (Outcome.EXISTS, f"in both systems (reconcile: {action})")
                elif action == "review":
                    why = entry.get("conflict") or "conflict"
                    held[ref] = (Outcome.REFUSED, f"review: held by reconcile ({why})")
    except (OSError, ValueError) as exc:
        raise PushError(f"{path}: cannot read the reconcile plan ({exc})") from None
    return held


def from_list(path: Path) -> Held:
    """Ids already in the target from a CSV or JSON Lines file with an ``id`` field."""
    reason = (Outcome.EXISTS, "in both systems (listed)")
    try:
        with path.open(encoding="utf-8") as handle:
            if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
                found = [json.loads(line).get("id") for line in handle if line.strip()]
            else:
                found = [row.get("id") for row in csv.DictReader(handle)]
    except (OSError, ValueError) as exc:
        raise PushError(f"{path}: cannot read the list of ids ({exc})") from None
    return {str(v): reason for v in found if v not in (None, "")}
