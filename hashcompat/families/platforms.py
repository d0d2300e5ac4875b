"""Platform schemes that are plain compositions: the rows of platforms.toml beside this module.

Each row names the platform, its formula in the custom-scheme language and where the salt
lives (in the hash string, per the layout, or in a column passed as ``salt=``). The rows are
read by the same reader as a user's ``load_formulas`` file; the known-answer vectors of each
come from hashcat's test module for its ``hashcat_mode`` (tests/families/test_platforms.py) or
from the vector file its ``vectors`` key names.
"""

from __future__ import annotations

import os

from hashcompat.formula.table import Row, read_rows, row_scheme

__all__ = ["ROWS", "SCHEMES", "Row"]

ROWS = tuple(read_rows(os.path.join(os.path.dirname(__file__), "platforms.toml")))
SCHEMES = tuple(row_scheme(row) for row in ROWS)
