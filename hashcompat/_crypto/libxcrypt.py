"""The system's libxcrypt through ctypes: crypt(3) for the formats no Python library computes.

``crypt_rn`` gets a buffer of our own per call, so calls are thread-safe. Where libcrypt is
missing or lacks a method, the caller gets SchemeUnavailableError. The yescrypt family
(_families/xcrypt.py), BSDi crypt (_families/unixcrypt.py) and bcrypt's ``$2x$`` and ``$2a$``
countermeasure cases (_crypto/bcrypt.py) call it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

from hashcompat.errors import InvalidArgumentError, SchemeUnavailableError

__all__ = ["library", "libxcrypt_available", "libxcrypt_crypt"]

_CRYPT_DATA_SIZE = 32768  # sizeof(struct crypt_data) in libxcrypt


@functools.cache
def library() -> ctypes.CDLL | None:
    """The system's libxcrypt, loaded once; None where libcrypt is missing or is the old glibc
    one (which has neither ``crypt_rn`` nor ``crypt_gensalt_rn``)."""
    path = ctypes.util.find_library("crypt")
    if path is None:
        return None
    try:
        lib = ctypes.CDLL(path)
        lib.crypt_rn.restype = ctypes.c_void_p
        lib.crypt_rn.argtypes = [
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.c_void_p,
            ctypes.c_int,
        ]
        lib.crypt_gensalt_rn.restype = ctypes.c_void_p
        lib.crypt_gensalt_rn.argtypes = [
            ctypes.c_char_p,
            ctypes.c_ulong,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
        ]
    except (OSError, AttributeError):
        return None  # not libxcrypt: the old glibc libcrypt has neither function
    return lib


def libxcrypt_crypt(scheme: str, secret: bytes, setting: str) -> str:
    """crypt(3) of libxcrypt: the whole string ``secret`` gives under ``setting``."""
    found = library()
    if found is None:
        raise SchemeUnavailableError(scheme, "it needs libxcrypt (libcrypt.so.1 with crypt_rn)")
    if b"\0" in secret:
        raise InvalidArgumentError(f"{scheme} cannot hold a password with a NUL byte")
    data = ctypes.create_string_buffer(_CRYPT_DATA_SIZE)
    result = found.crypt_rn(secret, setting.encode("ascii"), data, _CRYPT_DATA_SIZE)
    if not result:
        raise SchemeUnavailableError(scheme, "this libxcrypt does not support the method")
    made = ctypes.string_at(result).decode("ascii")
    if made.startswith("*"):
        raise SchemeUnavailableError(scheme, "this libxcrypt does not support the method")
    return made


def libxcrypt_available() -> bool:
    """Whether the system's libcrypt is libxcrypt (has ``crypt_rn``)."""
    return library() is not None
