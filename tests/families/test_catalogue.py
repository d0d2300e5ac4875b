"""The catalogue as a whole: size, libpass coverage, vectors for every family, upgrades."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import hashcompat
from hashcompat._families import django, platforms
from hashcompat._registry import registry
from hashcompat.migrate import Migrator
from tests._support.vectors import VECTORS, load_jsonl

# Every built-in formula row: the platform table and Django's salted digests.
ROWS = (*platforms.ROWS, *django.ROWS)

# Families with no outside vectors by nature, and where they are proven instead.
NEVER_VERIFY = {"django_disabled", "unix_disabled"}  # account markers: negatives only
# hashcompat's own formats: $hcw$1$ in tests/migrate/test_migrate.py, the sunset markers in
# tests/bulk/test_sunset.py
OWN_FORMAT = {"wrapped", "hashcompat_locked", "hashcompat_purged"}


def _vectors() -> list[tuple[str, dict[str, object]]]:
    found = []
    for path in sorted(VECTORS.glob("*.jsonl")):
        for vector in load_jsonl(path):
            if "scheme" in vector:
                found.append((registry.get(str(vector["scheme"])).info.name, vector))
    hashcat = load_jsonl(VECTORS / "hashcat" / "hashcat.jsonl")
    for row in ROWS:
        for vector in hashcat:
            if row.hashcat_mode is not None and vector["mode"] == row.hashcat_mode:
                found.append((row.name, vector))
    return found


VECTORS_BY_SCHEME = _vectors()


def test_at_least_150_families() -> None:
    assert len(hashcompat.schemes()) >= 150


def test_every_libpass_handler_has_a_scheme() -> None:
    from passlib.registry import list_crypt_handlers

    names = {n for i in hashcompat.schemes() for n in (i.name, *i.aliases)}
    assert [h for h in list_crypt_handlers() if h not in names] == []


def test_every_family_has_positive_and_negative_vectors() -> None:
    positive = Counter(name for name, v in VECTORS_BY_SCHEME if v["expect"] is True)
    negative = Counter(name for name, v in VECTORS_BY_SCHEME if v["expect"] is False)
    missing = [
        i.name
        for i in hashcompat.schemes()
        if i.name not in OWN_FORMAT
        and (negative[i.name] < 1 or (positive[i.name] < 1 and i.name not in NEVER_VERIFY))
    ]
    assert missing == []


def test_every_vector_source_is_named() -> None:
    for _, vector in VECTORS_BY_SCHEME:
        assert str(vector.get("source", "")).strip(), json.dumps(vector)[:80]


@pytest.mark.parametrize("name", sorted(i.name for i in hashcompat.schemes()))
def test_every_family_but_the_target_needs_an_update(name: str) -> None:
    if name == "argon2" or name in OWN_FORMAT:
        return  # argon2id is the default target; wrapped hashes are re-checked on login
    stored = next((str(v["hash"]) for n, v in VECTORS_BY_SCHEME if n == name), None)
    assert stored is not None
    assert Migrator().needs_update(stored, scheme=name)
