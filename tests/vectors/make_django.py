"""Known-answer vectors for Django's password formats, made and checked by Django itself.

    pip install 'django>=4.2' bcrypt argon2-cffi
    python tests/vectors/make_django.py > tests/vectors/django.jsonl

Each hash is written by the hasher's own encode() (with small costs, through the parameters
Django's hashers take) and every "expect" is Django's check_password() for that password.
"""

from __future__ import annotations

import json
import sys

import django
from django.conf import settings

settings.configure(PASSWORD_HASHERS=[
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.BCryptPasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
])
django.setup()

from django.contrib.auth.hashers import check_password, get_hasher  # noqa: E402

SOURCE = f"Django {django.get_version()} contrib.auth.hashers"
PASSWORDS = ["password", "", "pässwörd", "correct horse battery staple", " spaced ", "x" * 100]


def encoders() -> dict[str, object]:
    pbkdf2 = get_hasher("pbkdf2_sha256")
    pbkdf2_sha1 = get_hasher("pbkdf2_sha1")
    bcrypt_sha256 = get_hasher("bcrypt_sha256")
    bcrypt = get_hasher("bcrypt")
    scrypt = get_hasher("scrypt")
    argon2 = get_hasher("argon2")
    bcrypt_sha256.rounds = bcrypt.rounds = 4
    argon2.time_cost, argon2.memory_cost, argon2.parallelism = 1, 256, 1
    md5 = get_hasher("md5")
    return {
        "django_pbkdf2_sha256": lambda pw, i: pbkdf2.encode(pw, pbkdf2.salt(), 1000 + i),
        "django_pbkdf2_sha1": lambda pw, i: pbkdf2_sha1.encode(pw, pbkdf2_sha1.salt(), 1000 + i),
        "django_bcrypt_sha256": lambda pw, i: bcrypt_sha256.encode(pw, bcrypt_sha256.salt()),
        "django_bcrypt": lambda pw, i: bcrypt.encode(pw, bcrypt.salt()),
        "django_scrypt": lambda pw, i: scrypt.encode(pw, scrypt.salt(), n=1024, r=8, p=1),
        "django_argon2": lambda pw, i: argon2.encode(pw, argon2.salt()),
        "django_md5": lambda pw, i: md5.encode(pw, md5.salt()),
    }


def main() -> None:
    for scheme, encode in encoders().items():
        for i, password in enumerate(PASSWORDS):
            try:
                made = encode(password, i)  # type: ignore[operator]
            except ValueError:
                continue  # Django's plain bcrypt hasher with bcrypt 5 refuses > 72 bytes
            for candidate in (password, password + "!"):
                sys.stdout.write(json.dumps({
                    "scheme": scheme, "password": candidate, "hash": made,
                    "expect": check_password(candidate, made), "source": SOURCE,
                }, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
