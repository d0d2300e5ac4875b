"""The stable JSON form of a report (schema in docs/check.md)."""

from __future__ import annotations

import json

from hashcompat._checker import CheckReport


def render(report: CheckReport, *, width: int = 80) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
