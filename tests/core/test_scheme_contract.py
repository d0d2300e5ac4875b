"""One contract, every registered scheme: the properties :class:`hashcompat.scheme.Scheme`
promises, checked over all of them with the known-answer vectors of tests/vectors (made by the
platforms' own code, never by hashcompat).

- every registered scheme is a ``Scheme`` (validated at ``register()``);
- ``parse`` then ``check`` gives the vector's answer, and a wrong password gives False;
- where a writer composes the parsed value, the composed string verifies the same password;
- every cost ``parse`` reports is capped before any work: a ``Limits`` one below it raises
  UnsafeParametersError and ``check`` never runs;
- a mutated string that ``parse`` refuses raises MalformedHashError (never another error), and
  one it accepts gives a bool or a hashcompat error from the guard (hypothesis). ``parse`` may
  accept more than the pattern identification claims (a Keycloak credential in any JSON
  spelling, Django's bare unsalted MD5), as the platforms do.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat._engine import run_verify
from hashcompat._families import django, platforms
from hashcompat._registry import registry
from hashcompat.scheme import CostKind, Inputs, Limits, Parsed, Scheme
from tests._support.vectors import VECTORS, load_jsonl

ALL = list(registry)
# Generous caps: the vectors include the platforms' real defaults and a few costly forms.
WIDE = Limits(max_log2_rounds=30, max_bcrypt_cost=31)


def _positive() -> dict[str, dict[str, object]]:
    """The first positive vector of each scheme (cheapest first: the shortest string)."""
    found: dict[str, dict[str, object]] = {}
    for path in sorted(VECTORS.glob("*.jsonl")):
        for vector in load_jsonl(path):
            name = vector.get("scheme")
            if not isinstance(name, str) or vector.get("expect") is not True:
                continue
            try:
                canonical = registry.get(name).info.name
            except hashcompat.HashcompatError:
                continue  # a formula: not a registered scheme
            best = found.get(canonical)
            if best is None or len(str(vector["hash"])) < len(str(best["hash"])):
                found[canonical] = vector
    # formula rows named by hashcat mode: hashcat's own test-module vectors (hash, salt apart)
    hashcat = load_jsonl(VECTORS / "hashcat" / "hashcat.jsonl")
    for row in (*platforms.ROWS, *django.ROWS):
        info = registry.get(row.name).info
        if (
            row.name in found
            or row.hashcat_mode is None
            or {"username", "pepper"} & set(info.inputs)
        ):
            continue  # hashcat's lines carry a salt, never a user name or a site key
        for vector in hashcat:
            if vector["mode"] != row.hashcat_mode or vector["expect"] is not True:
                continue
            text = next(
                (str(vector[k]) for k in ("hash", "line") if info.matches(str(vector[k]))), None
            )
            if text is not None:  # the stored form: the bare hash, or hash and salt together
                salt = (
                    None
                    if text == vector["line"] and text != vector["hash"]
                    else vector.get("salt")
                )
                found[row.name] = {**vector, "scheme": row.name, "hash": text, "salt": salt}
                break
    return found


POSITIVE = _positive()
WITH_VECTORS = sorted(POSITIVE)


def _inputs(vector: dict[str, object]) -> Inputs:
    return Inputs(
        salt=vector.get("salt"),  # type: ignore[arg-type]
        username=vector.get("username"),  # type: ignore[arg-type]
        pepper=vector.get("pepper"),  # type: ignore[arg-type]
    )


def _secret(vector: dict[str, object]) -> bytes:
    if "password_hex" in vector:  # vectors with bytes that are not UTF-8 (crypt_edges.jsonl)
        return bytes.fromhex(str(vector["password_hex"]))
    password = vector["password"]
    return password.encode("utf-8") if isinstance(password, str) else bytes(password)  # type: ignore[arg-type]


def _parse(name: str) -> tuple[Scheme, dict[str, object], Parsed]:
    scheme = registry.get(name)
    vector = POSITIVE[name]
    return scheme, vector, scheme.parse(str(vector["hash"]))


def test_every_registered_scheme_is_on_the_contract() -> None:
    assert len(ALL) >= 181
    assert all(isinstance(s, Scheme) for s in ALL)
    assert len(WITH_VECTORS) >= 150  # the rest are formats without a platform-made vector


@pytest.mark.parametrize("name", WITH_VECTORS)
def test_parse_then_check_and_a_wrong_password(name: str) -> None:
    scheme, vector, parsed = _parse(name)
    assert isinstance(parsed, Parsed)
    assert all(isinstance(c.value, int) for c in parsed.costs)
    try:
        assert run_verify(scheme, _secret(vector), "", _inputs(vector), limits=WIDE, parsed=parsed)
        wrong = b"zq" + _secret(vector)  # differs in the first bytes: truncating formats too
        assert not run_verify(scheme, wrong, "", _inputs(vector), limits=WIDE, parsed=parsed)
    except hashcompat.SchemeUnavailableError as missing:
        pytest.skip(str(missing))


@pytest.mark.parametrize("name", WITH_VECTORS)
def test_compose_round_trip(name: str) -> None:
    scheme, vector, parsed = _parse(name)
    writer = scheme.writer
    composed = writer.compose(parsed) if writer is not None else None
    if composed is None:
        pytest.skip("this writer does not compose its own parsed values")
    again = scheme.parse(composed)
    assert again.params == parsed.params
    try:
        assert run_verify(scheme, _secret(vector), composed, _inputs(vector), limits=WIDE)
    except hashcompat.SchemeUnavailableError as missing:
        pytest.skip(str(missing))


def _tighter(kind: CostKind, value: int) -> Iterator[Limits]:
    """Limits under ``value`` for ``kind``: one cap field lowered, or for a product of two
    caps (argon2's and scrypt's work) one lowered and the other set to 1."""
    names = [
        f.name
        for f in dataclasses.fields(Limits)
        if f.type in (int, "int") and f.name != "max_password_bytes"
    ]
    for name in names:
        yield dataclasses.replace(WIDE, **{name: value - 1})
    for name, other in itertools.permutations(names, 2):
        yield dataclasses.replace(WIDE, **{name: value - 1, other: 1})


@pytest.mark.parametrize("name", WITH_VECTORS)
def test_caps_fire_before_any_work(name: str) -> None:
    scheme, vector, parsed = _parse(name)
    if not parsed.costs:
        pytest.skip("fixed-cost format")
    for kind, value, _ in parsed.costs:
        tight = next(limits for limits in _tighter(kind, value) if limits.cap(kind) < value)
        over = {c.parameter for c in parsed.costs if c.value > tight.cap(c.kind)}
        with (
            mock.patch.object(type(scheme), "check", side_effect=AssertionError("work ran")),
            pytest.raises(hashcompat.UnsafeParametersError) as caught,
        ):
            run_verify(scheme, _secret(vector), str(vector["hash"]), _inputs(vector), limits=tight)
        assert caught.value.parameter in over
        assert str(vector["hash"]) not in str(caught.value)


def _wide_salt_vectors() -> list[dict[str, object]]:
    edges = load_jsonl(VECTORS / "crypt_edges.jsonl")
    return [v for v in edges if v.get("case") == "wide salt" and v.get("expect") is True]


@pytest.mark.parametrize(
    "vector",
    [POSITIVE[n] for n in WITH_VECTORS] + _wide_salt_vectors(),
    ids=[*WITH_VECTORS, *(f"wide:{v['scheme']}:{i}" for i, v in enumerate(_wide_salt_vectors()))],
)
def test_a_wrappable_digest_is_recomputed_from_its_setting(vector: dict[str, object]) -> None:
    """Offline wrapping keeps (setting, digest) and later recomputes the digest from a
    password: for every scheme that offers a setting, the known password gives the digest."""
    scheme = registry.get(str(vector["scheme"]))
    parsed = scheme.parse(str(vector["hash"]))
    split = scheme.split_setting(parsed)
    if split is None:
        pytest.skip("this scheme's digest is not recomputed offline")
    setting, digest = split
    secret = _secret(vector)
    with hashcompat.using_limits(WIDE):
        assert scheme.recompute(secret, setting, _inputs(vector)) == digest


CHARS = "$./:,={}*!#0123456789abcdefABCDEF+xyzXYZ \x00é"


@st.composite
def _mutated(draw: st.DrawFn, seed: str) -> str:
    cut = draw(st.integers(0, len(seed)))
    piece = draw(st.text(alphabet=CHARS, min_size=1, max_size=4))
    action = draw(st.sampled_from(["truncate", "insert", "replace", "delete"]))
    if action == "truncate":
        return seed[:cut]
    if action == "insert":
        return seed[:cut] + piece + seed[cut:]
    if action == "replace":
        return seed[:cut] + piece + seed[cut + len(piece) :]
    return seed[:cut] + seed[cut + 1 :]


@pytest.mark.parametrize("name", WITH_VECTORS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_strings_are_false_or_malformed(name: str, data: st.DataObject) -> None:
    scheme = registry.get(name)
    vector = POSITIVE[name]
    text = data.draw(_mutated(str(vector["hash"])))
    cheap = Limits(max_log2_rounds=12, max_bcrypt_cost=6, max_iterations=20_000,
                   max_argon2_memory_kib=8192, max_argon2_time_cost=3,
                   max_scrypt_memory_kib=8192)  # fmt: skip
    try:
        parsed = scheme.parse(text)
    except hashcompat.HashcompatError as error:
        assert isinstance(error, hashcompat.MalformedHashError), type(error)
        assert text not in str(error) or len(text) < 16  # a prefix the message names
        return
    try:
        result = run_verify(
            scheme, _secret(vector), text, _inputs(vector), limits=cheap, parsed=parsed
        )
    except hashcompat.HashcompatError as error:
        assert text not in str(error) or len(text) < 16  # a prefix the message names
        return
    assert isinstance(result, bool)


def test_register_validates_once_and_adapts_the_earlier_protocol() -> None:
    from hashcompat._legacy import LegacyScheme
    from hashcompat._registry import Registry
    from hashcompat.scheme import SchemeInfo

    class Helpers:  # methods named parse/check, but not a Scheme: refused, not sniffed
        info = SchemeInfo(name="not_a_scheme", summary="x")

        def parse(self, hash: str) -> object:
            return hash

        def check(self, *args: object) -> bool:
            return True

    class Old:  # the earlier protocol: info + verify, caps its own costs
        info = SchemeInfo(name="old_plugin", summary="x", prefixes=("{OLD}",),
                          pattern=r"\{OLD\}.*", self_describing=True)  # fmt: skip

        def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
            return hash == "{OLD}" + secret.decode()

    local = Registry(builtin_modules=("hashcompat._families.digests",), entry_point_group=None)
    with pytest.raises(hashcompat.InvalidArgumentError):
        local.register(Helpers())  # type: ignore[arg-type]
    local.register(Old())  # type: ignore[arg-type]
    adapted = local.get("old_plugin")
    assert isinstance(adapted, LegacyScheme) and adapted.writer is None
    assert adapted.verify(b"pw", "{OLD}pw", Inputs())
    assert not adapted.verify(b"px", "{OLD}pw", Inputs())
