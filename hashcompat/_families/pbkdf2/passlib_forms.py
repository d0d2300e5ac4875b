"""passlib's PBKDF2 string formats and those only libpass parses, through the libpass adapter.

passlib's own ``$pbkdf2$``/``$pbkdf2-sha256$``/``$pbkdf2-sha512$`` (adapted base64), Atlassian's
``{PKCS5S2}``, cryptacular's and dlitz's ``$p5k2$`` and GRUB 2's ``grub.pbkdf2.sha512.``: libpass
is the reference implementation for each, so hashcompat delegates and adds the iteration cap.
Vectors: tests/vectors/delegated.jsonl and tests/vectors/picked.jsonl.
"""

from __future__ import annotations

from collections.abc import Callable

from hashcompat._families.libpass import AB64, Delegated, iterations_cost, libpass_row
from hashcompat._primitives import B64_CLASS, b64_nopad, unb64
from hashcompat.params import Params, Pbkdf2
from hashcompat.scheme import Strength

_PBKDF2_NOTE = "passlib's own format: PBKDF2 with adapted base64 salt and digest"


def reader(digest: str) -> Callable[[str], Params]:
    """passlib's ``<tag>rounds$salt$key`` (adapted base64: '.' for '+', no padding) as the
    PBKDF2 record; the tag is whatever precedes the rounds."""

    def read(hash: str) -> Params:
        count, salt, key = hash.rsplit("$", 3)[-3:]
        head = count.rpartition("}")[2] if "}" in count else count
        return Pbkdf2(digest, int(head), _ab64(salt), _ab64(key))

    return read


def writer(tag: str, digest: str) -> Callable[[Params], str | None]:
    """The passlib string of a plain PBKDF2 record of ``digest``, under ``tag``."""

    def write(params: Params) -> str | None:
        if not isinstance(params, Pbkdf2) or params.digest != digest or params.prehash:
            return None
        body = f"{params.iterations}${b64_nopad(params.salt)}${b64_nopad(params.key)}"
        return tag + body.replace("+", ".")

    return write


def _ab64(text: str) -> bytes:
    return unb64(text.replace(".", "+"))


def _passlib(bits: int, tag: str, rounds: int, chars: int) -> Delegated:
    """passlib's ``$pbkdf2[-shaN]$rounds$salt$digest``: only the tag, digest width and
    passlib's default rounds differ between the three."""
    head = tag.replace("$", r"\$")
    return libpass_row(
        f"pbkdf2_sha{bits}",
        f"passlib PBKDF2-HMAC-SHA{bits} ({tag})",
        rf"{head}\d{{1,9}}\${AB64}{{0,64}}\${AB64}{{{chars}}}",
        prefixes=(tag,),
        platforms=("passlib / libpass", "Python apps using passlib"),
        strength=Strength.LEGACY_OK,
        example=f"{tag}{rounds}$<salt>$<{chars} chars>",
        notes=_PBKDF2_NOTE,
        costs=(iterations_cost(rf"^{head}(\d+)"),),
        read=reader(f"sha{bits}"),
        write=writer(tag, f"sha{bits}"),
    )


SCHEMES = (
    _passlib(1, "$pbkdf2$", 131000, 27),
    _passlib(256, "$pbkdf2-sha256$", 29000, 43),
    _passlib(512, "$pbkdf2-sha512$", 25000, 86),
    libpass_row(
        "atlassian_pbkdf2_sha1",
        "Atlassian PBKDF2-HMAC-SHA1, 10000 iterations ({PKCS5S2})",
        rf"\{{PKCS5S2\}}{B64_CLASS}{{64}}",
        prefixes=("{PKCS5S2}",),
        platforms=("Atlassian Jira", "Confluence", "Bitbucket Server", "Crowd"),
        aliases=("atlassian", "pkcs5s2"),
        strength=Strength.LEGACY_OK,
        example="{PKCS5S2}<64 base64 chars>",
        hash_options=(),
    ),
    libpass_row(
        "cta_pbkdf2_sha1",
        "cryptacular PBKDF2-HMAC-SHA1 ($p5k2$, URL-safe base64)",
        r"\$p5k2\$[0-9a-f]{1,8}\$[A-Za-z0-9_=-]{0,88}\$[A-Za-z0-9_-]{27}=",
        prefixes=("$p5k2$",),
        platforms=("cryptacular (Pyramid apps)",),
        aliases=("cryptacular_pbkdf2",),
        strength=Strength.LEGACY_OK,
        example="$p5k2$1000$<urlsafe b64 salt>$<27 chars>=",
        costs=(iterations_cost(r"^\$p5k2\$([0-9a-f]+)", 16),),
    ),
    libpass_row(
        "dlitz_pbkdf2_sha1",
        "Dwayne Litzenberger's pbkdf2 module crypt() ($p5k2$)",
        r"\$p5k2\$[0-9a-f]{0,8}\$[./A-Za-z0-9]{1,64}\$[./A-Za-z0-9]{32}",
        prefixes=("$p5k2$",),
        platforms=("pbkdf2 (PyPI) crypt()",),
        aliases=("pbkdf2_crypt",),
        strength=Strength.LEGACY_OK,
        example="$p5k2$400$<salt>$<32 chars>",
        notes="an empty iteration field means 400",
        costs=(iterations_cost(r"^\$p5k2\$([0-9a-f]+)", 16),),
    ),
    libpass_row(
        "grub_pbkdf2_sha512",
        "GRUB 2 password_pbkdf2 (grub.pbkdf2.sha512.N.SALT.HASH)",
        r"grub\.pbkdf2\.sha512\.\d{1,9}\.[0-9A-Fa-f]{2,256}\.[0-9A-Fa-f]{128}",
        prefixes=("grub.pbkdf2.sha512.",),
        platforms=("GRUB 2 (grub-mkpasswd-pbkdf2)",),
        aliases=("grub",),
        strength=Strength.LEGACY_OK,
        example="grub.pbkdf2.sha512.10000.<salt hex>.<128 hex>",
        costs=(iterations_cost(r"^grub\.pbkdf2\.sha512\.(\d+)"),),
    ),
)
