"""Unsalted hex digests: ``md5(password)`` and friends.

A bare hex digest does not say which function made it, so these schemes are never picked
without ``scheme=``; identification lists them as candidates. Hex is compared without regard to
case: exports often upper-case it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from hashcompat._idkey import Alphabet, Key
from hashcompat.errors import MalformedHashError, SchemeUnavailableError
from hashcompat.params import Digest
from hashcompat.scheme import Inputs, Parsed, Scheme, SchemeInfo, Strength, Writer, hash_params


@dataclass(frozen=True, slots=True)
class HexDigest(Scheme, Writer):
    """``hexdigest(algorithm, password)`` stored as hex."""

    info: SchemeInfo
    hexdigest: Callable[[bytes], str]
    hex_length: int

    @property
    def writer(self) -> Writer:
        return self

    def parse(self, hash: str) -> Parsed:
        if len(hash) != self.hex_length or not self.info.matches(hash):
            raise MalformedHashError(self.info.name, f"expected {self.hex_length} hex digits")
        digest = hash.lower()
        return Parsed(digest, params=Digest(self.info.name, bytes.fromhex(digest)))

    def check(self, secret: bytes, parsed: Parsed, inputs: Inputs) -> bool:
        # Both sides are ASCII hex here, which compare_digest accepts as str.
        return hmac.compare_digest(self.hexdigest(secret), str(parsed.digest))

    def split_setting(self, parsed: Parsed) -> tuple[str, str]:
        return "", str(parsed.digest)

    def recompute(self, secret: bytes, setting: str, inputs: Inputs) -> str:
        return self.hexdigest(secret)

    def compose(self, parsed: Parsed) -> str | None:
        params = parsed.params
        if isinstance(params, Digest) and params.algorithm == self.info.name and not params.salt:
            return params.digest.hex()
        return None

    def hash(self, secret: bytes, inputs: Inputs, params: Mapping[str, object]) -> str:
        hash_params(params, {}, self.info.name)
        return self.hexdigest(secret)


def _hashlib(algorithm: str) -> Callable[[bytes], str]:
    constructor = getattr(hashlib, algorithm)
    return lambda data: constructor(data).hexdigest()


def _md4_hex(data: bytes) -> str:
    # OpenSSL 3 hides MD4; _crypto.md4 falls back to pure Python
    from hashcompat._crypto.md4 import md4  # noqa: PLC0415 - lazy: off a named md5 verify's cold start

    return md4(data).hex()


def _ripemd160_hex(data: bytes) -> str:
    try:
        return hashlib.new("ripemd160", data).hexdigest()
    except ValueError:  # OpenSSL 3 builds without the legacy provider
        raise SchemeUnavailableError(
            "ripemd160", "this Python's OpenSSL does not provide RIPEMD-160"
        ) from None


def _keccak(bits: int) -> Callable[[bytes], str]:
    """The original Keccak (pad 0x01, as Ethereum's keccak256), not FIPS 202's SHA-3 (0x06):
    hashlib has only the latter, so it comes from PyCryptodome (the ``keccak`` extra)."""

    def hexdigest(data: bytes) -> str:
        try:
            from Crypto.Hash import keccak  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
        except ImportError:
            raise SchemeUnavailableError(
                f"keccak_{bits}", "Keccak needs PyCryptodome: pip install 'hashcompat[keccak]'"
            ) from None
        return str(keccak.new(digest_bits=bits, data=data).hexdigest())

    return hexdigest


def _hex_digest(
    name: str,
    algorithm: str,
    hex_length: int,
    *,
    aliases: tuple[str, ...],
    platforms: tuple[str, ...],
    example: str,
    hexdigest: Callable[[bytes], str] | None = None,
) -> HexDigest:
    info = SchemeInfo(
        name=name,
        summary=f"unsalted {algorithm.upper().replace('_', '-')} of the password, hex",
        aliases=aliases,
        platforms=platforms,
        pattern=f"[0-9a-fA-F]{{{hex_length}}}",
        keys=(Key.fixed(Alphabet.HEX, hex_length, exact=True),),
        strength=Strength.BROKEN,
        example=example,
    )
    return HexDigest(info, hexdigest or _hashlib(algorithm), hex_length)


# Keccak of "password", from hashcat's test modules m17700 to m18000 (tests/vectors/picked.jsonl)
KECCAK_EXAMPLES = (
    (224, "12cfa398e1a905fe361713aa798b5a77655980cee83b4dd57ec8c595"),
    (256, "b68fe43f0d1a0d7aef123722670be50268e15365401c442f8806ef83b612976b"),
    (
        384,
        "e0779e9bb200a589bc70e499a9f7db1006e181519394990e"
        "f41800bebe452c23b4a8372fd89df8d5e0d951af240be7bc",
    ),
    (
        512,
        "a6818b8188b36c44d17784c5551f63accc5deaf8786f9d0ad1ae3cd8d887cbab"
        "4f777286dbb315fb14854c8774dc0d10b5567e4a705536cc2a1d61ec0a16a7a6",
    ),
)

SCHEMES = (
    _hex_digest(
        "md5",
        "md5",
        32,
        aliases=(
            "raw_md5",
            "hex_md5",
            "drupal6",
            "phpbb2",
            "joomla1",
            "opencart1",
        ),
        platforms=("Drupal 6", "phpBB 2", "Joomla 1.0", "WordPress < 2.5", "custom PHP"),
        example="5f4dcc3b5aa765d61d8327deb882cf99",
    ),
    _hex_digest(
        "sha1",
        "sha1",
        40,
        aliases=("raw_sha1", "hex_sha1"),
        platforms=("custom PHP",),
        example="5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
    ),
    _hex_digest(
        "sha256",
        "sha256",
        64,
        aliases=("raw_sha256", "hex_sha256"),
        platforms=("custom PHP",),
        example="5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
    ),
    _hex_digest(
        "sha512",
        "sha512",
        128,
        aliases=("raw_sha512", "hex_sha512"),
        platforms=("custom PHP", "custom Java"),
        example="b109f3bbbc244eb82441917ed06d618b9008dd09b3befd1b5e07394c706a8bb9" + "0" * 64,
    ),
    _hex_digest(
        "sha224",
        "sha224",
        56,
        aliases=("raw_sha224", "hex_sha224"),
        platforms=("custom code",),
        example="d63dc919e201d7bc4c825630d2cf25fdc93d4b2f0d46706d29038d01",
    ),
    _hex_digest(
        "sha384",
        "sha384",
        96,
        aliases=("raw_sha384", "hex_sha384"),
        platforms=("custom code",),
        example="a8b64babd0aca91a59bdbb7761b421d4f2bb38280d3a75ba0f21f2bebc45583d" + "0" * 32,
    ),
    _hex_digest(
        "sha3_224",
        "sha3_224",
        56,
        aliases=("raw_sha3_224", "sha3-224"),
        platforms=("custom code",),
        example="c0835f7fcbf4b6d0bbb5c9c9ec4ba0ab7e73fe8c2a8b96ba4a0e5d5e",
    ),
    _hex_digest(
        "sha3_256",
        "sha3_256",
        64,
        aliases=("raw_sha3_256", "sha3-256"),
        platforms=("custom code",),
        example="c0067d4af4e87f00dbac63b6156828237059172d1bbeac67427345d6a9fda484",
    ),
    _hex_digest(
        "sha3_384",
        "sha3_384",
        96,
        aliases=("raw_sha3_384", "sha3-384"),
        platforms=("custom code",),
        example="9c1565e99afa2ce7800e96a73c125363c06697c5674d59f227b3368fd00b85ea" + "0" * 32,
    ),
    _hex_digest(
        "sha3_512",
        "sha3_512",
        128,
        aliases=("raw_sha3_512", "sha3-512"),
        platforms=("custom code",),
        example="e9a75486736a550af4fea861e2378305c4a555a05094dee1dca2f68afea49cc3" + "0" * 64,
    ),
    _hex_digest(
        "ripemd160",
        "ripemd160",
        40,
        aliases=("raw_ripemd160", "rmd160"),
        platforms=("custom PHP (hash('ripemd160'))",),
        example="2c08e8f5884750a7b99f6f2f342fc638db25ff31",
        hexdigest=_ripemd160_hex,
    ),
    _hex_digest(
        "md4",
        "md4",
        32,
        aliases=("raw_md4", "hex_md4"),
        platforms=("custom code",),
        example="8a9d093f14f8701df17732b2bb182c74",
        hexdigest=_md4_hex,
    ),
    *(
        _hex_digest(
            f"keccak_{bits}",
            f"keccak_{bits}",
            bits // 4,
            aliases=(f"raw_keccak_{bits}", f"keccak{bits}", f"keccak-{bits}"),
            platforms=("custom code (Ethereum-style keccak256)",)
            if bits == 256
            else ("custom code",),
            example=example,
            hexdigest=_keccak(bits),
        )
        for bits, example in KECCAK_EXAMPLES
    ),
)
