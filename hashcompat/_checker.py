"""The sample checker: customer pairs in, a verdict and a report out.

Before a migration is promised, a customer hands over a few plaintext/hash pairs. ``check``
finds the scheme that reproduces them all (or confirms the one named), says what the migration
needs, what a login will cost and which rows have data problems. The report never holds a
plaintext or a pepper, and shows hashes only by their first characters.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hashcompat._checkrows import Sample, explain_miss, mask_hash, mask_password
from hashcompat._discover import Discovery, Pair, discover, timed_verify
from hashcompat._engine import pick_owner, resolve
from hashcompat.errors import HashcompatError, InvalidArgumentError
from hashcompat.scheme import Limits, Scheme, Strength, using_limits

__all__ = ["CheckReport", "PairResult", "Verdict", "check", "mask_hash", "mask_password"]


class Verdict(str, enum.Enum):
    FEASIBLE = "feasible"  # every pair verifies: under one scheme, or each under its own
    PARTIAL = "partial"  # some pairs verify
    INFEASIBLE = "infeasible"  # none does
    INSUFFICIENT = "insufficient"  # fewer usable pairs than asked for

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class PairResult:
    index: int  # 1-based row number in the sample
    password: str  # masked
    hash: str  # masked
    matched: bool
    scheme: str | None  # the scheme that verified it, if any
    problems: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "index": self.index,
            "password": self.password,
            "hash": self.hash,
            "matched": self.matched,
            "scheme": self.scheme,
            "problems": list(self.problems),
        }


@dataclass(frozen=True, slots=True)
class CheckReport:
    verdict: Verdict
    scheme: str | None
    candidates: tuple[str, ...]
    pairs: tuple[PairResult, ...]
    usable: int
    min_pairs: int
    groups: dict[str, tuple[int, ...]] = field(default_factory=dict)
    needs: tuple[str, ...] = ()
    strength: str | None = None
    login_ms: float | None = None
    rehash_on_login: bool = False
    recommendation: str = ""
    notes: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    mixed: bool = False  # feasible row by row: each string names its own scheme

    @property
    def matched(self) -> int:
        return sum(p.matched for p in self.pairs)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready; documented in docs/check.md. No plaintext, no pepper, no whole hash."""
        return {
            "verdict": self.verdict.value,
            "scheme": self.scheme,
            "mixed": self.mixed,
            "candidates": list(self.candidates),
            "platforms": list(self.platforms),
            "pairs_total": len(self.pairs),
            "pairs_usable": self.usable,
            "pairs_matched": self.matched,
            "min_pairs": self.min_pairs,
            "groups": {k: list(v) for k, v in self.groups.items()},
            "needs": list(self.needs),
            "strength": self.strength,
            "login_ms": None if self.login_ms is None else round(self.login_ms, 3),
            "rehash_on_login": self.rehash_on_login,
            "recommendation": self.recommendation,
            "notes": list(self.notes),
            "pairs": [p.to_dict() for p in self.pairs],
        }


def _rehash(strength: Strength | None) -> bool:
    """Whether hashes of this strength should be replaced at the next login: a property of the
    scheme alone, whatever the verdict on the sample."""
    return strength is not None and strength is not Strength.MODERN


def _recommendation(strength: Strength | None, verdict: Verdict) -> str:
    if strength is None or verdict in (Verdict.INFEASIBLE, Verdict.INSUFFICIENT):
        return (
            "no migration path can be promised yet: ask for more pairs, the salt/site key "
            "columns, or the code that made the hashes"
        )
    if strength is Strength.MODERN:
        return (
            "import the hashes as they are where the target accepts this format; otherwise "
            "verify them with hashcompat and rehash on login"
        )
    if strength is Strength.RECOVERABLE:
        return (
            "the strings hold the passwords themselves: hash every row offline now with the "
            "target scheme; hashcompat.migrate refuses this class at login by default"
        )
    return (
        "rehash on login with hashcompat.migrate (argon2id), or wrap the weak hashes "
        "offline now so none stays in the database; users who never log in before the old "
        "system is switched off will have to reset their password"
    )


