"""Known-answer vectors for LDAP userPassword schemes, made and judged by OpenLDAP itself.

    # Debian 12, as root: apt-get install slapd slapd-contrib ldap-utils dovecot-core argon2
    python3 tests/vectors/make_ldap.py > tests/vectors/ldap.jsonl

Hashes come from slappasswd (with the pw-sha2, pw-pbkdf2 and argon2 modules and libxcrypt for
{CRYPT}). Every "expect" is the answer of a real slapd: the script starts one on a private port,
adds an entry per vector and binds with the password (ldapwhoami); 0 is true, 49 is false.
Where slappasswd cannot write a form the string is put together from another tool's output
(openssl dgst over password + salt for 1- and 8-byte salts, the argon2 CLI for argon2id, a
lower-case tag) and slapd still gives the verdict. Two forms OpenLDAP does not read are judged
by the tool that defines them: {MD5}/{SHA} + hex by openssl dgst, {CLEARTEXT} by doveadm pw -t.
Python only formats JSON and LDIF and base64-encodes openssl's raw output.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSWORDS = ["secret", "pässwörd €", "correct horse battery staple " * 4]
DES_PASSWORDS = ["secret", "pässwö", "8bytes!!"]  # 8 bytes or less; libxcrypt's default
# {CRYPT} setting from slappasswd turns longer passwords into bigcrypt (13 + 11k characters)
BIG_PASSWORDS = [*PASSWORDS[1:], "9 bytes!!"]  # over 8 bytes: bigcrypt
PORT = 38991
MODULES = ["-o", "module-path=/usr/lib/ldap"]


def run(args: list[str], data: bytes | None = None, check: bool = True) -> str:
    out = subprocess.run(args, input=data, capture_output=True, check=check)
    return out.stdout.decode("utf-8").removesuffix("\n")


def version(package: str) -> str:
    return run(["dpkg-query", "-W", "-f=${Version}", package])


SLAPD = f"OpenLDAP slapd {version('slapd')} (Debian 12)"
OPENSSL = run(["openssl", "version"]).split(" (")[0]
DOVECOT = f"Dovecot {version('dovecot-core')}"
ARGON2 = f"argon2 CLI {version('argon2')}"


def slappasswd(password: str, *options: str) -> str:
    for _ in range(20):  # slappasswd now and then fails on a salt it drew; draw again
        out = subprocess.run(["slappasswd", *options, "-s", password], capture_output=True)
        if out.returncode == 0:
            return out.stdout.decode("utf-8").removesuffix("\n")
    raise SystemExit(f"slappasswd {options} keeps failing: {out.stderr!r}")


def openssl_digest(algorithm: str, data: bytes, *, raw: bool) -> bytes:
    args = ["openssl", "dgst", f"-{algorithm}", "-binary" if raw else "-hex", "-r"]
    if raw:
        args.remove("-r")
    out = subprocess.run(args, input=data, capture_output=True, check=True).stdout
    return out if raw else out.split()[0]


class Slapd:
    """A throw-away slapd with every password module loaded; ``bind`` says if a password fits."""

    def __init__(self, root: Path) -> None:
        self.root, self.count = root, 0
        (root / "db").mkdir()
        (root / "slapd.conf").write_text(
            "\n".join(
                [f"include /etc/ldap/schema/{s}.schema" for s in ("core", "cosine")]
                + ["modulepath /usr/lib/ldap", "moduleload back_mdb"]
                + [f"moduleload {m}.la" for m in ("pw-sha2", "pw-pbkdf2", "argon2")]
                + [f"pidfile {root}/slapd.pid", "database mdb", 'suffix "dc=test"']
                + ['rootdn "cn=admin,dc=test"', "rootpw admin", f"directory {root}/db", ""]
            )
        )
        run(["slapd", "-f", str(root / "slapd.conf"), "-h", f"ldap://127.0.0.1:{PORT}/"])
        time.sleep(1)
        self.add("dn: dc=test\nobjectClass: dcObject\nobjectClass: organization\no: t\ndc: test\n")

    def add(self, ldif: str) -> None:
        run(["ldapadd", "-x", "-H", f"ldap://127.0.0.1:{PORT}", "-D", "cn=admin,dc=test",
             "-w", "admin"], ldif.encode("utf-8"))

    def entry(self, stored: str) -> str:
        self.count += 1
        dn = f"cn=v{self.count},dc=test"
        value = base64.b64encode(stored.encode("utf-8")).decode("ascii")
        self.add(f"dn: {dn}\nobjectClass: person\ncn: v{self.count}\nsn: v\n"
                 f"userPassword:: {value}\n")
        return dn

    def bind(self, dn: str, password: str) -> bool:
        secret = self.root / "pw"
        secret.write_bytes(password.encode("utf-8"))
        out = subprocess.run(["ldapwhoami", "-x", "-H", f"ldap://127.0.0.1:{PORT}", "-D", dn,
                              "-y", str(secret)], capture_output=True)
        if out.returncode not in (0, 49):
            raise SystemExit(f"ldapwhoami failed: {out.stderr!r}")
        return out.returncode == 0

    def stop(self) -> None:
        os.kill(int((self.root / "slapd.pid").read_text()), signal.SIGTERM)


def emit(scheme: str, password: str, hash: str, expect: bool, source: str) -> None:
    sys.stdout.write(json.dumps({"scheme": scheme, "password": password, "hash": hash,
                                 "expect": expect, "source": source}, ensure_ascii=False) + "\n")


def judged(server: Slapd, scheme: str, stored: str, password: str, made_by: str) -> None:
    """The vector for ``password`` and a wrong one, with slapd's verdicts."""
    dn = server.entry(stored)
    for attempt in (password, password + "!"):
        verdict = server.bind(dn, attempt)
        emit(scheme, attempt, stored, verdict,
             f"{made_by}; verdict: simple bind to {SLAPD} ({'success' if verdict else 'rc 49'})")


