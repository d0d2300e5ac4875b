"""LDAP userPassword schemes (RFC 2307 and OpenLDAP's modules) beyond {SHA} and {SSHA}.

Three kinds, each reusing what exists: ``{CRYPT}`` and ``{ARGON2}`` wrap the crypt(3) and
argon2 schemes (prefixed.py); the unsalted and salted SHA-2 forms are formula rows; the MD5,
hex and PBKDF2 forms are libpass's handlers, checked against OpenLDAP 2.5's slappasswd.
Vectors: tests/vectors/ldap.jsonl (make_ldap.py).
"""

from __future__ import annotations

from hashcompat.families import argon2, bcrypt, delegated, unixcrypt
from hashcompat.families.delegated import Delegated, _iterations, libpass_row
from hashcompat.families.platforms import Row, row_scheme
from hashcompat.families.prefixed import Inner, Prefixed, find, prefixed
from hashcompat.scheme import Strength

_OPENLDAP = ("OpenLDAP", "389 DS")
_B64 = "[A-Za-z0-9+/]"
_AB64 = "[./A-Za-z0-9]"


def _crypt(name: str, inner: Inner, what: str) -> Prefixed:
    return prefixed(
        name,
        ("{CRYPT}",),
        inner,
        summary=f"LDAP {{CRYPT}} holding {what}",
        platforms=("OpenLDAP {CRYPT} (system crypt(3))", "389 DS", "Dovecot {CRYPT}"),
    )


def _pbkdf2(name: str, tag: str, digest: str, length: int) -> Delegated:
    return libpass_row(
        name,
        f"OpenLDAP pw-pbkdf2 {tag}: PBKDF2-HMAC-{digest}",
        rf"{{{tag}}}\d{{1,9}}\${_AB64}{{0,64}}\${_AB64}{{{length}}}",
        prefixes=(f"{{{tag}}}",),
        platforms=("OpenLDAP (pw-pbkdf2)", "passlib"),
        strength=Strength.LEGACY_OK,
        example=f"{{{tag}}}10000$<salt>$<{length} chars>",
        costs=(_iterations(rf"^\{{{tag}\}}(\d+)"),),
    )


_SHA2_ROWS = (
    Row(
        "ldap_sha256",
        "base64(sha256_raw($pass))",
        "{SHA256}{hash}",
        ("OpenLDAP (pw-sha2)", "Dovecot {SHA256}"),
        ("{sha256}", "dovecot_sha256"),
        True,
    ),
    Row(
        "ldap_sha384",
        "base64(sha384_raw($pass))",
        "{SHA384}{hash}",
        ("OpenLDAP (pw-sha2)",),
        ("{sha384}",),
        True,
    ),
    Row(
        "ldap_sha512",
        "base64(sha512_raw($pass))",
        "{SHA512}{hash}",
        ("OpenLDAP (pw-sha2)", "Dovecot {SHA512}"),
        ("{sha512}", "dovecot_sha512"),
        True,
    ),
    Row(
        "ldap_salted_sha384",
        "sha384_raw($pass.$salt)",
        "{SSHA384}{b64:hash+salt}",
        ("OpenLDAP (pw-sha2)", "389 DS"),
        ("ssha384", "{ssha384}"),
        True,
    ),
)

SCHEMES = (
    *(row_scheme(row) for row in _SHA2_ROWS),
    libpass_row(
        "ldap_md5",
        "LDAP {MD5}: base64 of the unsalted MD5",
        rf"\{{MD5\}}{_B64}{{22}}==",
        prefixes=("{MD5}",),
        platforms=_OPENLDAP,
        aliases=("{md5}",),
        strength=Strength.BROKEN,
        example="{MD5}X03MO1qnZdYdgyfeuILPmQ==",
        hash_options=(),
    ),
    libpass_row(
        "ldap_salted_md5",
        "LDAP {SMD5}: base64 of MD5(password + salt) and the salt",
        rf"\{{SMD5\}}{_B64}{{24,}}={{0,2}}",
        prefixes=("{SMD5}",),
        platforms=(*_OPENLDAP, "Dovecot {SMD5}"),
        aliases=("smd5", "{smd5}"),
        strength=Strength.BROKEN,
        example="{SMD5}<base64 of digest and salt>",
        hash_options=(),
    ),
    libpass_row(
        "ldap_hex_md5",
        "LDAP {MD5} written as hex (some exports)",
        r"\{MD5\}[0-9a-fA-F]{32}",
        prefixes=("{MD5}",),
        platforms=("OpenLDAP exports", "custom directories"),
        strength=Strength.BROKEN,
        example="{MD5}5f4dcc3b5aa765d61d8327deb882cf99",
        hash_options=(),
    ),
    libpass_row(
        "ldap_hex_sha1",
        "LDAP {SHA} written as hex (some exports)",
        r"\{SHA\}[0-9a-fA-F]{40}",
        prefixes=("{SHA}",),
        platforms=("OpenLDAP exports", "custom directories"),
        strength=Strength.BROKEN,
        example="{SHA}5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
        hash_options=(),
    ),
    _pbkdf2("ldap_pbkdf2_sha1", "PBKDF2", "SHA1", 27),
    _pbkdf2("ldap_pbkdf2_sha256", "PBKDF2-SHA256", "SHA256", 43),
    _pbkdf2("ldap_pbkdf2_sha512", "PBKDF2-SHA512", "SHA512", 86),
    _crypt("ldap_des_crypt", find(unixcrypt.SCHEMES, "des_crypt"), "traditional DES crypt"),
    _crypt("ldap_bsdi_crypt", find(unixcrypt.SCHEMES, "bsdi_crypt"), "BSDi extended DES crypt"),
    _crypt("ldap_md5_crypt", find(unixcrypt.SCHEMES, "md5_crypt"), "MD5-crypt ($1$)"),
    _crypt("ldap_sha1_crypt", find(delegated.SCHEMES, "sha1_crypt"), "NetBSD sha1crypt"),
    _crypt("ldap_sha256_crypt", find(unixcrypt.SCHEMES, "sha256_crypt"), "SHA-256-crypt ($5$)"),
    _crypt("ldap_sha512_crypt", find(unixcrypt.SCHEMES, "sha512_crypt"), "SHA-512-crypt ($6$)"),
    _crypt("ldap_bcrypt", find(bcrypt.SCHEMES, "bcrypt"), "bcrypt ($2y$/$2b$)"),
    prefixed(
        "ldap_argon2",
        ("{ARGON2}",),
        find(argon2.SCHEMES, "argon2"),
        summary="OpenLDAP argon2 module: {ARGON2} + a PHC argon2 string",
        platforms=("OpenLDAP (argon2 module)",),
        aliases=("{argon2}",),
    ),
)
