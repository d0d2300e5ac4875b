"""Dovecot password vectors, written and judged by Dovecot's own doveadm (Debian dovecot-core).

    apt-get install dovecot-core
    python3 tests/vectors/make_dovecot.py > tests/vectors/dovecot.jsonl
    python3 tests/vectors/make_dovecot.py SCHEME... >> tests/vectors/dovecot.jsonl  # some only

`doveadm pw -s SCHEME -p PASSWORD [-u USER]` writes each hash; `doveadm pw -t HASH -p
PASSWORD` then decides every line's "expect", for the right password and a wrong one.
"""

from __future__ import annotations

import json
import subprocess
import sys

PASSWORDS = ["hashcat", "pässwort", "Tr0ub4dor&3horsebatt"]
SCHEMES = {
    "dovecot_md5_crypt": ["MD5-CRYPT", "MD5"],
    "dovecot_sha256_crypt": ["SHA256-CRYPT"],
    "dovecot_sha512_crypt": ["SHA512-CRYPT"],
    "dovecot_des_crypt": ["DES-CRYPT"],
    "dovecot_blf_crypt": ["BLF-CRYPT"],
    "dovecot_argon2": ["ARGON2ID", "ARGON2I"],
    "dovecot_plain": ["PLAIN", "CLEAR"],
    "dovecot_plain_md5": ["PLAIN-MD5"],
    "dovecot_plain_md4": ["PLAIN-MD4"],
    "dovecot_ldap_md5": ["LDAP-MD5"],
    "dovecot_sha1": ["SHA1"],
    "dovecot_pbkdf2": ["PBKDF2"],
    "dovecot_scram_sha1": ["SCRAM-SHA-1"],
    "dovecot_scram_sha256": ["SCRAM-SHA-256"],
    "dovecot_digest_md5": ["DIGEST-MD5"],
    "dovecot_cram_md5": ["CRAM-MD5"],
}
# HMAC hashes a key longer than its 64-byte block first
EXTRA_PASSWORDS = {"dovecot_cram_md5": ["x" * 65 + "lang genug für einen zweiten Block"]}
USERS = {"dovecot_digest_md5": ["alice@example.com", "bob"]}
ROUNDS = {"BLF-CRYPT": "5", "SHA256-CRYPT": "5000", "SHA512-CRYPT": "5000", "PBKDF2": "5000"}


def doveadm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["doveadm", "pw", *args], capture_output=True, text=True)


def judged(stored: str, password: str, user: str | None) -> bool:
    extra = ["-u", user] if user else []
    return doveadm("-t", stored, "-p", password, *extra).returncode == 0


def main() -> None:
    version = subprocess.run(["dovecot", "--version"], capture_output=True, text=True).stdout.strip()
    chosen = sys.argv[1:] or list(SCHEMES)
    for scheme, tags in SCHEMES.items():
        if scheme not in chosen:
            continue
        for tag in tags:
            for user in USERS.get(scheme, [None]):  # type: ignore[list-item]
                extra = ["-u", user] if user else []
                extra += ["-r", ROUNDS[tag]] if tag in ROUNDS else []
                source = f"Dovecot {version} doveadm pw -s {tag}, judged by doveadm pw -t"
                for i, password in enumerate(PASSWORDS + EXTRA_PASSWORDS.get(scheme, [])):
                    made = doveadm("-s", tag, "-p", password, *extra)
                    made.check_returncode()
                    stored = made.stdout.strip()
                    tries = [password] + (["wrong password"] if i == 0 else [])
                    for attempt in tries:
                        line = {"scheme": scheme, "password": attempt, "hash": stored,
                                "expect": judged(stored, attempt, user), "source": source}
                        if user:
                            line["username"] = user
                        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
