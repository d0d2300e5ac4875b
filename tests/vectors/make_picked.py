"""Known-answer vectors picked from hashcat's and John the Ripper's own test data.

    python3 tests/vectors/make_picked.py > tests/vectors/picked.jsonl

For schemes whose platform cannot run here (Atlassian's Java, Cisco firmware, AIX) or whose
answer is a plain digest, the vectors come from tests/vectors/hashcat/hashcat.jsonl (made by
hashcat's perl test modules, see hashcat/README.md) and tests/vectors/john/john.jsonl (John the
Ripper's built-in format tests). Each line keeps the original source; hashcat's own negatives
are kept, and John's positives get a negative that pairs a hash with another vector's password.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
HASHCAT = HERE / "hashcat" / "hashcat.jsonl"
JOHN = HERE / "john" / "john.jsonl"

# scheme -> hashcat modes, John formats, and which hashcat field holds a column ("salt"/"username")
PICKS: dict[str, dict[str, object]] = {
    "md4": {"hashcat": [900], "john": ["Raw-MD4"]},
    "sha224": {"hashcat": [1300], "john": ["Raw-SHA224"]},
    "sha384": {"hashcat": [10800], "john": ["Raw-SHA384"]},
    "sha512": {"hashcat": [1700], "john": ["Raw-SHA512"]},
    "sha3_224": {"hashcat": [17300]},
    "sha3_256": {"hashcat": [17400]},
    "sha3_384": {"hashcat": [17500]},
    "sha3_512": {"hashcat": [17600]},
    "keccak_224": {"hashcat": [17700]},
    "keccak_256": {"hashcat": [17800]},
    "keccak_384": {"hashcat": [17900]},
    "keccak_512": {"hashcat": [18000]},
    "ripemd160": {"hashcat": [6000]},
    "atlassian_pbkdf2_sha1": {"hashcat": [12001]},
    # A PIX takes at most 16 characters; hashcat's module pads longer ones as an ASA does.
    "cisco_pix": {"hashcat": [2400], "john": ["pix-md5"], "max_chars": 16},
    "cisco_asa": {"hashcat": [2410], "column": "username"},
    "pbkdf2_sha1": {"hashcat": [20400]},
    "pbkdf2_sha256": {"hashcat": [20300]},
    "pbkdf2_sha512": {"hashcat": [20200]},
    "grub_pbkdf2_sha512": {"hashcat": [7200]},
    "pbkdf2_colon": {"hashcat": [10900, 11900, 12000, 12100]},
    "web2py_pbkdf2": {"hashcat": [21600]},
    "macos_pbkdf2": {"hashcat": [7100]},
    "azure_ad_sync": {"hashcat": [12800]},
    "citrix_netscaler_sha1": {"john": ["Citrix_NS10"]},
    "macos_xsha": {"john": ["xsha"]},
    "macos_xsha512": {"john": ["xsha512"]},
    "mongodb_cr": {"john": ["MongoDB"]},
    "solarwinds_orion": {"hashcat": [21500], "john": ["solarwinds"]},
    "dahua_md5": {"hashcat": [24900], "john": ["dahua"]},
    # hashcat's line zeroes the inner context Dovecot also keeps (doveadm's: dovecot.jsonl)
    "dovecot_cram_md5": {"hashcat": [16400]},
}


def _split_john(fmt: str, hash: str) -> dict[str, str] | None:
    """John's own notation for a format, turned into the stored value plus its columns."""
    if fmt == "dahua":  # $dahua$ is John's tag: the device keeps the 8 characters
        return {"hash": hash.removeprefix("$dahua$")}
    if fmt == "solarwinds":  # John's line is hashcat's, the whole string
        return {"hash": hash}
    if fmt == "MongoDB":  # $mongodb$0$user$hex is John's: MongoDB stores user and hex apart
        parts = hash.split("$")
        return {"hash": parts[4], "username": parts[3]} if parts[2] == "0" else None
    return None if hash.startswith("$") else {"hash": hash}


def _john(rows: list[dict[str, object]], scheme: str, fmt: str) -> list[dict[str, object]]:
    found = [
        r
        for r in rows
        if r["format"] == fmt
        and r["expect"]
        and _split_john(fmt, str(r["hash"])) is not None
        # John keeps some passwords in Latin-1; the JSON field holds text, so keep UTF-8 ones
        and str(r["password"]).encode("utf-8").hex() == r["password_hex"]
    ]
    out: list[dict[str, object]] = []
    for i, row in enumerate(found):
        line = {"scheme": scheme, "password": row["password"], "expect": True,
                "source": row["source"], **(_split_john(fmt, str(row["hash"])) or {})}
        out.append(line)
        other = found[(i + 1) % len(found)]["password"]
        if other != row["password"] and i == 0:
            out.append(dict(line, password=other, expect=False,
                            source=f"{row['source']} (negative: another vector's password)"))
    return out


def main() -> None:
    hashcat = [json.loads(line) for line in HASHCAT.open(encoding="utf-8")]
    john = [json.loads(line) for line in JOHN.open(encoding="utf-8")]
    for scheme, pick in PICKS.items():
        column = pick.get("column", "salt")
        for mode in pick.get("hashcat", []):  # type: ignore[attr-defined]
            limit = int(pick.get("max_chars", 1 << 20))  # type: ignore[call-overload]
            for row in (r for r in hashcat if r["mode"] == mode):
                if len(str(row["password"])) > limit:
                    continue
                line = {"scheme": scheme, "password": row["password"], "hash": row["hash"],
                        "expect": row["expect"], "source": row["source"]}
                if row.get("salt") is not None:
                    line[column] = row["salt"]
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        for fmt in pick.get("john", []):  # type: ignore[attr-defined]
            for line in _john(john, scheme, fmt):
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
