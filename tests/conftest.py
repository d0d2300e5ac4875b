from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import hashcompat

VECTORS = Path(__file__).parent / "vectors"


def load_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture
def limits() -> Iterator[None]:
    """Lets a test change the caps; restores them afterwards."""
    previous = hashcompat.get_limits()
    yield
    hashcompat.set_limits(previous)


def assert_hash_not_echoed(error: Exception, hash: str, scheme: str) -> None:
    """No error message repeats the stored hash. The scheme's name and tag may appear, so
    strings shorter than any real hash (under 20 characters) are not checked."""
    message = str(error).replace(scheme, "")
    assert len(hash) < 20 or hash not in message
