"""Known-answer vectors for the hashers Django 4.2 still shipped and 5.x removed, made and
checked by Django itself: unsalted MD5 (bare hex and ``md5$$<hex>``, both read by its verify),
unsalted SHA-1 (``sha1$$<hex>``) and CryptPasswordHasher (``crypt$$<des>``, and the Django 1.0
form ``crypt$<salt>$<des>`` with the salt field filled, which verify ignores).

    python3.11 -m venv /tmp/dj42 && /tmp/dj42/bin/pip install 'django>=4.2,<4.3'
    /tmp/dj42/bin/python tests/vectors/make_django_legacy.py > tests/vectors/django_legacy.jsonl
"""

from __future__ import annotations

import json
import warnings

import django
from django.conf import settings

warnings.simplefilter("ignore")  # the crypt module's and the hashers' deprecation warnings
settings.configure(PASSWORD_HASHERS=[
    "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",
    "django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",
    "django.contrib.auth.hashers.CryptPasswordHasher",
])
django.setup()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402

SOURCE = f"Django {django.get_version()} contrib.auth.hashers"
PASSWORDS = ["password", "", "pässwörd", "correct horse battery staple", " spaced "]


def emit(scheme: str, password: str, encoded: str) -> None:
    for candidate in (password, password + "!"):
        print(json.dumps({
            "scheme": scheme, "password": candidate, "hash": encoded,
            "expect": check_password(candidate, encoded), "source": SOURCE,
        }, ensure_ascii=False))


for password in PASSWORDS:
    bare = make_password(password, hasher="unsalted_md5")
    emit("django_unsalted_md5", password, bare)
    emit("django_unsalted_md5", password, "md5$$" + bare)
    emit("django_sha1", password, make_password(password, hasher="unsalted_sha1"))
for password, salt in [("password", "ab"), ("pässwörd", "Zz"), ("hunter2", "./")]:
    encoded = make_password(password, salt=salt, hasher="crypt")
    emit("django_des_crypt", password, encoded)
    # Django 1.0 stored a five-character salt whose first two characters are the DES salt.
    emit("django_des_crypt", password, encoded.replace("crypt$$", f"crypt${salt}xyz$", 1))
