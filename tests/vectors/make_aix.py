"""Known-answer vectors for the AIX LPA formats, copied from hashcat's and John's own test data.

    python3 tests/vectors/make_aix.py > tests/vectors/aix.jsonl

There is no AIX machine here, so every vector comes from the crackers' test data already in
this repository, with its original "source" kept:

- tests/vectors/hashcat/hashcat.jsonl, modes 6300 ({smd5}), 6700 ({ssha1}), 6400 ({ssha256})
  and 6500 ({ssha512}): made and checked by hashcat's Perl test modules (see its README),
  including a UTF-8 and an empty password and hashcat's own negative per mode.
- tests/vectors/john/john.jsonl, formats aix-ssha1/256/512, and the three AIX-made {smd5}
  hashes of John's src/aix_smd5_fmt_plug.c (below; that file's tests are not in john.jsonl).
  One John aix-ssha512 vector ("colorado", marked "partially corrupted hash?" in John's source)
  is left out: John compares only the first 18 bytes of the digest, and its tail does not
  match PBKDF2's output.

Python only selects lines and formats JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
HASHCAT_MODES = {6300: "aix_smd5", 6700: "aix_ssha1", 6400: "aix_ssha256", 6500: "aix_ssha512"}
JOHN_FORMATS = {"aix-ssha1": "aix_ssha1", "aix-ssha256": "aix_ssha256", "aix-ssha512": "aix_ssha512"}
JOHN_CORRUPTED = {"{ssha512}06$otYx2eSXx.OkEY4F$No5ZvSfhYuB1MSkBhhcKJIjS0.q//awdkcZwF9/TXi3EnL6Qe"
                  "ronmS0jCc3P2aEV9WLi5arzN1YjVwkx8bng.."}
JOHN_SMD5_SOURCE = "john src/aix_smd5_fmt_plug.c @ 09ccc79e8016b9491d5b131479ae2c9f97efab33"
JOHN_SMD5 = [("password", "{smd5}s8/xSJ/v$uGam4GB8hOjTLQqvBfxJ2/"),
             ("aixsucks?", "{smd5}alRJaSLb$aKM3H1.h1ycXl5GEVDH1e1"),
             ("0123456789ABCDE", "{smd5}eLB0QWeS$Eg.YfWY8clZuCxF0xNrKg.")]


def emit(scheme: str, password: str, hash: str, expect: bool, source: str) -> None:
    sys.stdout.write(json.dumps({"scheme": scheme, "password": password, "hash": hash,
                                 "expect": expect, "source": source}, ensure_ascii=False) + "\n")


def main() -> None:
    for line in HERE.joinpath("hashcat", "hashcat.jsonl").open():
        v = json.loads(line)
        if v["mode"] in HASHCAT_MODES:
            emit(HASHCAT_MODES[v["mode"]], v["password"], v["hash"], v["expect"], v["source"])
    for line in HERE.joinpath("john", "john.jsonl").open():
        v = json.loads(line)
        if v["format"] in JOHN_FORMATS and v["hash"] not in JOHN_CORRUPTED:
            emit(JOHN_FORMATS[v["format"]], v["password"], v["hash"], v["expect"], v["source"])
    for password, hash in JOHN_SMD5:
        emit("aix_smd5", password, hash, True, JOHN_SMD5_SOURCE)


if __name__ == "__main__":
    main()
