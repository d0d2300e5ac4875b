"""Five pairs as Django 5.x writes them by default (pbkdf2_sha256, 1,000,000 iterations), for
the checker's timing benchmark (benchmarks/check_django.py). Made and checked by Django itself.

    pip install 'django>=5.2'
    python tests/vectors/bench/make_django_default.py > tests/vectors/bench/django_default.jsonl
"""

from __future__ import annotations

import json

import django
from django.conf import settings

settings.configure()
django.setup()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402

SOURCE = f"Django {django.get_version()} make_password (default PBKDF2PasswordHasher)"
for password in ["password", "correct horse", "pässwörd", "hunter2", "Tr0ub4dor&3"]:
    encoded = make_password(password)
    assert check_password(password, encoded)
    print(json.dumps({"scheme": "django_pbkdf2_sha256", "password": password, "hash": encoded,
                      "expect": True, "source": SOURCE}, ensure_ascii=False))