def _credit(discovery: Discovery) -> dict[int, str]:
    """Credit each pair (by position) to the first scheme that verifies it: full matches first."""
    ranked = sorted(discovery.per_pair.items(), key=lambda kv: -sum(kv[1]))
    by_pair: dict[int, str] = {}
    for name in [*discovery.schemes, *(name for name, _ in ranked)]:
        for position, ok in enumerate(discovery.per_pair.get(name, ())):
            if ok:
                by_pair.setdefault(position, name)
    return by_pair


def _owned(found: list[Pair], discovery: Discovery) -> dict[int, str] | None:
    """Each pair's self-describing owner, when every pair verifies under the scheme its own
    string names (what ``verify(scheme=None)`` does); None when some pair does not."""
    owners: dict[int, str] = {}
    for position, pair in enumerate(found):
        try:
            name = pick_owner(pair.hash).info.name
        except HashcompatError:
            return None
        results = discovery.per_pair.get(name, ())
        if position >= len(results) or not results[position]:
            return None
        owners[position] = name
    return owners


def _notes(
    verdict: Verdict,
    discovery: Discovery,
    groups: Mapping[str, object],
    *,
    all_credited: bool,
    usable: int,
    min_pairs: int,
) -> list[str]:
    notes = list(discovery.notes)
    if verdict is Verdict.PARTIAL and len(groups) > 1:
        if all_credited:
            notes.append(
                "every row verifies under one of the groups' schemes, but not every string "
                "names its scheme: keep a scheme column beside the hash for the migration"
            )
        else:
            notes.append(
                "the pairs disagree: see the groups; ask which rows come from which system"
            )
    if verdict is Verdict.INSUFFICIENT:
        notes.append(f"only {usable} usable pairs; at least {min_pairs} are needed for a verdict")
    if len(discovery.schemes) > 1:
        notes.append(
            f"{len(discovery.schemes)} schemes reproduce every pair: the first is the "
            "simplest; more varied pairs would tell them apart"
        )
    return notes


