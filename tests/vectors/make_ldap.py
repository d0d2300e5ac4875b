"""LDAP userPassword vectors from OpenLDAP's own slappasswd (Debian slapd/slapd-contrib 2.5).

    apt-get install slapd slapd-contrib
    python3 tests/vectors/make_ldap.py > tests/vectors/ldap.jsonl

slappasswd refuses an empty password, so there is no empty-password vector.

slappasswd makes {SSHA} {SHA} {SMD5} {MD5} {CRYPT} itself, the SHA-2 forms through the
pw-sha2 module, {PBKDF2*} through pw-pbkdf2 and {ARGON2} through the argon2 module. {CRYPT}
calls the system crypt(3) (libxcrypt) with slappasswd's -c salt format. The hex forms of {MD5}
and {SHA} (written by some export tools) have no OpenLDAP writer: their digests are OpenSSL's
(`openssl dgst`), prefixed with the tag.
"""

from __future__ import annotations

import json
import subprocess
import sys

PASSWORDS = ["hashcat", "pässwort", "Tr0ub4dor&3horsebatt", "correct horse battery staple"]
MODULES = {"sha2": "pw-sha2.la", "pbkdf2": "pw-pbkdf2.la", "argon2": "argon2.la"}
PLANS = [  # scheme, slappasswd -h, module, -c crypt salt format
    ("ldap_sha", "{SHA}", None, None),
    ("ldap_salted_sha1", "{SSHA}", None, None),
    ("ldap_md5", "{MD5}", None, None),
    ("ldap_salted_md5", "{SMD5}", None, None),
    ("ldap_sha256", "{SHA256}", "sha2", None),
    ("ldap_sha384", "{SHA384}", "sha2", None),
    ("ldap_sha512", "{SHA512}", "sha2", None),
    ("ldap_salted_sha256", "{SSHA256}", "sha2", None),
    ("ldap_salted_sha384", "{SSHA384}", "sha2", None),
    ("ldap_salted_sha512", "{SSHA512}", "sha2", None),
    ("ldap_pbkdf2_sha1", "{PBKDF2}", "pbkdf2", None),
    ("ldap_pbkdf2_sha256", "{PBKDF2-SHA256}", "pbkdf2", None),
    ("ldap_pbkdf2_sha512", "{PBKDF2-SHA512}", "pbkdf2", None),
    ("ldap_argon2", "{ARGON2}", "argon2", None),
    ("ldap_des_crypt", "{CRYPT}", None, "%.2s"),
    ("ldap_bsdi_crypt", "{CRYPT}", None, "_J9..%.4s"),
    ("ldap_md5_crypt", "{CRYPT}", None, "$1$%.8s"),
    ("ldap_sha1_crypt", "{CRYPT}", None, "$sha1$480$%.8s$"),
    ("ldap_sha256_crypt", "{CRYPT}", None, "$5$%.16s"),
    ("ldap_sha512_crypt", "{CRYPT}", None, "$6$rounds=5000$%.16s"),
    ("ldap_bcrypt", "{CRYPT}", None, "$2b$05$%.22s"),
]


def slappasswd(password: str, scheme: str, module: str | None, crypt: str | None) -> str:
    argv = ["slappasswd", "-h", scheme, "-s", password]
    if module:
        argv += ["-o", f"module-load={MODULES[module]}"]
    if crypt:
        argv += ["-c", crypt]
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()


def emit(scheme: str, password: str, hash: str, source: str, expect: bool = True) -> None:
    line = {"scheme": scheme, "password": password, "hash": hash, "expect": expect,
            "source": source}
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def main() -> None:
    version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "slapd"],
                             capture_output=True, text=True).stdout
    for scheme, tag, module, crypt in PLANS:
        source = f"OpenLDAP slappasswd (slapd {version}) -h {tag}"
        source += f" -o module-load={MODULES[module]}" if module else ""
        source += f" -c '{crypt}'" if crypt else ""
        passwords = PASSWORDS[:2] if tag == "{ARGON2}" else PASSWORDS  # 4 MiB each: keep few
        made = [(p, slappasswd(p, tag, module, crypt)) for p in passwords]
        for password, hash in made:
            emit(scheme, password, hash, source)
        emit(scheme, "wrong password", made[0][1], source + " (negative)", expect=False)
    for scheme, tag, digest in (("ldap_hex_md5", "{MD5}", "md5"), ("ldap_hex_sha1", "{SHA}", "sha1")):
        source = f"OpenSSL dgst -{digest}, hex, with the {tag} tag"
        made = []
        for password in PASSWORDS:
            out = subprocess.run(["openssl", "dgst", f"-{digest}", "-r"], input=password.encode(),
                                 capture_output=True, check=True).stdout.decode().split()[0]
            made.append((password, tag + out))
        for password, hash in made:
            emit(scheme, password, hash, source)
        emit(scheme, "wrong password", made[0][1], source + " (negative)", expect=False)


if __name__ == "__main__":
    main()
