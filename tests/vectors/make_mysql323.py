"""MySQL OLD_PASSWORD() vectors (mysql323), made by a running MariaDB server and John the Ripper.

    python3 tests/vectors/make_mysql323.py SOCKET > tests/vectors/mysql323.jsonl

MariaDB computes every hash: ``SELECT OLD_PASSWORD(p)`` for the password set, and the vector's
"expect" is whether ``OLD_PASSWORD(tried)`` gives the same string, so the negatives and the
whitespace-skipping positives are the server's word too. Passwords travel as hex and are
converted to utf8mb4 on the server. John's own mysql (pre-4.1) test vectors follow
(tests/vectors/john/john.jsonl), the empty password among them: MariaDB returns an empty
string for OLD_PASSWORD(''), not a hash. Python only formats JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

JOHN = Path(__file__).parent / "john" / "john.jsonl"

# (password set, [passwords tried])
CASES = [
    ("password", ["password", "Password"]),
    ("pässwort", ["pässwort", "passwort"]),
    ("hacktivity 2008", ["hacktivity 2008", "hacktivity2008", "hack\ttivity\t2008 ", "hacktivity"]),
    ("correct horse battery staple" * 4, ["correct horse battery staple" * 4, "x"]),
]


def old_password(socket: str, password: str) -> str:
    sql = f"SELECT OLD_PASSWORD(CONVERT(UNHEX('{password.encode().hex()}') USING utf8mb4))"
    out = subprocess.run(["mariadb", "--socket", socket, "-u", "root", "-N", "-B", "-e", sql],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def emit(password: str, hash: str, expect: bool, source: str) -> None:
    out = {"scheme": "mysql323", "password": password, "hash": hash, "expect": expect,
           "source": source}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


def main() -> None:
    socket = sys.argv[1]
    version = subprocess.run(["mariadb", "--socket", socket, "-u", "root", "-N", "-B", "-e",
                              "SELECT VERSION()"], capture_output=True, text=True,
                             check=True).stdout.strip()
    source = f"MariaDB {version}: SELECT OLD_PASSWORD(...)"
    for password, tries in CASES:
        stored = old_password(socket, password)
        for tried in tries:
            emit(tried, stored, old_password(socket, tried) == stored, source)
    john = [json.loads(line) for line in JOHN.open(encoding="utf-8")]
    rows = [r for r in john if r["format"] == "mysql" and r["expect"]]
    for i, row in enumerate(rows):
        emit(row["password"], row["hash"], True, row["source"])
        other = rows[(i + 1) % len(rows)]
        if other["hash"] != row["hash"] and i % 3 == 0:
            emit(other["password"], row["hash"], False,
                 row["source"] + " (negative: another vector's password)")


if __name__ == "__main__":
    main()
