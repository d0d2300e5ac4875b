"""Discovery: which schemes reproduce every pair of a sample.

Registered schemes are tried first: self-describing formats by identification, the others by
their format. Formula compositions of the custom-scheme language come next (when available).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from hashcompat.engine import encode_password, make_inputs, run_verify
from hashcompat.errors import HashcompatError
from hashcompat.registry import registry
from hashcompat.scheme import Scheme

__all__ = ["Discovery", "Pair", "discover"]


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


def _verifies(scheme: Scheme, pair: Pair) -> bool:
    try:
        inputs = make_inputs(pair.salt, pair.username, pair.pepper)
        return run_verify(scheme, encode_password(pair.password), pair.hash, inputs)
    except HashcompatError:
        return False


def _registered_candidates(pairs: Sequence[Pair]) -> list[Scheme]:
    seen: dict[str, Scheme] = {}
    for pair in pairs:
        for scheme in registry.identify(pair.hash):
            seen.setdefault(scheme.info.name, scheme)
    return list(seen.values())


def discover(
    pairs: Sequence[Pair], *, formulas: bool = True, time_budget_s: float = 10.0
) -> Discovery:
    """Every scheme that verifies all ``pairs``: registered schemes first, then (when none
    does and ``formulas`` is true) compositions of the custom-scheme language, simplest first,
    within ``time_budget_s`` seconds."""
    start = time.perf_counter()
    pairs = list(pairs)
    per_pair: dict[str, tuple[bool, ...]] = {}
    candidates = _registered_candidates(pairs)
    for scheme in candidates:
        results = tuple(_verifies(scheme, pair) for pair in pairs)
        if any(results):
            per_pair[scheme.info.name] = results
    full = tuple(name for name, results in per_pair.items() if all(results))
    notes: tuple[str, ...] = ()
    tried = len(candidates)
    if formulas and not full and pairs:
        from hashcompat.formula.discovery import search_formulas

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
    )