_INPUT_LABELS = {"salt": "salt column", "pepper": "site-wide key (pepper)", "username": "username"}


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What the schemes that carry the export say, taken together (one, or one per group)."""

    schemes: tuple[Scheme, ...]

    @property
    def strength(self) -> Strength | None:
        ranks = list(Strength)
        return min((s.info.strength for s in self.schemes), key=ranks.index, default=None)

    @property
    def needs(self) -> tuple[str, ...]:
        names = dict.fromkeys(n for s in self.schemes for n in s.info.inputs)
        return tuple(_INPUT_LABELS[n] for n in names)

    @property
    def platforms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for s in self.schemes for p in s.info.platforms))


def _login_ms(
    outcome: _Outcome, discovery: Discovery, found: list[Pair], by_pair: Mapping[int, str]
) -> float | None:
    """The cost of one login: the slowest format's fastest verify, reused from discovery; a
    scheme discovery did not time (a formula, a named scheme) is timed once on a pair it owns."""
    costs = []
    for scheme in outcome.schemes:
        name = scheme.info.name
        ms = discovery.timings_ms.get(name)
        if ms is None and found:
            owned = [found[pos] for pos, n in by_pair.items() if n == name] or found[:1]
            ms = timed_verify(scheme, owned[0])[1]
        if ms is not None:
            costs.append(ms)
    return max(costs, default=None)


def _confirm(named: Scheme, scheme: str, found: list[Pair]) -> Discovery:
    results: list[bool] = []
    timings: dict[str, float] = {}
    for pair in found:
        ok, ms = timed_verify(named, pair)
        results.append(ok)
        if ok:
            timings[scheme] = min(ms, timings.get(scheme, ms))
    full = (scheme,) if results and all(results) else ()
    per_pair = {scheme: tuple(results)} if any(results) else {}
    return Discovery(schemes=full, per_pair=per_pair, timings_ms=timings)


def _rows(sample: Sample, by_pair: Mapping[int, str], chosen: Scheme | None) -> list[PairResult]:
    position_of = {index: pos for pos, (index, _) in enumerate(sample.usable)}
    out = []
    for i, pair in enumerate(sample.parsed, 1):
        pos = position_of.get(i)
        matched_by = by_pair.get(pos) if pos is not None else None
        problems = sample.problems[i - 1]
        if pair is not None and matched_by is None and chosen is not None:
            problems += explain_miss(chosen, pair)
        out.append(
            PairResult(
                index=i,
                password=mask_password(pair.password) if pair else "-",
                hash=mask_hash(pair.hash) if pair else "-",
                matched=matched_by is not None,
                scheme=matched_by,
                problems=tuple(problems),
            )
        )
    return out


def check(
    pairs: Iterable[Mapping[str, str | None]],
    *,
    scheme: str | None = None,
    min_pairs: int = 5,
    limits: Limits | None = None,
) -> CheckReport:
    """Check a sample of plaintext/hash pairs; see the contract for the verdicts.

    ``limits``: caps for this check only (an untrusted sample may ask for huge costs); None
    keeps those in force (:func:`hashcompat.scheme.using_limits`, else the process-wide ones).
    """
    if limits is None:
        return _check(pairs, scheme, min_pairs)
    with using_limits(limits):
        return _check(pairs, scheme, min_pairs)


def _check(
    pairs: Iterable[Mapping[str, str | None]], scheme: str | None, min_pairs: int
) -> CheckReport:
    if not isinstance(min_pairs, int) or min_pairs < 1:
        raise InvalidArgumentError("min_pairs must be a positive integer")
    named = resolve(scheme) if scheme is not None else None
    sample = Sample.read(pairs)
    found = [pair for _, pair in sample.usable]
    if named is not None and scheme is not None:
        discovery = _confirm(named, scheme, found)
    else:
        discovery = discover(found)

    by_pair = _credit(discovery)
    owners = None if named is not None or discovery.schemes else _owned(found, discovery)
    mixed = owners is not None and len(set(owners.values())) > 1
    if owners is not None and mixed:
        by_pair = owners
    groups: dict[str, list[int]] = {}
    for position, name in sorted(by_pair.items()):
        groups.setdefault(name, []).append(sample.usable[position][0])
    best = next(iter(discovery.schemes), None) or max(
        groups, key=lambda name: len(groups[name]), default=None
    )
    chosen = named if named is not None else (resolve(best) if best is not None else None)
    if len(found) < min_pairs:
        verdict = Verdict.INSUFFICIENT
    elif discovery.schemes or mixed:
        verdict = Verdict.FEASIBLE
    else:
        verdict = Verdict.PARTIAL if by_pair else Verdict.INFEASIBLE
    if mixed:
        outcome = _Outcome(tuple(resolve(name) for name in groups))
    else:
        outcome = _Outcome((chosen,) if chosen is not None else ())

    results_out = _rows(sample, by_pair, chosen)
    strength = outcome.strength
    notes = _notes(
        verdict,
        discovery,
        groups,
        all_credited=len(by_pair) == len(found),
        usable=len(found),
        min_pairs=min_pairs,
    )
    if mixed:
        notes.append(
            "a mixed export: each string names its own format, so hashcompat.verify without "
            "scheme= verifies every row"
        )
    return CheckReport(
        verdict=verdict,
        scheme=None if mixed else (scheme if named is not None and discovery.per_pair else best),
        candidates=tuple(discovery.schemes),
        pairs=tuple(results_out),
        usable=len(found),
        min_pairs=min_pairs,
        groups={k: tuple(v) for k, v in groups.items()},
        needs=outcome.needs,
        strength=strength.value if strength else None,
        login_ms=_login_ms(outcome, discovery, found, by_pair),
        rehash_on_login=_rehash(strength),
        recommendation=_recommendation(strength, verdict),
        notes=tuple(notes),
        platforms=outcome.platforms,
        mixed=mixed,
    )
