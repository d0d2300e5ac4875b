"""crypt(3) edge cases made by the real implementations: libxcrypt (ctypes) and PHP's crypt().

    python3 tests/vectors/make_crypt_edges.py > tests/vectors/crypt_edges.jsonl

Debian 12's libxcrypt (libcrypt1, version recorded per line) is called through ctypes'
``crypt_rn``; PHP's crypt() (its own crypt_blowfish, md5-crypt and SHA-crypt; PHP_VERSION
recorded) through ``php -r``. Passwords are written as hex (``password_hex``) and, when they
are UTF-8, as text too. A line whose password is not UTF-8 names its scheme under
``crypt_scheme`` rather than ``scheme``, so the suites that read ``password`` as text skip it
(tests/families/test_crypt_edges.py checks every line from the hex).

- ``$2a$`` with 8-bit bytes: crypt_blowfish's countermeasure makes some of them differ from
  ``$2b$``; the passwords of PHP's crypt_blowfish test (ext/standard/tests/strings/
  crypt_blowfish.phpt, from Openwall's wrapper.c) plus random 8-bit ones.
- md5/sha256/sha512-crypt salts with characters outside ``./0-9A-Za-z``: PHP bug 50052's salt
  ``f+uslYF01``, salts libxcrypt accepts (``#%&()+,-<=>?@[]^_`{|}~``), and those only PHP
  accepts (space, ``!*:;``).
- bigcrypt with passwords over 8 and over 128 bytes (libxcrypt reads 128).
- BSDi extended DES with 1 to 3 million rounds (computed by libxcrypt in C).
- ``$7$`` (scrypt) with salts longer than 64 characters: libxcrypt verifies up to 281.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import random
import subprocess
import sys

ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BLOWFISH_PHPT = [b"\xa3", b"\xff\xff\xa3", b"1\xa3345", b"\xff\xa3345", b"\xa3ab",
                 b"\xff\xa334\xff\xff\xff\xa3345", b"\xd1\x91", b"\xd0\xc1\xd2\xcf\xcc\xd8",
                 b"\xaa" * 72, b"\xaa\x55" * 36, b"\x55\xaa\xff" * 24]
SALTS_XCRYPT = ["a#b%c&d(", ")+,-<=>?", "@[]^_`{|", "}~ab.cd/"]
SALTS_PHP_ONLY = ["ab d", "ab!d", "x*y:z;", "f+uslYF01"]


def _library() -> ctypes.CDLL:
    library = ctypes.CDLL(ctypes.util.find_library("crypt"))
    library.crypt_rn.restype = ctypes.c_void_p
    library.crypt_rn.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int]
    return library


LIB = _library()


def xcrypt(password: bytes, setting: str) -> str:
    data = ctypes.create_string_buffer(32768)
    result = LIB.crypt_rn(password, setting.encode("ascii"), data, 32768)
    out = ctypes.string_at(result).decode("ascii") if result else "*"
    if out.startswith("*"):
        raise SystemExit(f"libxcrypt refused {setting!r}")
    return out


def php(password: bytes, setting: str) -> str:
    code = "echo crypt(hex2bin($argv[1]), $argv[2]);"
    out = subprocess.run(["php", "-r", code, password.hex(), setting],
                         capture_output=True, text=True, check=True).stdout
    if out.startswith("*"):
        raise SystemExit(f"PHP refused {setting!r}")
    return out


def versions() -> tuple[str, str]:
    lib = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libcrypt1"],
                         capture_output=True, text=True).stdout or "unknown"
    version = subprocess.run(["php", "-r", "echo PHP_VERSION;"], capture_output=True,
                             text=True).stdout or "unknown"
    return f"libxcrypt {lib} crypt_rn via ctypes", f"PHP {version} crypt()"


def emit(case: str, scheme: str, password: bytes, hash: str, source: str, expect: bool = True
         ) -> None:
    line: dict[str, object] = {"case": case}
    try:
        line.update(scheme=scheme, password=password.decode("utf-8"))
    except UnicodeDecodeError:
        line.update(crypt_scheme=scheme)
    line.update(password_hex=password.hex(), hash=hash, expect=expect, source=source)
    sys.stdout.write(json.dumps(line) + "\n")


def main() -> None:
    lib, php_source = versions()
    rng = random.Random(21)
    salt = "$2a$05$/OK.fbVrR/bpIqNJ5ianF."
    randoms = [bytes(rng.choice((0xFF, 0xA3, 0x80, rng.randrange(1, 256))) for _ in range(n))
               for n in (1, 2, 3, 4, 5, 7, 8, 11, 12, 15, 16, 71, 72)]
    for password in BLOWFISH_PHPT + randoms:
        for ident in ("2a", "2b", "2y"):
            setting = f"${ident}$" + salt[4:]
            made = php(password, setting)
            emit("bcrypt 8-bit", "bcrypt", password, made, php_source)
            if xcrypt(password, setting) != made:
                raise SystemExit("libxcrypt and PHP differ")
        made_a, made_b = xcrypt(password, salt), xcrypt(password, "$2b$" + salt[4:])
        emit("bcrypt 8-bit", "bcrypt", password, made_a, lib)
        if made_a[7:] != made_b[7:]:  # the $2b$ digest under $2a$ is wrong for this password
            emit("bcrypt 8-bit", "bcrypt", password, salt[:4] + made_b[4:], lib, expect=False)
    for prefix in ("$1$", "$5$", "$6$", "$5$rounds=1400$", "$6$rounds=1400$"):
        scheme = {"1": "md5_crypt", "5": "sha256_crypt", "6": "sha512_crypt"}[prefix[1]]
        for salt_text in SALTS_XCRYPT:
            for password in (b"password", b"", b"p\xc3\xa4ssw\xc3\xb6rd"):
                emit("wide salt", scheme, password, xcrypt(password, prefix + salt_text + "$"), lib)
            made = php(b"password", prefix + salt_text + "$")
            emit("wide salt", scheme, b"password", made, php_source)
            emit("wide salt", scheme, b"passwore", made, php_source, expect=False)
        for salt_text in SALTS_PHP_ONLY:
            for password in (b"foobar", b"", b"Hello world!"):
                emit("wide salt", scheme, password, php(password, prefix + salt_text + "$"),
                     php_source)
    for password in (b"a" * 9, b"x" * 64, b"y" * 128, b"z" * 129, b"w" * 200, b"\xe9t\xe9" * 50):
        made = xcrypt(password, "ab" + "." * 400)
        emit("bigcrypt long", "bigcrypt", password, made, lib)
        emit("bigcrypt long", "bigcrypt", password[:-1] + b"!", made, lib,
             expect=xcrypt(password[:-1] + b"!", made) == made)
    for length in (65, 100, 281):
        salt_text = "".join(rng.choice(ITOA64) for _ in range(length))
        made = xcrypt(b"pleaseletmein", "$7$CU..../...." + salt_text)
        emit("scrypt long salt", "crypt_scrypt", b"pleaseletmein", made, lib)
        emit("scrypt long salt", "crypt_scrypt", b"pleaseletmeim", made, lib, expect=False)
    for count in (1_000_000, 2_000_000, 3_000_000):
        rounds = "".join(ITOA64[(count >> (6 * i)) & 63] for i in range(4))
        for password in (b"password", b"longer than eight"):
            made = xcrypt(password, "_" + rounds + "SALT")
            emit("bsdi million rounds", "bsdi_crypt", password, made, lib)
        emit("bsdi million rounds", "bsdi_crypt", b"passwore", made, lib, expect=False)


if __name__ == "__main__":
    main()
