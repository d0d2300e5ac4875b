"""PostgreSQL password vectors (md5 and SCRAM-SHA-256), made by a running PostgreSQL server.

    python3 tests/vectors/make_postgres.py SOCKET_DIR > tests/vectors/postgres.jsonl

The server needs a superuser ``postgres`` reachable by trust on the socket and
``local all all md5`` for every other role in pg_hba.conf (md5 there means "md5 or SCRAM,
whichever the role's secret is"). For each vector the script creates a role with
``CREATE ROLE ... PASSWORD`` (``password_encryption`` = md5 or the default scram-sha-256),
reads ``pg_authid.rolpassword``, then logs in as the role through libpq (psql) with the
vector's password: "expect" is whether the server accepted that login. Positives whose
password differs from the one set come from SASLprep (libpq and the server both normalise
non-ASCII passwords), negatives are wrong passwords the server refused. Python only formats.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

# (scheme, role, password set, [(password tried, note)])
CASES: list[tuple[str, str, str, list[str]]] = [
    ("postgres_md5", "alice", "password", ["password", "Password"]),
    ("postgres_md5", "Bob", "correct horse battery staple", ["correct horse battery staple", ""]),
    ("postgres_md5", "jürgen", "pässwort", ["pässwort", "passwort"]),
    ("postgres_md5", "long_role", "x" * 100, ["x" * 100, "x" * 99]),
    ("postgres_scram_sha256", "carol", "password", ["password", "passwort"]),
    ("postgres_scram_sha256", "dave", "y" * 100, ["y" * 100, "y" * 101]),
    ("postgres_scram_sha256", "erin", "pässwort", ["pässwort", "pa\u0308sswort", "passwort"]),
    ("postgres_scram_sha256", "frank", "\ufb01x \u00a0soft\u00adhyphen",
     ["\ufb01x \u00a0soft\u00adhyphen", "fix  softhyphen", "fix \u00a0soft\u00adhyphen"]),
    ("postgres_scram_sha256", "grace", "\uff58\u0221", ["\uff58\u0221", "x\u0221"]),
    ("postgres_scram_sha256", "heidi", "\ufb01\u05d0", ["\ufb01\u05d0", "fi\u05d0"]),
    ("postgres_scram_sha256", "ivan", "tab\there", ["tab\there", "tab here"]),
]


def psql(socket: str, sql: str, **variables: str) -> str:
    args = ["psql", "-X", "-q", "-At", "-h", socket, "-U", "postgres", "-d", "postgres"]
    for name, value in variables.items():
        args += ["-v", f"{name}={value}"]
    out = subprocess.run(args, input=sql, capture_output=True, text=True, check=True)
    return out.stdout.rstrip("\n")


def login(socket: str, role: str, password: str) -> bool:
    env = dict(os.environ, PGPASSWORD=password)
    args = ["psql", "-X", "-At", "-h", socket, "-U", role, "-d", "postgres", "-c", "select 1"]
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    return done.returncode == 0 and done.stdout.strip() == "1"


def main() -> None:
    socket = sys.argv[1]
    version = psql(socket, "SHOW server_version;")
    source = f"PostgreSQL {version}: CREATE ROLE ... PASSWORD, pg_authid.rolpassword, psql login"
    for scheme, role, password, tries in CASES:
        encryption = "md5" if scheme == "postgres_md5" else "scram-sha-256"
        stored = psql(
            socket,
            f"SET password_encryption = '{encryption}';\n"
            "DROP ROLE IF EXISTS :\"role\";\n"
            "CREATE ROLE :\"role\" LOGIN PASSWORD :'pw';\n"
            "SELECT rolpassword FROM pg_authid WHERE rolname = :'role';\n",
            role=role,
            pw=password,
        )
        for tried in tries:
            out = {"scheme": scheme, "password": tried, "hash": stored, "username": role,
                   "expect": login(socket, role, tried), "source": source}
            if scheme != "postgres_md5":
                del out["username"]
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        psql(socket, "DROP ROLE :\"role\";\n", role=role)


if __name__ == "__main__":
    main()
