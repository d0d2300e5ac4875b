"""The sample checker: customer pairs in, a verdict and a report out.

Before a migration is promised, a customer hands over a few plaintext/hash pairs. ``check``
finds the scheme that reproduces them all (or confirms the one named), says what the migration
needs, what a login will cost and which rows have data problems. The report never holds a
plaintext or a pepper, and shows hashes only by their first characters.
"""

from __future__ import annotations

import enum
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hashcompat.discover import Discovery, Pair, discover
from hashcompat.engine import encode_password, make_inputs, resolve, run_verify
from hashcompat.errors import HashcompatError, InvalidArgumentError
from hashcompat.registry import registry
from hashcompat.scheme import Scheme, Strength

__all__ = ["CheckReport", "PairResult", "Verdict", "check", "mask_hash", "mask_password"]

_FIELDS = ("password", "hash", "salt", "username", "pepper")
_HEX = re.compile(r"[0-9a-fA-F]+")
_WP_SCHEMES = frozenset({"wordpress_bcrypt", "phpass"})


class Verdict(str, enum.Enum):
    FEASIBLE = "feasible"  # one scheme verifies every pair
    PARTIAL = "partial"  # some pairs verify
    INFEASIBLE = "infeasible"  # none does
    INSUFFICIENT = "insufficient"  # fewer usable pairs than asked for

    def __str__(self) -> str:
        return self.value


def mask_password(password: str) -> str:
    """First character and length only: enough to tell rows apart, useless to an attacker."""
    if not password:
        return "(empty)"
    size = f"{len(password)} char{'' if len(password) == 1 else 's'}"
    if len(password) < 4:
        return f"{'*' * len(password)} ({size})"
    return f"{password[0]}{'*' * 5} ({size})"


