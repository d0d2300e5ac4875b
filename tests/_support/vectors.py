"""The known-answer vectors of tests/vectors (made by the platforms' own code) as the tests read
them, and strings near them for the identification tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

VECTORS = Path(__file__).parents[1] / "vectors"


def load_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@cache
def vector_lines() -> tuple[str, ...]:
    """Every stored hash and every raw line of every vector file."""
    out: list[str] = []
    for path in sorted(VECTORS.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            out.append(line)
            record = json.loads(line)
            for key in ("hash", "line"):
                if isinstance(record.get(key), str):
                    out.append(record[key])
    return tuple(dict.fromkeys(out))


def mutations(text: str) -> list[str]:
    return [
        text,
        text[:-1],
        text[:-2],
        text + "A",
        text + "=",
        text[1:],
        "!" + text[1:],
        text[: len(text) // 2],
        text.upper(),
        text.lower(),
        text[:-1] + "!",
        text.replace("=", ""),
    ]


CHARS = st.sampled_from([*"0123456789abcdefABCDEFxyzXYZ./+=$*{}:!_-,; ", "\u0663", "\u00e9", "\n"])
