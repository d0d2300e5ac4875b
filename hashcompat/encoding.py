"""Text encodings of binary digests used by legacy formats (kept for existing imports; the
definitions live in :mod:`hashcompat.primitives`)."""

from __future__ import annotations

from hashcompat.primitives import ITOA64, ITOA64_INDEX, h64_encode

__all__ = ["ITOA64", "ITOA64_INDEX", "h64_encode"]
