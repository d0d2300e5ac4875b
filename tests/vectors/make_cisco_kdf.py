"""Cisco type 8/9 and Perl Crypt::ScryptKDF vectors from John the Ripper's and hashcat's data.

    python3 tests/vectors/make_cisco_kdf.py > tests/vectors/cisco_kdf.jsonl

- John the Ripper bleeding-jumbo's test vectors (tests/vectors/john/john.jsonl, commit in each
  line's source): ``$8$`` (pbkdf2_hmac_common_plug.c), ``$9$`` and ``$ScryptKDF.pm$``
  (scrypt_fmt.c). John's ``$ScryptKDF.pm$N*r*p*salt*key`` is its spelling of the module's
  ``SCRYPT:N:r:p:salt:key``; the stored string is written back in the module's form.
- hashcat's example hashes (``hashcat -m 9200|9300 --example-hashes``, Debian's hashcat,
  version recorded) with their example password.
Negative vectors: each positive string with a changed password.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

JOHN = Path(__file__).parent / "john" / "john.jsonl"
SCHEMES = {"$8$": "cisco_type8", "$9$": "cisco_type9", "$ScryptKDF.pm$": "perl_scryptkdf"}


def emit(scheme: str, password: str, hash: str, source: str, expect: bool = True) -> None:
    line = {"scheme": scheme, "password": password, "hash": hash, "expect": expect,
            "source": source}
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def hashcat(mode: int) -> tuple[str, str, str]:
    out = subprocess.run(["hashcat", "-m", str(mode), "--example-hashes"], capture_output=True,
                         text=True, check=True).stdout
    version = subprocess.run(["hashcat", "--version"], capture_output=True, text=True).stdout
    hash = re.search(r"Example\.Hash\.*: (\S+)", out)
    password = re.search(r"Example\.Pass\.*: (\S+)", out)
    assert hash and password
    return hash.group(1), password.group(1), f"hashcat {version.strip()} --example-hashes"


def main() -> None:
    for line in JOHN.open(encoding="utf-8"):
        row = json.loads(line)
        text = str(row["hash"])
        head = next((h for h in SCHEMES if text.startswith(h)), None)
        if head is None or not row["expect"] or row.get("password_encoding"):
            continue
        if head == "$ScryptKDF.pm$":
            text = "SCRYPT:" + text[len(head):].replace("*", ":")
        emit(SCHEMES[head], str(row["password"]), text, str(row["source"]))
        emit(SCHEMES[head], str(row["password"]) + "x", text, str(row["source"]) + " (negative)",
             expect=False)
    for mode, scheme in ((9200, "cisco_type8"), (9300, "cisco_type9")):
        hash, password, source = hashcat(mode)
        emit(scheme, password, hash, source)
        emit(scheme, password.upper(), hash, source + " (negative)", expect=False)


if __name__ == "__main__":
    main()
