"""Writes users.csv: a small dump of a forum mid-migration, for `hashcompat analyze`.

Run once by hand (python examples/bulk/make_users.py); the committed users.csv is the golden
input of tests/bulk/test_bulk_analyze.py. No hash comes from hashcompat: the phpass and $wp$ rows
are WordPress 6.8.3 output under PHP 8.2 (examples/wordpress.csv, examples/mixed.csv), md5 and
sha1 come from hashlib, bcrypt from pyca/bcrypt, argon2 from argon2-cffi, sha512-crypt from
libpass. Passwords: see the `password` comment of each row group below.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import bcrypt
from argon2 import PasswordHasher
from passlib.hash import sha512_crypt

HERE = Path(__file__).parent
WORDPRESS = [
    "$P$BQMlyAddIOJ7MShLPWzZ.AWCVqMRbQ.",  # password
    "$P$BpB.nlFBOG3uIsB5P.DsOhrDIlCwwl/",  # pässwörd
    "$P$7hU9chhTtChQFRm3F0upRKku97SEPV.",  # пароль
]
WP68 = "$wp$2y$10$NNGWC5qXrnOrB7gM5/uKlOeJBYuCAVV6Auo.jl1eLYOqnnF4aW3je"  # password


def main() -> None:
    rows: list[list[str]] = []

    def add(hash: str, scheme: str = "", salt: str = "") -> None:
        number = len(rows) + 1
        rows.append([str(number), f"user{number}", hash, scheme, salt])

    for h in WORDPRESS:
        add(h)
    add(WP68)
    for password in ("password", "password", "123456", "password", "letmein"):
        add(hashlib.md5(password.encode()).hexdigest(), "md5")  # unsalted: 3 share "password"
    add(hashlib.sha1(b"hunter2").hexdigest(), "sha1")
    add(hashlib.md5(b"no scheme column").hexdigest())  # 32 hex, no scheme: ambiguous
    add(bcrypt.hashpw(b"password", bcrypt.gensalt(10)).decode())
    add(bcrypt.hashpw(b"password", bcrypt.gensalt(4)).decode())
    add("$2y$17$" + "a" * 53)  # cost 17: above the default cap of 16
    add(PasswordHasher().hash("password"))
    add(PasswordHasher(time_cost=1, memory_cost=256, parallelism=1).hash("password"))
    add(sha512_crypt.using(rounds=5000).hash("password"))
    add("$P$Bshort")  # a truncated phpass row
    add("not-a-hash")  # unknown format
    add("9a7e61e8f8d1f9d32ef4f3bdd1b1b5b9", "mybb")  # mybb needs its salt column: missing
    with (HERE / "users.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "username", "password_hash", "scheme", "salt"])
        writer.writerows(rows)
        handle.write("21,user21\n")  # a truncated line


if __name__ == "__main__":
    main()
