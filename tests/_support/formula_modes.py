"""hashcat modes and John the Ripper dynamic formats as formulas of the custom-scheme language.

The tables live in ``hashcompat.crackers._tables`` (the ``--syntax john|hashcat`` reader uses
them); ``test_formula_modes.py`` checks every positive vector of the tools' own test data
verifies and every negative one does not.
"""

from __future__ import annotations

from hashcompat.crackers._tables import HASHCAT_MODES, HS, JOHN_DYNAMIC

__all__ = ["HASHCAT_MODES", "HS", "JOHN_DYNAMIC"]
