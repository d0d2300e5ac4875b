"""Web application formats: WoltLab's double bcrypt, Werkzeug, and framework formula rows.

WoltLab Suite < 5.4 (WCF 2, WBB 4) stores ``crypt(crypt(password, salt), salt)``: bcrypt over
the 60-character bcrypt string of the password, with the same salt; 5.4+ keeps such hashes
behind ``wcf1:``. Werkzeug (Flask) writes ``pbkdf2:sha256:N$salt$hex`` and
``scrypt:N:r:p$salt$hex``. Both are computed with the maintained libraries (bcrypt, hashlib)
after the costs are checked against the caps.

The rows at the end are plain compositions in the formula language (Devise, Authlogic,
Discourse, ASP.NET Membership), each proven by the vectors that its platform's own code made
(tests/vectors/<name>.jsonl and the generator beside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from hashcompat._crypto.bcrypt import bcrypt_parsed, check_bcrypt, php_bcrypt_key
from hashcompat._families.kdf import capped_scrypt, check_pbkdf2, pbkdf2_parsed, scrypt_costs
from hashcompat._idkey import Alphabet, Key
from hashcompat.errors import MalformedHashError
from hashcompat.formula._scheme import FormulaScheme, compile_formula, make_scheme
from hashcompat.params import Bcrypt as BcryptParams
from hashcompat.params import Pbkdf2, Scrypt
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength, equal


@dataclass(frozen=True, slots=True)
class WoltLabDoubleBcrypt(Scheme):
    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        return bcrypt_parsed(self.info.name, hash.removeprefix("wcf1:"), prehash="bcrypt")

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        body = str(parsed.digest)
        if body[2] == "x":
            return False  # never written by WoltLab
        import bcrypt  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        setting = body[:29].encode("ascii")
        try:
            inner = bcrypt.hashpw(php_bcrypt_key(secret), setting)
            outer = bcrypt.hashpw(inner, setting)
        except ValueError:
            return False  # a salt PHP would rewrite: the stored string never matches
        return equal(outer, body.encode("ascii"))


_WERKZEUG = re.compile(
    r"(?:pbkdf2:(sha1|sha224|sha256|sha384|sha512)(?::(\d{1,9}))?"
    r"|scrypt:(\d{1,9}):(\d{1,4}):(\d{1,4}))\$([^$]{1,64})\$([0-9a-f]{2,256})"
)


@dataclass(frozen=True, slots=True)
class Werkzeug(Scheme):
    """``pbkdf2:<digest>[:<iterations>]$salt$hex`` (the PBKDF2 record) or
    ``scrypt:<N>:<r>:<p>$salt$hex`` (the scrypt record)."""

    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        found = _WERKZEUG.fullmatch(hash)
        if found is None or not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected method$salt$hex")
        digest, iterations, n, r, p, salt, stored = found.groups()
        if len(stored) % 2:
            raise MalformedHashError(self.info.name, "the digest has an odd number of hex digits")
        expected = bytes.fromhex(stored)
        if digest is not None:
            count = int(iterations) if iterations else 260_000  # Werkzeug 2.x's default
            if count < 1:
                raise MalformedHashError(self.info.name, "iterations must be at least 1")
            return pbkdf2_parsed(Pbkdf2(digest, count, salt.encode(), expected))
        size = int(n)
        if size < 2 or size & (size - 1) or int(r) < 1 or int(p) < 1:
            raise MalformedHashError(self.info.name, "N must be a power of two, r and p >= 1")
        params = Scrypt(size.bit_length() - 1, int(r), int(p), salt.encode(), expected)
        return Parsed(expected, params.salt, costs=scrypt_costs(params), params=params)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        params = parsed.params
        if isinstance(params, Pbkdf2):
            return check_pbkdf2(self.info.name, secret, parsed)
        assert isinstance(params, Scrypt)  # noqa: S101 - parse made one of the two
        derived = capped_scrypt(
            self.info.name,
            secret,
            params.salt,
            n=1 << params.log2_n,
            r=params.r,
            p=params.p,
            length=len(params.key),
        )
        return equal(derived, params.key)


@dataclass(frozen=True, slots=True)
class Row:
    """A framework format that is one formula; the salt or pepper lives in a column."""

    name: str
    formula: str
    platforms: tuple[str, ...]
    strength: Strength
    example: str
    notes: str
    aliases: tuple[str, ...] = ()


ROWS = (
    Row(
        "devise",
        "bcrypt($pass.$pepper)",
        ("Ruby on Rails (Devise)",),
        Strength.LEGACY_OK,  # bcrypt: below argon2id, and the pepper falls past 72 bytes
        "$2a$12$<53 chars>",
        "bcrypt of password + config.pepper; the string is plain bcrypt (pass pepper='' when "
        "Devise had none, or use bcrypt)",
        ("rails_devise",),
    ),
    Row(
        "authlogic",
        "sha512^20($pass.$salt)",
        ("Ruby on Rails (Authlogic < 4, CryptoProviders::Sha512)",),
        Strength.WEAK,
        "<128 hex> (salt column: password_salt)",
        "SHA-512 of password + salt, then 19 more SHA-512 over the hex digest",
        ("authlogic_sha512",),
    ),
    Row(
        "authlogic_v2",
        "hex(sha512_raw^20($pass.$salt))",
        ("Ruby on Rails (Authlogic 6, CryptoProviders::Sha512::V2)",),
        Strength.WEAK,
        "<128 hex> (salt column: password_salt)",
        "20 SHA-512 over the raw digest, hex at the end",
        ("authlogic_sha512_v2",),
    ),
    Row(
        "discourse",
        "pbkdf2_sha256($pass,$salt,64000)",
        ("Discourse (password_algorithm $pbkdf2-sha256$i=64000,l=32$)",),
        Strength.LEGACY_OK,
        "<64 hex> (salt column: 32 hex)",
        "PBKDF2-HMAC-SHA256, 64000 iterations, 32 bytes, hex; for other password_algorithm "
        "values use the formula pbkdf2_sha256($pass,$salt,N)",
    ),
    Row(
        "aspnet_membership",
        "base64(sha1_raw(unbase64($salt).utf16le($pass)))",
        ("ASP.NET 2.0-4.x SqlMembershipProvider (passwordFormat Hashed, SHA1)",),
        Strength.WEAK,
        "<27 base64 chars>= (salt column: PasswordSalt, base64)",
        "base64(SHA-1(salt bytes + UTF-16LE password)); the salt column is base64",
        ("aspnet_sqlmembership", "sqlmembershipprovider"),
    ),
)


def _scheme(row: Row) -> FormulaScheme:
    made = make_scheme(
        compile_formula(row.formula),
        name=row.name,
        aliases=row.aliases,
        platforms=row.platforms,
        summary=f"{row.platforms[0]}: {row.formula}",
        example=row.example,
        notes=f"{row.notes}; formula: {row.formula}",
    )
    return FormulaScheme(replace(made.info, strength=row.strength), made.formula)


_CODED = (
    WoltLabDoubleBcrypt(
        SchemeInfo(
            name="woltlab_wcf2",
            summary="WoltLab double bcrypt: crypt(crypt(password, salt), salt)",
            aliases=("wcf2", "wbb4", "woltlab_double_bcrypt"),
            platforms=("WoltLab Community Framework 2", "Burning Board 4", "WoltLab Suite < 5.4"),
            pattern=r"(?:wcf1:)?\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}",
            keys=(Key("wcf1:$2", Alphabet.TEXT, 65, 65), Key("$2", Alphabet.TEXT, 60, 60)),
            strength=Strength.LEGACY_OK,
            example="wcf1:$2a$08$<53 chars>",
            notes="bare strings look like bcrypt: name the scheme; WoltLab 5.4+ adds wcf1:",
        )
    ),
    Werkzeug(
        SchemeInfo(
            name="werkzeug",
            summary="Werkzeug/Flask generate_password_hash (pbkdf2:... or scrypt:...)",
            aliases=("flask", "werkzeug_pbkdf2", "werkzeug_scrypt"),
            platforms=("Flask", "Werkzeug", "Superset", "Airflow (FAB)"),
            prefixes=("pbkdf2:", "scrypt:"),
            pattern=_WERKZEUG.pattern,
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="scrypt:32768:8:1$<salt>$<128 hex>",
        )
    ),
)


@dataclass(frozen=True, slots=True)
class NextcloudHash(Scheme):
    """Nextcloud's Hasher (lib/private/Security/Hasher.php): ``version|`` before PHP's
    password_hash output, 1 bcrypt, 2 argon2i, 3 argon2id; verify is password_verify of the
    rest. (Unprefixed legacy rows are plain sha1 hex, or bcrypt of password+passwordsalt:
    the ``sha1`` and ``bcrypt`` schemes, the latter with the pepper appended.)"""

    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected 1|, 2| or 3| before the hash")
        version, body = hash[0], hash[2:]
        if version == "1":
            return bcrypt_parsed(self.info.name, body)
        from hashcompat._families.argon2 import parse_argon2  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return parse_argon2(self.info.name, body)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        if isinstance(parsed.params, BcryptParams):
            return check_bcrypt(self.info.name, php_bcrypt_key(secret), str(parsed.digest))
        from hashcompat._families.argon2 import ARGON2  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return ARGON2.check(secret, parsed, inputs)


NEXTCLOUD = NextcloudHash(
    SchemeInfo(
        name="nextcloud",
        summary="Nextcloud Hasher: version|password_hash (1 bcrypt, 2 argon2i, 3 argon2id)",
        aliases=("owncloud",),
        platforms=("Nextcloud 12+", "ownCloud 10"),
        prefixes=("1|$2", "2|$argon2i$", "3|$argon2id$"),
        pattern=(
            r"1\|\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}|[23]\|\$argon2id?\$(?:v=19\$)?"
            r"m=\d{1,10},t=\d{1,10},p=\d{1,3}\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{6,}"
        ),
        # the version number does not fix the variant: 3|$argon2i$ is read too
        keys=(Key("1|$2", Alphabet.TEXT, 62, 62), Key("2|$argon2i"), Key("3|$argon2i")),
        self_describing=True,
        strength=Strength.MODERN,
        example="3|$argon2id$v=19$m=65536,t=4,p=1$" + "s" * 22 + "$" + "x" * 43,
        notes="Hasher.php picks the version from the number before '|'.",
    )
)

SCHEMES = (*_CODED, *(_scheme(row) for row in ROWS), NEXTCLOUD)
