"""Keycloak password credentials: the JSON that a realm export (or the CREDENTIAL table) holds.

Keycloak keeps a password as two JSON documents stored as strings, ``secretData``
(``{"value": base64 key, "salt": base64 salt, "additionalParameters": {}}``) and
``credentialData`` (``{"hashIterations": n, "algorithm": id, "additionalParameters": {...}}``).
The string form here is the credential representation of a realm export with those two fields,
compact JSON: ``{"type":"password","secretData":"{...}","credentialData":"{...}"}``.

- ``pbkdf2-sha256``, ``pbkdf2-sha512`` (Pbkdf2PasswordHashProvider): PBKDF2-HMAC
  over the UTF-8 password, the key size taken from the stored value's length. Keycloak pads a
  password under 14 characters with NULs; HMAC pads its key with zeros to the block size, so
  this never changes the result, and plain PBKDF2 is exact.
- ``argon2`` (Argon2PasswordHashProvider, the default since Keycloak 24): BouncyCastle argon2
  with ``type``, ``version``, ``hashLength``, ``memory`` and ``parallelism`` in
  ``additionalParameters`` and the time cost in ``hashIterations``; value is the raw key.

Defaults are Keycloak 26's: pbkdf2-sha512 210,000, pbkdf2-sha256 600,000 iterations with a
16-byte salt; argon2id v1.3, 32 bytes, 7168 KiB, 5 passes, 1 lane. The legacy ``pbkdf2``
(HMAC-SHA1) provider is not registered yet: no vector from Keycloak itself was found for it.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from hashcompat._families.kdf import capped_pbkdf2, check_pbkdf2, pbkdf2_parsed
from hashcompat.errors import InvalidArgumentError, MalformedHashError
from hashcompat.params import Argon2, Pbkdf2
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
    equal,
    get_limits,
    hash_params,
)

_ARGON2_TYPES = {"id": "ID", "i": "I", "d": "D"}
_ARGON2_VERSIONS = {"1.3": 0x13, "1.0": 0x10}
ARGON2_DEFAULTS = {"type": "id", "version": "1.3", "hashLength": 32, "memory": 7168,
                   "iterations": 5, "parallelism": 1}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Document:
    """The fields Keycloak's provider reads from a credential's two JSON documents."""

    algorithm: str
    iterations: int
    salt: bytes
    value: bytes
    parameters: Mapping[str, str]  # additionalParameters, first value of each list


def credential_json(
    algorithm: str,
    iterations: int,
    salt: bytes,
    value: bytes,
    parameters: Mapping[str, str] | None = None,
) -> str:
    """The realm-export representation, compact, with Keycloak's JSON-in-JSON fields."""
    extra = {k: [v] for k, v in (parameters or {}).items()}
    secret = {"value": _b64(value), "salt": _b64(salt), "additionalParameters": {}}
    data = {"hashIterations": iterations, "algorithm": algorithm, "additionalParameters": extra}
    return json.dumps(
        {"type": "password", "secretData": _dumps(secret), "credentialData": _dumps(data)},
        separators=(",", ":"),
    )


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def parse_credential(scheme: str, text: str) -> Document:
    """The fields of a credential representation; MalformedHashError for anything else."""
    try:
        outer = json.loads(text)
        secret = json.loads(outer["secretData"])
        data = json.loads(outer["credentialData"])
        iterations = data["hashIterations"]
        algorithm = data["algorithm"]
        extra = data.get("additionalParameters") or {}
        parameters = {str(k): str(v[0]) for k, v in extra.items() if isinstance(v, list) and v}
        salt = base64.b64decode(secret["salt"], validate=True)
        value = base64.b64decode(secret["value"], validate=True)
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error):
        raise MalformedHashError(scheme, "expected secretData and credentialData JSON") from None
    if not isinstance(iterations, int) or isinstance(iterations, bool) or iterations < 1:
        raise MalformedHashError(scheme, "hashIterations must be a positive integer")
    if not isinstance(algorithm, str) or not value:
        raise MalformedHashError(scheme, "no algorithm or an empty value")
    return Document(algorithm, iterations, salt, value, parameters)


def argon2_parsed(scheme: str, found: Document) -> Parsed:
    """Keycloak's argon2 parameters as the one Argon2 record, with their costs; the sizes
    argon2 refuses are malformed."""
    p = found.parameters
    try:
        variant, version = p["type"], _ARGON2_VERSIONS[p["version"]]
        _ARGON2_TYPES[variant]
        length, memory, lanes = int(p["hashLength"]), int(p["memory"]), int(p["parallelism"])
    except (KeyError, ValueError):
        raise MalformedHashError(scheme, "argon2 needs type, version, sizes") from None
    costs = (
        Cost(CostKind.ARGON2_MEMORY_KIB, memory, "memory"),
        Cost(CostKind.ARGON2_TIME_COST, found.iterations, "iterations"),
        Cost(CostKind.ARGON2_PARALLELISM, lanes, "parallelism"),
    )
    if not 4 <= length <= 1024 or lanes < 1 or memory < 8 * lanes or len(found.salt) < 8:
        raise MalformedHashError(scheme, "argon2 sizes out of range")
    params = Argon2(
        variant, version, memory, found.iterations, lanes, length, found.salt, found.value
    )
    return Parsed(found.value, found.salt, costs=costs, params=params)


def argon2_raw(scheme: str, secret: bytes, parsed: Parsed) -> bytes:
    """Keycloak's argon2 key for ``secret`` under ``parsed`` (costs already checked)."""
    params = parsed.params
    assert isinstance(params, Argon2)  # noqa: S101 - argon2_parsed made it
    from argon2 import Type, low_level  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    return low_level.hash_secret_raw(
        secret,
        parsed.salt or b"",
        params.time_cost,
        params.memory_kib,
        params.parallelism,
        params.length,
        getattr(Type, _ARGON2_TYPES[params.variant]),
        params.version,
    )


