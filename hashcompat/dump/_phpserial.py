"""Read the one PHP ``serialize()`` shape that platforms keep hashes in: an array of strings and
integers, such as XenForo's ``xf_user_authenticate.data``
(``a:1:{s:4:"hash";s:60:"$2y$10$...";}``).

Not a general unserializer: objects, references, floats and nested arrays are refused, so an
untrusted dump cannot make it build anything. String lengths are byte counts, as PHP writes them.
"""

from __future__ import annotations

import re

__all__ = ["SerializedError", "read_array"]

_HEAD = re.compile(rb"a:(\d{1,4}):\{")
_INT = re.compile(rb"i:(-?\d{1,19});")
_STR = re.compile(rb's:(\d{1,6}):"')
MAX_ITEMS = 64


class SerializedError(ValueError):
    """Not a flat PHP array of strings and integers; the message quotes none of the data."""


def _value(data: bytes, at: int) -> tuple[str | int, int]:
    number = _INT.match(data, at)
    if number:
        return int(number.group(1)), number.end()
    text = _STR.match(data, at)
    if not text:
        raise SerializedError(f"unsupported value at byte {at}")
    start = text.end()
    end = start + int(text.group(1))
    if data[end : end + 2] != b'";':
        raise SerializedError(f"a string length does not match at byte {at}")
    try:
        return data[start:end].decode("utf-8"), end + 2
    except UnicodeDecodeError:
        raise SerializedError(f"a string that is not UTF-8 at byte {at}") from None


def read_array(data: str | bytes) -> dict[str | int, str | int]:
    """The key/value pairs of a serialized flat array."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    head = _HEAD.match(raw)
    if not head:
        raise SerializedError("not a PHP serialized array")
    count = int(head.group(1))
    if count > MAX_ITEMS:
        raise SerializedError(f"more than {MAX_ITEMS} items")
    at, found = head.end(), {}
    for _ in range(count):
        key, at = _value(raw, at)
        found[key], at = _value(raw, at)
    if raw[at:] != b"}":
        raise SerializedError("trailing data after the array")
    return found
