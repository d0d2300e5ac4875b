"""Pelcro (export only): its customers import template, one CSV row per customer.

``customer.password`` holds the stored value and ``common_metadata.password_encryption`` names
which of the five types Pelcro reads it as: Drupal 8.2.x (``$S$``), WordPress bcrypt
(WordPress 6.8's ``$wp$2y$``), bcrypt (``$2a$``/``$2b$``/``$2y$``), MD5 (an unsalted hex digest)
and plain text (a dump whose ``scheme`` column says ``plaintext``). Every other row goes to the
not-imported file with its plan. The type labels are :data:`TYPES`; the names, email and type
cells are escaped against spreadsheet formulas, the password cell is written as stored.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hashcompat._conversion import Convertible
from hashcompat.bulk._resetlist import defuse
from hashcompat.dump import Row
from hashcompat.dump._private import private_open
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision
from hashcompat.params import Bcrypt, Digest

# hashcompat scheme -> Pelcro's password_encryption type, for strings taken as stored
TYPES = {
    "drupal7": "Drupal 8.2.x",
    "wordpress_bcrypt": "WordPress bcrypt",
    "bcrypt": "bcrypt",
    "md5": "MD5",
    "plaintext": "plain text",
}
_HEADS = {"drupal7": ("$S$",), "wordpress_bcrypt": ("$wp$2y$",),
          "bcrypt": ("$2a$", "$2b$", "$2y$")}  # fmt: skip
COLUMNS = (
    "customer.email",
    "customer.first_name",
    "customer.last_name",
    "customer.password",
    "common_metadata.password_encryption",
)


@dataclass(frozen=True, slots=True)
class Pelcro:
    name: str = "pelcro"
    jit: str = (
        "none in Pelcro: verify at your old login until cut-over (hashcompat serve), "
        "else the customer resets the password"
    )
    note: str = "Upload pelcro-customers.csv with Pelcro's import tool (customers template)."

    def _row(self, row: Row, kind: str, value: str) -> Decision:
        if row.email is None:
            raise Refused("Pelcro's customers template needs an email")
        payload = {
            "customer.email": row.email,
            "customer.first_name": row.field("first_name") or "",
            "customer.last_name": row.field("last_name") or "",
            "customer.password": value,
            "common_metadata.password_encryption": kind,
        }
        return Decision(payload, value == row.hash)

    def accept(self, row: Row, scheme: str) -> Decision | None:
        kind = TYPES.get(scheme)
        if kind is None:
            return None
        heads = _HEADS.get(scheme)
        if heads is not None and not row.hash.startswith(heads):
            raise Refused(f"Pelcro's {kind} type reads {', '.join(heads)} strings")
        if scheme == "md5" and len(row.hash) != 32:
            raise Refused("Pelcro's MD5 type reads a 32-character hex digest")
        return self._row(row, kind, row.hash.lower() if scheme == "md5" else row.hash)

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        if isinstance(params, Bcrypt) and params.ident in ("2a", "2b", "2y"):
            return self._row(row, TYPES["bcrypt"], params.text)
        if isinstance(params, Digest) and params.algorithm == "md5" and not params.salt:
            return self._row(row, TYPES["md5"], params.digest.hex())
        raise Refused(
            "Pelcro reads Drupal 8.2.x, WordPress bcrypt, bcrypt, MD5 and plain text only, "
            f"not {scheme}"
        )

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        path = out / "pelcro-customers.csv"
        with private_open(path, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for _, decision in payloads:
                cells = decision.payload
                writer.writerow(
                    [cells[c] if c == "customer.password" else defuse(cells[c]) for c in COLUMNS]
                )
        return [path]