def mask_hash(hash: str) -> str:
    """The format-revealing start of a hash, never enough of it to attack."""
    shown = min(len(hash) // 3, 8)
    return f"{hash[:shown]}… ({len(hash)} chars)"


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

    @property
    def matched(self) -> int:
        return sum(p.matched for p in self.pairs)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready; documented in docs/check.md. No plaintext, no pepper, no whole hash."""
        return {
            "verdict": self.verdict.value,
            "scheme": self.scheme,
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


def _to_pair(row: Mapping[str, str | None], index: int) -> Pair | None:
    if not isinstance(row, Mapping):
        raise InvalidArgumentError(f"pair {index} is not a mapping")
    values = {k: row.get(k) for k in _FIELDS}
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            raise InvalidArgumentError(f"pair {index}: {name} must be text")
    password, hash = values["password"], values["hash"]
    if password is None or not hash or not hash.strip():
        return None
    return Pair(
        password=password,
        hash=hash.strip(),
        salt=values["salt"] or None,
        username=values["username"] or None,
        pepper=values["pepper"] or None,
    )


def _verifies(scheme: Scheme, pair: Pair, password: str | None = None) -> bool:
    try:
        inputs = make_inputs(pair.salt, pair.username, pair.pepper)
        secret = encode_password(pair.password if password is None else password)
        return run_verify(scheme, secret, pair.hash, inputs)
    except HashcompatError:
        return False


def _problems(raw_hash: str, pair: Pair | None, seen: set[tuple[str, str]]) -> list[str]:
    problems = []
    if raw_hash != raw_hash.strip():
        problems.append("whitespace around the hash (ignored)")
    if pair is None:
        problems.append("missing password or hash: not usable")
        return problems
    if (pair.password, pair.hash) in seen:
        problems.append("duplicate of an earlier pair: counted once")
    if (
        _HEX.fullmatch(pair.hash)
        and pair.hash != pair.hash.lower()
        and pair.hash != pair.hash.upper()
    ):
        problems.append("mixed-case hex digest")
    elif _HEX.fullmatch(pair.hash) and any(c in "ABCDEF" for c in pair.hash):
        problems.append("upper-case hex digest (compared without case)")
    return problems


def _timed_login(scheme: Scheme, pair: Pair) -> float:
    start = time.perf_counter()
    _verifies(scheme, pair)
    return (time.perf_counter() - start) * 1000


def _recommendation(scheme: Scheme | None, verdict: Verdict) -> tuple[str, bool]:
    if scheme is None or verdict in (Verdict.INFEASIBLE, Verdict.INSUFFICIENT):
        return (
            "no migration path can be promised yet: ask for more pairs, the salt/site key "
            "columns, or the code that made the hashes",
            False,
        )
    strength = scheme.info.strength
    if strength is Strength.MODERN:
        return (
            "import the hashes as they are where the target accepts this format; otherwise "
            "verify them with hashcompat and rehash on login",
            False,
        )
    if strength is Strength.RECOVERABLE:
        return (
            "the strings hold the passwords themselves: hash every row offline now with the "
            "target scheme; hashcompat.migrate refuses this class at login by default",
            True,
        )
    advice = (
        "rehash on login with hashcompat.migrate (argon2id), or wrap the weak hashes "
        "offline now so none stays in the database; users who never log in before the old "
        "system is switched off will have to reset their password"
    )
    return advice, True


@dataclass(slots=True)
class _Sample:
    """The rows as given, and the usable, de-duplicated pairs among them."""

    rows: list[Mapping[str, str | None]]
    parsed: list[Pair | None]
    problems: list[list[str]]
    usable: list[tuple[int, Pair]]  # (1-based row number, pair)

    @classmethod
    def read(cls, pairs: Iterable[Mapping[str, str | None]]) -> _Sample:
        rows = list(pairs)
        parsed = [_to_pair(row, i) for i, row in enumerate(rows, 1)]
        seen: set[tuple[str, str]] = set()
        problems, usable = [], []
        for i, (row, pair) in enumerate(zip(rows, parsed, strict=True), 1):
            problems.append(_problems(str(row.get("hash") or ""), pair, seen))
            if pair is not None and (pair.password, pair.hash) not in seen:
                seen.add((pair.password, pair.hash))
                usable.append((i, pair))
        return cls(rows, parsed, problems, usable)


def _credit(discovery: Discovery) -> dict[int, str]:
    """Credit each pair (by position) to the first scheme that verifies it: full matches first."""
    ranked = sorted(discovery.per_pair.items(), key=lambda kv: -sum(kv[1]))
    by_pair: dict[int, str] = {}
    for name in [*discovery.schemes, *(name for name, _ in ranked)]:
        for position, ok in enumerate(discovery.per_pair.get(name, ())):
            if ok:
                by_pair.setdefault(position, name)
    return by_pair


def _verdict(usable: int, min_pairs: int, discovery: Discovery, credited: int) -> Verdict:
    if usable < min_pairs:
        return Verdict.INSUFFICIENT
    if discovery.schemes:
        return Verdict.FEASIBLE
    return Verdict.PARTIAL if credited else Verdict.INFEASIBLE


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
        described = all(registry.find(n) and registry.get(n).info.self_describing for n in groups)
        if all_credited and described:
            notes.append(
                "every group is a self-describing format: hashcompat.verify without "
                "scheme= verifies each row by its own format"
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


def _needs(scheme: Scheme | None) -> tuple[str, ...]:
    labels = {"salt": "salt column", "pepper": "site-wide key (pepper)", "username": "username"}
    return tuple(labels[name] for name in (scheme.info.inputs if scheme else ()))


def check(
    pairs: Iterable[Mapping[str, str | None]], *, scheme: str | None = None, min_pairs: int = 5
) -> CheckReport:
    """Check a sample of plaintext/hash pairs; see the contract for the verdicts."""
    if not isinstance(min_pairs, int) or min_pairs < 1:
        raise InvalidArgumentError("min_pairs must be a positive integer")
    named = resolve(scheme) if scheme is not None else None
    sample = _Sample.read(pairs)
    found = [pair for _, pair in sample.usable]
    if named is not None and scheme is not None:
        results = tuple(_verifies(named, pair) for pair in found)
        full = (scheme,) if results and all(results) else ()
        discovery = Discovery(schemes=full, per_pair={scheme: results} if any(results) else {})
    else:
        discovery = discover(found)

    by_pair = _credit(discovery)
    groups: dict[str, list[int]] = {}
    for position, name in sorted(by_pair.items()):
        groups.setdefault(name, []).append(sample.usable[position][0])
    best = next(iter(discovery.schemes), None) or max(
        groups, key=lambda name: len(groups[name]), default=None
    )
    chosen = named if named is not None else (resolve(best) if best is not None else None)
    verdict = _verdict(len(found), min_pairs, discovery, len(by_pair))

    position_of = {index: pos for pos, (index, _) in enumerate(sample.usable)}
    results_out = []
    for i, pair in enumerate(sample.parsed, 1):
        pos = position_of.get(i)
        matched_by = by_pair.get(pos) if pos is not None else None
        problems = sample.problems[i - 1]
        if pair is not None and matched_by is None and chosen is not None:
            problems += _explain_miss(chosen, pair)
        results_out.append(
            PairResult(
                index=i,
                password=mask_password(pair.password) if pair else "-",
                hash=mask_hash(pair.hash) if pair else "-",
                matched=matched_by is not None,
                scheme=matched_by,
                problems=tuple(problems),
            )
        )

    recommendation, rehash = _recommendation(chosen, verdict)
    login_ms = None
    if chosen is not None and found:
        first = next((p for pos, p in enumerate(found) if pos in by_pair), found[0])
        login_ms = min(_timed_login(chosen, first) for _ in range(3))
    return CheckReport(
        verdict=verdict,
        scheme=scheme if named is not None and discovery.per_pair else best,
        candidates=tuple(discovery.schemes),
        pairs=tuple(results_out),
        usable=len(found),
        min_pairs=min_pairs,
        groups={k: tuple(v) for k, v in groups.items()},
        needs=_needs(chosen),
        strength=chosen.info.strength.value if chosen else None,
        login_ms=login_ms,
        rehash_on_login=rehash,
        recommendation=recommendation,
        notes=tuple(
            _notes(
                verdict,
                discovery,
                groups,
                all_credited=len(by_pair) == len(found),
                usable=len(found),
                min_pairs=min_pairs,
            )
        ),
        platforms=chosen.info.platforms if chosen else (),
    )


def _explain_miss(scheme: Scheme, pair: Pair) -> list[str]:
    """Name the likely cause when a pair fails under the scheme that fits the others."""
    missing = [name for name in scheme.info.inputs if getattr(pair, name) is None]
    if missing:
        return [f"missing {', '.join(missing)} for this row"]
    stripped = pair.password.strip(" \t\n\r\0\x0b")
    if stripped != pair.password and _verifies(scheme, pair, stripped):
        where = "WordPress " if scheme.info.name in _WP_SCHEMES else ""
        return [
            f"matches once the password is trimmed: {where}trimmed it when hashing, so the "
            "user must type it without the surrounding spaces"
        ]
    if not scheme.info.matches(pair.hash) and scheme.info.pattern is not None:
        return [f"the hash does not have the {scheme.info.name} format"]
    if scheme.info.matches(pair.hash):
        return [
            f"a {scheme.info.name} hash, but the password does not match: a typo in the "
            "sample, or the password changed after the export"
        ]
    return []
