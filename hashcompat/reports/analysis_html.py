"""One self-contained HTML page for a bulk analysis: the tables of every format plus charts.

The charts are matplotlib figures saved as SVG and inlined, with text drawn as paths, so the
page needs no network, no script and no font at view time, and opens from a mail attachment.
matplotlib is used through its object API (no pyplot, no global figure state); SVG ids are
seeded so the same analysis renders the same bytes.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from hashcompat.errors import SchemeUnavailableError

if TYPE_CHECKING:
    from hashcompat.bulk.analysis import Analysis
    from hashcompat.reports.analysis import Section

_PLAN_COLOURS = {
    "import as is": "#2e7d32",
    "wrap": "#1565c0",
    "rehash on login": "#f9a825",
    "reset": "#c62828",
}
_STRENGTH_COLOURS = {
    "broken": "#c62828",
    "weak": "#ef6c00",
    "legacy-ok": "#f9a825",
    "modern": "#2e7d32",
    "unknown": "#757575",
}
_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;
max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.charts{display:flex;flex-wrap:wrap;gap:1em}
.chart{border:1px solid #eee;padding:.3em}.note{color:#555;font-size:.9em}
"""


def _figure(width: float = 5.0, height: float = 3.0) -> object:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise SchemeUnavailableError(
            "the HTML report", "pip install 'hashcompat[report]' (matplotlib)"
        ) from None
    return Figure(figsize=(width, height), layout="constrained")


def _svg(figure: object) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "hashcompat", "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})  # type: ignore[attr-defined]
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prologue and DOCTYPE
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)


def _bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[int],
    colours: Sequence[str] | None = None,
    *,
    horizontal: bool = False,
    xlabel: str = "",
) -> str:
    figure = _figure(5.2, max(2.6, 0.32 * len(labels) + 1.0) if horizontal else 3.0)
    axes = figure.add_subplot()  # type: ignore[attr-defined]
    colour = list(colours) if colours else "#1565c0"
    if horizontal:
        axes.barh(list(labels)[::-1], list(values)[::-1], color=colour[::-1] if colours else colour)
    else:
        axes.bar(list(labels), list(values), color=colour)
        axes.tick_params(axis="x", labelrotation=20)
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    counts = axes.xaxis if horizontal else axes.yaxis
    counts.set_major_locator(MaxNLocator(integer=True, nbins=4 if horizontal else 6))
    counts.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.set_title(title, fontsize=11)
    if xlabel:
        axes.set_xlabel(xlabel)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def charts(report: Analysis) -> list[str]:
    out = []
    plans = [(k, v) for k, v in report.plans.items() if v]
    if plans:
        out.append(
            _bars(
                "Rows per plan",
                [k for k, _ in plans],
                [v for _, v in plans],
                [_PLAN_COLOURS.get(k, "#555") for k, _ in plans],
            )
        )
    if report.strengths:
        names = list(report.strengths)
        out.append(
            _bars(
                "Strength classes",
                names,
                list(report.strengths.values()),
                [_STRENGTH_COLOURS.get(n, "#555") for n in names],
            )
        )
    schemes = list(report.schemes.items())[:15]
    if schemes:
        out.append(
            _bars(
                "Rows per scheme",
                [n for n, _ in schemes],
                [int(s["rows"]) for _, s in schemes],  # type: ignore[call-overload]
                horizontal=True,
            )
        )
    histograms = 0
    for name, stats in report.schemes.items():
        for cost, values in stats["costs"].items():  # type: ignore[attr-defined]
            if histograms >= 8:
                break
            histograms += 1
            out.append(
                _bars(
                    f"{name}: {cost}",
                    [str(v) for v in values],
                    list(values.values()),
                    xlabel=f"{cost} (as written in the hash)",
                )
            )
    return out


def _table(section: Section) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in section.headers)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
        for row in section.rows
    )
    note = f'<p class="note">{html.escape(section.note)}</p>' if section.note else ""
    return f"<h2>{html.escape(section.title)}</h2>{note}<table><tr>{head}</tr>{rows}</table>"


def render_html(report: Analysis, sections: list[Section]) -> str:
    figures = "".join(f'<div class="chart">{svg}</div>' for svg in charts(report))
    summary, rest = _table(sections[0]), "".join(_table(s) for s in sections[1:])
    title = f"Migration analysis: {html.escape(report.source)}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f"<h1>{title}</h1><p>{report.rows} rows.</p>"
        f'{summary}<h2>Charts</h2><div class="charts">{figures}</div>{rest}'
        "</body></html>\n"
    )
