"""Declared identification keys lose no string: every key set accepts every string its
scheme's regex accepts (vector strings, their mutations, strings generated from each regex), and
an exact key accepts only strings the regex accepts. So identification through the keys gives
what a full match of every pattern gives (tests/core/test_index.py checks that as well)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from hashcompat._idkey import OPEN, Alphabet, Key, keys_of
from hashcompat._registry import registry
from hashcompat.formula._keys import layout_key
from hashcompat.formula._scheme import compile_formula
from hashcompat.scheme import Scheme
from tests._support.vectors import mutations, vector_lines


def _builtin() -> list[Scheme]:
    return [
        s
        for s in registry
        if s.info.pattern is not None and registry.module_of(s.info.name) is not None
    ]


def _keys(scheme: Scheme) -> tuple[Key, ...]:
    return keys_of(scheme.info.keys, scheme.info.prefixes)


BUILTIN = _builtin()
NAMES = [s.info.name for s in BUILTIN]


def test_every_builtin_scheme_is_keyed_narrower_than_anything() -> None:
    """Each built-in declares keys or prefixes: none is tried on every string."""
    unkeyed = [s.info.name for s in BUILTIN if Key() in _keys(s)]
    assert not unkeyed


def test_keys_accept_every_vector_string_their_regex_accepts() -> None:
    lost: set[tuple[str, str]] = set()
    for line in vector_lines():
        for text in mutations(line):
            for scheme in BUILTIN:
                if scheme.info.matches(text) and not any(k.accepts(text) for k in _keys(scheme)):
                    lost.add((scheme.info.name, text[:40]))
    assert not lost


@pytest.mark.parametrize("name", NAMES)
def test_keys_accept_what_the_regex_generates(name: str) -> None:
    scheme = registry.get(name)
    regex = scheme.info._regex
    assert regex is not None
    keys = _keys(scheme)

    @settings(
        max_examples=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(st.from_regex(regex, fullmatch=True))
    def accepted(text: str) -> None:
        if regex.fullmatch(text):  # lookarounds: hypothesis only approximates them
            assert any(k.accepts(text) for k in keys), text[:60]

    try:
        accepted()
    except Unsatisfiable:  # lookaheads hypothesis cannot satisfy: the vector test covers it
        pytest.skip("hypothesis cannot generate this pattern's strings")


def _key_strings(key: Key) -> st.SearchStrategy[str]:
    chars = key.alphabet.chars
    alphabet = st.sampled_from(chars) if chars is not None else st.characters()
    size = len(key.head)
    high = min(key.high, key.low + 40) if key.high < OPEN else key.low + 40
    return st.text(alphabet, min_size=key.low - size, max_size=high - size).map(
        lambda rest: key.head + rest
    )


EXACT = [(s.info.name, k) for s in BUILTIN for k in _keys(s) if k.exact]


@pytest.mark.parametrize(("name", "key"), EXACT, ids=[n for n, _ in EXACT])
def test_an_exact_key_accepts_only_what_the_regex_accepts(name: str, key: Key) -> None:
    regex = registry.get(name).info._regex
    assert regex is not None

    @settings(max_examples=40, deadline=None)
    @given(_key_strings(key))
    def matched(text: str) -> None:
        assert regex.fullmatch(text), text[:60]

    matched()


@pytest.mark.parametrize(
    ("formula", "layout", "expected"),
    [
        ("md5($pass)", None, Key.fixed(Alphabet.HEX, 32, exact=True)),
        ("md5($pass)", "*{hash}", Key("*", Alphabet.HEX, 33, 33)),
        (
            "md5($pass.$salt)",
            "{hash}:{salt}",
            Key("", Alphabet.TEXT, 33, OPEN, start=Alphabet.HEX, marks=":"),
        ),
        ("sha1_raw($pass.$salt)", "{SSHA}{b64:hash+salt}", Key("{SSHA}", Alphabet.BASE64, 34)),
        ("md5($pass.$salt)", "{salt:hex}{hash}", Key("", Alphabet.HEX, 32, OPEN)),
        ("bcrypt(md5($pass))", None, Key("$2", Alphabet.TEXT, 59, 60)),
    ],
)
def test_a_formula_key_comes_from_its_layout(formula: str, layout: str, expected: Key) -> None:
    compiled = compile_formula(formula, layout)
    assert layout_key(compiled.layout, compiled.compiled.out) == expected


def test_no_runtime_module_reads_the_regex_parser() -> None:
    """Identification keys are declared, not read from CPython's private regex internals."""
    from pathlib import Path

    import hashcompat

    root = Path(hashcompat.__file__).parent
    users = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if re.search(r"re\._parser|sre_parse|re\._constants|sre_constants", path.read_text())
    ]
    assert not users
