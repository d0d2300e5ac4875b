"""The parts of the self-contained HTML reports: style, tables, and charts as inline SVG.

Text is drawn as paths, so a page needs no network, no script and no font at view time, and
opens from a mail attachment. matplotlib is used through its object API (no pyplot, no global
figure state); SVG ids are seeded so the same data renders the same bytes. Shared by analyze's
report and progress's page; a page is :func:`document` around tables and charts.
"""

from __future__ import annotations

import html
import io
import re
from typing import TYPE_CHECKING

from hashcompat.errors import SchemeUnavailableError

if TYPE_CHECKING:
    from hashcompat._reports.analysis import Section

__all__ = ["CSS", "document", "figure", "section_html", "svg"]

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;
max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.charts{display:flex;flex-wrap:wrap;gap:1em}
.chart{border:1px solid #eee;padding:.3em}.note{color:#555;font-size:.9em}
"""


def figure(width: float = 5.0, height: float = 3.0) -> object:
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    except ImportError:
        raise SchemeUnavailableError(
            "the HTML report", "pip install 'hashcompat[report]' (matplotlib)"
        ) from None
    return Figure(figsize=(width, height), layout="constrained")


def svg(figure: object) -> str:
    import matplotlib  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "hashcompat", "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})  # type: ignore[attr-defined]
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prologue and DOCTYPE
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)


def section_html(section: Section) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in section.headers)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
        for row in section.rows
    )
    note = f'<p class="note">{html.escape(section.note)}</p>' if section.note else ""
    head = f"<tr>{head}</tr>" if any(section.headers) else ""
    return f"<h2>{html.escape(section.title)}</h2>{note}<table>{head}{rows}</table>"


def document(title: str, body: str) -> str:
    """A whole page: ``title`` is escaped here, ``body`` is HTML already."""
    title = html.escape(title)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head><body>"
        f"<h1>{title}</h1>{body}</body></html>\n"
    )
