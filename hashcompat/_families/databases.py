"""Database and Windows password formats: MySQL, PostgreSQL, SQL Server, Oracle, LM, MS-Cache.

Formats libpass implements are delegated to it (imported on first use) behind a strict pattern;
hashcompat adds the user name from ``username=``, the text encoding, the cap on DCC2's iteration
count and the mapping of libpass's errors. The four formats libpass lacks live in
:mod:`hashcompat._families.dbnative`. MySQL 4.1+ (``*HEX``) and NTLM are platform formulas.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from hashcompat._families import dbnative
from hashcompat._families.kdf import capped_pbkdf2
from hashcompat._families.libpass import Delegated
from hashcompat._idkey import Alphabet, Key
from hashcompat._primitives import as_text
from hashcompat.errors import HashcompatError, MalformedHashError, MissingParameterError
from hashcompat.scheme import (
    Cost,
    CostKind,
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    equal,
)

_HEX = "[0-9A-Fa-f]"
_LOWER_HEX = "0123456789abcdef"
_DCC2 = re.compile(r"\$DCC2\$([0-9]{1,9})#(.+)#([0-9A-Fa-f]{32})", re.DOTALL)
_DCC2_DEFAULT_ROUNDS = 10240  # the only count libpass's msdcc2 computes
_BARE_DCC2 = re.compile(r"[0-9A-Fa-f]{32}")


@dataclass(frozen=True, slots=True)
class Dcc2(Scheme):
    """hashcat's ``$DCC2$<iterations>#<user>#<hex>``: the user comes from the string; bare
    hex takes it from ``username=`` (libpass's msdcc2 reads it so: the name msdcc2 means that
    too, while identification keeps bare hex for msdcc2_hex)."""

    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        if _BARE_DCC2.fullmatch(hash):
            return Parsed(hash.lower(), costs=(_dcc2_cost(_DCC2_DEFAULT_ROUNDS),))
        match = _DCC2.fullmatch(hash)
        if match is None:
            raise MalformedHashError("msdcc2", "the string does not have this format")
        rounds, user, digest = int(match[1]), match[2], match[3].lower()
        if rounds == 0:
            raise MalformedHashError("msdcc2", "iteration count 0")
        return Parsed(digest, salt_text=user, costs=(_dcc2_cost(rounds),))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        user = parsed.salt_text or inputs.require(self.info.name, "username")
        try:
            return _verify_dcc2(secret, parsed.costs[0].value, user, str(parsed.digest))
        except UnicodeError:
            return False
        except HashcompatError:
            raise
        except (ValueError, TypeError) as exc:  # libpass refusing the user name
            raise MalformedHashError(self.info.name, type(exc).__name__) from None


def _dcc2_cost(rounds: int) -> Cost:
    return Cost(CostKind.ITERATIONS, rounds, "iterations")


def _verify_dcc2(secret: bytes, rounds: int, user: str, digest: str) -> bool:
    from passlib.hash import msdcc, msdcc2  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    password = as_text(secret)
    if rounds == _DCC2_DEFAULT_ROUNDS:
        return bool(msdcc2.verify(password, digest, user=user))
    # Other counts (a registry setting of Windows): DCC2 is PBKDF2-HMAC-SHA1 over DCC1.
    dcc1 = bytes.fromhex(msdcc.hash(password, user=user))
    salt = user.lower().encode("utf-16-le")
    derived = capped_pbkdf2("msdcc2", "sha1", dcc1, salt, rounds, length=16).hex()
    return equal(derived, digest)


def _row(
    name: str,
    handler: str | None,
    summary: str,
    pattern: str,
    *,
    aliases: tuple[str, ...],
    platforms: tuple[str, ...],
    example: str,
    prefixes: tuple[str, ...] = (),
    inputs: tuple[str, ...] = (),
    strength: Strength = Strength.BROKEN,
    text: bool = False,
    upper: bool = False,
    notes: str = "",
    keys: tuple[Key, ...] = (),
) -> Delegated | Dcc2 | PostgresMd5:
    info = SchemeInfo(
        name=name,
        summary=summary,
        aliases=aliases,
        platforms=platforms,
        prefixes=prefixes,
        pattern=pattern,
        keys=keys,
        self_describing=bool(prefixes),
        inputs=inputs,
        strength=strength,
        example=example,
        notes=notes,
    )
    if handler is None:
        return Dcc2(info)
    if handler == "postgres_md5":
        return PostgresMd5(info)
    context = (("user", "username"),) if "username" in inputs else ()
    return Delegated(
        info, handler, context=context, hash_options=(), text=text, upper=upper, writable=False
    )


@dataclass(frozen=True, slots=True)
class PostgresMd5(Scheme):
    """PostgreSQL's ``'md5' + MD5(password + role name)`` over hashlib, with the parse/check
    protocol: one digest, so a library round trip would cost more than the work. The
    vectors of tests/vectors/postgres.jsonl (PostgreSQL itself) prove it."""

    info: SchemeInfo

    def match(self, hash: str) -> Parsed | None:
        if len(hash) != 35 or not hash.startswith("md5") or hash[3:].strip(_LOWER_HEX):
            return None
        return Parsed(hash[3:])

    def parse(self, hash: str) -> Parsed:
        parsed = self.match(hash)
        if parsed is None:
            raise MalformedHashError(self.info.name, "the string does not have this format")
        return parsed

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        username = inputs.username
        if username is None:
            raise MissingParameterError(self.info.name, "username")
        try:
            user = username.encode("utf-8")
        except UnicodeError:
            return False  # a role name PostgreSQL could not have stored
        digest = hashlib.md5(secret + user).hexdigest()
        stored = parsed.digest
        if isinstance(stored, str) and stored.isascii():  # as parse made it: hex text
            return hmac.compare_digest(digest, stored)
        return equal(digest, stored)


SCHEMES = (
    _row(
        "mysql323",
        "mysql323",
        "MySQL 3.2.3 to 4.0 OLD_PASSWORD(): 64-bit hash, spaces and tabs skipped",
        f"{_HEX}{{16}}",
        keys=(Key.fixed(Alphabet.HEX, 16, exact=True),),
        aliases=("mysql_old_password", "old_password", "mysql3"),
        platforms=("MySQL < 4.1 PASSWORD()", "MySQL/MariaDB OLD_PASSWORD()"),
        example="5d2e19393cc5ef67",
    ),
    _row(
        "postgres_md5",
        "postgres_md5",
        "PostgreSQL md5 password: 'md5' + MD5(password + role name)",
        "md5[0-9a-f]{32}",
        keys=(Key("md5", Alphabet.HEX, 35, 35),),
        aliases=("postgresql_md5", "pg_md5"),
        platforms=("PostgreSQL < 14 (default)", "pgBouncer auth_file"),
        example="md5" + "0" * 32,
        prefixes=("md5",),
        inputs=("username",),
        notes="username= is the role name, as CREATE ROLE spells it.",
    ),
    _row(
        "mssql2000",
        "mssql2000",
        "SQL Server 2000: 0x0100, salt, SHA-1 of the password and of its upper case",
        f"0x0100{_HEX}{{88}}",
        aliases=("mssql2k", "sqlserver2000"),
        platforms=("Microsoft SQL Server 2000",),
        example="0x0100" + "5a17c0ff" + "0" * 80,
        prefixes=("0x0100",),
        text=True,
        notes="As libpass does, only the upper-case digest is checked: case-insensitive.",
    ),
    _row(
        "mssql2005",
        "mssql2005",
        "SQL Server 2005/2008: 0x0100, 4-byte salt, SHA-1(UTF-16LE password + salt)",
        f"0x0100{_HEX}{{48}}",
        aliases=("mssql05", "sqlserver2005", "mssql2008"),
        platforms=("Microsoft SQL Server 2005", "Microsoft SQL Server 2008"),
        example="0x0100" + "5a17c0ff" + "0" * 40,
        prefixes=("0x0100",),
        strength=Strength.WEAK,
        text=True,
    ),
    _row(
        "oracle10",
        "oracle10",
        "Oracle 7 to 10g: DES-CBC of the upper-cased user + password",
        f"{_HEX}{{16}}",
        keys=(Key.fixed(Alphabet.HEX, 16, exact=True),),
        aliases=("oracle_h", "oracle7", "oracle_des"),
        platforms=("Oracle Database 7 to 10g (sys.user$.password)",),
        example="9EEDFA0AD26C6D52",
        inputs=("username",),
        text=True,
        notes="username= is the account name; both are case-insensitive.",
    ),
    _row(
        "oracle11",
        "oracle11",
        "Oracle 11g S: verifier: SHA-1(password + 10-byte salt)",
        f"S:{_HEX}{{60}}",
        aliases=("oracle_s", "oracle11g"),
        platforms=("Oracle Database 11g and later (sys.user$.spare4 S:)",),
        example="S:" + "0" * 40 + "5a17c0ff" * 2 + "5a17",
        prefixes=("S:",),
        strength=Strength.WEAK,
        upper=True,
        notes="The S: part of spare4 alone (not the whole S:...;T:... value).",
    ),
    _row(
        "lmhash",
        "lmhash",
        "LAN Manager hash: DES of the upper-cased password in two 7-byte halves",
        f"{_HEX}{{32}}",
        keys=(Key.fixed(Alphabet.HEX, 32, exact=True),),
        aliases=("lm", "lanman", "lm_hash"),
        platforms=("Windows NT to 2003 SAM / NTDS", "Samba smbpasswd"),
        example="e52cac67419a9a224a3b108f3fa6cb6d",
        text=True,
        notes="Passwords are upper-cased in code page 437 and cut at 14 characters.",
    ),
    _row(
        "msdcc",
        "msdcc",
        "Windows domain cached credentials v1: MD4(NT hash + UTF-16LE lower-case user)",
        f"{_HEX}{{32}}",
        keys=(Key.fixed(Alphabet.HEX, 32, exact=True),),
        aliases=("dcc", "dcc1", "mscash", "mscache"),
        platforms=("Windows NT to 2003 cached logons",),
        example="4b7163999a58319862ba2bfe24c8f306",
        inputs=("username",),
        text=True,
    ),
    _row(
        "msdcc2",
        None,
        "Windows domain cached credentials v2 (hashcat's $DCC2$<iterations>#<user>#<hex>)",
        rf"\$DCC2\$[0-9]{{1,9}}#.+#{_HEX}{{32}}",
        aliases=("dcc2", "mscash2", "mscache2"),
        platforms=("Windows Vista and later cached logons",),
        example="$DCC2$10240#user#" + "0" * 32,
        prefixes=("$DCC2$",),
        strength=Strength.WEAK,
        notes="PBKDF2-HMAC-SHA1 over DCC1 salted with the lower-case user; the user name and the"
        " iteration count (10240 unless changed in the registry) are in the string. Named, it"
        " also reads libpass's msdcc2 form: bare hex with username=.",
    ),
    _row(
        "msdcc2_hex",
        "msdcc2",
        "Windows domain cached credentials v2 as bare hex; the user name kept beside it",
        f"{_HEX}{{32}}",
        keys=(Key.fixed(Alphabet.HEX, 32, exact=True),),
        aliases=("dcc2_hex", "mscash2_hex"),
        platforms=("Windows Vista and later cached logons (secretsdump, libpass)",),
        example="d963a983c6adf2751b5700a26b309506",
        inputs=("username",),
        strength=Strength.WEAK,
        text=True,
        notes="libpass's msdcc2 form: 10240 rounds, username= is the account name.",
    ),
    *dbnative.SCHEMES,
)
