"""Renderers of a :class:`~hashcompat._checker.CheckReport`, one module per format."""

from __future__ import annotations

import importlib

from hashcompat._checker import CheckReport

FORMATS = ("table", "json", "markdown")


def render(report: CheckReport, fmt: str, *, width: int = 80) -> str:
    """The report as text in ``fmt`` (table, json or markdown)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    module = importlib.import_module(f"hashcompat._reports.{fmt}_report")
    text: str = module.render(report, width=width)
    return text


def summary_lines(report: CheckReport) -> list[tuple[str, str]]:
    """The (label, value) lines every format shows above the per-pair rows."""
    mixed = "mixed, each row by its own format"
    scheme = report.scheme or (mixed if report.mixed else "none found")
    lines = [("Verdict", report.verdict.value.upper()), ("Scheme", scheme)]
    if len(report.candidates) > 1:
        lines.append(("Also matching", ", ".join(report.candidates[1:])))
    if report.platforms:
        lines.append(("Written by", ", ".join(report.platforms)))
    lines.append(
        (
            "Pairs",
            f"{report.matched} of {report.usable} usable matched "
            f"({len(report.pairs)} given, {report.min_pairs} needed)",
        )
    )
    if report.groups and len(report.groups) > 1:
        label = "Formats" if report.mixed else "Groups"
        lines.append((label, "; ".join(_group(n, r) for n, r in report.groups.items())))
    lines.append(("Migration needs", ", ".join(report.needs) or "the hash column only"))
    if report.login_ms is not None:
        slowest = " (the slowest format)" if report.mixed else ""
        lines.append(
            ("Login cost", f"about {_ms(report.login_ms)} per verify on this machine{slowest}")
        )
    if report.strength:
        rehash = "rehash on login" if report.rehash_on_login else "no rehash needed"
        weakest = ", the weakest format" if report.mixed else ""
        lines.append(("Strength", f"{report.strength} ({rehash}{weakest})"))
    lines.append(("Recommended path", report.recommendation))
    return lines


def _group(name: str, rows: tuple[int, ...]) -> str:
    count = f"{len(rows)} row{'' if len(rows) == 1 else 's'}"
    return f"{name}: {count} ({', '.join(map(str, rows))})"


def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"
