"""Crackers' notations as input: a line in John the Ripper's or hashcat's syntax, turned into
what hashcompat verifies (a scheme, the stored string a platform keeps, and the inputs the
platform keeps beside it).

Pentest reports and old migration notes carry hashes in these tools' syntax:
``$dynamic_N$hash$salt$$Uuser``, ``$django$*1*...``, HMAC ``salt#hash``, ``$NT$``,
``$PHPS$``, ``$IPB2$``, ``$OSC$``, ``$episerver$*...``, and hashcat's ``hash:salt`` lines whose
order each mode fixes. The line is parsed, never evaluated; a line this module cannot read
raises :class:`~hashcompat.errors.MalformedHashError` without echoing the line.
"""

from __future__ import annotations

from dataclasses import dataclass

from hashcompat.errors import InvalidArgumentError, MalformedHashError

__all__ = ["SYNTAXES", "CrackerLine", "parse_line"]

SYNTAXES = ("john", "hashcat")


@dataclass(frozen=True, slots=True)
class CrackerLine:
    """A cracker's line as hashcompat reads it.

    ``scheme`` is a scheme string for ``verify(scheme=...)``, or None when the stored string
    names its own scheme or is a bare digest only discovery can tell (John reads those by
    length too). ``hash`` is the stored string; ``salt`` and ``username`` the values a
    platform keeps in their own columns.
    """

    scheme: str | None
    hash: str
    salt: str | None = None
    username: str | None = None

    def __repr__(self) -> str:  # never the whole hash
        return f"CrackerLine(scheme={self.scheme!r}, hash_length={len(self.hash)})"

    def inputs(self) -> dict[str, str]:
        """The keyword arguments ``hashcompat.verify`` takes besides the password."""
        out = {"salt": self.salt, "username": self.username}
        return {k: v for k, v in out.items() if v is not None}


def parse_line(line: str, syntax: str, *, mode: int | None = None) -> CrackerLine:
    """Read one line in ``syntax`` (``john`` or ``hashcat``; hashcat needs its ``mode``)."""
    if not isinstance(line, str):
        raise InvalidArgumentError("a cracker's line must be text")
    text = line.strip()
    if not text:
        raise MalformedHashError("unknown", "the line is empty")
    if syntax == "john":
        from hashcompat.crackers._john import parse_john  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return parse_john(text)
    if syntax == "hashcat":
        from hashcompat.crackers._hashcat import parse_hashcat  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        if mode is None:
            raise InvalidArgumentError(
                "hashcat's syntax needs the mode (mode=)", parameters=("mode=",)
            )
        return parse_hashcat(text, mode)
    raise InvalidArgumentError(f"syntax must be one of {', '.join(SYNTAXES)}")


def unhex_text(value: str, what: str) -> str:
    """A hex-encoded salt as text (John writes binary-safe salts in hex)."""
    try:
        return bytes.fromhex(value).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise MalformedHashError(what, "the salt is not hex of UTF-8 text") from None
