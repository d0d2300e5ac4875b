"""Renderers of a migration :class:`~hashcompat.bulk._progress.Progress`: table, json, html.

Every format shows the same sections, built once by :func:`sections`: the users by standing,
the active users and the share moved, the projection with its model and its reason when there
is none, and the last days of the first-sign-in curve. Numbers and dates only, never a user id.
"""

from __future__ import annotations

import json

from hashcompat._reports.analysis import Section
from hashcompat.bulk._progress import Progress, Standing
from hashcompat.bulk._projection import GoalState

__all__ = ["FORMATS", "render", "sections"]

FORMATS = ("table", "json", "html")
LAST_DAYS = 14


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _goal_text(progress: Progress) -> tuple[tuple[str, str], ...]:
    out = []
    for goal in progress.goals:
        label = f"{goal.share:.0%} of active users moved"
        if goal.state is GoalState.REACHED:
            text = "reached" + (f" on {goal.date.isoformat()}" if goal.date else "")
        elif goal.state is GoalState.PROJECTED and goal.date is not None:
            text = f"projected for {goal.date.isoformat()}"
        elif goal.state is GoalState.BEYOND:
            text = f"not within five years ({goal.reason})"
        else:
            text = f"no projection: {goal.reason}"
        out.append((label, text))
    return tuple(out)


def sections(progress: Progress) -> list[Section]:
    users = progress.users
    total = progress.total
    migrated = users.get(Standing.MIGRATED, 0)
    fit = progress.fit
    standing_rows = [
        (s.value, str(users[s]), _pct(users[s], total)) for s in Standing if s in users
    ]
    out = [
        Section(
            "Users",
            ("", "users", "share"),
            (
                ("total", str(total), ""),
                *standing_rows,
                ("remaining (not migrated)", str(total - migrated), _pct(total - migrated, total)),
            ),
        ),
        Section(
            f"Active users (last {progress.active_days} days, as of {progress.as_of.isoformat()})",
            ("", "users", "share"),
            (
                ("active", str(progress.active), _pct(progress.active, total)),
                ("active and moved", str(progress.active_migrated), _pct(progress.share, 1)),
                ("active, not moved", str(progress.active - progress.active_migrated), ""),
            ),
        ),
        Section(
            "Projection",
            ("", ""),
            (
                *_goal_text(progress),
                (
                    "daily hazard",
                    "-"
                    if fit.hazard is None
                    else f"{fit.hazard:.4%} ({fit.events} first sign-ins over "
                    f"{fit.exposure} user-days, {fit.window[0]} to {fit.window[1]})",
                ),
            ),
            note="Model: " + progress.model,
        ),
    ]
    recent = progress.daily[-LAST_DAYS:]
    curve = dict(progress.curve())
    out.append(
        Section(
            f"First sign-ins per day (last {len(recent)} days)",
            ("day", "first sign-ins", "active moved"),
            tuple((d.isoformat(), str(n), _pct(curve[d], 1)) for d, n in recent),
        )
    )
    if progress.notes or progress.audit:
        audit = ", ".join(f"{k} {v}" for k, v in sorted(progress.audit.items()))
        rows = [("audit log", audit)] if audit else []
        out.append(Section("Notes", ("", ""), (*rows, *(("note", n) for n in progress.notes))))
    return out


def _table(progress: Progress) -> str:
    lines = [f"Migration progress: {progress.source}"]
    for section in sections(progress):
        lines += ["", section.title]
        widths = [
            max(len(row[i]) for row in (section.headers, *section.rows))
            for i in range(len(section.headers))
        ]
        shown = [section.headers, *section.rows] if any(section.headers) else section.rows
        for row in shown:
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if section.note:
            lines.append(section.note)
    return "\n".join(lines) + "\n"


def render(progress: Progress, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(progress.to_dict(), indent=2) + "\n"
    if fmt == "html":
        from hashcompat._reports.progress_html import render_html  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

        return render_html(progress, sections(progress))
    if fmt == "table":
        return _table(progress)
    raise ValueError(f"unknown report format {fmt!r}")
