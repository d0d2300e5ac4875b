"""Every top-level function answers any argument type with a bool, a list or a hashcompat error."""

from __future__ import annotations

import contextlib
import itertools

import pytest

import hashcompat

ODD = [None, 1, 1.5, b"x", bytearray(b"x"), memoryview(b"x"), "", "\x00", "$P$", object(), ["a"]]


@pytest.mark.parametrize("pairs", [*ODD, 5, [None], [{"password": 1, "hash": 2}]])
def test_check_takes_any_value(pairs: object) -> None:
    with contextlib.suppress(hashcompat.HashcompatError):
        hashcompat.check(pairs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("password", "stored"), list(itertools.product(ODD, repeat=2)))
def test_verify_identify_hash_take_any_value(password: object, stored: object) -> None:
    with contextlib.suppress(hashcompat.HashcompatError):
        hashcompat.verify(password, stored)  # type: ignore[arg-type]
    with contextlib.suppress(hashcompat.HashcompatError):
        hashcompat.hash(password, stored)  # type: ignore[arg-type]
    assert isinstance(hashcompat.identify(stored), list)  # type: ignore[arg-type]
