"""Renderers of a bulk :class:`~hashcompat.bulk._analysis.Analysis`: table, json, markdown, html.

Every format shows the same sections, built once by :func:`sections`: the summary, the plan for
each group, the schemes with their cost distributions, the strength classes, who must reset
and why, malformed rows, duplicates, and the estimate. Rows are named by id or row number only.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from hashcompat._reports.escape import md_text
from hashcompat.bulk._analysis import Analysis

FORMATS = ("table", "json", "markdown", "html")


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _costs(costs: dict[str, dict[int, int]]) -> str:
    parts = []
    for name, values in costs.items():
        shown = ", ".join(f"{v}: {n}" for v, n in list(values.items())[:6])
        more = ", ..." if len(values) > 6 else ""
        parts.append(f"{name} {{{shown}{more}}}")
    return "; ".join(parts) or "-"


def _migrated_line(report: Analysis) -> tuple[tuple[str, str, str], ...]:
    """Rows the hook server has marked migrated; shown only when there are some."""
    if not report.migrated:
        return ()
    share = _pct(report.migrated, report.rows)
    return (("migrated by the hook server", str(report.migrated), share),)


def sections(report: Analysis) -> list[Section]:
    total = report.rows
    data = report.to_dict()
    out = [
        Section(
            "Summary",
            ("", "rows", "share"),
            (
                ("rows read", str(total), ""),
                *((plan, str(n), _pct(n, total)) for plan, n in report.plans.items()),
                ("malformed rows (in reset)", str(report.malformed_rows), ""),
                *_migrated_line(report),
            ),
            note=f"source: {report.source}"
            + (f"; reset list: {report.reset_file}" if report.reset_file else ""),
        )
    ]
    groups: list[tuple[str, ...]] = []
    for name, stats in report.schemes.items():
        for plan, n in stats["plan"].items():  # type: ignore[attr-defined]
            if plan != "reset":
                groups.append((name, str(n), str(stats["strength"]), plan))
    for reason, n in report.reset_reasons.items():
        groups.append((reason, str(n), "-", "reset"))
    out.append(Section("Plan per group", ("group", "rows", "strength", "plan"), tuple(groups)))
    out.append(
        Section(
            "Schemes",
            ("scheme", "rows", "strength", "platforms", "costs"),
            tuple(
                (
                    name,
                    str(s["rows"]),
                    str(s["strength"]),
                    ", ".join(list(s["platforms"])[:3]) or "-",  # type: ignore[call-overload]
                    _costs(s["costs"]),  # type: ignore[arg-type]
                )
                for name, s in report.schemes.items()
            ),
        )
    )
    out.append(
        Section(
            "Strength classes",
            ("class", "rows", "share"),
            tuple((k, str(n), _pct(n, total)) for k, n in report.strengths.items()),
        )
    )
    if report.reset_reasons:
        out.append(
            Section(
                "Users who must reset",
                ("reason", "rows", "first ids"),
                tuple(
                    (reason, str(n), ", ".join(report.reset_examples.get(reason, [])) or "-")
                    for reason, n in report.reset_reasons.items()
                ),
            )
        )
    if report.malformed:
        out.append(
            Section(
                "Malformed rows",
                ("reason", "rows"),
                tuple((reason, str(n)) for reason, n in report.malformed.items()),
                note="first: " + ", ".join(report.malformed_examples),
            )
        )
    dups = data["duplicates"]
    assert isinstance(dups, dict)  # noqa: S101 - built by Analysis.to_dict
    out.append(
        Section(
            "Duplicate hashes in unsalted schemes",
            ("groups", "rows", "largest groups (size: first rows)"),
            (
                (
                    str(dups["groups"]),
                    str(dups["rows"]),
                    "; ".join(
                        f"{g['size']}: rows {', '.join(map(str, g['rows']))}"
                        for g in dups["largest"][:5]
                    )
                    or "-",
                ),
            ),
        )
    )
    if report.estimate is not None:
        e = report.estimate.to_dict()
        out.append(
            Section(
                "Estimated CPU time at the target profile (measured on this machine)",
                ("work", "rows", "CPU seconds"),
                (
                    ("offline wrap", str(e["wrap_rows"]), str(e["wrap_cpu_s"])),
                    ("rehash on login", str(e["login_rows"]), str(e["login_cpu_s"])),
                ),
                note=f"{e['target']}: {e['ms_per_row']} ms of CPU per row (one wrap, timed here)",
            )
        )
    return out


def render(report: Analysis, fmt: str, *, width: int = 100) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, sort_keys=False) + "\n"
    if fmt == "markdown":
        return _markdown(report)
    if fmt == "table":
        return _table(report, width)
    if fmt == "html":
        from hashcompat._reports.analysis_html import render_html  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return render_html(report, sections(report))
    raise ValueError(f"unknown report format {fmt!r}")


def _markdown(report: Analysis) -> str:
    return markdown_sections("Migration analysis", sections(report))


def markdown_sections(title: str, parts: list[Section]) -> str:
    """Sections as a markdown page (also the push report's layout)."""
    lines = [f"# {title}", ""]
    for section in parts:
        lines += [f"## {section.title}", ""]
        if section.note:
            lines += [md_text(section.note), ""]
        lines.append("| " + " | ".join(section.headers) + " |")
        lines.append("|" + "---|" * len(section.headers))
        lines += ["| " + " | ".join(md_text(c) for c in row) + " |" for row in section.rows]
        lines.append("")
    return "\n".join(lines)


def _table(report: Analysis, width: int) -> str:
    return table_sections(sections(report), width)


def table_sections(parts: list[Section], width: int) -> str:
    """Sections as rich tables in plain text (also the push report's layout)."""
    from rich.console import Console  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from rich.table import Table  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from rich.text import Text  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, no_color=True)
    for section in parts:
        table = Table(title=section.title, title_justify="left")
        for header in section.headers:
            table.add_column(header, overflow="fold")
        for row in section.rows:
            table.add_row(*row)
        console.print(table)
        if section.note:  # below the table, never wrapped: a URL or a path stays whole
            console.print(Text(section.note), soft_wrap=True)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
