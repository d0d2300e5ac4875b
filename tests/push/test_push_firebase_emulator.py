"""push to the Firebase Authentication emulator (firebase-tools): batches of one hash
configuration through ``accounts:batchCreate``, users looked up through ``accounts:lookup``,
a second run with a fresh checkpoint finding every user already there (``allowOverwrite:
false``), and ``--update`` replacing them. The fixture is tests/_support/firebase_emulator.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hashcompat.push import push
from hashcompat.push._settings import Settings
from tests._support.firebase_emulator import PROJECT, Unavailable, running_emulator
from tests._support.pushdata import bcrypt_hash

pytest.importorskip("httpx")


@pytest.fixture(scope="module")
def emulator() -> Iterator[str]:
    try:
        with running_emulator() as host:
            yield host
    except Unavailable as exc:
        pytest.skip(f"Firebase Auth emulator tests skipped: {exc}")


def test_push_into_the_emulator(emulator: str, tmp_path: Path) -> None:
    url = f"http://{emulator}/identitytoolkit.googleapis.com"
    settings = Settings("firebase", {"url": url, "token": "owner", "project": PROJECT})
    hash = bcrypt_hash()
    rows = [{"id": f"push-{i}", "email": f"p{i}@example.com", "hash": hash} for i in range(30)]
    first = push(rows, "firebase", checkpoint=tmp_path / "a.sqlite", settings=settings)
    assert first.outcomes["created"] == 30, first.to_dict()
    again = push(rows, "firebase", checkpoint=tmp_path / "a.sqlite", settings=settings)
    assert again.outcomes["unchanged"] == 30 and again.requests == 0
    fresh = push(rows, "firebase", checkpoint=tmp_path / "b.sqlite", settings=settings)
    assert fresh.outcomes["already there"] == 30, fresh.to_dict()
    updated = push(
        rows, "firebase", checkpoint=tmp_path / "c.sqlite", settings=settings, update=True
    )
    assert updated.outcomes["updated"] == 30, updated.to_dict()
