"""Forms found missing by the audit of current platform code (docs/platforms.md), with the
platforms' own vectors: Gitea's hash_test.go (PBKDF2 rows with a salt column), Nextcloud's
Hasher forms (version|password_hash)."""

from __future__ import annotations

import pytest

import hashcompat
from hashcompat._checker import Verdict, check
from tests._support.vectors import VECTORS, load_jsonl

GITEA = load_jsonl(VECTORS / "gitea.jsonl")
NEXTCLOUD = load_jsonl(VECTORS / "nextcloud.jsonl")


@pytest.mark.parametrize("vector", GITEA, ids=lambda v: f"{v['gitea_spec']}:{v['password']}")
def test_gitea_rows(vector: dict[str, object]) -> None:
    result = hashcompat.verify(
        str(vector["password"]),
        str(vector["hash"]),
        scheme=str(vector["formula"]),
        salt=str(vector["salt"]),
    )
    assert result is vector["expect"]


def test_nextcloud_export_mixing_versions_is_feasible() -> None:
    rows = [{"password": v["password"], "hash": v["hash"]} for v in NEXTCLOUD if v["expect"]]
    report = check(rows)  # type: ignore[arg-type]
    assert report.verdict is Verdict.FEASIBLE
    assert report.scheme == "nextcloud"
    assert {str(v["hash"])[:2] for v in NEXTCLOUD} == {"1|", "2|", "3|"}


SYMFONY = load_jsonl(VECTORS / "symfony.jsonl")


@pytest.mark.parametrize(
    "vector", SYMFONY, ids=lambda v: f"{str(v['formula'])[:20]}:{v['password']}"
)
def test_symfony_message_digest_hasher(vector: dict[str, object]) -> None:
    result = hashcompat.verify(
        str(vector["password"]),
        str(vector["hash"]),
        scheme=str(vector["formula"]),
        salt=str(vector["salt"]),
    )
    assert result is vector["expect"]
