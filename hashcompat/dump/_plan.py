"""What happens to one user row on the way to the new system: the one plan vocabulary.

analyze and upgrade (:mod:`hashcompat.bulk`), export, push and reconcile all sort rows into these
plans. Each surface uses the plans that apply to it (:data:`ANALYZE_PLANS`, :data:`EXPORT_PLANS`):
analyze never converts (it keeps the stored string or wraps it), and export never wraps (a target
imports, converts or defers). The value is the short code written in export's files; the label is
the wording of analyze's and upgrade's reports. Both are pinned by tests and docs.
"""

from __future__ import annotations

import enum

__all__ = ["ANALYZE_PLANS", "EXPORT_PLANS", "Plan"]


class Plan(str, enum.Enum):
    IMPORT = "import"  # the stored string, as it is
    CONVERT = "convert"  # the same hash, re-encoded in the target's fields
    WRAP = "wrap"  # wrapped offline in a modern hash ($hcw$)
    REHASH = "rehash"  # verified at the next login, then rehashed
    RESET = "reset"  # nothing can check it: the user resets the password
    LOGIN = "rehash"  # an alias of REHASH (analyze's older name)

    @property
    def label(self) -> str:
        """The words analyze and upgrade report this plan under."""
        return _LABELS.get(self.value, self.value)


_LABELS = {"import": "import as is", "rehash": "rehash on login"}

ANALYZE_PLANS = (Plan.IMPORT, Plan.WRAP, Plan.REHASH, Plan.RESET)
EXPORT_PLANS = (Plan.IMPORT, Plan.CONVERT, Plan.REHASH, Plan.RESET)
