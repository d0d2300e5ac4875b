"""Every scheme's parser against mutations of its own real vectors (hypothesis).

Random strings rarely get past a prefix check; a real hash with one field cut, widened or
swapped reaches the code that splits fields, decodes base64 and reads cost parameters. Whatever
the mutation, a scheme answers True/False or raises a hashcompat error, never anything else.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat._registry import registry
from hashcompat.scheme import Inputs
from tests._support.asserts import assert_hash_not_echoed
from tests._support.vectors import VECTORS, load_jsonl


def _seeds() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(VECTORS.glob("*.jsonl")):
        for vector in load_jsonl(path):
            if "scheme" not in vector:
                continue
            name = registry.get(str(vector["scheme"])).info.name  # aliases count as the scheme
            if len(found[name]) < 4:
                found[name].append(str(vector["hash"]))
    for scheme in registry:
        if scheme.info.example:
            found[scheme.info.name].append(scheme.info.example)
    return found


SEEDS = _seeds()
SCHEMES = sorted(SEEDS)
CHARS = "$:.,=/+*{}!#_-0123456789abcdefABCDEF\x00é"


@st.composite
def mutated(draw: st.DrawFn, seed: str) -> str:
    text = seed
    for _ in range(draw(st.integers(1, 3))):
        cut = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["truncate", "insert", "replace", "delete", "repeat"]))
        piece = draw(st.text(alphabet=CHARS, min_size=1, max_size=6))
        if action == "truncate":
            text = text[:cut]
        elif action == "insert":
            text = text[:cut] + piece + text[cut:]
        elif action == "replace":
            text = text[:cut] + piece + text[cut + len(piece) :]
        elif action == "delete":
            text = text[:cut] + text[cut + 1 :]
        else:
            text = text[:cut] + text[cut:] * 2
    return text


@pytest.fixture(autouse=True)
def cheap_limits(limits: None) -> None:
    hashcompat.set_limits(
        hashcompat.Limits(
            max_log2_rounds=10,
            max_bcrypt_cost=5,
            max_argon2_memory_kib=4096,
            max_scrypt_memory_kib=4096,
            max_argon2_time_cost=2,
            max_iterations=2_000,
        )
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), password=st.one_of(st.text(max_size=20), st.binary(max_size=20)))
def test_mutated_hashes_give_a_bool_or_a_hashcompat_error(
    scheme: str, data: st.DataObject, password: str | bytes
) -> None:
    seed = data.draw(st.sampled_from(SEEDS[scheme]))
    hash = data.draw(mutated(seed))
    secret = password.encode("utf-8", "surrogatepass") if isinstance(password, str) else password
    inputs = Inputs(salt="salt", username="admin", pepper="pepper")
    try:
        result = registry.get(scheme).verify(secret, hash, inputs)
    except hashcompat.HashcompatError as error:
        assert_hash_not_echoed(error, hash, scheme)
        return
    assert isinstance(result, bool)
