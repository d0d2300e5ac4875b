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

from hashcompat.errors import MalformedHashError
from hashcompat.scheme import Inputs, SchemeInfo, Strength, check_cap, equal, get_limits

_VERSION = r"(?:0|1|2|3_\d{1,3}_\d{1,3}_\d{1,12})"
_PATTERN = rf"(?:[0-9a-f]{{32}}|[0-9a-f]{{64,128}}):[^:]{{0,128}}:{_VERSION}(?::{_VERSION}){{0,8}}"
_AGNOSTIC = re.compile(r"3_(\d+)_(\d+)_(\d+)")
_INTERACTIVE = (32, 2, 64 * 1024 * 1024)  # libsodium's *_INTERACTIVE, as version 2 uses


@dataclass(frozen=True, slots=True)
class Magento2:
    info: SchemeInfo

    def verify(self, secret: bytes, hash: str, inputs: Inputs) -> bool:
        if not self.info.matches(hash):
            raise MalformedHashError(self.info.name, "expected hash:salt:version[:version...]")
        stored, salt, *versions = hash.split(":")
        steps = [self._argon_params(v) for v in versions]  # caps checked before any work
        recreated = secret
        for version, argon in zip(versions, steps, strict=True):
            if argon is not None:
                recreated = self._argon(recreated, salt.encode("utf-8"), *argon)
            else:
                algorithm = "md5" if version == "0" else "sha256"
                data = salt.encode("utf-8") + recreated
                recreated = hashlib.new(algorithm, data).hexdigest().encode("ascii")
        return equal(recreated, stored.encode("ascii"))

    def _argon_params(self, version: str) -> tuple[int, int, int] | None:
        if version == "2":
            return _INTERACTIVE
        found = _AGNOSTIC.fullmatch(version)
        if found is None:
            return None
        seed, ops, memory = (int(g) for g in found.groups())
        limits = get_limits()
        check_cap(self.info.name, "seed bytes", seed, 64)
        check_cap(self.info.name, "opslimit", ops, limits.max_argon2_time_cost)
        check_cap(self.info.name, "memlimit (KiB)", memory // 1024, limits.max_argon2_memory_kib)
        if seed < 16 or ops < 1 or memory < 8192:
            raise MalformedHashError(self.info.name, "argon2 parameters below libsodium's minimum")
        return seed, ops, memory

    @staticmethod
    def _argon(data: bytes, salt: bytes, seed: int, ops: int, memory: int) -> bytes:
        from argon2.low_level import Type, hash_secret_raw

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
            self_describing=True,
            strength=Strength.LEGACY_OK,
            example="<64 hex>:<32-char salt>:1",
            notes="strength depends on the last version: 0/1 are weak digests, 2/3 argon2id",
        )
    ),
)
