"""A layout's splitter accepts exactly the strings its regex matches, and takes them apart the
same way, so identification can hand its result to the scheme."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hashcompat.formula.scheme import FormulaScheme, compile_formula
from hashcompat.registry import registry
from tests._support.vectors import CHARS, vector_lines

LAYOUTS = [
    ("md5($pass.$salt)", "{hash}:{salt}"),
    ("md5($salt.$pass)", "md5${salt}${hash}"),
    ("sha1($salt.$pass)", "{salt:hex}{hash}"),
    ("sha1($salt.$pass)", "$x${salt:b64}${hash}"),
    ("sha1($salt.$pass)", "{salt:5}{hash}"),
    ("sha1_raw($pass.$salt)", "{SSHA}{b64:hash+salt}"),
    ("sha256_raw($salt.$pass)", "AK{b64:salt+hash}"),
    ("base64(sha1_raw($pass))", "{SHA}{hash}"),
    ("upper(md5($pass))", "*{hash}"),
    ("bcrypt(md5($pass))", "wcf:{hash}"),
    ("md5($pass)", None),
]


def _formulas() -> list[FormulaScheme]:
    found = [s for s in registry if isinstance(s, FormulaScheme)]
    from hashcompat.formula.scheme import make_scheme

    return found + [make_scheme(compile_formula(f, layout)) for f, layout in LAYOUTS]


SCHEMES = _formulas()


def _same(scheme: FormulaScheme, text: str) -> None:
    layout = scheme.formula.layout
    split = scheme.match(text)
    regex = layout.regex.fullmatch(text)  # every form the layout reads, the written one first
    assert (split is not None) is (regex is not None), (scheme.info.name, text[:40])
    if not layout.others:  # identification claims the written form only
        assert (split is not None) is scheme.info.matches(text), (scheme.info.name, text[:40])
    if split is not None and regex is not None and layout.salt != "group":
        assert split.digest == regex.group("hash")
        if "salt" in regex.groupdict():
            assert split.salt_text == regex.group("salt")


def test_every_formula_scheme_has_a_splitter() -> None:
    assert all(s.formula.layout.parts is not None for s in SCHEMES)


def test_vector_lines_and_their_mutations_split_as_the_regex_matches() -> None:
    for line in vector_lines():
        for text in (line, line[:-1], line + "="):
            for scheme in SCHEMES:
                _same(scheme, text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SCHEMES), st.text(CHARS, max_size=90))
def test_random_strings_split_as_the_regex_matches(scheme: FormulaScheme, text: str) -> None:
    _same(scheme, text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SCHEMES), st.data())
def test_rendered_hashes_and_their_edits_split_as_the_regex_matches(
    scheme: FormulaScheme, data: st.DataObject
) -> None:
    import hashcompat

    inputs = {n: "u" for n in scheme.info.inputs}
    try:
        stored = hashcompat.hash("pw", scheme.info.name, **inputs)
    except hashcompat.HashcompatError:
        return
    start = data.draw(st.integers(0, len(stored)))
    end = data.draw(st.integers(start, len(stored)))
    text = stored[:start] + data.draw(st.text(CHARS, max_size=4)) + stored[end:]
    _same(scheme, stored)
    _same(scheme, text)
