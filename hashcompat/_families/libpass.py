"""The one libpass adapter: a libpass handler behind hashcompat's scheme protocol.

libpass (the maintained passlib fork) is the reference for formats passlib itself defined and
the only maintained Python code for several others. hashcompat adds what libpass leaves to its
caller: a strict pattern for identification, caps on the cost fields of an untrusted hash,
checked before any work, the mapping of ``username=``/``salt=`` onto libpass's ``user``/
``realm`` keywords, and libpass's errors mapped onto hashcompat's. The rows themselves live in
the module of their format family (pbkdf2, django, unixcrypt, delegated for the rest).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from hashcompat._families.kdf import scrypt_costs
from hashcompat._idkey import Key
from hashcompat._primitives import as_text
from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.params import Crypt, Params, Scrypt, Text
from hashcompat.scheme import (
    Cost,
    CostKind,
    Costs,
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

AB64 = "[./A-Za-z0-9]"  # passlib's adapted base64

# The costs one row's string asks for, read from its cost fields (none where it has none).
CostReader = Callable[[str], Costs]


def field_cost(regex: str, kind: CostKind, what: str, base: int = 10) -> CostReader:
    compiled = re.compile(regex)

    def read(hash: str) -> Costs:
        found = compiled.search(hash)
        if found is not None and found.group(1):
            return (Cost(kind, int(found.group(1), base), what),)
        return ()

    return read


def iterations_cost(regex: str, base: int = 10) -> CostReader:
    return field_cost(regex, CostKind.ITERATIONS, "iterations", base)


def bcrypt_cost(regex: str) -> CostReader:
    return field_cost(regex, CostKind.BCRYPT_COST, "cost")


_SCRYPT = re.compile(r"ln=(\d+),r=(\d+),p=(\d+)")


def scrypt_memory(hash: str) -> Costs:
    """passlib's ``ln=,r=,p=``: scrypt's own caps on log2 N, p and the memory it takes."""
    found = _SCRYPT.search(hash)
    if found is None:
        return ()
    log2_n, block_size, parallelism = (int(g) for g in found.groups())
    return scrypt_costs(Scrypt(log2_n, block_size, parallelism))


@dataclass(frozen=True, slots=True)
class Delegated(Scheme, Writer):
    """One libpass handler: ``parse`` checks the shape and reads the costs, ``check`` asks
    libpass. ``writable`` is false for rows that are set, never computed (account markers
    such as ``!`` + 40 characters): they have no writer.

    ``checksum_size`` marks a crypt(3)-style row (a public setting, then a checksum of that
    many characters): it parses into a :class:`~hashcompat.params.Crypt` record, and its
    digest can be recomputed from a password and the setting, so its rows can be wrapped
    offline. 0: the string is checked whole (``Text``)."""

    info: SchemeInfo
    handler_name: str
    costs: tuple[CostReader, ...] = ()
    # libpass keyword -> the hashcompat input that feeds it; required ones are in info.inputs
    context: tuple[tuple[str, str], ...] = ()
    hash_options: tuple[tuple[str, type], ...] = (("rounds", int),)
    text: bool = False  # libpass gets the password as str (it encodes it itself), not UTF-8 bytes
    upper: bool = False  # libpass wants the stored string in upper case (Oracle 11g's hex)
    writable: bool = True
    checksum_size: int = 0
    # a row whose fields hashcompat reads itself: the record from the string, and back
    read: Callable[[str], Params] | None = None
    write: Callable[[Params], str | None] | None = None
    # bytes of the password the platform reads (libxcrypt's bigcrypt: 128); libpass reads all
    truncate: int | None = None
    # passwords the format refuses before computing anything (SCRAM's SASLprep): never set,
    # so they match no stored string
    refuses: Callable[[bytes], bool] | None = None

    @property
    def writer(self) -> Writer | None:
        return self if self.writable else None

    def _handler(self) -> Any:
        return getattr(importlib.import_module("passlib.hash"), self.handler_name)

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "the string does not have this format")
        costs: Costs = ()
        for read in self.costs:
            costs += read(hash)
        if self.read is not None:
            try:
                return Parsed(hash, costs=costs, params=self.read(hash))
            except (ValueError, IndexError):
                raise MalformedHashError(self.info.name, "a field could not be decoded") from None
        size = self.checksum_size
        if size and len(hash) > size:
            rounds = costs[0].value if costs else None
            return Parsed(hash, costs=costs, params=Crypt(hash[:-size], hash[-size:], rounds))
        return Parsed(hash, costs=costs, params=Text(hash))

    def split_setting(self, parsed: Parsed) -> tuple[str, str] | None:
        params = parsed.params
        if not self.checksum_size or not isinstance(params, Crypt):
            return None
        return params.setting, params.checksum

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        """libpass's digest of ``secret`` under ``setting``: its handlers' checksum hook,
        on the setting completed with a placeholder checksum."""
        if not self.checksum_size:
            return Scheme.recompute(self, secret, setting, inputs)
        from passlib.exc import PasswordValueError  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        if self.truncate is not None:
            secret = secret[: self.truncate]
        password: str | bytes = as_text(secret) if self.text else secret
        try:
            found = self._handler().from_string(setting + "." * self.checksum_size)
            return str(found._calc_checksum(password))
        except (PasswordValueError, UnicodeError):
            return ""  # a password the format cannot hold: no stored digest equals ""
        except (ValueError, TypeError) as exc:
            raise MalformedHashError(self.info.name, type(exc).__name__) from None

    def _keywords(self, inputs: Inputs) -> dict[str, str]:
        keywords: dict[str, str] = {}
        for keyword, field in self.context:
            value = (
                inputs.require(self.info.name, field)
                if field in self.info.inputs
                else getattr(inputs, field)
            )
            if value is not None:
                keywords[keyword] = value
        return keywords

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        if self.truncate is not None:
            secret = secret[: self.truncate]
        keywords = self._keywords(inputs)
        from passlib.exc import PasswordValueError  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        if self.refuses is not None and self.refuses(secret):
            return False
        password: str | bytes = as_text(secret) if self.text else secret
        hash = str(parsed.digest)
        stored = hash.upper() if self.upper else hash
        try:
            return bool(self._handler().verify(password, stored, **keywords))
        except (PasswordValueError, UnicodeError):
            return False  # a password the format (or its character set) cannot hold never matched
        except (ValueError, TypeError) as exc:
            raise MalformedHashError(self.info.name, type(exc).__name__) from None

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        options = hash_params(params, dict(self.hash_options), self.info.name)
        keywords = self._keywords(inputs)
        handler = self._handler()
        from passlib.exc import PasswordValueError  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        if self.truncate is not None:
            secret = secret[: self.truncate]
        try:
            made: str = (handler.using(**options) if options else handler).hash(secret, **keywords)
        except (PasswordValueError, ValueError, TypeError) as exc:
            raise InvalidArgumentError(f"{self.info.name}: {type(exc).__name__}") from None
        check_costs(self.info.name, self.parse(made).costs, get_limits())
        return made

    def compose(self, parsed: Parsed) -> str | None:
        params = parsed.params
        if self.write is not None and params is not None:
            made = self.write(params)
            return made if made is not None and self.info.matches(made) else None
        body = params.setting + params.checksum if isinstance(params, Crypt) else None
        if isinstance(params, Text):
            body = params.body
        if body is not None and self.info.matches(body):
            return body  # the same string, as another name for this format reads it
        return None


def saslprep_refuses(secret: bytes) -> bool:
    """Whether SASLprep, as libpass's SCRAM handler applies it, refuses ``secret``.

    libpass raises a plain ValueError for a refusal, told apart from a malformed hash only by
    its message; running SASLprep here, on its own, makes any ValueError it raises a refusal.
    A password that is not UTF-8 is left to the handler (a UnicodeError there)."""
    from passlib.utils import saslprep  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    try:
        text = secret.decode("utf-8")
    except UnicodeDecodeError:
        return False
    try:
        saslprep(text)
    except ValueError:
        return True
    return False


def libpass_row(
    name: str,
    summary: str,
    pattern: str,
    *,
    platforms: tuple[str, ...],
    strength: Strength,
    example: str,
    prefixes: tuple[str, ...] = (),
    self_describing: bool | None = None,
    aliases: tuple[str, ...] = (),
    inputs: tuple[str, ...] = (),
    notes: str = "",
    costs: tuple[CostReader, ...] = (),
    context: tuple[tuple[str, str], ...] = (),
    hash_options: tuple[tuple[str, type], ...] = (("rounds", int),),
    checksum_size: int = 0,
    read: Callable[[str], Params] | None = None,
    write: Callable[[Params], str | None] | None = None,
    truncate: int | None = None,
    refuses: Callable[[bytes], bool] | None = None,
    keys: tuple[Key, ...] = (),
) -> Delegated:
    info = SchemeInfo(
        name=name,
        summary=summary,
        aliases=aliases,
        platforms=platforms,
        prefixes=prefixes,
        pattern=pattern,
        keys=keys,
        self_describing=bool(prefixes) if self_describing is None else self_describing,
        inputs=inputs,
        strength=strength,
        example=example,
        notes=notes,
    )
    return Delegated(
        info,
        name,
        costs,
        context,
        hash_options,
        checksum_size=checksum_size,
        read=read,
        write=write,
        truncate=truncate,
        refuses=refuses,
    )


def verify_only(row: Delegated) -> Delegated:
    """The same row without a writer: for markers that are set, never computed."""
    return replace(row, hash_options=(), writable=False)
