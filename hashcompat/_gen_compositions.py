"""Write hashcompat/_compositions_table.py: the compositions ``identify`` adds for bare hex.

    python -m hashcompat._gen_compositions

A bare 32- or 40-hex digest (or ``hex:salt``) may be a plain digest or one of the common
compositions hashcat and John name (``md5(md5($pass))``, ``sha1(sha1($pass))``,
``md5(utf16le($pass))``, ``md5($pass.$salt)``...). Their formulas are the ones of
hashcompat.crackers._tables (each checked against hashcat's own test data); this script reads
which digest length and layout each one writes, by computing it once, and ranks them: the
compositions the identification tools list first (POPULAR), then by hashcat mode.
tests/core/test_index.py-style check: tests/core/test_identify_compositions.py keeps the table
current.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from hashcompat.crackers._tables import HASHCAT_MODES, HS
from hashcompat.formula._scheme import scheme_from_formula
from hashcompat.scheme import Inputs

TABLE = Path(__file__).with_name("_compositions_table.py")
# the readings the identification tools (hashid, name-that-hash, hashcat) list first
POPULAR = (
    "md5(md5($pass))",
    "sha1(sha1($pass))",
    "md5(utf16le($pass))",
    "md5($pass.$salt)",
    "md5($salt.$pass)",
    "sha1($pass.$salt)",
    "sha1($salt.$pass)",
    "md5(md5(md5($pass)))",
    "md5(sha1($pass))",
    "sha1(md5($pass))",
)


# hashcat modes the tables leave out (no vectors in tests/vectors/hashcat) that the tools list
EXTRA = {70: "md5(utf16le($pass))", 4500: "sha1(sha1($pass))", 4700: "sha1(md5($pass))"}
# readings a registered scheme already names (md5, md4, ntlm, ...): not repeated
_REGISTERED = re.compile(r"\w+\(\$pass\)|md4\(utf16le\(\$pass\)\)")


def _shape(formula: str) -> tuple[int, bool] | None:
    """(hex digits, followed by ':salt') of what ``formula`` writes, or None when not hex."""
    text, _, layout = formula.partition(" @ ")
    scheme = scheme_from_formula(text, layout or None)
    made = scheme.hash(b"password", Inputs(salt="s4lt"), {})
    digest, colon, salt = made.partition(":")
    if layout not in ("", HS.removeprefix(" @ ")) or (colon and salt != "s4lt"):
        return None
    if not digest or digest.strip(string.hexdigits):
        return None
    return len(digest), bool(colon)


def _rank(item: tuple[int, str]) -> tuple[int, int]:
    mode, formula = item
    bare = formula.partition(" @ ")[0]
    return (POPULAR.index(bare) if bare in POPULAR else len(POPULAR), mode)


def build() -> dict[tuple[int, bool], list[str]]:
    table: dict[tuple[int, bool], list[str]] = {}
    modes = {**EXTRA, **HASHCAT_MODES}
    for _mode, formula in sorted(modes.items(), key=_rank):
        if _REGISTERED.fullmatch(formula):
            continue
        shape = _shape(formula)
        if shape is None:
            continue
        names = table.setdefault(shape, [])
        if formula not in names:
            names.append(formula)
        bare = formula.partition(" @ ")[0]
        if shape[1] and "$salt" in bare:  # a salt kept in its own column: bare hex too
            plain = table.setdefault((shape[0], False), [])
            if bare not in plain:
                plain.append(bare)
    return table


def render(table: dict[tuple[int, bool], list[str]]) -> str:
    lines = [
        '"""Made by ``python -m hashcompat._gen_compositions``: do not edit."""',
        "",
        "# (hex digits, ':salt' follows) -> compositions of that shape, most common first",
        "COMPOSITIONS: dict[tuple[int, bool], tuple[str, ...]] = {",
    ]
    for shape in sorted(table):
        lines.append(f"    {shape!r}: (")
        lines += [f"        {name!r}," for name in table[shape]]
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    TABLE.write_text(render(build()), encoding="utf-8")
    print(f"wrote {TABLE}")


if __name__ == "__main__":
    main()
