"""Magento 2 password hashes: ``hash:salt:versions``, replayed version by version.

Magento 2.4's Encryptor writes ``hash:salt:version``: version 0 is md5(salt . password), 1 is
sha256(salt . password), 2 and ``3_seed_ops_mem`` are libsodium's argon2id13 of the password
with the salt cut or padded to 16 bytes. ``bin/magento customer:hash:upgrade`` hashes a stored
hash again and appends the new version (``hash:salt:0:1``); checking replays every version in
order, feeding each hex result to the next. argon2id13 is computed with argon2-cffi's raw
function at libsodium's parameters (parallelism 1), its memory and passes capped first.
Vectors: tests/vectors/magento2.jsonl (make_magento2.php).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from hashcompat._idkey import Alphabet, Key
from hashcompat.errors import MalformedHashError
from hashcompat.params import Digest as DigestParams
from hashcompat.scheme import (
    Cost,
    CostKind,
    Costs,
    Inputs,
    Parsed,
    Scheme,
    SchemeInfo,
    Strength,
    equal,
)

_VERSION = r"(?:0|1|2|3_\d{1,3}_\d{1,3}_\d{1,12})"
_PATTERN = rf"(?:[0-9a-f]{{32}}|[0-9a-f]{{64,128}}):[^:]{{0,128}}:{_VERSION}(?::{_VERSION}){{0,8}}"
_AGNOSTIC = re.compile(r"3_(\d+)_(\d+)_(\d+)")
_INTERACTIVE = (32, 2, 64 * 1024 * 1024)  # libsodium's *_INTERACTIVE, as version 2 uses


_ONE_STEP = {"0": "md5", "1": "sha256"}  # versions that are algorithm(salt . password)
_MAX_SEED = 64  # libsodium's crypto_pwhash output the version string may ask for


@dataclass(frozen=True, slots=True)
class Magento2(Scheme):
    """``hash:salt:version[:version...]``: each version a step of the chain. parse reads
    each argon2 step's parameters (their costs are checked before any work); the digest is
    the stored hash, the salt the text salt, and ``salt_text`` keeps the versions."""

    info: SchemeInfo

    def parse(self, hash: str) -> Parsed:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected hash:salt:version[:version...]")
        stored, salt, *versions = hash.split(":")
        costs: Costs = ()
        for version in versions:
            argon = self._argon_params(version)
            if argon is not None:
                _, ops, memory = argon
                costs += (
                    Cost(CostKind.ARGON2_TIME_COST, ops, "opslimit"),
                    Cost(CostKind.ARGON2_MEMORY_KIB, memory // 1024, "memlimit (KiB)"),
                )
        params = None
        if len(versions) == 1 and versions[0] in _ONE_STEP:  # a plain salted digest
            algorithm = _ONE_STEP[versions[0]]
            params = DigestParams(algorithm, bytes.fromhex(stored), salt.encode(), salt_first=True)
        return Parsed(stored, salt.encode("utf-8"), ":".join(versions), costs, params)

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        salt = parsed.salt or b""
        recreated = secret
        for version in parsed.salt_text.split(":"):
            argon = self._argon_params(version)
            if argon is not None:
                recreated = self._argon(recreated, salt, *argon)
            else:
                algorithm = "md5" if version == "0" else "sha256"
                recreated = hashlib.new(algorithm, salt + recreated).hexdigest().encode("ascii")
        return equal(recreated, str(parsed.digest).encode("ascii"))

    def _argon_params(self, version: str) -> tuple[int, int, int] | None:
        if version == "2":
            return _INTERACTIVE
        found = _AGNOSTIC.fullmatch(version)
        if found is None:
            return None
        seed, ops, memory = (int(g) for g in found.groups())
        if not 16 <= seed <= _MAX_SEED or ops < 1 or memory < 8192:
            raise MalformedHashError(self.info.name, "argon2 parameters outside libsodium's range")
        return seed, ops, memory

    @staticmethod
    def _argon(data: bytes, salt: bytes, seed: int, ops: int, memory: int) -> bytes:
        from argon2.low_level import Type, hash_secret_raw  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

        if not salt:
            raise MalformedHashError("magento2", "an empty salt cannot feed argon2")
        salt = (salt * 16)[:16]  # PHP's str_pad repeats a short salt; substr cuts a long one
        raw = hash_secret_raw(data, salt, ops, memory // 1024, 1, seed, Type.ID, version=19)
        return raw.hex().encode("ascii")


SCHEMES = (
    Magento2(
        SchemeInfo(
            name="magento2",
            summary="Magento 2 hash:salt:version (0 md5, 1 sha256, 2/3 argon2id13; chains)",
            aliases=("magento", "magento24"),
            platforms=("Magento 2 / Adobe Commerce (customer_entity, admin_user)",),
            pattern=_PATTERN,
            # hex digest (32, or 64 to 128), ":" salt ":" version: hex first, two colons
            keys=(Key("", Alphabet.TEXT, 35, 464, start=Alphabet.HEX, marks=":"),),
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="<64 hex>:<32-char salt>:1",
            notes="strength depends on the last version: 0/1 are weak digests, 2/3 argon2id",
        )
    ),
)
