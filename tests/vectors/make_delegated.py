"""Vectors for the formats hashcompat delegates to libpass, made by the formats' own code.

    python3 -m venv /tmp/vecenv
    /tmp/vecenv/bin/pip install 'passlib==1.7.4' 'bcrypt==4.0.1' 'pbkdf2==1.3' \
        'django>=4.2,<4.3' roundup
    # cryptacular 1.6.2's C build fails on Python 3.11; its PBKDF2 manager is pure Python:
    # unpack its sdist and put it on PYTHONPATH
    apt-get install apache2-utils grub-common        # htdigest, grub-mkpasswd-pbkdf2
    PYTHONPATH=/tmp/cryptacular-1.6.2 /tmp/vecenv/bin/python tests/vectors/make_delegated.py \
        > tests/vectors/delegated.jsonl               # run as root: it locks a scratch account

Sources, each recorded per line:
- passlib 1.7.4 (the original project; hashcompat uses its maintained fork libpass) for the
  formats passlib itself defined: $bcrypt-sha256$, $scram$, $scrypt$, $pbkdf2-*$; and the
  published vectors its test suite quotes for Cisco type 7 (captured from real routers, with
  their URLs) and FSHP (from the FSHP reference implementation).
- cryptacular 1.6.2 (PBKDF2PasswordManager) for $p5k2$ with URL-safe base64.
- pbkdf2 1.3 (Dwayne Litzenberger's module, crypt()) for $p5k2$ with crypt base64.
- Django 4.2 (CryptPasswordHasher, the unsalted SHA-1/MD5 hashers, make_password(None)) for
  crypt$, sha1$$, bare MD5 and unusable passwords (the first three were removed in Django 5).
- Apache htdigest and GRUB's grub-mkpasswd-pbkdf2, driven through a pseudo-terminal.
- shadow's chpasswd/usermod -L on a scratch account for locked /etc/shadow entries.
- roundup (the tracker) for {plaintext}.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tempfile
from importlib.metadata import version

PASSWORDS = ["hashcat", "pässwort", "Tr0ub4dor&3horsebatt", "correct horse battery staple"]
WRONG = "wrong password"


def emit(scheme: str, password: str, hash: str, source: str, expect: bool = True, **cols: str) -> None:
    line = {"scheme": scheme, "password": password, "hash": hash, "expect": expect, "source": source}
    line.update(cols)
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def with_negative(scheme: str, made: list[tuple[str, str]], source: str, **cols: str) -> None:
    for password, hash in made:
        emit(scheme, password, hash, source, **cols)
    emit(scheme, WRONG, made[0][1], source + " (negative)", expect=False, **cols)


def passlib_made() -> None:
    from passlib import hash as ph

    source = f"passlib {version('passlib')} (original project), .hash()"
    plans = {
        "bcrypt_sha256": ph.bcrypt_sha256.using(rounds=5),
        "scram": ph.scram.using(rounds=1000),
        "scrypt": ph.scrypt.using(rounds=8),
        "pbkdf2_sha1": ph.pbkdf2_sha1.using(rounds=1000),
        "pbkdf2_sha256": ph.pbkdf2_sha256.using(rounds=1000),
        "pbkdf2_sha512": ph.pbkdf2_sha512.using(rounds=1000),
    }
    for scheme, handler in plans.items():
        with_negative(scheme, [(p, handler.hash(p)) for p in PASSWORDS + [""]], source)
    # the 2a,12 form of bcrypt-sha256 written by passlib < 1.7.3
    old = ph.bcrypt_sha256.using(rounds=5, ident="2a", version=1)
    made = [(p, old.hash(p)) for p in PASSWORDS[:3]]
    with_negative("bcrypt_sha256", made, source + " ident=2a")


def passlib_published() -> None:
    from passlib.tests import test_handlers, test_handlers_cisco

    cisco = test_handlers_cisco.cisco_type7_test.known_correct_hashes
    made = [(p, h) for p, h in cisco if isinstance(p, str)]
    with_negative("cisco_type7", made, "published router configs quoted in passlib 1.7.4 tests")
    fshp = [
        (p, h)
        for p, h in test_handlers.fshp_test.known_correct_hashes[:4]
        if isinstance(p, str)
    ]
    with_negative("fshp", fshp, "FSHP reference implementation test.py, via passlib 1.7.4 tests")


def cryptacular_made() -> None:
    from cryptacular.pbkdf2 import PBKDF2PasswordManager

    manager = PBKDF2PasswordManager()
    made = [(p, manager.encode(p, rounds=1000 + i)) for i, p in enumerate(PASSWORDS + [""])]
    with_negative("cta_pbkdf2_sha1", made, "cryptacular 1.6.2 PBKDF2PasswordManager.encode")


def dlitz_made() -> None:
    import pbkdf2

    made = [(p, pbkdf2.crypt(p, iterations=400 + i)) for i, p in enumerate(PASSWORDS + [""])]
    made.append(("spam", pbkdf2.crypt("spam")))  # default iterations: an empty count field
    with_negative("dlitz_pbkdf2_sha1", made, f"pbkdf2 {version('pbkdf2')} crypt()")


def django_made() -> None:
    import django
    from django.conf import settings

    settings.configure(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.CryptPasswordHasher",
            "django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",
            "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",
        ]
    )
    django.setup()
    from django.contrib.auth.hashers import make_password

    source = f"Django {django.get_version()} CryptPasswordHasher"
    made = [(p, make_password(p)) for p in ["hashcat", "password", "Tr0ub4dor"]]
    with_negative("django_des_crypt", made, source)
    for hasher in ("unsalted_sha1", "unsalted_md5"):
        made = [(p, make_password(p, hasher=hasher)) for p in PASSWORDS + [""]]
        with_negative(f"django_{hasher}", made, f"Django {django.get_version()} {hasher} hasher")
    for p in ["hashcat", "", "pässwort"]:
        emit("django_disabled", p, make_password(None), f"Django {django.get_version()} "
             "make_password(None): an unusable password never verifies", expect=False)


def tty_tool(argv: list[str], answers: list[str]) -> str:
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    out = b""
    for answer in answers:
        while b":" not in out.split(b"\n")[-1]:
            out += os.read(fd, 1024)
        os.write(fd, answer.encode() + b"\n")
        out += b"\n"
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.decode("utf-8", "replace")


def htdigest_made() -> None:
    made = []
    for password, user, realm in [
        ("hashcat", "alice", "Restricted"),
        ("pässwort", "bob", "intranet"),
        ("Tr0ub4dor&3horsebatt", "carol", "Private Area"),
    ]:
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, "digest")
            tty_tool(["htdigest", "-c", path, realm, user], [password, password])
            with open(path, encoding="utf-8") as handle:
                _, _, digest = handle.read().strip().split(":")
        made.append((password, digest, user, realm))
    for password, digest, user, realm in made:
        emit("htdigest", password, digest, "Apache htdigest (apache2-utils 2.4)",
             username=user, salt=realm)
    emit("htdigest", WRONG, made[0][1], "Apache htdigest (negative)",
         expect=False, username=made[0][2], salt=made[0][3])


def grub_made() -> None:
    made = []
    for password in PASSWORDS[:3]:
        out = tty_tool(["grub-mkpasswd-pbkdf2", "-c", "1000"], [password, password])
        made.append((password, out.split("is ")[-1].strip()))
    with_negative("grub_pbkdf2_sha512", made, "GRUB 2.06 grub-mkpasswd-pbkdf2 -c 1000")


def shadow_made() -> None:
    user = "hcvector"
    subprocess.run(["useradd", "-M", user], check=False, capture_output=True)
    try:
        subprocess.run(["chpasswd"], input=f"{user}:hashcat\n", text=True, check=True)
        subprocess.run(["usermod", "-L", user], check=True)
        with open("/etc/shadow", encoding="utf-8") as handle:
            entry = next(line for line in handle if line.startswith(user + ":"))
        locked = entry.split(":")[1]
    finally:
        subprocess.run(["userdel", user], check=False, capture_output=True)
    source = "shadow (Debian) chpasswd + usermod -L: a locked account never verifies"
    emit("unix_disabled", "hashcat", locked, source, expect=False)
    for marker in ["*", "!", "!!", "*LK*"]:
        emit("unix_disabled", "", marker, "shadow(5) account markers (no password)", expect=False)


def roundup_made() -> None:
    from roundup.password import encodePassword

    made = [(p, "{plaintext}" + encodePassword(p, "plaintext")) for p in PASSWORDS]
    with_negative("roundup_plaintext", made, f"roundup {version('roundup')} encodePassword")


if __name__ == "__main__":
    passlib_made()
    passlib_published()
    cryptacular_made()
    dlitz_made()
    django_made()
    htdigest_made()
    grub_made()
    shadow_made()
    roundup_made()
