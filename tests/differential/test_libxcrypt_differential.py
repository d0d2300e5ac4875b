"""Differential test against the system's libxcrypt (ctypes ``crypt_rn``; skipped where absent).

For every crypt(3) scheme libxcrypt implements, random passwords (8-bit bytes, long, empty) and
random valid settings (salts from the whole alphabet each implementation accepts, low costs):

- the string libxcrypt makes verifies under hashcompat, and a changed password gets the verdict
  libxcrypt gives it (crypt of it under the stored string equals the string, or not);
- where hashcompat writes the scheme, libxcrypt recomputes hashcompat's string byte for byte.

Bounded example counts and costs keep it to seconds. It found the ``$2a$`` countermeasure,
the salt alphabet of md5/sha-crypt and bigcrypt's 128-byte limit.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import random
from collections.abc import Callable

import pytest

import hashcompat

H64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# printable ASCII libxcrypt takes in md5/sha-crypt salts (it refuses space and !*:;\ there)
WIDE = "".join(c for c in map(chr, range(0x21, 0x7F)) if c not in "$!*:;\\")
EXAMPLES = 12


def _library() -> ctypes.CDLL | None:
    path = ctypes.util.find_library("crypt")
    if path is None:
        return None
    try:
        library = ctypes.CDLL(path)
        library.crypt_rn.restype = ctypes.c_void_p
        library.crypt_rn.argtypes = [
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.c_void_p,
            ctypes.c_int,
        ]
    except (OSError, AttributeError):
        return None
    return library


LIBRARY = _library()
pytestmark = pytest.mark.skipif(LIBRARY is None, reason="libxcrypt (crypt_rn) is not installed")


def crypt(password: bytes, setting: str) -> str | None:
    """libxcrypt's string, or None where it refuses the setting."""
    assert LIBRARY is not None
    data = ctypes.create_string_buffer(32768)
    result = LIBRARY.crypt_rn(password, setting.encode("latin-1"), data, 32768)
    if not result:
        return None
    made = ctypes.string_at(result).decode("latin-1")
    return None if made.startswith("*") else made


