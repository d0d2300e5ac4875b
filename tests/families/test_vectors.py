"""Known-answer vectors made by the real platforms (tests/vectors/*.jsonl).

Each line: password, hash, optional salt/username/pepper, expect, source, and the scheme name.
The generator scripts beside the files say how each vector was made; none was made by
hashcompat.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import hashcompat
from hashcompat._registry import registry
from tests._support.vectors import VECTORS, load_jsonl

FILES = sorted(p for p in VECTORS.glob("*.jsonl"))


def _vectors() -> list[tuple[str, dict[str, object]]]:
    out = []
    for path in FILES:
        for number, vector in enumerate(load_jsonl(path), 1):
            if "scheme" in vector:
                out.append((f"{path.stem}:{number}:{vector['scheme']}", vector))
    return out


VECTORS_BY_ID = _vectors()


@pytest.mark.parametrize(
    ("vector"), [v for _, v in VECTORS_BY_ID], ids=[i for i, _ in VECTORS_BY_ID]
)
def test_known_answer(vector: dict[str, object], limits: None) -> None:
    hashcompat.set_limits(
        hashcompat.Limits(max_log2_rounds=30, max_bcrypt_cost=31, time_budget=False)
    )
    assert isinstance(vector["source"], str) and vector["source"]
    # a password that is not UTF-8 (8-bit bytes) is stored as hex
    hexed = vector.get("password_hex")
    password = bytes.fromhex(str(hexed)) if hexed is not None else vector["password"]
    try:
        result = hashcompat.verify(
            password,  # type: ignore[arg-type]
            vector["hash"],  # type: ignore[arg-type]
            scheme=vector["scheme"],  # type: ignore[arg-type]
            salt=vector.get("salt"),  # type: ignore[arg-type]
            username=vector.get("username"),  # type: ignore[arg-type]
            pepper=vector.get("pepper"),  # type: ignore[arg-type]
        )
    except hashcompat.SchemeUnavailableError as missing:
        pytest.skip(str(missing))  # e.g. yescrypt without libxcrypt
    assert result is vector["expect"]


def test_every_seed_scheme_has_positive_and_negative_vectors() -> None:
    positive = Counter(v["scheme"] for _, v in VECTORS_BY_ID if v["expect"] is True)
    negative = Counter(v["scheme"] for _, v in VECTORS_BY_ID if v["expect"] is False)
    for scheme in (
        "md5",
        "sha1",
        "sha256",
        "phpass",
        "wordpress_bcrypt",
        "drupal7",
        "drupal7_upgraded",
        "drupal10",
        "bcrypt",
        "argon2",
    ):
        assert positive[scheme] >= 3, scheme
        assert negative[scheme] >= 1, scheme


def test_self_describing_vectors_are_identified() -> None:
    for _, vector in VECTORS_BY_ID:
        scheme = registry.get(str(vector["scheme"]))
        if scheme.info.self_describing and vector["expect"] is True:
            assert hashcompat.identify(str(vector["hash"]))[0] == scheme.info.name


def test_vector_files_have_their_generators_beside_them() -> None:
    scripts = {p.name for p in VECTORS.iterdir() if p.suffix in (".php", ".sh", ".py", ".pl")}
    for path in FILES:
        assert any(path.stem.split("_")[0] in s or "seed" in s for s in scripts), path.name
    assert Path(__file__).parents[1].joinpath("vectors").is_dir()
