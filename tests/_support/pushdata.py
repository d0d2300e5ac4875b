"""A dump for the push tests: users the target takes, users it does not, and awkward rows.

The bcrypt strings are made by pyca/bcrypt (cost 4) and the phpass string is WordPress's own
(a vector of tests/vectors/seed.jsonl); nothing here is computed by hashcompat.
"""

from __future__ import annotations

import csv
from pathlib import Path

import bcrypt

PHPASS = (
    "$P$BQMlyAddIOJ7MShLPWzZ.AWCVqMRbQ."  # "password" by WordPress 6.8.3 (tests/vectors/seed.jsonl)
)


def bcrypt_hash(password: bytes = b"correct horse") -> str:
    return bcrypt.hashpw(password, bcrypt.gensalt(4)).decode("ascii")


def users(count: int, *, hash: str | None = None) -> list[dict[str, str]]:
    """``count`` rows: every 50th a phpass row (refused by plan for Okta), every 97th a login
    without an email (the server rejects it), the rest bcrypt rows Okta imports."""
    made = hash or bcrypt_hash()
    rows = []
    for i in range(count):
        email = f"user{i}@example.com" if i % 97 != 96 else f"user{i}"
        rows.append({"id": str(i), "email": email, "hash": PHPASS if i % 50 == 49 else made})
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "email", "hash"])
        writer.writeheader()
        writer.writerows(rows)
    path.chmod(0o600)
    return path
