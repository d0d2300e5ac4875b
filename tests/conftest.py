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
