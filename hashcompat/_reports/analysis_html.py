"""One self-contained HTML page for a bulk analysis: the tables of every format plus charts.

The charts are matplotlib figures saved as SVG and inlined (:mod:`hashcompat._reports.page`),
so the page needs no network, no script and no font at view time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hashcompat._reports.page import document, figure, section_html, svg

if TYPE_CHECKING:
    from hashcompat._reports.analysis import Section
    from hashcompat.bulk._analysis import Analysis

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
_figure, _svg = figure, svg


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
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

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


def render_html(report: Analysis, sections: list[Section]) -> str:
    figures = "".join(f'<div class="chart">{svg}</div>' for svg in charts(report))
    summary = section_html(sections[0])
    rest = "".join(section_html(s) for s in sections[1:])
    return document(
        f"Migration analysis: {report.source}",
        f"<p>{report.rows} rows.</p>"
        f'{summary}<h2>Charts</h2><div class="charts">{figures}</div>{rest}',
    )
