"""John the Ripper's ciphertext syntax (its formats' ``split()``/``prepare()`` forms).

What each tag means comes from John's format sources (bleeding-jumbo): ``$dynamic_N$`` from
dynamic_preloads.c, ``$PHPS$`` (hex salt), ``$IPB2$`` (hex salt), ``$OSC$`` (hex salt, then
osCommerce's ``md5($salt.$pass)``), ``$django$*1*`` (Django's own string after it), ``$NT$``,
HMAC ``message#hash`` (the password is the key), ``$wbb3$*1*salt*hash``, MediaWiki's
``$B$salt$hash`` (``:B:salt:hash`` in the database) and EPiServer's ``$episerver$*0*`` with or
without base64 padding.
"""

from __future__ import annotations

import re

from hashcompat.crackers import CrackerLine, unhex_text
from hashcompat.crackers._tables import JOHN_DYNAMIC
from hashcompat.errors import MalformedHashError

_HMAC_BY_LENGTH = {32: "md5", 40: "sha1", 56: "sha224", 64: "sha256", 96: "sha384", 128: "sha512"}
_HEX = re.compile(r"[0-9a-fA-F]+")
_DYNAMIC = re.compile(r"\$(dynamic_\d+)\$([^$]*)(.*)", re.DOTALL)
_MARKER = re.compile(r"\$\$(?=[U2F])")
_TAGGED = re.compile(r"\$(PHPS|IPB2|OSC)\$([0-9a-fA-F]*)\$([0-9a-fA-F]{32})")
_WBB3 = re.compile(r"\$wbb3\$\*1\*([0-9a-fA-F]{40})\*([0-9a-fA-F]{40})")


def _dynamic(match: re.Match[str]) -> CrackerLine:
    name, digest, rest = match.group(1), match.group(2), match.group(3)
    formula = JOHN_DYNAMIC.get(name)
    if formula is None:
        raise MalformedHashError(name, "this dynamic format is not in hashcompat's table")
    # rest: "" | "$salt" | "$salt$$Uuser" | "$$Uuser"; "$$2" (second salt) and "$$F" (extra
    # fields) are refused; any other "$$" belongs to the salt
    head, *fields = _MARKER.split(rest)
    if any(not field.startswith("U") for field in fields) or len(fields) > 1:
        raise MalformedHashError(name, "second salts and extra fields are not supported")
    salt_text = head[1:]
    username = fields[0][1:] if fields else None
    salt = salt_text or None
    if salt is not None and salt.startswith("HEX$"):
        salt = unhex_text(salt[4:], name)
    return CrackerLine(formula, digest, salt, username)


def _prefixed(text: str) -> CrackerLine | None:
    if text.startswith("$django$*1*"):
        return CrackerLine(None, text[len("$django$*1*") :])
    if text.startswith("$NT$"):
        return CrackerLine("ntlm", text[4:])
    if text.startswith(("$B$", "$A$")):
        return CrackerLine(None, ":" + text[1:].replace("$", ":"))
    if text.startswith("$episerver$*0*"):
        return CrackerLine(None, text.rstrip("="))  # John keeps the digest's padding
    wbb3 = _WBB3.fullmatch(text)
    if wbb3 is not None:
        return CrackerLine("woltlab_wbb3", wbb3.group(2), wbb3.group(1))
    return None


def _salted_tag(text: str) -> CrackerLine | None:
    tagged = _TAGGED.fullmatch(text)
    if tagged is None:
        return None
    tag, salt, digest = tagged.groups()
    if tag == "PHPS":
        return CrackerLine(None, text)  # php_phps reads John's string as it is
    plain = unhex_text(salt, tag)
    if tag == "IPB2":
        return CrackerLine("mybb", digest, plain)
    return CrackerLine("oscommerce", f"{digest}:{plain}")


def _hmac(text: str) -> CrackerLine | None:
    message, sep, digest = text.rpartition("#")
    if sep and _HEX.fullmatch(digest) and len(digest) in _HMAC_BY_LENGTH and "$" not in message:
        return CrackerLine(f"hmac_{_HMAC_BY_LENGTH[len(digest)]}($pass,$salt)", digest, message)
    return None


def _scryptkdf(text: str) -> CrackerLine | None:
    """John's ``$ScryptKDF.pm$N*r*p*salt*key``: Perl Crypt::ScryptKDF's SCRYPT:N:r:p:salt:key."""
    if text.startswith("$ScryptKDF.pm$"):
        return CrackerLine(None, "SCRYPT:" + text[len("$ScryptKDF.pm$") :].replace("*", ":"))
    return None


def parse_john(text: str) -> CrackerLine:
    dynamic = _DYNAMIC.fullmatch(text)
    if dynamic is not None:
        return _dynamic(dynamic)
    for reader in (_prefixed, _scryptkdf, _salted_tag, _hmac):
        found = reader(text)
        if found is not None:
            return found
    return CrackerLine(None, text)  # a platform's own string (phpass, $1$, {SSHA}, bare hex)
