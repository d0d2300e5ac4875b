"""MongoDB-CR credentials from the official Python driver's own key derivation.

    pip install pymongo
    python tests/vectors/make_mongodb.py > tests/vectors/mongodb.jsonl

MongoDB < 3.0 stored MONGODB-CR credentials as hex MD5 of "user:mongo:password"; pymongo
computes the same key in auth_shared._password_digest to answer the server's nonce, so its
output is the stored value. John the Ripper's $mongodb$0$ vector is in picked.jsonl.
"""

from __future__ import annotations

import json
import sys

import pymongo
from pymongo.auth_shared import _password_digest

PAIRS = [("admin", "hashcat"), ("alice", "pässwort"), ("app_user", "Tr0ub4dor&3horsebatt"),
         ("bob", "")]


def main() -> None:
    source = f"pymongo {pymongo.version} auth_shared._password_digest"
    for i, (user, password) in enumerate(PAIRS):
        if not password:
            continue  # the driver refuses an empty password
        stored = _password_digest(user, password)
        for attempt, expect in ((password, True), ("wrong password", False))[: 2 if i == 0 else 1]:
            line = {"scheme": "mongodb_cr", "password": attempt, "hash": stored,
                    "username": user, "expect": expect, "source": source}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        line = {"scheme": "mongodb_cr", "password": password, "hash": stored,
                "username": user + "x", "expect": False, "source": source + " (other user)"}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
