"""PingOne: Users API import bodies with a pre-encoded ``password.value``.

Follows PingOne's "Password encoding" reference (developer.pingidentity.com, pingone-api,
read 2026-12): a pre-encoded password uses the LDAP ``userPassword`` syntax that PingDirectory
reads, ``prefix`` + base64(hash and salt). This module writes the two forms whose layout that
page and RFC 2307 fix completely:

- salted SHA (the page's "SSHA methods", no PingOne identifier of their own): ``{SSHA}``,
  ``{SSHA256}``, ``{SSHA384}``, ``{SSHA512}`` + base64(digest(password + salt) + salt);
- bcrypt: the ``{BCRYPT}`` identifier prepended to the OpenBSD string (``$2a$``/``$2b$``/
  ``$2y$``), the representation PingDirectory's bcrypt storage scheme reads.

``{PBKDF2}``, ``{ARGON2}``, ``{SCRYPT}`` and ``{MSKCC_PBKDF2}`` are base64 encodings of a
binary parameter layout whose field list the stored copy of the page does not give whole, so
those rows go to the just-in-time path rather than to a guess. Every PingOne method needs a
salt: unsalted digests are refused. One body per line, for
``POST /environments/{envID}/users`` with ``Content-Type:
application/vnd.pingidentity.user.import+json``.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible
from hashcompat.dump import Row
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision, dump_lines
from hashcompat.params import Bcrypt, Digest

_SSHA = {"sha1": "{SSHA}", "sha256": "{SSHA256}", "sha384": "{SSHA384}", "sha512": "{SSHA512}"}


def password_value(params: Convertible) -> str:
    """The pre-encoded ``password.value`` for ``params``."""
    if isinstance(params, Bcrypt):
        if params.ident not in ("2a", "2b", "2y"):
            raise Refused(f"PingOne {{BCRYPT}} takes $2a$, $2b$, $2y$, not ${params.ident}$")
        return "{BCRYPT}" + params.text
    if isinstance(params, Digest) and params.algorithm in _SSHA:
        if not params.salt:
            raise Refused("PingOne's encodings all need a salt; this digest has none")
        if params.order != "suffix":
            raise Refused("PingOne's SSHA puts the salt after the password, this digest before")
        blob = base64.b64encode(params.digest + params.salt).decode("ascii")
        return _SSHA[params.algorithm] + blob
    raise Refused(f"PingOne: no fully documented encoding for {type(params).__name__.lower()}")


@dataclass(frozen=True, slots=True)
class PingOne:
    """``population_id``: the population every new user joins (PingOne requires one; without
    it here, push or the caller adds ``population.id`` to each body)."""

    population_id: str | None = None
    name: str = "pingone"
    jit: str = (
        "a PingOne DaVinci flow or your sign-in service: verify with hashcompat, then set "
        "the password (PUT /environments/{envID}/users/{userID}/password)"
    )
    note: str = (
        "POST each line to /environments/{envID}/users with Content-Type "
        "application/vnd.pingidentity.user.import+json; each needs population.id (PingOne "
        "requires one: PingOne(population_id=...) writes it)."
    )

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        login = row.username or row.email
        if login is None:
            raise Refused("PingOne needs a username (or an email to use as one)")
        value = password_value(params)
        body: dict[str, Any] = {"username": login}
        if self.population_id is not None:
            body["population"] = {"id": self.population_id}
        if row.email is not None:
            body["email"] = row.email
        name = {k: row.field(f) for k, f in (("given", "first_name"), ("family", "last_name"))}
        if any(name.values()):
            body["name"] = {k: v for k, v in name.items() if v is not None}
        body["lifecycle"] = {"status": "ACCOUNT_OK"}
        body["password"] = {"value": value, "forceChange": False}
        return Decision(body, value == row.hash)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        return [dump_lines((d.payload for _, d in payloads), out / "pingone-users.jsonl")]
