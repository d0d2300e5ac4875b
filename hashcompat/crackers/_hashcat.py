"""hashcat's line syntax: each mode fixes what the line holds and in which order.

Composition modes come from ``HASHCAT_MODES`` (formula and layout of the whole line); a
``hash:salt`` line is split into the digest and a salt column, as the platform keeps them.
Modes whose line is a platform's own string map to the registered scheme; a few put the user
name or a salt after the hash (Oracle 7+ ``hash:user``, ColdFusion ``hash:salt``).
"""

from __future__ import annotations

import functools

from hashcompat.crackers import CrackerLine
from hashcompat.crackers._tables import HASHCAT_MODES, HS
from hashcompat.errors import HashcompatError, InvalidArgumentError, MalformedHashError
from hashcompat.scheme import SchemeInfo

# mode -> registered scheme whose stored string is the whole line
_WHOLE_LINE = {
    400: "phpass",
    500: "md5_crypt",
    1500: "des_crypt",
    1600: "apr_md5_crypt",
    1800: "sha512_crypt",
    3200: "bcrypt",
    7400: "sha256_crypt",
    7900: "drupal7",
    10000: "django_pbkdf2_sha256",
    12400: "bsdi_crypt",
    131: "mssql2000",
    132: "mssql2005",
    1731: "mssql2012",
    12300: "oracle12c",
    2100: "msdcc2",
    10900: "pbkdf2_colon",
    11900: "pbkdf2_colon",
    12000: "pbkdf2_colon",
    12100: "pbkdf2_colon",
    12001: "atlassian_pbkdf2_sha1",
    20200: "pbkdf2_sha512",
    20300: "pbkdf2_sha256",
    20400: "pbkdf2_sha1",
    6300: "aix_smd5",
    6400: "aix_ssha256",
    6500: "aix_ssha512",
    6700: "aix_ssha1",
    7000: "fortigate",
    26300: "fortigate256",
    7200: "grub_pbkdf2_sha512",
    12800: "azure_ad_sync",
    1722: "macos_xsha512",
    2400: "cisco_pix",
}
# mode -> (registered scheme, the input the part after the first ':' is)
_HASH_THEN = {
    3100: ("oracle10", "username"),
    2410: ("cisco_asa", "username"),
    12600: ("coldfusion10", "salt"),
    15000: ("filezilla_server", "salt"),
    2811: ("mybb", "salt"),
    2711: ("vbulletin", "salt"),
    8400: ("woltlab_wbb3", "salt"),
    13900: ("opencart", "salt"),
    21: ("oscommerce", None),
}


def modes() -> list[int]:
    """Every mode this reader knows, ascending."""
    return sorted({*HASHCAT_MODES, *_WHOLE_LINE, *_HASH_THEN})


def parse_hashcat(text: str, mode: int) -> CrackerLine:
    if not isinstance(mode, int) or isinstance(mode, bool):
        raise InvalidArgumentError("a hashcat mode is an integer")
    scheme = _WHOLE_LINE.get(mode)
    if scheme is not None:
        return CrackerLine(scheme, "T:" + text if mode == 12300 else text)  # Oracle's tag
    pair = _HASH_THEN.get(mode)
    if pair is not None:
        name, field = pair
        digest, sep, rest = text.partition(":")
        if not sep:
            raise MalformedHashError(name, f"hashcat mode {mode} reads hash:{field or 'salt'}")
        if field is None:
            return CrackerLine(name, text)
        return CrackerLine(name, digest, **{field: rest})
    formula = HASHCAT_MODES.get(mode)
    if formula is None:
        raise InvalidArgumentError(f"hashcat mode {mode} is not in hashcompat's table")
    if formula.endswith(HS):
        digest, sep, salt = text.partition(":")
        if not sep:
            raise MalformedHashError(formula, f"hashcat mode {mode} reads hash:salt")
        return CrackerLine(formula[: -len(HS)], digest, salt)
    return CrackerLine(formula, text)


def identify_modes(text: str) -> list[int]:
    """The modes whose line ``text`` can be, as hashcompat reads hashcat's syntax: the line
    splits as the mode says and the stored string it holds has the format of the mode's
    scheme.

    Most likely first, as ``identify`` ranks: a mode whose line holds a self-describing string
    (12300's bare hex is Oracle's ``T:`` value), then registered schemes in the ranking's order
    (all-hex ``hash:user`` is Oracle 7+ before Cisco ASA), then compositions by mode number."""
    from hashcompat._ranking import position  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    found = []
    for mode in modes():
        try:
            line = parse_hashcat(text, mode)
            info = _info(line.scheme) if line.scheme is not None else None
        except HashcompatError:
            continue
        if info is not None and info.matches(line.hash):
            found.append((not info.self_describing, position(info.name), mode))
    return [mode for *_, mode in sorted(found)]


def self_describing(mode: int) -> bool:
    """Whether the line of ``mode`` holds a string that names its own scheme (12300: ``T:``)."""
    scheme = _WHOLE_LINE.get(mode) or (_HASH_THEN.get(mode) or (None, None))[0]
    return scheme is not None and _info(scheme).self_describing


@functools.cache
def _info(scheme: str) -> SchemeInfo:
    from hashcompat._engine import resolve  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    return resolve(scheme).info
