"""Supabase Auth (GoTrue): ``auth.admin.createUser`` bodies with ``password_hash``.

Follows Supabase's "Migrate from Auth0/Firebase" guides and GoTrue's
``internal/crypto/password.go`` (supabase/auth v2.1xx): bcrypt ``$2a$``/``$2b$``/``$2y$`` and
argon2 PHC strings (``$argon2id$``/``$argon2i$``, version 19). Every other scheme goes to the
just-in-time path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hashcompat._conversion import Convertible
from hashcompat._families.argon2 import phc_string
from hashcompat.dump import Row
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision, dump_lines
from hashcompat.params import Argon2, Bcrypt


def password_hash(params: Convertible) -> str:
    if isinstance(params, Bcrypt) and params.ident in ("2a", "2b", "2y"):
        return params.text
    if isinstance(params, Argon2) and params.variant in ("id", "i") and params.version == 19:
        return phc_string(params)
    raise Refused("Supabase takes bcrypt ($2a$ $2b$ $2y$) and argon2id/argon2i v19 only")


@dataclass(frozen=True, slots=True)
class Supabase:
    name: str = "supabase"
    jit: str = (
        "your sign-in route: verify with hashcompat, then auth.admin.updateUserById(password)"
    )
    note: str = "Send each line to auth.admin.createUser (POST /auth/v1/admin/users)."

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        if row.email is None:
            raise Refused("Supabase needs an email")
        value = password_hash(params)
        body: dict[str, Any] = {"email": row.email, "password_hash": value, "email_confirm": True}
        return Decision(body, value == row.hash)

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        return [dump_lines((d.payload for _, d in payloads), out / "supabase-users.jsonl")]
