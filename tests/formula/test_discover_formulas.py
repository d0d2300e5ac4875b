"""Discovery of formula compositions: layouts, ranking, near misses, and a property test."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat._discover import Pair, discover
from hashcompat._registry import registry
from hashcompat.formula._search import MAX_SIZE
from tests._support.formula_modes import HASHCAT_MODES
from tests._support.vectors import load_jsonl

HASHCAT = Path(__file__).parents[1] / "vectors" / "hashcat" / "hashcat.jsonl"


def _pairs(formula: str, *, separate_salt: bool = False, seed: int = 7) -> list[Pair]:
    rnd = random.Random(seed)
    letters = string.ascii_letters + string.digits
    pairs = []
    for _ in range(5):
        password = "".join(rnd.choice(letters) for _ in range(rnd.randint(5, 12)))
        salt = "".join(rnd.choice(letters) for _ in range(8))
        stored = (
            hashcompat.hash(password, formula, salt=salt)
            if "$salt" in formula
            else (hashcompat.hash(password, formula))
        )
        pairs.append(Pair(password, stored, salt if separate_salt else None))
    return pairs


@pytest.mark.parametrize(
    "mode", [10, 20, 50, 60, 110, 1410, 2611, 2811, 3710, 3800, 4300, 20711, 21000, 30500]
)
def test_discovers_hashcat_modes_from_their_vectors(mode: int) -> None:
    rows = [r for r in load_jsonl(HASHCAT) if r["mode"] == mode and r["expect"]]
    rows = [r for r in rows if r.get("password_encoding", "utf-8") == "utf-8"]
    pairs = [Pair(str(r["password"]), str(r["line"])) for r in rows]
    found = discover(pairs, time_budget_s=20)
    assert found.schemes, found.notes
    for scheme in found.schemes:  # every reported string is accepted unchanged
        assert all(hashcompat.verify(p.password, p.hash, scheme=scheme) for p in pairs)
    expected = hashcompat.formula.canonical(HASHCAT_MODES[mode])
    # A registered platform scheme with the same formula is found first, and is the better name.
    assert expected in found.schemes or registry.find(found.schemes[0]) is not None


def test_salt_given_separately() -> None:
    pairs = _pairs("md5($salt.md5($pass))", separate_salt=True)
    found = discover(pairs)
    assert found.schemes[0] == "md5($salt.md5($pass))"
    assert hashcompat.verify(
        pairs[0].password, pairs[0].hash, scheme=found.schemes[0], salt=pairs[0].salt
    )


def test_simplest_first_and_registered_first() -> None:
    found = discover(_pairs("md5($pass)"))
    assert found.schemes == ("md5",)  # the registered scheme; no formula search needed


def test_near_misses_are_explained() -> None:
    pairs = _pairs("md5($pass.$salt) @ {hash}:{salt}")
    pairs[1] = Pair(pairs[1].password + "x", pairs[1].hash)
    pairs[3] = Pair(pairs[3].password + "x", pairs[3].hash)
    found = discover(pairs, time_budget_s=5)
    assert not found.schemes
    assert any("matches 3 of 5 pairs" in note for note in found.notes)
    truncated = discover(_pairs("substr(sha1($pass),0,20)"), time_budget_s=120)
    assert "sha1($pass) matches the first 20 hex digits" in truncated.notes
    upper = discover(_pairs("sha1(upper($pass))"), time_budget_s=120)  # wall time: loaded CI
    assert upper.schemes == ("sha1(upper($pass))",)
    assert any("upper-cased" in note for note in upper.notes)


def test_no_secret_in_notes() -> None:
    pairs = _pairs("md5($pass.'x')")
    found = discover(pairs, time_budget_s=1)
    text = " ".join(found.notes) + " ".join(found.schemes) + repr(pairs)
    assert all(p.password not in text and p.hash not in text for p in pairs)


# -- property: random compositions up to three nested digests are rediscovered ---------------

_DIGESTS = ("md5", "sha1", "sha256", "sha512")
_DIGEST = st.sampled_from(_DIGESTS)


@st.composite
def _formula(draw: st.DrawFn, depth: int = 3) -> str:
    """A random formula of the search space, at most ``depth`` digests deep."""
    outer = draw(_DIGEST)
    if depth == 1:
        parts = draw(st.lists(st.sampled_from(["$pass", "$salt"]), min_size=1, max_size=3))
        if "$pass" not in parts:
            parts.append("$pass")
        return f"{outer}({'.'.join(parts)})"
    inner = draw(_formula(depth=draw(st.integers(1, depth - 1))))
    shape = draw(st.sampled_from(["x", "upper", "raw", "x.s", "s.x", "x.p", "ds.x"]))
    inner_digest = inner.split("(")[0]
    body = {
        "x": inner,
        "upper": f"upper({inner})",
        "raw": f"{inner_digest}_raw{inner[len(inner_digest) :]}",
        "x.s": f"{inner}.$salt",
        "s.x": f"$salt.{inner}",
        "x.p": f"{inner}.$pass",
        "ds.x": f"{draw(_DIGEST)}($salt).{inner}",
    }[shape]
    return f"{outer}({body})"


def _size(formula: str) -> int:
    """The search's measure: inputs and digests count 1; upper() and _raw count 0."""
    digests = sum(formula.count(d + "(") + formula.count(d + "_raw(") for d in _DIGESTS)
    return formula.count("$") + digests


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(formula=_formula(), seed=st.integers(0, 2**16))
def test_property_discovery_finds_an_equivalent_formula(formula: str, seed: int) -> None:
    assume(_size(formula) <= MAX_SIZE)  # the documented search space
    layout = " @ {hash}:{salt}" if "$salt" in formula else ""
    pairs = _pairs(formula + layout, seed=seed)
    # The whole search space costs about 0.6 CPU-s; the budget is wall time, so it is generous
    # enough that a loaded machine (load 10+ on 2 cores) still finishes the search.
    found = discover(pairs, time_budget_s=120)
    assert found.schemes, (formula, found.notes)
    for scheme in found.schemes:
        assert all(hashcompat.verify(p.password, p.hash, scheme=scheme) for p in pairs)
