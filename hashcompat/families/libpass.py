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

from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.primitives import as_text
from hashcompat.scheme import (
    Inputs,
    Limits,
    SchemeInfo,
    Strength,
    check_cap,
    get_limits,
    hash_params,
)

AB64 = "[./A-Za-z0-9]"  # passlib's adapted base64

# A check of the cost fields of a stored string against the caps; raises when one is over.
Cost = Callable[[str, str, Limits], None]


def field_cost(regex: str, what: str, cap: Callable[[Limits], int], base: int = 10) -> Cost:
    compiled = re.compile(regex)

    def check(name: str, hash: str, limits: Limits) -> None:
        found = compiled.search(hash)
        if found is not None and found.group(1):
            check_cap(name, what, int(found.group(1), base), cap(limits))

    return check


def iterations_cost(regex: str, base: int = 10) -> Cost:
    return field_cost(regex, "iterations", lambda limits: limits.max_iterations, base)


def bcrypt_cost(regex: str) -> Cost:
    return field_cost(regex, "cost", lambda limits: limits.max_bcrypt_cost)


_SCRYPT = re.compile(r"ln=(\d+),r=(\d+),p=(\d+)")


def scrypt_memory(name: str, hash: str, limits: Limits) -> None:
    found = _SCRYPT.search(hash)
    if found is not None:
        log2_n, block_size, parallelism = (int(g) for g in found.groups())
        check_cap(name, "log2 N", log2_n, limits.max_log2_rounds)
        check_cap(name, "parallelism", parallelism, limits.max_argon2_parallelism)
        kib = 128 * block_size * (1 << log2_n) // 1024
        check_cap(name, "memory (KiB)", kib, limits.max_argon2_memory_kib)
        work = limits.max_argon2_memory_kib * limits.max_argon2_parallelism
        check_cap(name, "work (KiB)", kib * parallelism, work)  # time grows with N * r * p


@dataclass(frozen=True, slots=True)
class Delegated:
    """One libpass handler: ``verify`` checks the shape and the costs, then asks libpass."""

    info: SchemeInfo
    handler_name: str
    costs: tuple[Cost, ...] = ()
    # libpass keyword -> the hashcompat input that feeds it; required ones are in info.inputs
    context: tuple[tuple[str, str], ...] = ()
    hash_options: tuple[tuple[str, type], ...] = (("rounds", int),)
    text: bool = False  # libpass gets the password as str (it encodes it itself), not UTF-8 bytes
    upper: bool = False  # libpass wants the stored string in upper case (Oracle 11g's hex)
    # bytes of the password the platform reads (libxcrypt's bigcrypt: 128); libpass reads all
    truncate: int | None = None

    def _handler(self) -> Any:
        return getattr(importlib.import_module("passlib.hash"), self.handler_name)

    def _check(self, hash: str) -> None:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "the string does not have this format")
        limits = get_limits()
        for check in self.costs:
            check(self.info.name, hash, limits)

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

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        self._check(hash)
        keywords = self._keywords(inputs)
        from passlib.exc import PasswordValueError

        if self.truncate is not None:
            secret = secret[: self.truncate]
        password: str | bytes = as_text(secret) if self.text else secret
        stored = hash.upper() if self.upper else hash
        try:
            return bool(self._handler().verify(password, stored, **keywords))
        except (PasswordValueError, UnicodeError):
            return False  # a password the format (or its character set) cannot hold never matched
        except (ValueError, TypeError) as exc:
            if str(exc).startswith("SASLprep"):
                return False  # SCRAM refuses such a password when it is set, so none matched
            raise MalformedHashError(self.info.name, type(exc).__name__) from None


@dataclass(frozen=True, slots=True)
class WritableDelegated(Delegated):
    """A libpass handler hashcompat also writes with; verify-only rows (account markers such
    as ``!`` + 40 characters) are plain :class:`Delegated`, without ``hash``."""

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        options = hash_params(params, dict(self.hash_options), self.info.name)
        keywords = self._keywords(inputs)
        handler = self._handler()
        from passlib.exc import PasswordValueError

        if self.truncate is not None:
            secret = secret[: self.truncate]
        try:
            made: str = (handler.using(**options) if options else handler).hash(secret, **keywords)
        except (PasswordValueError, ValueError, TypeError) as exc:
            raise InvalidArgumentError(f"{self.info.name}: {type(exc).__name__}") from None
        self._check(made)
        return made


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
    costs: tuple[Cost, ...] = (),
    context: tuple[tuple[str, str], ...] = (),
    hash_options: tuple[tuple[str, type], ...] = (("rounds", int),),
    truncate: int | None = None,
) -> WritableDelegated:
    info = SchemeInfo(
        name=name,
        summary=summary,
        aliases=aliases,
        platforms=platforms,
        prefixes=prefixes,
        pattern=pattern,
        self_describing=bool(prefixes) if self_describing is None else self_describing,
        inputs=inputs,
        strength=strength,
        can_hash=True,
        example=example,
        notes=notes,
    )
    return WritableDelegated(info, name, costs, context, hash_options, truncate=truncate)


def verify_only(row: Delegated) -> Delegated:
    """The same row without ``hash``: for markers that are set, never computed."""
    info = replace(row.info, can_hash=False)
    return Delegated(
        info, row.handler_name, row.costs, row.context, (), row.text, row.upper, row.truncate
    )
