"""Bulk-import payloads for identity platforms, one module per platform behind a small base.

``export(rows, "auth0", out_dir)`` writes the platform's files and a second file of the rows it
cannot import, with their plan (rehash on login, or reset) and the reason; the returned
:class:`ExportResult` counts each plan, and the counts add up to the input.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path

from hashcompat.errors import InvalidArgumentError
from hashcompat.export.base import ExportResult, Plan, Target, run

__all__ = ["TARGETS", "ExportResult", "Plan", "export", "target"]

TARGETS = ("auth0", "okta", "firebase", "keycloak", "kratos", "supabase", "cognito", "entra")


_MODULES = {
    "auth0": ("auth0", "Auth0"),
    "okta": ("okta", "Okta"),
    "firebase": ("firebase", "Firebase"),
    "keycloak": ("keycloak", "Keycloak"),
    "kratos": ("kratos", "Kratos"),
    "supabase": ("supabase", "Supabase"),
    "cognito": ("jit", "COGNITO"),
    "entra": ("jit", "ENTRA"),
}


def target(name: str) -> Target:
    """The exporter for platform ``name`` (one of :data:`TARGETS`); its module loads now."""
    entry = _MODULES.get(name)
    if entry is None:
        raise InvalidArgumentError(
            f"unknown export target {name!r}; choose from {', '.join(TARGETS)}"
        )
    found = getattr(importlib.import_module(f"hashcompat.export.{entry[0]}"), entry[1])
    made: Target = found() if isinstance(found, type) else found
    return made


def export(
    rows: Iterable[object],
    to: str,
    out: str | Path,
    *,
    scheme: str | None = None,
) -> ExportResult:
    """Write ``to``'s import files for ``rows`` into directory ``out``. ``rows``: mappings,
    :class:`hashcompat.dump.Row` values, or the rows of a ``hashcompat.dump`` reader; ``scheme``
    names the scheme of rows that name none and whose hash does not say."""
    return run(target(to), rows, Path(out), scheme=scheme)
