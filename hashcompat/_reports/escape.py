"""Values from a dump are untrusted in every report: escaping per output format.

Markdown renders inline HTML, so a user id of ``<script>...</script>`` would run in a viewer that
shows the report; a ``|`` ends a table cell; a newline ends the line. :func:`md_text` makes any
value inert text of one line; :func:`md_code` shows it in a code span that no backtick in the
value can close. The HTML report escapes with ``html.escape``; the reset CSV defuses formulas
(``hashcompat.bulk._resetlist.defuse``).
"""

from __future__ import annotations

import html
import re

__all__ = ["md_code", "md_text"]

_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def md_text(value: object) -> str:
    """``value`` as one line of inert markdown text, safe inside a table cell."""
    text = _LINE_BREAKS.sub(" ", str(value))
    return html.escape(text, quote=False).replace("|", "\\|")


def md_code(value: object) -> str:
    """``value`` in a code span (one line, ``|`` escaped for tables), fenced with more
    backticks than any run inside it."""
    text = _LINE_BREAKS.sub(" ", str(value)).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