def _text(rng: random.Random, alphabet: str, low: int, high: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def _groups(rng: random.Random) -> str:
    return "".join(_text(rng, H64, 4, 4) for _ in range(rng.randint(1, 5)))


def _int64(value: int, chars: int) -> str:
    return "".join(H64[(value >> (6 * i)) & 63] for i in range(chars))


def _password(rng: random.Random) -> bytes:
    kind = rng.randrange(5)
    if kind == 0:
        return b""
    if kind == 1:  # 8-bit bytes, weighted to the ones crypt_blowfish's sign bug cares about
        pool = (0x80, 0xA3, 0xFF, *range(1, 256))
        return bytes(rng.choice(pool) for _ in range(rng.randint(1, 24)))
    if kind == 2:  # long: over DES's 8, bcrypt's 72, bigcrypt's 128
        return bytes(rng.randrange(1, 256) for _ in range(rng.choice((9, 72, 73, 128, 129, 300))))
    if kind == 3:
        return "pässwörd €".encode()
    return _text(rng, H64 + " !#", 1, 16).encode()


def _bcrypt(ident: str) -> Callable[[random.Random], str]:
    def setting(rng: random.Random) -> str:
        return f"${ident}$0{rng.choice('45')}$" + _text(rng, H64, 21, 21) + rng.choice(".Oeu")

    return setting


SETTINGS: dict[str, Callable[[random.Random], str]] = {
    "md5_crypt": lambda rng: "$1$" + _text(rng, rng.choice((H64, WIDE)), 0, 8) + "$",
    "sha256_crypt": lambda rng: (
        "$5$"
        + rng.choice(("", f"rounds={rng.randint(1000, 3000)}$"))
        + _text(rng, rng.choice((H64, WIDE)), 0, 16)
        + "$"
    ),
    "sha512_crypt": lambda rng: (
        "$6$"
        + rng.choice(("", f"rounds={rng.randint(1000, 3000)}$"))
        + _text(rng, rng.choice((H64, WIDE)), 0, 16)
        + "$"
    ),
    "des_crypt": lambda rng: _text(rng, H64, 2, 2),
    "bsdi_crypt": lambda rng: "_" + _int64(rng.randint(1, 3000), 4) + _text(rng, H64, 4, 4),
    "bigcrypt": lambda rng: _text(rng, H64, 2, 2) + "." * 400,
    "bcrypt/2a": _bcrypt("2a"),
    "bcrypt/2b": _bcrypt("2b"),
    "bcrypt/2y": _bcrypt("2y"),
    "bcrypt/2x": _bcrypt("2x"),
    "sha1_crypt": lambda rng: f"$sha1${rng.randint(1, 3000)}$" + _text(rng, H64, 1, 64) + "$",
    "sun_md5_crypt": lambda rng: (
        rng.choice(("$md5$", f"$md5,rounds={rng.randint(0, 3000)}$")) + _text(rng, H64, 0, 8) + "$"
    ),
    # yescrypt's salt decodes in groups of 4 characters
    "yescrypt": lambda rng: "$y$j" + rng.choice("789") + "T$" + _groups(rng) + "$",
    "gost_yescrypt": lambda rng: "$gy$j" + rng.choice("789") + "T$" + _text(rng, H64, 4, 4) + "$",
    "crypt_scrypt": lambda rng: "$7$" + rng.choice("9AB") + "/....1...." + _text(rng, H64, 0, 20),
    "bsd_nthash": lambda rng: "$3$$",
}


# passwords where crypt_blowfish's $2a$ countermeasure applies (from its own test vectors)
KNOWN = {"bcrypt/2a": (b"\xff\xff\xa3", b"\xff\xa334\xff\xff\xff\xa3345")}
SELF_DESCRIBING = {info.name: info.self_describing for info in hashcompat.schemes()}


def _scheme(key: str) -> str:
    return key.split("/", maxsplit=1)[0]


@pytest.mark.parametrize("key", sorted(SETTINGS))
def test_libxcrypt_strings_get_libxcrypt_verdicts(key: str, limits: None) -> None:
    rng = random.Random(f"libxcrypt-{key}")
    checked = 0
    chosen = [_password(rng) for _ in range(EXAMPLES)] + list(KNOWN.get(key, ()))
    for drawn in chosen:
        password = drawn.replace(b"\0", b"")  # crypt(3) reads a C string
        stored = crypt(password, SETTINGS[key](rng))
        if stored is None:
            continue
        checked += 1
        scheme = _scheme(key)
        assert hashcompat.verify(password, stored, scheme=scheme), (key, password.hex(), stored)
        if SELF_DESCRIBING[scheme]:  # no scheme needed
            assert hashcompat.verify(password, stored)
        other = password[:-1] + bytes([(password[-1] % 255) + 1]) if password else b"x"
        expected = crypt(other, stored) == stored
        assert hashcompat.verify(other, stored, scheme=scheme) is expected, (key, other.hex())
        longer = password + b"!"
        expected = crypt(longer, stored) == stored
        assert hashcompat.verify(longer, stored, scheme=scheme) is expected, (key, longer.hex())
    assert checked >= EXAMPLES // 2, f"libxcrypt refused most {key} settings"


WRITERS = {
    "md5_crypt": {},
    "sha256_crypt": {"rounds": 1000},
    "sha512_crypt": {"rounds": 1000},
    "des_crypt": {},
    "bsdi_crypt": {"rounds": 1001},
    "bcrypt": {"cost": 4},
    "sha1_crypt": {"rounds": 500},
    "sun_md5_crypt": {},
    "yescrypt": {},
    "bsd_nthash": {},
}


@pytest.mark.parametrize("scheme", sorted(WRITERS))
def test_libxcrypt_recomputes_what_hashcompat_writes(scheme: str, limits: None) -> None:
    rng = random.Random(f"writer-{scheme}")
    for _ in range(EXAMPLES // 2):
        password = _password(rng).replace(b"\0", b"")
        if scheme == "des_crypt":
            password = password[:8]  # libpass refuses what DES would cut; crypt(3) cuts it
        if scheme == "bcrypt":
            password = password[:72]
        try:
            made = hashcompat.hash(password, scheme, **WRITERS[scheme])
        except hashcompat.SchemeUnavailableError as missing:
            pytest.skip(str(missing))
        assert crypt(password, made) == made, (scheme, password.hex(), made)
