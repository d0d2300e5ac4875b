"""Discovery, part three: run the formula search over a sample and explain the outcome.

Called by :func:`hashcompat._discover.discover` after the registered schemes. Every scheme
string it reports has been checked on every pair through :func:`scheme_from_formula`, the
same path ``verify(scheme=...)`` takes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from hashcompat._primitives import PHP_TRIM_BYTES
from hashcompat.errors import HashcompatError
from hashcompat.formula._functions import Encoding
from hashcompat.formula._kdfsearch import pbkdf2_candidates
from hashcompat.formula._scheme import scheme_from_formula
from hashcompat.formula._search import Search
from hashcompat.formula._shapes import Shape, shapes
from hashcompat.scheme import Inputs

__all__ = ["FormulaResult", "search_formulas"]

_TRANSFORMS = (("trim", "trimmed"), ("upper", "upper-cased"), ("lower", "lower-cased"))
_BCRYPT = re.compile(r"\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}")
# bcrypt over a digest of the password, as PHP and Node applications write it: the digest as
# hex, as raw bytes (cut at a NUL by crypt_blowfish) or as base64 of the raw bytes.
_PREHASHES = tuple(
    f"bcrypt({form.format(name)})"
    for form in ("{0}($pass)", "{0}_raw($pass)", "base64({0}_raw($pass))")
    for name in ("md5", "sha1", "sha256", "sha512")
)
TRANSFORM_MAX_SIZE = 4
PBKDF2_SHARE = 0.4  # of the time budget, kept for the PBKDF2 search


class PairLike(Protocol):
    """What discovery reads from a pair (``hashcompat._discover.Pair`` has it)."""

    @property
    def password(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def salt(self) -> str | None: ...
    @property
    def username(self) -> str | None: ...
    @property
    def pepper(self) -> str | None: ...


@dataclass
class FormulaResult:
    schemes: list[str] = field(default_factory=list)
    per_pair: dict[str, tuple[bool, ...]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    tried: int = 0


def _check(text: str, pairs: Sequence[PairLike]) -> tuple[bool, ...]:
    try:
        scheme = scheme_from_formula(text)
    except HashcompatError:
        return tuple(False for _ in pairs)
    results = []
    for pair in pairs:
        try:
            inputs = Inputs(pair.salt, pair.username, pair.pepper)
            results.append(scheme.verify(pair.password.encode("utf-8"), pair.hash, inputs))
        except (HashcompatError, UnicodeError):
            results.append(False)
    return tuple(results)


def _references(pairs: Sequence[PairLike], shape: Shape) -> list[int]:
    """Two pairs whose inputs differ, non-empty ones first, so equal-looking terms are equal."""
    order = sorted(range(len(pairs)), key=lambda i: (not pairs[i].password, i))
    first = order[0]
    second = next((i for i in order[1:] if pairs[i].password != pairs[first].password), None)
    if second is not None and shape.salts[first] is not None:
        second = next((i for i in order[1:] if shape.salts[i] != shape.salts[first]), second)
    return [first] if second is None else [first, second]


def _inputs(
    pairs: Sequence[PairLike], shape: Shape, refs: list[int], transform: str | None
) -> dict[str, tuple[bytes, ...]]:
    def password(i: int) -> bytes:
        value = pairs[i].password.encode("utf-8")
        if transform == "trim":
            return value.strip(PHP_TRIM_BYTES)
        return (
            value.upper()
            if transform == "upper"
            else (value.lower() if transform == "lower" else value)
        )

    found = {"pass": tuple(password(i) for i in refs)}
    if shape.salts[refs[0]] is not None:
        found["salt"] = tuple(shape.salts[i] or b"" for i in refs)
    elif all(p.salt is not None for p in pairs):
        found["salt"] = tuple(str(pairs[i].salt).encode("utf-8") for i in refs)
    for name in ("username", "pepper"):
        if all(getattr(p, name) is not None for p in pairs):
            found[name] = tuple(str(getattr(pairs[i], name)).encode("utf-8") for i in refs)
    return found


def _run(
    pairs: Sequence[PairLike],
    shape: Shape,
    deadline: float,
    result: FormulaResult,
    *,
    transform: str | None = None,
    refs: list[int] | None = None,
) -> list[str]:
    refs = refs or _references(pairs, shape)
    search = Search(shape, _inputs(pairs, shape, refs, transform), deadline, refs)
    if transform is not None:
        search.max_size = TRANSFORM_MAX_SIZE  # a transformed password: simple formulas only
    suffix = "" if shape.layout == "{hash}" else f" @ {shape.layout}"
    full: list[str] = []
    best: int | None = None
    for found in search.run():
        if best is not None and found.size > best + 1:
            break
        formula = found.formula
        if transform is not None:
            formula = formula.replace("$pass", f"{transform}($pass)")
        text = formula + suffix
        if text in result.per_pair:
            continue
        results = _check(text, pairs)
        if any(results):
            result.per_pair[text] = results
        if all(results):
            full.append(text)
            if best is None:
                best = found.size
                search.max_size = best + 1
    result.tried += search.tried
    if search.stopped:
        result.notes.append(
            "the formula search reached its time budget; larger compositions were not tried"
        )
    return full


def _explain(result: FormulaResult, count: int) -> None:
    for text in result.schemes:
        if text.startswith("substr("):
            inner, _, rest = text[len("substr(") :].rpartition(",0,")
            result.notes.append(f"{inner} matches the first {rest.split(')')[0]} hex digits")
    if result.schemes:
        return
    partial = sorted(result.per_pair.items(), key=lambda item: -sum(item[1]))[:3]
    for text, results in partial:
        result.notes.append(f"{text} matches {sum(results)} of {count} pairs")


def _bcrypt_prehashes(pairs: Sequence[PairLike], deadline: float, result: FormulaResult) -> None:
    """Each bcrypt-over-a-digest formula costs one bcrypt on the first pair; only a match is
    checked on the rest."""
    for text in _PREHASHES:
        if time.perf_counter() > deadline:
            result.notes.append("the bcrypt pre-hash search reached its time budget")
            return
        result.tried += 1
        if not _check(text, pairs[:1])[0]:
            continue
        results = _check(text, pairs)
        result.per_pair[text] = results
        if all(results):
            result.schemes.append(text)
            return


def _pbkdf2(
    pairs: Sequence[PairLike], shape: Shape, deadline: float, result: FormulaResult
) -> bool:
    """PBKDF2 over the password and the salt (in the string or a column), hex or base64."""
    salt = shape.salts[0]
    if salt is None and pairs[0].salt is not None:
        salt = pairs[0].salt.encode("utf-8")
    if salt is None or shape.truncate:
        return False
    suffix = "" if shape.layout == "{hash}" else f" @ {shape.layout}"
    password = pairs[0].password.encode("utf-8")
    for name, count in pbkdf2_candidates(password, salt, shape.targets[0], deadline):
        result.tried += 1
        args = f"$pass,$salt,{count},{shape.size}"
        if shape.encoding is Encoding.B64:
            text = f"base64(pbkdf2_{name}_raw({args})){suffix}"
        else:
            text = f"pbkdf2_{name}({args}){suffix}"
        results = _check(text, pairs)
        result.per_pair[text] = results
        if all(results):
            result.schemes.append(text)
            return True
    return False


def _compose(
    pairs: Sequence[PairLike], readings: list[Shape], deadline: float, result: FormulaResult
) -> None:
    for shape in readings:
        result.schemes.extend(_run(pairs, shape, deadline, result))
        if result.schemes or time.perf_counter() > deadline:
            break
    if not result.schemes and len(pairs) > 1 and time.perf_counter() < deadline:
        for shape in readings:  # perhaps the first pair is the odd one out: start from another
            refs = _references(pairs[1:], shape)
            result.schemes.extend(_run(pairs, shape, deadline, result, refs=[i + 1 for i in refs]))
    for transform, words in _TRANSFORMS:
        if result.schemes or time.perf_counter() > deadline:
            break
        for shape in readings:
            found = _run(pairs, shape, deadline, result, transform=transform)
            if found:
                result.schemes.extend(found)
                result.notes.append(f"matches if the password is {words}: {found[0]}")
                break


def search_formulas(pairs: Sequence[PairLike], deadline: float) -> FormulaResult:
    """Formula schemes that verify every pair, simplest first, with notes on near misses."""
    result = FormulaResult()
    if all(_BCRYPT.fullmatch(p.hash) for p in pairs):
        _bcrypt_prehashes(pairs, deadline, result)
        _explain(result, len(pairs))
        return result
    readings = shapes([p.hash for p in pairs])
    if not readings:
        result.notes.append("no formula layout fits the stored strings (not hex or base64 digests)")
        return result
    # The compositions get most of the time; PBKDF2 (slow by design) keeps a share of its own.
    compose_by = time.perf_counter() + (deadline - time.perf_counter()) * (1 - PBKDF2_SHARE)
    _compose(pairs, readings, compose_by, result)
    for shape in readings:  # the slow family last: PBKDF2 at searched and default counts
        if result.schemes or time.perf_counter() > deadline:
            break
        if _pbkdf2(pairs, shape, deadline, result):
            break
    _explain(result, len(pairs))
    result.notes = list(dict.fromkeys(result.notes))
    return result
