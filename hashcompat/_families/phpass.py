"""phpass portable hashes (``$P$``, ``$H$``) and Drupal 7's SHA-512 variant (``$S$``, ``U$``).

The layout is ``$X$`` + one character for log2 of the rounds + 8 salt characters + the digest
in phpass's base-64. The digest is ``d = H(salt . password)`` then ``d = H(d . password)`` for
``2**log2`` rounds. WordPress and phpBB use MD5 and keep all 22 characters; Drupal 7 uses
SHA-512 and stores only the first 55 characters of the string.

Written here rather than delegated to libpass: libpass has no Drupal ``$S$``, and the loop is
the whole cost of these schemes, so it is kept as bare as the hashlib loop it wraps.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from hashcompat._idkey import Alphabet, Key
from hashcompat._primitives import C64_CLASS as _H64
from hashcompat._primitives import ITOA64, ITOA64_INDEX, h64_encode
from hashcompat.errors import MalformedHashError
from hashcompat.params import Crypt
from hashcompat.scheme import (
    Cost,
    CostKind,
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    check_cap,
    equal,
    get_limits,
    hash_params,
)

if TYPE_CHECKING:
    from hashlib import _Hash

MIN_LOG2, MAX_LOG2 = 7, 30  # the range phpass and Drupal accept; outside it they fail


@dataclass(frozen=True, slots=True)
class Phpass(Scheme, Writer):
    """One phpass family: its digest, prefix letters, stored length and password cap."""

    info: SchemeInfo
    function: Callable[[bytes], _Hash]
    prefix: str  # "$P$" for hashing; identification accepts every prefix in info.prefixes
    length: int  # the stored string's length: 34 for MD5, 55 for Drupal's SHA-512
    max_password: int  # the platform refuses longer passwords outright
    default_log2: int  # WordPress writes 13 ("$P$B"), phpBB 11 ("$H$9"), Drupal 7 15 ("$S$D")

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        """The whole string as the digest (the computation gives it whole), the setting and
        log2 of the rounds as a :class:`~hashcompat.params.Crypt` record."""
        setting, log2 = self._setting(hash)
        return Parsed(
            hash,
            costs=(Cost(CostKind.LOG2_ROUNDS, log2, "log2_rounds"),),
            params=Crypt(setting, hash[12:], log2),
        )

    def _setting(self, hash: str) -> tuple[str, int]:
        name = self.info.name
        if len(hash) != self.length:
            raise MalformedHashError(name, f"expected {self.length} characters, got {len(hash)}")
        if hash[:3] not in self.info.prefixes:
            raise MalformedHashError(
                name, f"expected a prefix among {', '.join(self.info.prefixes)}"
            )
        if not self.info.matches(hash):
            raise MalformedHashError(name, "characters outside phpass's ./0-9A-Za-z alphabet")
        log2 = ITOA64_INDEX[hash[3]]
        self._in_range(log2)
        return hash[:12], log2

    def _in_range(self, log2: int) -> None:
        if not MIN_LOG2 <= log2 <= MAX_LOG2:
            raise MalformedHashError(
                self.info.name, f"log2 of the rounds must be {MIN_LOG2}..{MAX_LOG2}, got {log2}"
            )

    def check_rounds(self, log2: int) -> None:
        self._in_range(log2)
        check_cap(self.info.name, "log2_rounds", log2, get_limits().max_log2_rounds)

    def compute(self, secret: bytes, setting: str, log2: int) -> str:
        digest = self.function
        state = digest(setting[4:12].encode("ascii") + secret).digest()
        for _ in range(1 << log2):
            state = digest(state + secret).digest()
        return (setting + h64_encode(state))[: self.length]

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        if len(secret) > self.max_password:
            return False
        params = parsed.params
        assert isinstance(params, Crypt) and params.rounds is not None  # noqa: S101 - parse's
        return equal(self.compute(secret, params.setting, params.rounds), parsed.digest)

    def split_setting(self, parsed: Parsed) -> tuple[str, str]:
        params = parsed.params
        assert isinstance(params, Crypt)  # noqa: S101 - parse made it
        return params.setting, params.checksum

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        log2 = self._setting(setting + "." * (self.length - 12))[1]
        self.check_rounds(log2)
        if len(secret) > self.max_password:
            return ""  # the platform refuses such passwords: nothing can match
        return self.compute(secret, setting, log2)[12:]

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        options = hash_params(params, {"log2_rounds": int}, self.info.name)
        log2 = cast(int, options.get("log2_rounds", self.default_log2))
        self.check_rounds(log2)
        salt = "".join(secrets.choice(ITOA64) for _ in range(8))
        return self.compute(secret, f"{self.prefix}{ITOA64[log2]}{salt}", log2)

    def compose(self, parsed: Parsed) -> str | None:
        params = parsed.params
        if not isinstance(params, Crypt) or params.setting[:3] not in self.info.prefixes:
            return None
        return params.setting + params.checksum

    def needs_update(self, parsed: Parsed, params: Mapping[str, object] | None = None) -> bool:
        wanted = cast(int, (params or {}).get("log2_rounds", self.default_log2))
        found = parsed.params
        return isinstance(found, Crypt) and (found.rounds or 0) < wanted


@dataclass(frozen=True, slots=True)
class DrupalUpgraded(Scheme, Writer):
    """Drupal 7's ``U$`` rows: a Drupal 6 MD5 hex re-hashed by the update script.

    Drupal checks ``md5(password)`` in hex against the phpass hash after the ``U``.
    """

    info: SchemeInfo
    inner: tuple[Phpass, ...]

    @property
    def writer(self) -> Writer:
        return self

    def _inner(self, rest: str) -> Phpass:
        for scheme in self.inner:
            if rest[:3] in scheme.info.prefixes:
                return scheme
        raise MalformedHashError(self.info.name, "expected U$S$, U$P$ or U$H$")

    def parse(self, hash: str) -> Parsed:
        if not hash.startswith("U$"):
            raise MalformedHashError(self.info.name, "expected a 'U$' prefix")
        try:
            return self._inner(hash[1:]).parse(hash[1:])
        except MalformedHashError as exc:
            raise MalformedHashError(self.info.name, exc.reason) from None

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        inner = self._inner(str(parsed.digest))
        return inner.check(hashlib.md5(secret).hexdigest().encode(), parsed, inputs)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        return "U" + self.inner[0].hash(hashlib.md5(secret).hexdigest().encode(), inputs, params)


PHPASS = Phpass(
    SchemeInfo(
        name="phpass",
        summary="phpass portable hash: iterated salted MD5",
        aliases=("wordpress_phpass", "phpbb3", "portable_phpass", "phpass_md5"),
        platforms=("WordPress < 6.8", "phpBB 3", "Drupal 7 (imported)", "Joomla 2.5", "osCommerce"),
        prefixes=("$P$", "$H$"),
        pattern=rf"\$[PH]\${_H64}{{31}}",
        keys=(Key("$P$", Alphabet.CRYPT, 34, 34), Key("$H$", Alphabet.CRYPT, 34, 34)),
        self_describing=True,
        strength=Strength.WEAK,
        example="$P$B" + "s" * 8 + "x" * 22,
        notes="WordPress refuses passwords over 4096 bytes; so does hashcompat.",
    ),
    function=hashlib.md5,
    prefix="$P$",
    length=34,
    max_password=4096,
    default_log2=13,
)

DRUPAL7 = Phpass(
    SchemeInfo(
        name="drupal7",
        summary="Drupal 7 to 9 password.inc: iterated salted SHA-512, truncated to 55 characters",
        aliases=("drupal_sha512", "drupal8", "drupal9"),
        platforms=("Drupal 7", "Drupal 8", "Drupal 9", "Drupal 10 (phpass module)"),
        prefixes=("$S$",),
        pattern=rf"\$S\${_H64}{{52}}",
        keys=(Key("$S$", Alphabet.CRYPT, 55, 55),),
        self_describing=True,
        strength=Strength.LEGACY_OK,
        example="$S$D" + "s" * 8 + "x" * 43,
        notes="Drupal refuses passwords over 512 bytes; so does hashcompat.",
    ),
    function=hashlib.sha512,
    prefix="$S$",
    length=55,
    max_password=512,
    default_log2=15,
)

# Drupal's own view of the MD5 variants: same algorithm as phpass but with its 512-byte cap.
_DRUPAL_MD5 = Phpass(
    PHPASS.info,
    function=hashlib.md5,
    prefix="$P$",
    length=34,
    max_password=512,
    default_log2=15,
)

DRUPAL7_UPGRADED = DrupalUpgraded(
    SchemeInfo(
        name="drupal7_upgraded",
        summary="Drupal 7 'U$' row: a Drupal 6 MD5 hex re-hashed with $S$ (or $P$/$H$)",
        aliases=("drupal_u", "drupal7_md5"),
        platforms=("Drupal 7", "Drupal 8", "Drupal 9"),
        prefixes=("U$S$", "U$P$", "U$H$"),
        pattern=rf"U(?:\$S\${_H64}{{52}}|\$[PH]\${_H64}{{31}})",
        self_describing=True,
        strength=Strength.WEAK,
        example="U$S$D" + "s" * 8 + "x" * 43,
    ),
    inner=(DRUPAL7, _DRUPAL_MD5),
)

SCHEMES = (PHPASS, DRUPAL7, DRUPAL7_UPGRADED)
