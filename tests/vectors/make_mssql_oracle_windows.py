"""SQL Server, Oracle and Windows vectors, copied from hashcat's and John the Ripper's test data.

    python3 tests/vectors/make_mssql_oracle_windows.py mssql > tests/vectors/mssql.jsonl
    python3 tests/vectors/make_mssql_oracle_windows.py oracle > tests/vectors/oracle.jsonl
    /usr/bin/python3 tests/vectors/make_mssql_oracle_windows.py windows > tests/vectors/windows.jsonl

Every hash, password and "expect" comes from tests/vectors/hashcat/hashcat.jsonl (hashcat's own
test modules) or tests/vectors/john/john.jsonl (John the Ripper's format self-tests); "source"
keeps theirs. LM hashes of 8 to 14 characters come from impacket (Debian python3-impacket,
run with the system python3), which also decides their "expect". Only the layout changes, to the string the database stores, and the source says
so: Oracle's "S:"/"T:" prefixes in front of hashcat's hash+salt and John's bare hex, and LM's
16-hex half hashes (passwords of 7 characters or fewer) completed with aad3b435b51404ee, the
half of an empty second half, and hashcat's $DCC2$ lines split into bare hex + user name. Negatives are hashcat's own, and for John's lists another
vector's password (marked). Left out: hashcat's non-ASCII Oracle 7-10g vector (the module
upper-cases bytes, not characters, which Oracle does not do).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).parent
HASHCAT = [json.loads(line) for line in (HERE / "hashcat" / "hashcat.jsonl").open()]
JOHN = [json.loads(line) for line in (HERE / "john" / "john.jsonl").open()]
LM_EMPTY_HALF = "aad3b435b51404ee"

Vector = dict[str, object]


def hashcat(mode: int, scheme: str, how: str = "line", note: str = "") -> Iterator[Vector]:
    for v in HASHCAT:
        if v["mode"] != mode:
            continue
        out: Vector = {"scheme": scheme, "password": v["password"], "expect": v["expect"],
                       "source": str(v["source"]) + note}
        if how == "line":
            out["hash"] = v["line"]
        elif how == "user":  # hash in the line, the user name beside it
            out["hash"], out["username"] = v["hash"], v["username"]
        elif how == "S:":
            out["hash"] = "S:" + str(v["hash"]).upper() + str(v["salt"]).upper()
        elif how == "T:":
            out["hash"] = "T:" + str(v["line"])
        elif how == "bare":  # $DCC2$10240#user#hex as the bare hex and the user beside it
            out["hash"], out["username"] = str(v["line"]).rsplit("#", 1)[1], v["username"]
        elif how == "lm":
            out["hash"] = str(v["hash"]) + LM_EMPTY_HALF
        yield out


def john(fmt: str, scheme: str, convert: object = None, keep: object = None) -> Iterator[Vector]:
    rows = [r for r in JOHN if r["format"] == fmt and r["expect"] and (keep is None or keep(r))]
    for i, r in enumerate(rows):
        out: Vector = {"scheme": scheme, "password": r["password"], "hash": r["hash"],
                       "expect": True, "source": r["source"]}
        if "username" in r:
            out["username"] = r["username"]
        if convert is not None:
            out["hash"], note = convert(r["hash"])
            out["source"] = f"{r['source']} ({note})"
        yield out
        other = rows[(i + 1) % len(rows)]["password"]
        if other != r["password"] and i % 2 == 0:
            yield dict(out, password=other, expect=False,
                       source=str(out["source"]) + " (negative: another vector's password)")


def oracle11(h: str) -> tuple[str, str]:
    return "S:" + h.removeprefix("$oracle11$").upper(), "stored as spare4's S: part"


def oracle12c(h: str) -> tuple[str, str]:
    return "T:" + h.removeprefix("$oracle12c$").upper(), "stored as spare4's T: part"


def lm(h: str) -> tuple[str, str]:
    if h.startswith("$LM$"):
        return h[4:].lower() + LM_EMPTY_HALF, "half hash completed with the empty half"
    return h, "as John lists it"


def impacket_lm() -> Iterator[Vector]:
    """LM hashes of 8 to 14 characters, which hashcat's and John's half hashes cannot give."""
    from impacket import ntlm  # Debian python3-impacket

    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-impacket"],
                             capture_output=True, text=True).stdout or "unknown"
    source = f"impacket {version}: impacket.ntlm.compute_lmhash"
    cases = [("password123", ["password123", "PASSWORD123", "password124"]),
             ("abcdefghijklmn", ["abcdefghijklmn", "abcdefghijklm"]),
             ("Secr3t!Secr3t!", ["SECR3T!SECR3T!", "Secr3t!"])]
    for password, tries in cases:
        stored = ntlm.compute_lmhash(password).hex()
        for tried in tries:
            yield {"scheme": "lmhash", "password": tried, "hash": stored,
                   "expect": ntlm.compute_lmhash(tried).hex() == stored, "source": source}


def families() -> dict[str, list[Iterator[Vector]]]:
    return {
        "mssql": [
            hashcat(131, "mssql2000"),
            john("mssql", "mssql2000"),
            john("mssql05", "mssql2000", keep=lambda r: len(r["hash"]) == 94),
            hashcat(132, "mssql2005"),
            john("mssql05", "mssql2005", keep=lambda r: len(r["hash"]) == 54),
            hashcat(1731, "mssql2012"),
            john("mssql12", "mssql2012"),
        ],
        "oracle": [
            (v for v in hashcat(3100, "oracle10", "user") if str(v["password"]).isascii()),
            john("oracle", "oracle10", keep=lambda r: "username" in r),
            hashcat(112, "oracle11", "S:", " (stored as spare4's S: part)"),
            john("oracle11", "oracle11", oracle11),
            hashcat(12300, "oracle12c", "T:", " (stored as spare4's T: part)"),
            john("Oracle12C", "oracle12c", oracle12c),
        ],
        "windows": [
            hashcat(3000, "lmhash", "lm", " (half hash completed with the empty half)"),
            john("LM", "lmhash", lm),
            impacket_lm(),
            hashcat(1100, "msdcc", "user"),
            john("mscash", "msdcc", keep=lambda r: "username" in r),
            hashcat(2100, "msdcc2"),
            john("mscash2", "msdcc2", keep=lambda r: str(r["hash"]).startswith("$DCC2$")
                 and str(r["hash"]).count("#") >= 2 and str(r["hash"])[6].isdigit()),
            hashcat(2100, "msdcc2_hex", "bare", " (the line's hex digest, its user beside it)"),
            john("mscash2", "msdcc2_hex", keep=lambda r: "username" in r),
        ],
    }


def main() -> None:
    seen: set[str] = set()
    for source in families()[sys.argv[1]]:
        for vector in source:
            line = json.dumps(vector, ensure_ascii=False)
            key = json.dumps({k: vector[k] for k in ("scheme", "password", "hash", "expect")})
            if key not in seen:  # John repeats some vectors
                seen.add(key)
                sys.stdout.write(line + "\n")


if __name__ == "__main__":
    main()
