"""Platform databases for the preset tests: the platforms' own DDL (tests/platforms) and rows
from the vectors their own code made."""

from __future__ import annotations

from pathlib import Path

from tests._support.vectors import VECTORS, load_jsonl

PLATFORMS = Path(__file__).parents[1] / "platforms"


def vectors(scheme: str, source: str, count: int = 3) -> list[tuple[str, str]]:
    """(password, hash) rows of ``scheme`` whose source names ``source``; distinct passwords of
    at most 72 bytes."""
    found: dict[str, str] = {}
    for path in sorted(VECTORS.glob("*.jsonl")):
        for v in load_jsonl(path):
            password = str(v.get("password"))
            if len(password.encode()) > 72:  # pyca/bcrypt (the Auth0 checker) refuses those
                continue
            if v.get("scheme") == scheme and v.get("expect") and source in str(v.get("source")):
                found.setdefault(str(v["password"]), str(v["hash"]))
    assert found, f"no {scheme} vectors from {source}"
    return list(found.items())[:count]


def statements(ddl: str) -> list[str]:
    """The CREATE statements of a DDL file under tests/platforms (its comment header dropped)."""
    lines = (PLATFORMS / ddl).read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.startswith("--"))
    return [part.strip() for part in text.split(";\n") if part.strip()]