SLAPPASSWD = [  # (scheme, slappasswd options)
    ("ldap_md5", ["-h", "{MD5}"]),
    ("ldap_salted_md5", ["-h", "{SMD5}"]),
    ("ldap_sha", ["-h", "{SHA}"]),
    ("ldap_salted_sha1", ["-h", "{SSHA}"]),
    ("ldap_plaintext", ["-h", "{CLEARTEXT}"]),
    *[(f"ldap_{n}", [*MODULES, "-o", "module-load=pw-sha2.la", "-h", "{" + n.upper() + "}"])
      for n in ("sha256", "sha384", "sha512")],
    *[(f"ldap_salted_{n}", [*MODULES, "-o", "module-load=pw-sha2.la", "-h", "{S" + n.upper() + "}"])
      for n in ("sha256", "sha384", "sha512")],
    ("ldap_pbkdf2_sha1", [*MODULES, "-o", "module-load=pw-pbkdf2.la", "-h", "{PBKDF2}"]),
    ("ldap_pbkdf2_sha1", [*MODULES, "-o", "module-load=pw-pbkdf2.la", "-h", "{PBKDF2-SHA1}"]),
    ("ldap_pbkdf2_sha256", [*MODULES, "-o", "module-load=pw-pbkdf2.la", "-h", "{PBKDF2-SHA256}"]),
    ("ldap_pbkdf2_sha512", [*MODULES, "-o", "module-load=pw-pbkdf2.la", "-h", "{PBKDF2-SHA512}"]),
    ("ldap_argon2", [*MODULES, "-o", "module-load=argon2.la", "-h", "{ARGON2}"]),
    ("ldap_argon2", [*MODULES, "-o", "module-load=argon2.la t=1 m=1024 p=2", "-h", "{ARGON2}"]),
    ("ldap_des_crypt", ["-h", "{CRYPT}"]),  # passwords of 8 bytes or less: see below
    ("ldap_bigcrypt", ["-h", "{CRYPT}"]),  # the same call with a longer password
    ("ldap_bsdi_crypt", ["-c", "_J9..%.4s"]),
    ("ldap_md5_crypt", ["-c", "$1$%.8s"]),
    ("ldap_sha1_crypt", ["-c", "$sha1$4800$%.8s"]),
    ("ldap_sha256_crypt", ["-c", "$5$%.16s"]),
    ("ldap_sha256_crypt", ["-c", "$5$rounds=1000$%.16s"]),
    ("ldap_sha512_crypt", ["-c", "$6$%.16s"]),
    ("ldap_bcrypt", ["-c", "$2b$04$%.22s"]),
    ("ldap_bcrypt", ["-c", "$2y$05$%.22s"]),
]
SALTED = [("ldap_salted_md5", "{SMD5}", "md5"), ("ldap_salted_sha1", "{SSHA}", "sha1"),
          ("ldap_salted_sha256", "{SSHA256}", "sha256"),
          ("ldap_salted_sha384", "{SSHA384}", "sha384"),
          ("ldap_salted_sha512", "{SSHA512}", "sha512")]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = Slapd(Path(tmp))
        try:
            for scheme, options in SLAPPASSWD:
                shown = " ".join(o for o in options if "module-path" not in o)
                chosen = {"ldap_des_crypt": DES_PASSWORDS, "ldap_bigcrypt": BIG_PASSWORDS}
                for password in chosen.get(scheme, PASSWORDS):
                    made = slappasswd(password, *options)
                    judged(server, scheme, made, password, f"slappasswd {shown} ({SLAPD})")
            for scheme, tag, algorithm in SALTED:  # salts slappasswd never writes
                for salt in (b"\x01", b"8bytesal", bytes(range(200, 220))):
                    password = PASSWORDS[len(salt) % 3]
                    raw = openssl_digest(algorithm, password.encode() + salt, raw=True)
                    stored = tag + base64.b64encode(raw + salt).decode("ascii")
                    judged(server, scheme, stored, password,
                           f"{OPENSSL} dgst -{algorithm} -binary over password + "
                           f"{len(salt)}-byte salt, {tag} + base64(digest + salt)")
            for scheme, options in (("ldap_md5_crypt", ["-c", "$1$%.8s"]),
                                    ("ldap_salted_md5", ["-h", "{SMD5}"])):
                made = slappasswd("secret", *options)
                tag, body = made.split("}", 1)
                judged(server, scheme, tag.lower() + "}" + body, "secret",
                       f"slappasswd {' '.join(options)} ({SLAPD}), tag lower-cased")
            for password in PASSWORDS:
                out = run(["argon2", "somesaltvalue", "-id", "-t", "1", "-m", "10", "-p", "1",
                           "-e"], password.encode("utf-8"))
                judged(server, "ldap_argon2", "{ARGON2}" + out, password,
                       f"{ARGON2} -id -t 1 -m 10 -p 1 -e, '{{ARGON2}}' prefixed")
            for scheme, algorithm in (("ldap_hex_md5", "md5"), ("ldap_hex_sha1", "sha1")):
                tag = "{MD5}" if algorithm == "md5" else "{SHA}"
                for password in [*PASSWORDS, ""]:
                    stored = tag + openssl_digest(algorithm, password.encode(), raw=False).decode()
                    for attempt in (password, password + "!"):
                        got = openssl_digest(algorithm, attempt.encode(), raw=False).decode()
                        emit(scheme, attempt, stored, tag + got == stored,
                             f"{OPENSSL} dgst -{algorithm} (hex), '{tag}' prefixed; "
                             f"verdict: openssl's digest of the attempt (slapd refuses hex)")
                hexed = tag + openssl_digest(algorithm, b"secret", raw=False).decode()
                if server.bind(server.entry(hexed), "secret"):
                    raise SystemExit(f"slapd accepted {tag} + hex: judge these with slapd")
            for password in [*PASSWORDS, ""]:
                stored = run(["doveadm", "pw", "-s", "CLEARTEXT", "-p", password])
                for attempt in (password, password + "!"):
                    test = subprocess.run(["doveadm", "pw", "-t", stored, "-p", attempt],
                                          capture_output=True)
                    emit("ldap_cleartext", attempt, stored, test.returncode == 0,
                         f"{DOVECOT} doveadm pw -s CLEARTEXT; verdict: doveadm pw -t "
                         f"(OpenLDAP does not bind against {{CLEARTEXT}} values)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
