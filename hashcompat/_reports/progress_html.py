"""The progress page: the tables of :func:`~hashcompat._reports.progress.sections` and three
charts as inline SVG (first sign-ins per day; the share of active users moved, with the
projection to the goals dashed; the users by standing). No script, no network."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from hashcompat._reports.page import document, figure, section_html, svg
from hashcompat.bulk._progress import Progress, Standing
from hashcompat.bulk._projection import GoalState

if TYPE_CHECKING:
    from hashcompat._reports.analysis import Section

_BLUE, _GREEN, _GREY, _AMBER = "#1565c0", "#2e7d32", "#757575", "#f9a825"
_STANDING_COLOURS = {
    Standing.MIGRATED: _GREEN,
    Standing.SEEN: _AMBER,
    Standing.NEVER_SEEN: _GREY,
}


def _dates(axes: Any) -> None:
    from matplotlib import dates  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    module: Any = dates  # its locator and formatter are untyped
    locator = module.AutoDateLocator(maxticks=7)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(module.ConciseDateFormatter(locator))
    axes.spines[["top", "right"]].set_visible(False)


def _daily(progress: Progress) -> str:
    chart: Any = figure(5.4, 3.0)
    axes = chart.add_subplot()
    days = [d for d, _ in progress.daily]
    axes.bar(days, [n for _, n in progress.daily], width=0.9, color=_BLUE)
    axes.set_title("First sign-ins per day", fontsize=11)
    axes.set_ylabel("users moved")
    _dates(axes)
    return svg(chart)


def _projected(progress: Progress) -> list[tuple[datetime.date, float]]:
    """The model's curve from today to the furthest projected goal (empty without a fit)."""
    hazard, share = progress.fit.hazard, progress.share
    ends = [g.date for g in progress.goals if g.state is GoalState.PROJECTED and g.date]
    if hazard is None or not ends:
        return []
    days = (max(ends) - progress.as_of).days
    step = max(1, days // 60)
    points = range(0, days + step, step)
    today = progress.as_of
    return [
        (today + datetime.timedelta(days=n), 1 - (1 - share) * (1 - hazard) ** n) for n in points
    ]


def _share(progress: Progress) -> str:
    chart: Any = figure(5.4, 3.0)
    axes = chart.add_subplot()
    curve = progress.curve()
    if curve:
        axes.plot(
            [d for d, _ in curve], [100 * s for _, s in curve], color=_GREEN, lw=2, label="moved"
        )
    ahead = _projected(progress)
    if ahead:
        axes.plot(
            [d for d, _ in ahead],
            [100 * s for _, s in ahead],
            color=_GREEN,
            lw=1.5,
            ls="--",
            label="projected",
        )
    for goal in progress.goals:
        axes.axhline(100 * goal.share, color=_GREY, lw=0.8, ls=":")
        axes.annotate(
            f"{goal.share:.0%}",
            (1.0, 100 * goal.share),
            xycoords=("axes fraction", "data"),
            fontsize=8,
            color=_GREY,
            ha="right",
            va="bottom",
        )
    axes.set_ylim(0, 101)
    axes.set_title(f"Active users moved (last {progress.active_days} days)", fontsize=11)
    axes.set_ylabel("% of active users")
    if curve or ahead:
        axes.legend(frameon=False, fontsize=8, loc="lower right")
    _dates(axes)
    return svg(chart)


def _users(progress: Progress) -> str:
    chart: Any = figure(5.0, 2.4)
    axes = chart.add_subplot()
    shown = [s for s in Standing if s in progress.users][::-1]
    values = [progress.users[s] for s in shown]
    axes.barh([s.value for s in shown], values, color=[_STANDING_COLOURS[s] for s in shown])
    for index, value in enumerate(values):
        axes.annotate(
            f"{value:,}",
            (value, index),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    axes.set_title(f"Users ({progress.total:,})", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
    axes.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    return svg(chart)


def render_html(progress: Progress, sections: list[Section]) -> str:
    charts = [_users(progress)]
    if progress.daily:
        charts = [_daily(progress), _share(progress), *charts]
    figures = "".join(f'<div class="chart">{chart}</div>' for chart in charts)
    share = f"{100 * progress.share:.1f}%"
    lead = (
        f"<p>{progress.total:,} users; {share} of the {progress.active:,} active in the last "
        f"{progress.active_days} days have moved (as of {progress.as_of.isoformat()}).</p>"
    )
    projection = [s for s in sections if s.title == "Projection"]
    rest = [s for s in sections if s.title != "Projection"]
    return document(
        f"Migration progress: {progress.source}",
        lead
        + "".join(section_html(s) for s in projection)
        + f'<h2>Charts</h2><div class="charts">{figures}</div>'
        + "".join(section_html(s) for s in rest),
    )
