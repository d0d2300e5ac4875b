"""Werkzeug (Flask) password hashes from werkzeug.security itself.

    pip install werkzeug
    python tests/vectors/make_werkzeug.py > tests/vectors/werkzeug.jsonl
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version

from werkzeug.security import check_password_hash, generate_password_hash

PASSWORDS = ["hashcat", "pässwort", "Tr0ub4dor&3horsebatt", ""]
METHODS = ["scrypt:1024:8:1", "scrypt", "pbkdf2:sha256:1000", "pbkdf2:sha1:1000",
           "pbkdf2:sha512:2000", "pbkdf2:sha256:260000"]


def main() -> None:
    source = f"werkzeug {version('werkzeug')} generate_password_hash, judged by check_password_hash"
    for method in METHODS:
        for i, password in enumerate(PASSWORDS if method.startswith("scrypt:") else PASSWORDS[:2]):
            stored = generate_password_hash(password, method=method)
            for attempt in [password] + (["wrong password"] if i == 0 else []):
                line = {"scheme": "werkzeug", "password": attempt, "hash": stored,
                        "expect": check_password_hash(stored, attempt),
                        "source": f"{source} (method={method})"}
                sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
