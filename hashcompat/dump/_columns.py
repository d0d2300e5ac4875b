"""Which column of a dump holds what: the default names, and the mapping a caller gives.

Two tables, because the two inputs mean different things by the same word: in a user dump a
``password`` column holds the stored hash (WordPress and many others name it so), while in a
customer's sample of pairs it holds the plaintext that the hash must verify.
"""

from __future__ import annotations

from dataclasses import dataclass

from hashcompat.errors import DumpError

__all__ = ["DEFAULT_NAMES", "FIELDS", "PAIR_NAMES", "Columns"]

DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "user_id", "uid", "userid", "_id", "localid"),
    "hash": (
        "hash",
        "password_hash",
        "hashed_password",
        "encrypted_password",  # Supabase's auth.users, Devise
        "passwordhash",  # Auth0's and Firebase's exports
        "user_pass",
        "passwd",
        "pass",
        "password",
    ),
    "scheme": ("scheme", "hash_scheme", "hash_type", "algorithm"),
    "salt": ("salt", "password_salt"),
    "username": ("username", "user_login", "login", "user_name"),
}
FIELDS = tuple(DEFAULT_NAMES)

# The columns of a sample of pairs (``hashcompat check``): the plaintext and what checks it.
PAIR_NAMES: dict[str, tuple[str, ...]] = {
    "password": ("password", "plaintext", "plain", "pass", "clear"),
    "hash": ("hash", "password_hash", "hashed_password", "hashed", "digest", "user_pass"),
    "salt": ("salt", "password_salt"),
    "username": ("username", "user", "login", "user_login", "name"),
    "pepper": ("pepper", "site_key", "cookie_key"),
}


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column holds what. ``None``: take the first default name the header has."""

    id: str | None = None
    hash: str | None = None
    scheme: str | None = None
    salt: str | None = None
    username: str | None = None

    def resolve(self, header: list[str] | tuple[str, ...], where: str) -> Columns:
        """The columns of ``header``: named ones must exist, defaults are looked up."""
        lowered = {h.strip().lower(): h for h in header}
        found: dict[str, str | None] = {}
        for name in FIELDS:
            wanted: str | None = getattr(self, name)
            if wanted is not None:
                if wanted not in header:
                    raise DumpError(
                        f"{where}: no column {wanted!r} for columns.{name} "
                        f"(columns: {_shown(header)})",
                        parameters=(f"columns.{name}",),
                    )
                found[name] = wanted
            else:
                found[name] = next((lowered[n] for n in DEFAULT_NAMES[name] if n in lowered), None)
        if found["hash"] is None:
            raise DumpError(
                f"{where}: no hash column; name it with columns.hash (columns: {_shown(header)})",
                parameters=("columns.hash",),
            )
        return Columns(**found)

    def mapped(self) -> tuple[str, ...]:
        return tuple(c for c in (getattr(self, n) for n in FIELDS) if c is not None)


IDENTITY = Columns(id="id", hash="hash", scheme="scheme", salt="salt", username="username")


def _shown(header: list[str] | tuple[str, ...]) -> str:
    names = [h[:24] for h in header[:12]]
    return ", ".join(names) + (", ..." if len(header) > 12 else "") if names else "none"
