"""crypt(3) vectors from the system's libxcrypt, through Perl's crypt(), plus published ones.

    python3 tests/vectors/make_xcrypt.py > tests/vectors/xcrypt.jsonl

Perl's crypt() calls the C library's crypt(), which on Debian 12 is libxcrypt 4.4.33; that
library is the reference implementation of yescrypt, gost-yescrypt and $7$, and implements
SunMD5, NetBSD sha1crypt, the FreeBSD NT hash and bigcrypt. crypt16 has no maintained
implementation; its vectors are the ones posted with Ultrix/Tru64 hashes (bugtraq, March 1999).
John the Ripper's SunMD5 and sha1crypt tests are added for hashes made elsewhere, where
libxcrypt reproduces them (one John sha1crypt vector differs from NetBSD's encoding in its
last four characters; libxcrypt and libpass agree with each other, so it is left out).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

JOHN = Path(__file__).parent / "john" / "john.jsonl"
PASSWORDS = ["hashcat", "pässwort", "Tr0ub4dor&3horsebatt", ""]
SETTINGS = {
    "yescrypt": ["$y$j9T$abcdefghijklmnop$", "$y$j75$0123456789abcdef$"],
    "gost_yescrypt": ["$gy$j9T$abcdefghijklmnop$", "$gy$jBT$0123456789abcdef$"],
    "crypt_scrypt": ["$7$CU..../....abcdefghijklmnop$", "$7$AU..../....0123456789$"],
    "sun_md5_crypt": ["$md5,rounds=904$abcdefgh$", "$md5$Vh1xvbk9$"],
    "sha1_crypt": ["$sha1$480$abcdefgh$", "$sha1$21773$0123456789abcdef$"],
    "bsd_nthash": ["$3$"],
}
BIGCRYPT = ["This is very long passwd", "a password over eight characters", "twelve chars"]
CRYPT16 = [("passphrase", "qi8H8R7OM4xMUNMPuRAZxlY."), ("printf", "aaCjFz4Sh8Eg2QSqAReePlq6"),
           ("printf", "AA/xje2RyeiSU0iBY3PDwjYo"), ("LOLOAQIC", "/.FcK3mad6JwYelhbtlysKy6")]


def crypt(password: str, setting: str) -> str:
    out = subprocess.run(
        ["perl", "-CA", "-e", "use utf8; my $p = $ARGV[0]; utf8::encode($p);"
         " print crypt($p, $ARGV[1])", password, setting],
        capture_output=True, text=True, check=True,
    ).stdout
    if not out or out.startswith("*"):
        raise SystemExit(f"libxcrypt refused {setting!r}")
    return out


def libxcrypt() -> str:
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libcrypt1"],
                         capture_output=True, text=True).stdout
    return f"libxcrypt {out or 'unknown'} crypt() via perl"


def emit(scheme: str, password: str, hash: str, source: str, expect: bool = True) -> None:
    line = {"scheme": scheme, "password": password, "hash": hash, "expect": expect,
            "source": source}
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def main() -> None:
    source = libxcrypt()
    for scheme, settings in SETTINGS.items():
        made = [(p, crypt(p, s)) for s in settings for p in PASSWORDS]
        for password, hash in made:
            emit(scheme, password, hash, source)
        emit(scheme, "wrong password", made[0][1], source + " (negative)", expect=False)
    made = [(p, crypt(p, "ab" + "." * 77)) for p in BIGCRYPT]
    for password, hash in made:
        emit("bigcrypt", password, hash, source + ", a long setting selects bigcrypt")
    emit("bigcrypt", "wrong password", made[0][1], source + " (negative)", expect=False)
    posted = "Ultrix crypt16 hashes posted to bugtraq, 1999-03 (seclists.org/bugtraq/1999/Mar/76)"
    for password, hash in CRYPT16:
        emit("crypt16", password, hash, posted)
    emit("crypt16", "wrong password", CRYPT16[0][1], posted + " (negative)", expect=False)
    john = [json.loads(line) for line in JOHN.open(encoding="utf-8")]
    for scheme, fmt in (("sun_md5_crypt", "SunMD5"), ("sha1_crypt", "sha1crypt")):
        for row in john:
            text_ok = str(row["password"]).encode("utf-8").hex() == row["password_hex"]
            if row["format"] == fmt and row["expect"] and text_ok:
                if crypt(str(row["password"]), str(row["hash"])) != row["hash"]:
                    continue
                emit(scheme, str(row["password"]), str(row["hash"]), str(row["source"]))


if __name__ == "__main__":
    main()
