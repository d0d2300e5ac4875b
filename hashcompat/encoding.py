"""Text encodings of binary digests used by legacy formats."""

from __future__ import annotations

__all__ = ["ITOA64", "h64_encode"]

# The alphabet of crypt(3) and phpass: "." and "/" then digits, upper, lower.
ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ITOA64_INDEX = {c: i for i, c in enumerate(ITOA64)}


def h64_encode(data: bytes) -> str:
    """phpass's ``encode64``: little-endian groups of 3 bytes, 6 bits a character.

    A final group of n < 3 bytes gives n + 1 characters, so 16 bytes give 22 characters.
    """
    out = []
    for i in range(0, len(data), 3):
        chunk = data[i : i + 3]
        value = int.from_bytes(chunk, "little")
        for shift in range(0, 6 * (len(chunk) + 1), 6):
            out.append(ITOA64[(value >> shift) & 63])
    return "".join(out)
