"""Database formats that libpass does not cover, computed with hashlib and hmac.

MySQL 8 caching_sha2_password, PostgreSQL SCRAM-SHA-256, SQL Server 2012+ and Oracle 12c "T:".
Each is parse (a strict pattern, then field checks and the cost cap), compute, compare.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from hashcompat._families.kdf import capped_pbkdf2, scram_keys
from hashcompat._families.saslprep import pg_saslprep
from hashcompat._primitives import B64_CLASS as _B64
from hashcompat._primitives import C64_CLASS as _CRYPT64
from hashcompat._primitives import h64_encode, utf16le
from hashcompat.errors import MalformedHashError
from hashcompat.params import Crypt, Digest
from hashcompat.scheme import Cost, CostKind, Inputs, Parsed, Scheme, SchemeInfo, Strength, equal

_HEX = "[0-9A-Fa-f]"
_MYSQL_SALT = r"[\x01-\x23\x25-\x7f]"  # MySQL's generate_user_salt: 7-bit, no NUL, no "$"


def sha256_crypt_digest(secret: bytes, salt: bytes, rounds: int) -> str:
    """The 43-character digest of SHA-256-crypt (Drepper), for any salt length and round count.

    MySQL calls its my_crypt_genhash with a 20-byte salt; the ``$5$`` format caps salts at 16,
    so libpass's sha256_crypt cannot compute it.
    """
    n = len(secret)
    alt = hashlib.sha256(secret + salt + secret).digest()
    ctx = hashlib.sha256(secret + salt + alt * (n // 32) + alt[: n % 32])
    i = n
    while i:
        ctx.update(alt if i & 1 else secret)
        i >>= 1
    a = ctx.digest()
    p_bytes = (hashlib.sha256(secret * n).digest() * (n // 32 + 1))[:n]
    s_bytes = (hashlib.sha256(salt * (16 + a[0])).digest() * (len(salt) // 32 + 1))[: len(salt)]
    c = a
    for r in range(rounds):
        ctx = hashlib.sha256(p_bytes if r & 1 else c)
        if r % 3:
            ctx.update(s_bytes)
        if r % 7:
            ctx.update(p_bytes)
        ctx.update(c if r & 1 else p_bytes)
        c = ctx.digest()
    groups = bytes(b for i in range(10) for b in _triple(c, (i * 21) % 30))
    return h64_encode(groups + bytes((c[30], c[31])))


def _triple(c: bytes, i: int) -> tuple[int, int, int]:
    # to64((c[i] << 16) | (c[i+10] << 8) | c[i+20], 4) is h64 of the three, least significant first
    return c[(i + 20) % 30], c[(i + 10) % 30], c[i]


@dataclass(frozen=True, slots=True)
class Native(Scheme):
    """A database's own format: ``read`` turns the pattern's groups into the parsed value,
    ``compute`` checks a password against it."""

    info: SchemeInfo
    read: Callable[[str, re.Match[str]], Parsed]  # (scheme name, fields) -> parsed
    compute: Callable[[str, Parsed, bytes], bool]  # (scheme name, parsed, secret) -> match
    regex: re.Pattern[str]

    def parse(self, hash: str) -> Parsed:
        match = self.regex.fullmatch(hash)
        if match is None:
            raise MalformedHashError(self.info.name, "the string does not have this format")
        return self.read(self.info.name, match)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        return self.compute(self.info.name, parsed, secret)


def _read_caching_sha2(name: str, m: re.Match[str]) -> Parsed:
    if m["cost"] is not None:  # MySQL's own string: cost in hex, raw salt and digest
        cost, salt, digest = int(m["cost"], 16), m["salt"].encode("ascii"), m["digest"]
    else:  # hashcat's "$mysql$A$" line: cost in decimal, salt and digest in hex
        cost, salt = int(m["hccost"], 10), bytes.fromhex(m["hcsalt"])
        digest = bytes.fromhex(m["hcdigest"]).decode("latin-1")
        if re.fullmatch(f"{_CRYPT64}{{43}}", digest) is None:
            raise MalformedHashError(name, "the digest is not crypt base-64")
    if cost == 0:
        raise MalformedHashError(name, "iteration count 0")
    rounds = cost * 1000
    costs = (Cost(CostKind.ITERATIONS, rounds, "rounds"),)
    return Parsed(digest, salt, costs=costs, params=Crypt(f"$A${cost:03X}$", digest, rounds))


def _caching_sha2(name: str, parsed: Parsed, secret: bytes) -> bool:
    rounds = parsed.costs[0].value
    return equal(sha256_crypt_digest(secret, parsed.salt or b"", rounds), parsed.digest)


def _read_scram(name: str, m: re.Match[str]) -> Parsed:
    iterations = int(m["iter"])
    if iterations == 0:
        raise MalformedHashError(name, "iteration count 0")
    try:
        salt, stored, server = (base64.b64decode(m[k], validate=True) for k in ("salt", "sk", "vk"))
    except binascii.Error:
        raise MalformedHashError(name, "bad base64") from None
    costs = (Cost(CostKind.ITERATIONS, iterations, "iterations"),)
    return Parsed(stored + server, salt, costs=costs, params=Digest("scram-sha-256", stored, salt))


def _scram(name: str, parsed: Parsed, secret: bytes) -> bool:
    iterations = parsed.costs[0].value
    salt = parsed.salt or b""
    stored_key, server_key = scram_keys(name, "sha256", pg_saslprep(secret), salt, iterations)
    return equal(stored_key + server_key, parsed.digest)


def _read_salted_hex(name: str, m: re.Match[str]) -> Parsed:
    salt, digest = bytes.fromhex(m["salt"]), m["digest"].lower()
    return Parsed(digest, salt, params=Digest(name, bytes.fromhex(digest), salt))


def _mssql2012(name: str, parsed: Parsed, secret: bytes) -> bool:
    salt = parsed.salt or b""
    return equal(hashlib.sha512(utf16le(secret) + salt).hexdigest(), parsed.digest)


_ORACLE_ROUNDS = 4096


def _read_oracle12c(name: str, m: re.Match[str]) -> Parsed:
    parsed = _read_salted_hex(name, m)
    return parsed._replace(costs=(Cost(CostKind.ITERATIONS, _ORACLE_ROUNDS, "iterations"),))


def _oracle12c(name: str, parsed: Parsed, secret: bytes) -> bool:
    salt = parsed.salt or b""
    key = capped_pbkdf2(
        name, "sha512", secret, salt + b"AUTH_PBKDF2_SPEEDY_KEY", _ORACLE_ROUNDS, length=64
    )
    return equal(hashlib.sha512(key + salt).hexdigest(), parsed.digest)


def _native(
    info: SchemeInfo,
    read: Callable[[str, re.Match[str]], Parsed],
    compute: Callable[[str, Parsed, bytes], bool],
) -> Native:
    return Native(info, read, compute, re.compile(info.pattern or "(?!)", re.DOTALL))


SCHEMES = (
    _native(
        SchemeInfo(
            name="mysql_caching_sha2",
            summary="MySQL 8 caching_sha2_password: SHA-256-crypt, 20-byte salt, cost x 1000",
            aliases=("caching_sha2_password", "mysql8", "mysql_sha256crypt"),
            platforms=("MySQL 8.0+ (default)", "MySQL 5.7 sha256_password", "Percona Server 8"),
            prefixes=("$A$", "$mysql$A$"),
            pattern=(
                rf"\$A\$(?P<cost>[0-9A-F]{{3}})\$(?P<salt>{_MYSQL_SALT}{{20}})"
                rf"(?P<digest>{_CRYPT64}{{43}})"
                rf"|\$mysql\$A\$(?P<hccost>[0-9]{{3}})\*(?P<hcsalt>{_HEX}{{40}})"
                rf"\*(?P<hcdigest>{_HEX}{{86}})"
            ),
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="$A$005$" + "s" * 20 + "x" * 43,
            notes="mysql.user.authentication_string as MySQL stores it (the cost is 3 hex digits)"
            " or hashcat's $mysql$A$ line (cost in decimal, salt and digest in hex).",
        ),
        _read_caching_sha2,
        _caching_sha2,
    ),
    _native(
        SchemeInfo(
            name="postgres_scram_sha256",
            summary="PostgreSQL 10+ SCRAM-SHA-256 secret (PBKDF2-HMAC-SHA-256)",
            aliases=("scram_sha_256", "pg_scram", "postgres_scram"),
            platforms=("PostgreSQL 10+ (default from 14)", "pgBouncer auth_file"),
            prefixes=("SCRAM-SHA-256$",),
            pattern=(
                rf"SCRAM-SHA-256\$(?P<iter>[0-9]{{1,10}}):"
                rf"(?P<salt>(?:{_B64}{{4}})*(?:{_B64}{{4}}|{_B64}{{3}}=|{_B64}{{2}}==))"
                rf"\$(?P<sk>{_B64}{{43}}=):(?P<vk>{_B64}{{43}}=)"
            ),
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="SCRAM-SHA-256$4096:" + "s" * 22 + "==$" + "x" * 43 + "=:" + "y" * 43 + "=",
            notes="The password goes through SASLprep as PostgreSQL applies it: ASCII as is,"
            " non-ASCII mapped and NFKC-normalised, raw bytes where SASLprep would refuse it.",
        ),
        _read_scram,
        _scram,
    ),
    _native(
        SchemeInfo(
            name="mssql2012",
            summary="SQL Server 2012+: 0x0200, 4-byte salt, SHA-512(UTF-16LE password + salt)",
            aliases=("mssql12", "mssql2014", "sqlserver2012"),
            platforms=("Microsoft SQL Server 2012 and later", "Azure SQL"),
            prefixes=("0x0200",),
            pattern=rf"0x0200(?P<salt>{_HEX}{{8}})(?P<digest>{_HEX}{{128}})",
            self_describing=True,
            strength=Strength.WEAK,
            example="0x0200" + "5a17c0ff" + "0" * 128,
        ),
        _read_salted_hex,
        _mssql2012,
    ),
    _native(
        SchemeInfo(
            name="oracle12c",
            summary="Oracle 12c T: verifier: SHA-512 over PBKDF2-HMAC-SHA-512 (4096), 16-byte salt",
            aliases=("oracle_t", "oracle12"),
            platforms=("Oracle Database 12c and later (spare4 T:)",),
            prefixes=("T:",),
            pattern=rf"T:(?P<digest>{_HEX}{{128}})(?P<salt>{_HEX}{{32}})",
            self_describing=True,
            strength=Strength.LEGACY_OK,  # PBKDF2 at 4096, as SCRAM
            example="T:" + "0" * 128 + "5a17c0ff" * 4,
            notes="The T: part of sys.user$.spare4 alone (not the whole S:...;T:... value).",
        ),
        _read_oracle12c,
        _oracle12c,
    ),
)
