"""Shared primitives that several format families and the index need, defined once.

The alphabets are kept both as plain strings (for ``str.strip`` tests, which run in C) and as
regex character-class fragments (for the scheme patterns), so a format and the identification
index can never disagree about what "hex" or "crypt base-64" means.
"""

from __future__ import annotations

import base64

__all__ = [
    "B64",
    "B64_CLASS",
    "C64",
    "C64_CLASS",
    "HEX",
    "HEX_CLASS",
    "ITOA64",
    "ITOA64_INDEX",
    "PHP_TRIM",
    "PHP_TRIM_BYTES",
    "as_text",
    "b64_nopad",
    "h64_encode",
    "unb64",
    "utf16le",
]

HEX = "0123456789abcdefABCDEF"
# The alphabet of crypt(3) and phpass: "." and "/" then digits, upper, lower (its order is
# the digit order of their base-64).
ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ITOA64_INDEX = {c: i for i, c in enumerate(ITOA64)}
C64 = ITOA64
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="

HEX_CLASS = "[0-9a-fA-F]"
C64_CLASS = "[./0-9A-Za-z]"
B64_CLASS = "[A-Za-z0-9+/]"

# PHP's trim() strips exactly these bytes (and not other Unicode space).
PHP_TRIM = " \t\n\r\0\x0b"
PHP_TRIM_BYTES = PHP_TRIM.encode("ascii")


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


def utf16le(secret: bytes) -> bytes:
    """UTF-16LE of a password given as UTF-8 bytes, as Windows and .NET hash it.

    Bytes that are not UTF-8 are taken as Latin-1, which is what those platforms' byte APIs
    received when such a password was set.
    """
    return as_text(secret).encode("utf-16-le")


def as_text(secret: bytes) -> str:
    """A password given as bytes, as text: UTF-8, or Latin-1 where the bytes are not UTF-8
    (hashcat's rule, and what the byte APIs of Windows and .NET received)."""
    try:
        return secret.decode("utf-8")
    except UnicodeDecodeError:
        return secret.decode("latin-1")


def b64_nopad(data: bytes) -> str:
    """Standard base64 without the ``=`` padding (PHC strings, PBKDF2 string forms)."""
    return base64.b64encode(data).decode("ascii").rstrip("=")


def unb64(text: str) -> bytes:
    """Standard base64 with or without padding; raises binascii.Error on other characters."""
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
