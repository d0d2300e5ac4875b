"""Markdown an engineer can paste into a reply to the customer."""

from __future__ import annotations

from hashcompat.checker import CheckReport
from hashcompat.reports import summary_lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: CheckReport, *, width: int = 80) -> str:
    out = ["## Password hash feasibility check", ""]
    out += [f"- **{label}:** {_cell(value)}" for label, value in summary_lines(report)]
    out += [
        "",
        "| # | password | hash | matched | scheme | problems |",
        "|---|---|---|---|---|---|",
    ]
    for p in report.pairs:
        out.append(
            f"| {p.index} | `{_cell(p.password)}` | `{_cell(p.hash)}` | "
            f"{'yes' if p.matched else 'no'} | {p.scheme or '-'} | "
            f"{_cell('; '.join(p.problems)) or '-'} |"
        )
    if report.notes:
        out += ["", "**Notes**", ""] + [f"- {_cell(n)}" for n in report.notes]
    return "\n".join(out) + "\n"
