"""Renderers of a :class:`~hashcompat.push._outcome.PushReport`: table, json, markdown, html.

The same sections in every format, built once by :func:`sections`: the outcome counts (they add
up to the input), the reasons per outcome (the platform's answer for rejected users, the plan
for refused ones), and the run's numbers. Users are counted, never listed with a hash.
The table, markdown and HTML layouts are analyze's (:mod:`hashcompat._reports.analysis`).
"""

from __future__ import annotations

import json

from hashcompat._reports.analysis import Section, markdown_sections, table_sections
from hashcompat.push._outcome import PushReport

FORMATS = ("table", "json", "markdown", "html")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def sections(report: PushReport) -> list[Section]:
    total = report.total
    counts = tuple((k, str(n), _pct(n, total)) for k, n in report.outcomes.items())
    mode = "dry run: nothing was written to the platform" if report.dry_run else ""
    out = [
        Section(
            f"Push to {report.target}, run {report.run}",
            ("outcome", "users", "share"),
            (*counts, ("total (the input)", str(total), "100.0%" if total else "-")),
            note=mode,
        )
    ]
    reasons = tuple(
        (outcome, reason, str(n))
        for outcome, by in sorted(report.reasons.items())
        for reason, n in sorted(by.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    if reasons:
        out.append(Section("Reasons", ("outcome", "reason", "users"), reasons))
    rate = f"{total / report.seconds:,.0f} users/s" if report.seconds else "-"
    out.append(
        Section(
            "This run",
            ("", ""),
            (
                ("requests sent", str(report.requests)),
                ("retries (5xx, timeouts, dropped connections, 429)", str(report.retries)),
                ("answered 429", str(report.throttled)),
                ("wall time of this process", f"{report.seconds:.1f} s ({rate})"),
            ),
        )
    )
    return out


def render(report: PushReport, fmt: str, *, width: int = 100) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2) + "\n"
    if fmt == "markdown":
        return markdown_sections("Push report", sections(report))
    if fmt == "table":
        return table_sections(sections(report), width)
    if fmt == "html":
        return _html(report)
    raise ValueError(f"unknown report format {fmt!r}")


def _html(report: PushReport) -> str:
    from hashcompat._reports.page import document, section_html  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    body = f"<p>{report.total} users.</p>" + "".join(section_html(s) for s in sections(report))
    return document(f"Push to {report.target}", body)
