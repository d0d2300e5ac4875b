"""Deliver users into an identity platform through its API, resumably, at the platform's pace.

``push(rows, "okta", checkpoint="okta.push")`` plans every row as ``export`` does, sends the
importable ones (one call per user, or the platform's batches and jobs), and returns a
:class:`PushReport` whose counts per :class:`Outcome` add up to the input. The checkpoint (a
SQLite file, 0600) makes a re-run resume after a crash and, once a run has finished, sync only
new users and users whose legacy hash changed. See docs/push.md.
"""

from __future__ import annotations

import asyncio
import importlib
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from hashcompat.errors import HashcompatError, PushError
from hashcompat.push._base import Client
from hashcompat.push._outcome import Outcome, PushReport
from hashcompat.push._settings import Settings, load

if TYPE_CHECKING:
    from hashcompat.export._base import Target
    from hashcompat.push._engine import Options

__all__ = ["TARGETS", "Outcome", "PushReport", "Settings", "client", "load", "push"]

TARGETS = (
    "okta",
    "auth0",
    "firebase",
    "keycloak",
    "kratos",
    "pingone",
    "clerk",
    "zitadel",
    "fusionauth",
)
_CLASSES = {
    "okta": "Okta",
    "auth0": "Auth0",
    "firebase": "Firebase",
    "keycloak": "Keycloak",
    "kratos": "Kratos",
    "pingone": "PingOne",
    "clerk": "Clerk",
    "zitadel": "Zitadel",
    "fusionauth": "FusionAuth",
}


def client(name: str, settings: Settings) -> Client:
    """The API client of platform ``name``; its module loads now."""
    if name not in _CLASSES:
        raise PushError(f"unknown push target {name!r}; choose from {', '.join(TARGETS)}")
    module = importlib.import_module(f"hashcompat.push._{name}")
    made: Client = getattr(module, _CLASSES[name])(settings)
    return made


def push(
    rows: Iterable[object],
    to: str,
    *,
    checkpoint: str | Path,
    config: str | Path | None = None,
    profile: str | None = None,
    settings: Settings | None = None,
    update: bool = False,
    dry_run: bool = False,
    concurrency: int = 8,
    retries: int = 10,
    scheme: str | None = None,
    held: Mapping[str, tuple[Outcome, str]] | None = None,
    hook: bool = False,
    progress: Callable[[int, object], None] | None = None,
) -> PushReport:
    """Push ``rows`` to platform ``to``; see the module docstring and docs/push.md.

    Credentials come from ``settings``, else the environment and ``config`` (never an
    argument). ``update`` overwrites users already there; ``dry_run`` sends no write (it looks
    users up) and leaves the checkpoint file as it was. ``held``: id -> (outcome, reason) for
    users never to send (:mod:`hashcompat.push._held` reads reconcile's plan into it).
    ``hook``: rows the platform cannot check are created as users of its password-import
    hook (Okta), verified at their first sign-in by ``hashcompat serve``.
    """
    from hashcompat.export import target as export_target  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.push._engine import Options  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    try:
        payloads = export_target(to)
    except HashcompatError:
        raise PushError(f"{to}: this version has no export payload for it yet") from None
    chosen = client(to, settings if settings is not None else load(to, config, profile))
    options = Options(
        update, dry_run, scheme, concurrency, retries, progress, dict(held or {}), hook
    )
    return asyncio.run(_push(chosen, payloads, rows, Path(checkpoint), options))


async def _push(
    chosen: Client, payloads: Target, rows: Iterable[object], path: Path, options: Options
) -> PushReport:
    from hashcompat.push._checkpoint import Checkpoint  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.push._engine import Engine, finish  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.push._http import Http  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path
    from hashcompat.push._pacing import Window  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    started = time.monotonic()
    base, headers = chosen.endpoint()
    limit = min(options.concurrency, chosen.concurrency or options.concurrency)
    http = Http(base, headers, Window(limit), retries=options.retries)
    cp = Checkpoint.open(path, f"{chosen.name} {base}", dry=options.dry_run)
    try:
        cp.begin()
        engine = Engine(payloads, chosen, http, cp, options)
        await engine.run(rows, max(limit * 2, 2))
        report = finish(engine, PushReport(chosen.name, options.dry_run), started)
        cp.finish()
        return report
    finally:
        cp.close()
        await http.close()
