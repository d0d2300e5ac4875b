"""Discovery, part one: what the stored strings look like.

From the hash strings of a sample this module proposes layouts (bare hex, base64, a salt
before or after a separator, a literal prefix) and, for each, the digest bytes every pair
must reproduce and the salt each pair carries. Only layouts that fit *every* pair survive.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass

from hashcompat.formula._functions import Encoding, Out
from hashcompat.formula._layout import build_layout

__all__ = ["DIGEST_SIZES", "Shape", "shapes"]

# Digest sizes in bytes that discovery knows, and the functions that give them, commonest first.
DIGEST_SIZES: dict[int, tuple[str, ...]] = {
    16: ("md5", "md4"),
    20: ("sha1", "ripemd160"),
    28: ("sha224", "sha3_224"),
    32: ("sha256", "sha3_256", "blake2s"),
    48: ("sha384", "sha3_384"),
    64: ("sha512", "sha3_512", "blake2b"),
}
_HEX = re.compile(r"[0-9a-fA-F]+")
_SEPARATORS = ":$#|;,*"


@dataclass(frozen=True, slots=True)
class Shape:
    """One way to read every hash of the sample.

    ``encoding`` is hex or base-64; ``size`` the digest size in bytes; ``truncate`` the
    number of hex digits kept when the stored digest is a prefix (0 when it is whole).
    ``targets[i]`` are the digest bytes of pair i (for a prefix: the hex text's bytes);
    ``salts[i]`` its embedded salt, or None when the layout has no salt.
    """

    layout: str
    encoding: Encoding
    size: int
    truncate: int
    targets: tuple[bytes, ...]
    salts: tuple[bytes | None, ...]


def _decode_b64(text: str) -> bytes | None:
    if not re.fullmatch(r"[A-Za-z0-9+/]+={0,2}", text):
        return None
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None


def _proposals(stored: str) -> list[tuple[str, Encoding, int, int]]:
    """(layout, encoding, size, truncate) readings of one hash string, simplest first."""
    found: list[tuple[str, Encoding, int, int]] = []
    if _HEX.fullmatch(stored) and len(stored) % 2 == 0:
        if len(stored) // 2 in DIGEST_SIZES:
            found.append(("{hash}", Encoding.HEX, len(stored) // 2, 0))
        elif 8 <= len(stored) < 128:
            for size in DIGEST_SIZES:
                if 2 * size > len(stored):
                    found.append(("{hash}", Encoding.HEX, size, len(stored)))
    raw = _decode_b64(stored)
    if raw is not None and len(raw) in DIGEST_SIZES and len(stored) % 4 == 0:
        found.append(("{hash}", Encoding.B64, len(raw), 0))
    for size in DIGEST_SIZES:
        width = 2 * size
        for sep in _SEPARATORS:
            head, tail = stored[:width], stored[width + 1 :]
            if stored[width : width + 1] == sep and _HEX.fullmatch(head):
                found.append(("{hash}" + sep + "{salt}", Encoding.HEX, size, 0))
            head, tail = stored[: -width - 1], stored[-width:]
            if stored[-width - 1 : -width] == sep and _HEX.fullmatch(tail) and head:
                cut = head.rfind(sep)
                prefix = head[: cut + 1] if cut >= 0 else ""
                found.append((prefix + "{salt}" + sep + "{hash}", Encoding.HEX, size, 0))
    return found


def _read(
    layout: str, encoding: Encoding, size: int, truncate: int, pairs: Sequence[str]
) -> Shape | None:
    width = truncate or (2 * size if encoding is Encoding.HEX else 4 * ((size + 2) // 3))
    split = build_layout(layout, Out(encoding, width)).splitter()
    targets: list[bytes] = []
    salts: list[bytes | None] = []
    for stored in pairs:
        parsed = split(stored)
        if parsed is None or not isinstance(parsed.digest, str):
            return None
        text = parsed.digest
        if encoding is Encoding.B64:
            raw = _decode_b64(text)
            if raw is None or len(raw) != size:
                return None
            targets.append(raw)
        elif truncate:
            targets.append(text.lower().encode("ascii"))
        else:
            targets.append(bytes.fromhex(text))
        salts.append(parsed.salt)
    return Shape(layout, encoding, size, truncate, tuple(targets), tuple(salts))


def shapes(hashes: Sequence[str]) -> list[Shape]:
    """Readings that fit every hash, simplest first (no salt before salt, shortest digest)."""
    if not hashes:
        return []
    seen: set[tuple[str, Encoding, int, int]] = set()
    found: list[Shape] = []
    for proposal in _proposals(hashes[0]):
        if proposal in seen:
            continue
        seen.add(proposal)
        shape = _read(*proposal, hashes)
        if shape is not None:
            found.append(shape)
    return found
