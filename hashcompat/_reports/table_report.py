"""A rich table for the terminal, fitted to 80 columns."""

from __future__ import annotations

import io

from hashcompat._checker import CheckReport, Verdict
from hashcompat._reports import summary_lines

_STYLE = {
    Verdict.FEASIBLE: "bold green",
    Verdict.PARTIAL: "bold yellow",
    Verdict.INFEASIBLE: "bold red",
    Verdict.INSUFFICIENT: "bold magenta",
}


def render(report: CheckReport, *, width: int = 80) -> str:
    from rich.console import Console  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from rich.table import Table  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, force_terminal=False, no_color=True, highlight=False
    )
    summary = Table.grid(padding=(0, 1))
    summary.add_column(style="bold", no_wrap=True)
    summary.add_column(overflow="fold")
    for label, value in summary_lines(report):
        style = _STYLE[report.verdict] if label == "Verdict" else ""
        summary.add_row(f"{label}:", f"[{style}]{value}[/]" if style else value)
    console.print(summary)
    rows = Table(show_lines=False, expand=False)
    rows.add_column("#", justify="right", no_wrap=True)
    rows.add_column("password", no_wrap=True)
    rows.add_column("hash", overflow="fold", max_width=22)
    rows.add_column("ok", no_wrap=True)
    rows.add_column("scheme / problems", overflow="fold")
    for p in report.pairs:
        detail = "; ".join(filter(None, [p.scheme or "", *p.problems])) or "-"
        rows.add_row(str(p.index), p.password, p.hash, "yes" if p.matched else "NO", detail)
    console.print(rows)
    for note in report.notes:
        console.print(f"note: {note}")
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