def _argon2_credential(parsed: Parsed) -> str:
    params = parsed.params
    assert isinstance(params, Argon2)  # noqa: S101 - the caller checked
    salt, key = params.salt, params.key
    version = next(k for k, v in _ARGON2_VERSIONS.items() if v == params.version)
    extra = {"hashLength": str(len(key)), "memory": str(params.memory_kib), "type": params.variant,
             "version": version, "parallelism": str(params.parallelism)}  # fmt: skip
    return credential_json("argon2", params.time_cost, salt, key, extra)


@dataclass(frozen=True, slots=True)
class KeycloakCredential(Scheme, Writer):
    info: SchemeInfo
    algorithm: str  # Keycloak's provider id
    digest: str  # hashlib name for PBKDF2, "" for argon2
    iterations: int  # Keycloak's default

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        """Any JSON form of the credential (a realm export's, with its other fields and
        spacing); only the compact form of :func:`credential_json` is identified."""
        found = parse_credential(self.info.name, hash)
        if found.algorithm != self.algorithm:
            raise MalformedHashError(self.info.name, f"expected algorithm {self.algorithm}")
        if not self.digest:
            return argon2_parsed(self.info.name, found)
        return pbkdf2_parsed(Pbkdf2(self.digest, found.iterations, found.salt, found.value))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        if not self.digest:
            return equal(argon2_raw(self.info.name, secret, parsed), parsed.digest)
        return check_pbkdf2(self.info.name, secret, parsed)

    def compose(self, parsed: Parsed) -> str | None:
        """A credential from a PBKDF2 record of this provider's digest, or from any argon2
        value (a PHC string's or Keycloak's own)."""
        params = parsed.params
        if not self.digest:
            return _argon2_credential(parsed) if isinstance(params, Argon2) else None
        if not isinstance(params, Pbkdf2) or params.digest != self.digest or params.prehash:
            return None
        return credential_json(self.algorithm, params.iterations, params.salt, params.key)

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        salt = os.urandom(16)
        if not self.digest:
            allowed = {"iterations": int, "memory": int, "parallelism": int,
                       "hashLength": int, "type": str}  # fmt: skip
            options = {**ARGON2_DEFAULTS, **hash_params(params, allowed, self.info.name)}
            extra = {k: str(options[k]) for k in ("hashLength", "memory", "parallelism")}
            extra.update(type=str(options["type"]), version=str(options["version"]))
            found = Document("argon2", cast(int, options["iterations"]), salt, b"-", extra)
            parsed = argon2_parsed(self.info.name, found)
            check_costs(self.info.name, parsed.costs, get_limits())
            value = argon2_raw(self.info.name, secret, parsed)
            return credential_json("argon2", found.iterations, salt, value, extra)
        options = hash_params(params, {"iterations": int, "key_size": int}, self.info.name)
        iterations = cast(int, options.get("iterations", self.iterations))
        size = cast(int, options.get("key_size", 64))  # DEFAULT_DERIVED_KEY_SIZE: 512 bits
        if iterations < 1 or not 16 <= size <= 128:
            raise InvalidArgumentError(f"{self.info.name}: iterations >= 1, key_size 16..128")
        value = capped_pbkdf2(self.info.name, self.digest, secret, salt, iterations, length=size)
        return credential_json(self.algorithm, iterations, salt, value)


_B64 = "(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"
_Q = r'\\"'  # a quote inside the inner JSON string: backslash, quote
_PARAM = rf"{_Q}\w+{_Q}:\[{_Q}[\w.]+{_Q}\]"


def _pattern(algorithm: str) -> str:
    """The compact realm-export form, exactly: what credential_json writes."""
    secret = (
        rf"{_Q}value{_Q}:{_Q}{_B64}{_Q},{_Q}salt{_Q}:{_Q}{_B64}{_Q},"
        rf"{_Q}additionalParameters{_Q}:\{{\}}"
    )
    data = (
        rf"{_Q}hashIterations{_Q}:\d{{1,10}},{_Q}algorithm{_Q}:{_Q}{re.escape(algorithm)}{_Q},"
        rf"{_Q}additionalParameters{_Q}:\{{(?:{_PARAM}(?:,{_PARAM})*)?\}}"
    )
    return rf'\{{"type":"password","secretData":"\{{{secret}\}}","credentialData":"\{{{data}\}}"\}}'


def _scheme(algorithm: str, digest: str, iterations: int, strength: Strength) -> KeycloakCredential:
    name = "keycloak_" + algorithm.replace("-", "_")
    what = f"PBKDF2-HMAC-{(digest or 'sha1').upper()}" if digest else "argon2"
    return KeycloakCredential(
        SchemeInfo(
            name=name,
            summary=f"Keycloak {algorithm} credential ({what}): secretData + credentialData JSON",
            aliases=(f"keycloak_{algorithm}",) if "-" in algorithm else (),
            platforms=("Keycloak (realm export, CREDENTIAL table)",),
            prefixes=('{"type":"password","secretData":"{',),
            pattern=_pattern(algorithm),
            self_describing=True,
            strength=strength,
            example=credential_json(algorithm, iterations, b"s" * 16, b"x" * 32),
            notes="compact JSON of the realm export's credential; other fields are ignored",
        ),
        algorithm,
        digest,
        iterations,
    )


SCHEMES = (
    _scheme("pbkdf2-sha512", "sha512", 210_000, Strength.LEGACY_OK),
    _scheme("pbkdf2-sha256", "sha256", 600_000, Strength.LEGACY_OK),
    _scheme("argon2", "", 5, Strength.MODERN),
)
