"""Known-answer vectors for the Unix crypt family, made by the system's own tools.

    python3 tests/vectors/make_unixcrypt.py > tests/vectors/unixcrypt.jsonl

OpenSSL's `openssl passwd` (-1, -apr1, -5, -6) and libxcrypt through Perl's crypt() (DES,
BSDi, $1$, $5$, $6$) compute every hash and every "expect": a vector is true when the tool,
given the password and the stored setting, reproduces the stored hash. Python only formats JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys

PASSWORDS = ["password", "", "pässwörd", "correct horse battery staple", " spaced ", "x" * 100]


def tool_version(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()


OPENSSL = tool_version(["openssl", "version"]).split(" (")[0]
LIBXCRYPT = "libxcrypt " + tool_version(["dpkg-query", "-W", "-f=${Version}", "libcrypt1"])


def openssl(flag: str, password: str, salt: str) -> str:
    out = subprocess.run(["openssl", "passwd", flag, "-salt", salt, "-stdin"],
                         input=password + "\n", capture_output=True, text=True, check=True)
    return out.stdout.strip()


def libxcrypt(password: str, setting: str) -> str:
    out = subprocess.run(["perl", "-e", "print crypt($ARGV[0], $ARGV[1])", password, setting],
                         capture_output=True, text=True, check=True)
    return out.stdout


def emit(scheme: str, password: str, hash: str, expect: bool, source: str) -> None:
    sys.stdout.write(json.dumps({"scheme": scheme, "password": password, "hash": hash,
                                 "expect": expect, "source": source}, ensure_ascii=False) + "\n")


def main() -> None:
    openssl_rows = [("md5_crypt", "-1", "s4ltS4lt"), ("apr_md5_crypt", "-apr1", "aprsalt1"),
                    ("sha256_crypt", "-5", "saltstring"), ("sha512_crypt", "-6", "saltstring")]
    for scheme, flag, salt in openssl_rows:
        for password in PASSWORDS:
            if "\n" in password or password.strip() != password and flag:
                continue  # `openssl passwd -stdin` reads a line; keep passwords it takes whole
            made = openssl(flag, password, salt)
            if not made.startswith("$"):
                continue  # OpenSSL 3.0 prints "<NULL>" for an empty -5/-6 password
            emit(scheme, password, made, True, f"{OPENSSL} passwd {flag}")
            emit(scheme, password + "!", made, openssl(flag, password + "!", salt) == made,
                 f"{OPENSSL} passwd {flag}")
    settings = [("des_crypt", "ab"), ("bsdi_crypt", "_J9..salt"), ("md5_crypt", "$1$xcrypt$"),
                ("sha256_crypt", "$5$rounds=1000$xcryptsalt$"),
                ("sha512_crypt", "$6$rounds=1000$xcryptsalt$"), ("sha512_crypt", "$6$xcrypt$")]
    for scheme, setting in settings:
        for password in PASSWORDS:
            made = libxcrypt(password, setting)
            emit(scheme, password, made, libxcrypt(password, made) == made,
                 f"{LIBXCRYPT} crypt() via perl")
            wrong = password + "?"
            emit(scheme, wrong, made, libxcrypt(wrong, made) == made,
                 f"{LIBXCRYPT} crypt() via perl")


if __name__ == "__main__":
    main()
