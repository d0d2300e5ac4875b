"""Formats that only libpass implements, each a row of the libpass adapter (_families/libpass.py).

libpass (the maintained passlib fork) is the reference for formats passlib itself defined
(``$bcrypt-sha256$``, ``$scram$``, ``$scrypt$``) and the only maintained Python code for the
rest (Cisco, FSHP, htdigest, sha1_crypt, bigcrypt, crypt16, locked accounts). Rows of a format
family hashcompat groups elsewhere live there: passlib's PBKDF2 forms in _families/pbkdf2,
Django's in _families/django. Each row is proven by vectors from the format's own code
(tests/vectors/delegated.jsonl) or hashcat/John data (tests/vectors/picked.jsonl).
"""

from __future__ import annotations

from hashcompat._families.libpass import (
    AB64,
    bcrypt_cost,
    iterations_cost,
    libpass_row,
    saslprep_refuses,
    scrypt_memory,
    verify_only,
)
from hashcompat._idkey import Alphabet, Key
from hashcompat._primitives import B64_CLASS
from hashcompat.scheme import Strength

SCHEMES = (
    libpass_row(
        "bcrypt_sha256",
        "passlib bcrypt over HMAC-SHA256 of the password ($bcrypt-sha256$)",
        r"\$bcrypt-sha256\$(?:v=2,t=2b,r=\d{1,2}|2[ab],\d{1,2})\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{31}",
        prefixes=("$bcrypt-sha256$",),
        platforms=("passlib / libpass",),
        strength=Strength.LEGACY_OK,
        example="$bcrypt-sha256$v=2,t=2b,r=12$<22 salt>$<31 digest>",
        notes="lifts bcrypt's 72-byte limit; the 2a,NN form is passlib < 1.7.3's",
        costs=(bcrypt_cost(r"(?:r=|[ab],)(\d{1,2})\$"),),
    ),
    libpass_row(
        "scram",
        "passlib SCRAM digests for several algorithms ($scram$)",
        rf"\$scram\$\d{{1,9}}\${AB64}{{0,64}}\$(?:[a-z0-9-]{{3,16}}={AB64}{{20,90}},?)+",
        prefixes=("$scram$",),
        platforms=("passlib / libpass", "SASL SCRAM servers fed by passlib"),
        strength=Strength.LEGACY_OK,
        example="$scram$100000$<salt>$sha-1=<27>,sha-256=<43>,sha-512=<86>",
        costs=(iterations_cost(r"^\$scram\$(\d+)"),),
        refuses=saslprep_refuses,
    ),
    libpass_row(
        "scrypt",
        "passlib scrypt ($scrypt$ln=,r=,p=)",
        r"\$scrypt\$ln=\d{1,2},r=\d{1,3},p=\d{1,3}\$[A-Za-z0-9+/.]{0,88}\$[A-Za-z0-9+/.]{43}",
        prefixes=("$scrypt$",),
        platforms=("passlib / libpass",),
        strength=Strength.LEGACY_OK,
        example="$scrypt$ln=16,r=8,p=1$<salt>$<43 chars>",
        costs=(scrypt_memory,),
        hash_options=(("rounds", int), ("block_size", int), ("parallelism", int)),
    ),
    libpass_row(
        "fshp",
        "Fairly Secure Hashed Password ({FSHPv|saltsize|rounds})",
        rf"\{{FSHP[0-5]\|\d{{1,4}}\|\d{{1,9}}\}}{B64_CLASS}+={{0,2}}",
        prefixes=("{FSHP",),
        platforms=("FSHP (Python, PHP, Ruby ports)",),
        strength=Strength.WEAK,
        example="{FSHP1|16|480000}<base64>",
        costs=(iterations_cost(r"\|(\d+)\}"),),
    ),
    verify_only(
        libpass_row(
            "unix_disabled",
            "locked or password-less /etc/shadow entry (*, !, !!, *LK*, !<hash>)",
            r"(?!![A-Za-z0-9]{40}\Z)(?:\*(?:LK\*|NP\*)?|!{1,2}(?:[$_./A-Za-z0-9][^\s:]*)?)",
            prefixes=("!", "*"),
            platforms=("Linux /etc/shadow", "Solaris", "BSD master.passwd"),
            aliases=("locked", "disabled"),
            strength=Strength.LEGACY_OK,
            example="!$6$<salt>$<hash>",
            notes="a locked account: no password ever verifies; usermod -U restores the hash",
        )
    ),
    libpass_row(
        "cisco_pix",
        "Cisco PIX MD5 (16 characters, optional user salt)",
        r"[./0-9A-Za-z]{16}",
        keys=(Key.fixed(Alphabet.CRYPT, 16, exact=True),),
        platforms=("Cisco PIX firewall",),
        strength=Strength.BROKEN,
        example="2KFQnbNIdI.2KYOU",
        notes="pass username= for user accounts; enable passwords have none",
        context=(("user", "username"),),
        hash_options=(),
    ),
    libpass_row(
        "cisco_asa",
        "Cisco ASA MD5 (16 characters, optional user salt)",
        r"[./0-9A-Za-z]{16}",
        keys=(Key.fixed(Alphabet.CRYPT, 16, exact=True),),
        platforms=("Cisco ASA firewall",),
        strength=Strength.BROKEN,
        example="qXNNWALJ.D8AlTaZ",
        notes="pass username= for user accounts; enable passwords have none",
        context=(("user", "username"),),
        hash_options=(),
    ),
    libpass_row(
        "cisco_type7",
        "Cisco IOS type 7 (reversible XOR obfuscation)",
        r"(?:[0-4]\d|5[0-2])(?:[0-9A-Fa-f]{2})*",
        keys=(Key("", Alphabet.TEXT, 2, start=Alphabet.HEX),),  # \d: any Unicode digit
        platforms=("Cisco IOS", "IOS-XE"),
        aliases=("cisco7",),
        strength=Strength.RECOVERABLE,
        example="060506324F41584B56",
        notes="not a hash: the password can be recovered from the string",
        hash_options=(),
    ),
    libpass_row(
        "htdigest",
        "Apache htdigest: MD5 of user:realm:password",
        r"[0-9a-fA-F]{32}",
        keys=(Key.fixed(Alphabet.HEX, 32, exact=True),),
        platforms=("Apache htdigest", "HTTP Digest auth files"),
        inputs=("username", "salt"),
        strength=Strength.BROKEN,
        example="0dc7aa6b25fcaabf0b9b72d47f9da2c2",
        notes="pass the realm as salt=",
        context=(("user", "username"), ("realm", "salt")),
        hash_options=(),
    ),
    libpass_row(
        "roundup_plaintext",
        "Roundup tracker plaintext ({plaintext})",
        r"\{plaintext\}.*",
        prefixes=("{plaintext}",),
        platforms=("Roundup issue tracker",),
        strength=Strength.RECOVERABLE,
        example="{plaintext}secret",
        hash_options=(),
    ),
    libpass_row(
        "sha1_crypt",
        "NetBSD SHA-1 crypt ($sha1$rounds$salt$hash)",
        r"\$sha1\$\d{1,9}\$[./A-Za-z0-9]{0,64}\$[./A-Za-z0-9]{28}",
        prefixes=("$sha1$",),
        platforms=("NetBSD /etc/master.passwd", "libxcrypt"),
        aliases=("sha1crypt",),
        strength=Strength.WEAK,
        example="$sha1$480$<salt>$<28 chars>",
        checksum_size=28,
        costs=(iterations_cost(r"^\$sha1\$(\d+)"),),
    ),
    libpass_row(
        "bigcrypt",
        "HP-UX bigcrypt: DES crypt over each 8 characters (13 + 11n characters)",
        r"[./A-Za-z0-9]{13}(?:[./A-Za-z0-9]{11}){0,64}",
        keys=(Key("", Alphabet.CRYPT, 13, 13 + 11 * 64),),
        platforms=("HP-UX trusted mode", "Tru64", "libxcrypt"),
        strength=Strength.BROKEN,
        example="qiyh4XPJGsOZ2MEAyLkfWqeQ",
        hash_options=(),
        truncate=128,  # libxcrypt reads 128 bytes (16 blocks); libpass would read them all
        notes="Reads the first 128 bytes of the password, as libxcrypt does.",
    ),
    libpass_row(
        "crypt16",
        "Ultrix/Tru64 crypt16: two DES crypts over 16 characters (24 characters)",
        r"[./A-Za-z0-9]{24}",
        keys=(Key.fixed(Alphabet.CRYPT, 24, exact=True),),
        platforms=("Digital Ultrix", "Tru64 UNIX"),
        strength=Strength.BROKEN,
        example="qi8H8R7OM4xMUNMPuRAZxlY.",
        checksum_size=22,
        hash_options=(),
    ),
)
