"""Argon2 PHC strings (``$argon2id$``, ``$argon2i$``, ``$argon2d$``) through argon2-cffi.

The parameters are read and capped before argon2-cffi is called: an exported row with
``m=4194304`` would otherwise allocate 4 GiB during a login.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from hashcompat._idkey import Key
from hashcompat._primitives import B64_CLASS as _B64
from hashcompat._primitives import b64_nopad, unb64
from hashcompat.errors import MalformedHashError
from hashcompat.params import Argon2 as Argon2Params
from hashcompat.scheme import (
    Cost,
    CostKind,
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    Writer,
    check_costs,
    get_limits,
    hash_params,
)

_PATTERN = (
    rf"\$argon2(id|i|d)\$(?:v=(16|19)\$)?m=(\d{{1,10}}),t=(\d{{1,10}}),p=(\d{{1,3}})"
    rf"(?:,keyid={_B64}*,data={_B64}*|,data={_B64}*)?\${_B64}{{8,}}\${_B64}{{6,}}"
)
_RE = re.compile(_PATTERN)


def argon2_costs(params: Argon2Params) -> tuple[Cost, ...]:
    return (
        Cost(CostKind.ARGON2_MEMORY_KIB, params.memory_kib, "m"),
        Cost(CostKind.ARGON2_TIME_COST, params.time_cost, "t"),
        Cost(CostKind.ARGON2_PARALLELISM, params.parallelism, "p"),
        # time grows with memory x passes: m=1 GiB with t=16 is under both caps, yet minutes
        Cost(CostKind.ARGON2_WORK, params.memory_kib * params.time_cost, "work (KiB x t)"),
    )


def parse_argon2(scheme: str, hash: str) -> Parsed:
    """The parsed PHC string: its :class:`~hashcompat.params.Argon2` record (with the raw salt
    and key) and costs; the digest is the whole string (argon2-cffi reads it)."""
    match = _RE.fullmatch(hash)
    if match is None:
        raise MalformedHashError(scheme, "expected $argon2id$v=19$m=...,t=...,p=...$salt$digest")
    variant, version, memory, time_cost, parallelism = match.groups()
    salt, key = _salt_and_key(scheme, hash)
    params = Argon2Params(variant, int(version or 16), int(memory), int(time_cost),
                          int(parallelism), len(key), salt, key)  # fmt: skip
    costs = argon2_costs(params)
    if params.time_cost < 1 or params.parallelism < 1 or params.memory_kib < 8 * params.parallelism:
        raise MalformedHashError(scheme, "t and p must be at least 1 and m at least 8*p")
    return Parsed(hash, costs=costs, params=params)


def _salt_and_key(scheme: str, hash: str) -> tuple[bytes, bytes]:
    """The raw salt and key of a PHC string that matched the pattern (its last two fields)."""
    salt, key = hash.rsplit("$", 2)[1:]
    try:
        return unb64(salt), unb64(key)
    except binascii.Error:  # a length no base64 has (4n + 1 characters)
        raise MalformedHashError(scheme, "the salt or hash is not base64") from None


def phc_string(params: Argon2Params) -> str:
    """The PHC string of an argon2 record, from its raw salt and key (``v=`` always written)."""
    head = f"$argon2{params.variant}$v={params.version}$m={params.memory_kib}"
    tail = f"{b64_nopad(params.salt)}${b64_nopad(params.key)}"
    return f"{head},t={params.time_cost},p={params.parallelism}${tail}"


@dataclass(frozen=True, slots=True)
class Argon2(Scheme, Writer):
    info: SchemeInfo

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        return parse_argon2(self.info.name, hash)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        params = parsed.params
        assert isinstance(params, Argon2Params)  # noqa: S101 - parse made it
        from argon2 import Type, exceptions, low_level  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        kind = {"id": Type.ID, "i": Type.I, "d": Type.D}[params.variant]
        try:
            return low_level.verify_secret(str(parsed.digest).encode("ascii"), secret, kind)
        except exceptions.VerifyMismatchError:
            return False
        except exceptions.VerificationError as exc:  # argon2 rejected the encoded string
            raise MalformedHashError(self.info.name, "argon2 could not decode the string") from exc

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        options = hash_params(
            params,
            {"memory_cost": int, "time_cost": int, "parallelism": int, "variant": str},
            self.info.name,
        )
        from argon2 import PasswordHasher, Type  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        default = PasswordHasher()  # argon2-cffi's recommended profile (RFC 9106 low memory)
        variant = cast(str, options.get("variant", "id"))
        if variant not in ("id", "i", "d"):
            raise MalformedHashError(self.info.name, "variant must be id, i or d")
        hasher = PasswordHasher(
            time_cost=cast(int, options.get("time_cost", default.time_cost)),
            memory_cost=cast(int, options.get("memory_cost", default.memory_cost)),
            parallelism=cast(int, options.get("parallelism", default.parallelism)),
            type={"id": Type.ID, "i": Type.I, "d": Type.D}[variant],
        )
        encoded = hasher.hash(secret)
        written = parse_argon2(self.info.name, encoded)
        check_costs(self.info.name, written.costs, get_limits())  # the caps apply to it too
        return encoded

    def compose(self, parsed: Parsed) -> str | None:
        """The PHC string: the parsed one, or one written from a raw salt and key."""
        found, digest = parsed.params, parsed.digest
        if not isinstance(found, Argon2Params):
            return None
        if isinstance(digest, str):
            return digest
        made = phc_string(found)
        return made if self.info.matches(made) else None

    def needs_update(self, parsed: Parsed, params: Mapping[str, object] | None = None) -> bool:
        """True when ``parsed`` is weaker than ``params`` (default: argon2-cffi's profile)."""
        found = parsed.params
        assert isinstance(found, Argon2Params)  # noqa: S101 - parse made it
        from argon2 import PasswordHasher  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        default = PasswordHasher()
        wanted = dict(params or {})
        return (
            found.variant != wanted.get("variant", "id")
            or found.version < 19
            or found.memory_kib < cast(int, wanted.get("memory_cost", default.memory_cost))
            or found.time_cost < cast(int, wanted.get("time_cost", default.time_cost))
        )


ARGON2 = Argon2(
    SchemeInfo(
        name="argon2",
        summary="Argon2 PHC string: argon2id, argon2i or argon2d",
        aliases=("argon2id", "argon2i", "argon2d", "php_argon2", "joomla_argon2", "phpbb3_argon2"),
        platforms=(
            "PHP password_hash",
            "Drupal 10+",
            "Django",
            "Symfony",
            "Laravel",
            "Keycloak",
            "Joomla 4+",
            "phpBB 3.3",
        ),
        prefixes=("$argon2id$", "$argon2i$", "$argon2d$"),
        pattern=_PATTERN,
        keys=(Key("$argon2", low=36),),
        self_describing=True,
        strength=Strength.MODERN,
        example="$argon2id$v=19$m=65536,t=3,p=4$" + "s" * 22 + "$" + "x" * 43,
    ),
)

SCHEMES = (ARGON2,)
