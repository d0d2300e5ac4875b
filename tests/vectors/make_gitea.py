"""Gitea's own known-answer vectors (go-gitea/gitea modules/auth/password/hash/hash_test.go,
"vectors were generated using the current codebase"), written as formulas of hashcompat's
language. Gitea keeps the digest (hex) in `passwd`, the salt in `salt` (10 characters used as
bytes in old rows, otherwise hex-decoded: hash.go) and the spec in `passwd_hash_algo`.

    python tests/vectors/make_gitea.py > tests/vectors/gitea.jsonl
"""

from __future__ import annotations

import json

SOURCE = "gitea modules/auth/password/hash/hash_test.go @ 2b995467e08bade88c6963324d555c58b7dae51a"
LEGACY, HEX = "a" * 10, "01020304"
VECTORS = [
    ("pbkdf2$10000$50", LEGACY, "ab48d5471b7e6ed42d10001db88c852ff7303c788e49da5c3c7b63d5adf96360303724b74b679223a3dea8a242d10abb1913"),
    ("pbkdf2$10000$50", HEX, "45d6cdc843d65cf0eda7b90ab41435762a282f7df013477a1c5b212ba81dbdca2edf1ecc4b5cb05956bb9e0c37ab29315d78"),
    ("pbkdf2$320000$50", HEX, "84e233114499e8721da80e85568e5b7b5900b3e49a30845fcda9d1e1756da4547d70f8740ac2b4a5d82f88cebcd27f21bfe2"),
    ("bcrypt$10", LEGACY, "$2a$10$fjtm8BsQ2crym01/piJroenO3oSVUBhSLKaGdTYJ4tG0ePVCrU0G2"),
]
for spec, salt, output in VECTORS:
    if spec.startswith("bcrypt"):
        formula = "bcrypt"  # Gitea's bcrypt ignores the salt column
    else:
        _, rounds, size = spec.split("$")
        key = "$salt" if len(salt) == 10 else "unhex($salt)"
        formula = f"pbkdf2_sha256($pass,{key},{rounds},{size})"
    for password, expect in (("abcdef", True), ("abcdeg", False)):
        print(json.dumps({"formula": formula, "gitea_spec": spec, "password": password,
                          "salt": salt, "hash": output, "expect": expect, "source": SOURCE}))
