"""Bulk-import payloads for identity platforms, one module per platform behind a small base.

``export(rows, "auth0", out_dir)`` writes the platform's files and a second file of the rows it
cannot import, with their plan (rehash on login, or reset) and the reason; the returned
:class:`ExportResult` counts each plan, and the counts add up to the input.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from hashcompat.errors import InvalidArgumentError
from hashcompat.export._base import ExportResult, Plan, Target, run

if TYPE_CHECKING:
    from hashcompat.export._firebase import sdk_batch

__all__ = ["TARGETS", "ExportResult", "Plan", "export", "sdk_batch", "target"]


def __getattr__(name: str) -> object:
    if name == "sdk_batch":  # Firebase's batch as firebase-admin values; its module on first use
        from hashcompat.export._firebase import sdk_batch  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return sdk_batch
    raise AttributeError(f"module 'hashcompat.export' has no attribute {name!r}")


TARGETS = (
    "auth0",
    "okta",
    "firebase",
    "keycloak",
    "kratos",
    "supabase",
    "pingone",
    "clerk",
    "zitadel",
    "fusionauth",
    "pelcro",
    "cognito",
    "entra",
)


_MODULES = {
    "auth0": ("auth0", "Auth0"),
    "okta": ("okta", "Okta"),
    "firebase": ("firebase", "Firebase"),
    "keycloak": ("keycloak", "Keycloak"),
    "kratos": ("kratos", "Kratos"),
    "supabase": ("supabase", "Supabase"),
    "pingone": ("pingone", "PingOne"),
    "clerk": ("clerk", "Clerk"),
    "zitadel": ("zitadel", "Zitadel"),
    "fusionauth": ("fusionauth", "FusionAuth"),
    "pelcro": ("pelcro", "Pelcro"),
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
    found = getattr(importlib.import_module(f"hashcompat.export._{entry[0]}"), entry[1])
    made: Target = found() if isinstance(found, type) else found
    return made


def export(
    rows: Iterable[object] | str | os.PathLike[str],
    to: str,
    out: str | Path,
    *,
    scheme: str | None = None,
    platform: str | None = None,
    prefix: str | None = None,
) -> ExportResult:
    """Write ``to``'s import files for ``rows`` into directory ``out``. ``rows``: mappings,
    :class:`hashcompat.dump.Row` values, the rows of a ``hashcompat.dump`` reader, or a dump
    path or database URL read as ``platform`` keeps it (a preset; ``prefix`` its tables');
    ``scheme`` names the scheme of rows that name none and whose hash does not say."""
    if isinstance(rows, (str, os.PathLike)):
        from hashcompat.dump._platform import open_source  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        with open_source(rows, platform=platform, prefix=prefix) as source:
            return run(target(to), source, Path(out), scheme=scheme)
    return run(target(to), rows, Path(out), scheme=scheme)
