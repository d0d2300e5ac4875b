"""Markdown an engineer can paste into a reply to the customer."""

from __future__ import annotations

from hashcompat._checker import CheckReport
from hashcompat._reports import summary_lines
from hashcompat._reports.escape import md_code, md_text


def render(report: CheckReport, *, width: int = 80) -> str:
    out = ["## Password hash feasibility check", ""]
    out += [f"- **{label}:** {md_text(value)}" for label, value in summary_lines(report)]
    out += [
        "",
        "| # | password | hash | matched | scheme | problems |",
        "|---|---|---|---|---|---|",
    ]
    for p in report.pairs:
        out.append(
            f"| {p.index} | {md_code(p.password)} | {md_code(p.hash)} | "
            f"{'yes' if p.matched else 'no'} | {md_text(p.scheme or '-')} | "
            f"{md_text('; '.join(p.problems)) or '-'} |"
        )
    if report.notes:
        out += ["", "**Notes**", ""] + [f"- {md_text(n)}" for n in report.notes]
    return "\n".join(out) + "\n"
