"""Bulk migration: analyse a whole user dump, and upgrade its weak hashes offline.

``open_rows`` reads CSV, JSON Lines or a SQLAlchemy table as :class:`Row` values; ``analyze``
gives the migration statistics; ``upgrade`` wraps weak hashes on a process pool or a Dask
cluster; ``sunset`` closes a just-in-time migration (``hashcompat progress`` reports how far it
has got). The heavy parts (SQLAlchemy, Dask, matplotlib) are imported only when used.
"""

from __future__ import annotations

from hashcompat.bulk._api import analyze, upgrade
from hashcompat.bulk._sunsetting import sunset
from hashcompat.bulk._upgrading import UpgradeOptions
from hashcompat.dump import Columns, DumpError, Malformed, Position, Row, open_rows

__all__ = [
    "Columns",
    "DumpError",
    "Malformed",
    "Position",
    "Row",
    "UpgradeOptions",
    "analyze",
    "open_rows",
    "sunset",
    "upgrade",
]
