"""Dumps for the analyze equality tests (columnar, Dask, row at a time): the whole vector corpus
as one CSV dump, each vector three ways (with its scheme, salt and user name; by its string
alone; upper-cased with its scheme)."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from hypothesis import strategies as st

VECTORS = Path(__file__).parents[1] / "vectors"
HEADER = ["id", "email", "hash", "scheme", "salt", "username", "migrated_at"]


def _corpus() -> list[dict[str, object]]:
    out = []
    for path in sorted(VECTORS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if isinstance(record, dict) and isinstance(record.get("hash"), str):
                    out.append(record)
    return out


def corpus_rows() -> list[list[object]]:
    """The corpus as dump rows (strings with a NUL or a carriage return left out: the CSV
    readers differ on them, which the fallback tests cover)."""
    rows: list[list[object]] = []
    for n, record in enumerate(_corpus()):
        hash = str(record["hash"])
        scheme = str(record.get("scheme") or "")
        salt = str(record.get("salt") or "")
        user = str(record.get("username") or record.get("user") or "")
        mark = "2026-12-06" if n % 7 == 0 else ""
        rows.append([n, f"u{n}@example.org", hash, scheme, salt, user, mark])
        rows.append([f"b{n}", "", hash, "", "", "", ""])  # identified by the string alone
        rows.append([f"c{n}", "", hash.upper(), scheme, "", "", mark])
    return [r for r in rows if "\0" not in str(r[2]) and "\r" not in str(r[2])]


def write_dump(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _hex(n: int, upper: bool, size: int) -> str:
    text = (hashlib.md5(str(n).encode()).hexdigest() * 3)[:size]
    return text.upper() if upper else text


_HEX = st.builds(_hex, st.integers(0, 30), st.booleans(), st.sampled_from([32, 40, 31, 64]))
_PREFIXES = ["", "$P$", "$H$", "$2y$05$", "$6$", "$1$", "{SSHA}", "*", "md5$", "sha1$", "$argon2"]
_TEXT = st.builds(
    lambda p, s: p + s,
    st.sampled_from(_PREFIXES),
    st.text(st.characters(codec="utf-8", exclude_characters="\0\r"), max_size=40),
)
_HASHES = st.one_of(_HEX, _TEXT, st.sampled_from([" ", "", "  x"]))
_SCHEMES = st.sampled_from(["", "md5", "MD5", "sha1", "mysql41", "phpass", "nope", "ntlm"])
ROW = st.tuples(  # id, hash, scheme, salt, user name, migrated_at
    st.one_of(st.integers(0, 99), st.text(max_size=8).filter(lambda t: "\0" not in t)),
    _HASHES,
    _SCHEMES,
    st.sampled_from(["", "salt"]),
    st.sampled_from(["", "user"]),
    st.sampled_from(["", "2026-12-06"]),
)
