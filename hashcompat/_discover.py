"""Discovery: which schemes reproduce every pair of a sample.

Registered schemes are tried first: self-describing formats by identification, the others by
their format, cheapest first. Formula compositions of the custom-scheme language come next
(when available). Each successful verify is timed, so the checker can quote a login cost
without running a slow scheme again.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from hashcompat._engine import encode_password, make_inputs, run_verify
from hashcompat._registry import registry
from hashcompat.errors import HashcompatError
from hashcompat.scheme import Scheme, Strength

__all__ = ["Discovery", "Pair", "discover", "timed_verify"]


@dataclass(frozen=True, slots=True)
class Pair:
    """One known plaintext and the hash an old system stored for it."""

    password: str
    hash: str
    salt: str | None = None
    username: str | None = None
    pepper: str | None = None

    def __repr__(self) -> str:  # never the plaintext, the pepper or the whole hash
        return f"Pair(hash_length={len(self.hash)}, salt={self.salt is not None})"


@dataclass(frozen=True, slots=True)
class Discovery:
    """What discovery found.

    ``schemes``: every scheme string that verifies all pairs, simplest first; each is accepted
    unchanged by ``hashcompat.verify(scheme=...)``. ``per_pair``: for every scheme that verified
    at least one pair, which pairs it verified. ``notes``: near misses worth telling a human.
    """

    schemes: tuple[str, ...]
    per_pair: dict[str, tuple[bool, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    tried: int = 0
    elapsed_s: float = 0.0
    timings_ms: dict[str, float] = field(default_factory=dict)  # fastest successful verify


def timed_verify(scheme: Scheme, pair: Pair, password: str | None = None) -> tuple[bool, float]:
    """Whether the pair verifies under ``scheme`` (an unusable hash is a False), and the
    milliseconds the verify took: one run serves both the verdict and the login-cost figure."""
    start = time.perf_counter()
    try:
        inputs = make_inputs(pair.salt, pair.username, pair.pepper)
        secret = encode_password(pair.password if password is None else password)
        ok = run_verify(scheme, secret, pair.hash, inputs)
    except HashcompatError:
        ok = False
    return ok, (time.perf_counter() - start) * 1000


# Strength is the cost class a scheme's designers chose: plain digests cost microseconds,
# deliberately slow schemes up to a second. Cheap candidates go first.
_COST_RANK = {s: rank for rank, s in enumerate(Strength)}


def _registered_candidates(pairs: Sequence[Pair]) -> list[Scheme]:
    seen: dict[str, Scheme] = {}
    for pair in pairs:
        for scheme in registry.identify(pair.hash):
            seen.setdefault(scheme.info.name, scheme)
    return sorted(seen.values(), key=lambda s: _COST_RANK[s.info.strength])


def _try(scheme: Scheme, pairs: Sequence[Pair], timings: dict[str, float]) -> tuple[bool, ...]:
    """Every pair under ``scheme``: a string the scheme cannot own fails in its parser before
    any work (and a scheme may read more forms than it is identified by, as Django's unsalted
    MD5 reads bare hex); each successful verify is timed."""
    results = []
    for pair in pairs:
        ok, ms = timed_verify(scheme, pair)
        if ok:
            name = scheme.info.name
            timings[name] = min(ms, timings.get(name, ms))
        results.append(ok)
    return tuple(results)


def discover(
    pairs: Sequence[Pair], *, formulas: bool = True, time_budget_s: float = 10.0
) -> Discovery:
    """Every scheme that verifies all ``pairs``: registered schemes first, then (when none
    does and ``formulas`` is true) compositions of the custom-scheme language, simplest first,
    within ``time_budget_s`` seconds."""
    start = time.perf_counter()
    pairs = list(pairs)
    per_pair: dict[str, tuple[bool, ...]] = {}
    timings: dict[str, float] = {}
    candidates = _registered_candidates(pairs)
    for scheme in candidates:
        results = _try(scheme, pairs, timings)
        if any(results):
            per_pair[scheme.info.name] = results
    full = tuple(name for name, results in per_pair.items() if all(results))
    notes: tuple[str, ...] = ()
    tried = len(candidates)
    if formulas and not full and pairs:
        from hashcompat.formula._discovery import search_formulas  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        found = search_formulas(pairs, start + time_budget_s)
        full, notes, tried = tuple(found.schemes), tuple(found.notes), tried + found.tried
        if per_pair and not found.per_pair:
            notes = ()  # registered schemes explain some rows; formula near-misses are noise
        per_pair.update(found.per_pair)
    return Discovery(
        schemes=full,
        per_pair=per_pair,
        notes=notes,
        tried=tried,
        elapsed_s=time.perf_counter() - start,
        timings_ms=timings,
    )
