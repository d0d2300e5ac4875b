"""MySQL 4.1+ PASSWORD() vectors ('*' + SHA1(SHA1(password)) in hex), from John the Ripper.

    python3 tests/vectors/make_mysql.py > tests/vectors/mysql.jsonl

Positives are John's own mysql-sha1 test vectors (tests/vectors/john/john.jsonl, extracted from
john's src/mysql_fmt_plug.c); each negative pairs a hash with the password of the next vector.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

JOHN = Path(__file__).parent / "john" / "john.jsonl"


def main() -> None:
    rows = [json.loads(line) for line in JOHN.open(encoding="utf-8")]
    mysql = [r for r in rows if r["format"] == "mysql-sha1" and r["expect"]]
    for i, row in enumerate(mysql):
        out = {"scheme": "mysql41", "password": row["password"], "hash": row["hash"],
               "expect": True, "source": row["source"]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        other = mysql[(i + 1) % len(mysql)]["password"]
        if other != row["password"]:
            out = dict(out, password=other, expect=False,
                       source=row["source"] + " (negative: another vector's password)")
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
