"""Assertions many test modules share."""

from __future__ import annotations


def assert_hash_not_echoed(error: Exception, hash: str, scheme: str) -> None:
    """No error message repeats the stored hash. The scheme's name and tag may appear, so
    strings shorter than any real hash (under 20 characters) are not checked."""
    message = str(error).replace(scheme, "")
    assert len(hash) < 20 or hash not in message
