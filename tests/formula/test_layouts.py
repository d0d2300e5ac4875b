"""Layouts take stored strings apart: the digest and the salt where the layout puts them, None
for a string of another shape, and exactly the strings identification claims for the scheme."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat._registry import registry
from hashcompat.formula._scheme import FormulaScheme, compile_formula, make_scheme
from tests._support.vectors import CHARS, vector_lines

MD5_OF_X = "9dd4e461268c8034f5c8564e155c67a6"  # md5("x"), the digest the cases below store
SHA1 = "a" * 40


@pytest.mark.parametrize(
    ("formula", "layout", "stored", "digest", "salt_text"),
    [
        ("md5($pass)", None, MD5_OF_X, MD5_OF_X, ""),
        ("md5($pass)", None, MD5_OF_X.upper(), MD5_OF_X.upper(), ""),
        ("upper(md5($pass))", "*{hash}", "*" + MD5_OF_X.upper(), MD5_OF_X.upper(), ""),
        ("md5($pass.$salt)", "{hash}:{salt}", MD5_OF_X + ":s:a$lt", MD5_OF_X, "s:a$lt"),
        ("md5($pass.$salt)", "{hash}:{salt}", MD5_OF_X + ":", MD5_OF_X, ""),
        ("md5($salt.$pass)", "md5${salt}${hash}", f"md5$a$b${MD5_OF_X}", MD5_OF_X, "a$b"),
        ("sha1($salt.$pass)", "{salt:hex}{hash}", "00ff" + SHA1, SHA1, "00ff"),
        ("sha1($salt.$pass)", "$x${salt:b64}${hash}", f"$x$c2FsdA==${SHA1}", SHA1, "c2FsdA=="),
        ("sha1($salt.$pass)", "{salt:5}{hash}", "ab:cd" + SHA1, SHA1, "ab:cd"),
        ("md5($pass) @ {hash} | $NT${hash}", None, "$NT$" + MD5_OF_X, MD5_OF_X, ""),
        ("md5($salt.$pass)", "{salt}{{x}{hash}", "s{x}" + MD5_OF_X, MD5_OF_X, "s"),
    ],
)
def test_a_layout_puts_digest_and_salt_where_it_says(
    formula: str, layout: str | None, stored: str, digest: str, salt_text: str
) -> None:
    parsed = compile_formula(formula, layout).split(stored)
    assert parsed is not None
    assert (parsed.digest, parsed.salt_text) == (digest, salt_text)


@pytest.mark.parametrize(
    ("salt_layout", "stored_salt", "salt"),
    [
        ("{salt}", "é:1", "é:1".encode()),
        ("{salt:hex}", "00ff", b"\0\xff"),
        ("{salt:b64}", "AAE=", b"\0\1"),
    ],
)
def test_the_salt_is_decoded_as_it_is_stored(
    salt_layout: str, stored_salt: str, salt: bytes
) -> None:
    parsed = compile_formula("md5($salt.$pass)", f"{salt_layout}${{hash}}").split(
        f"{stored_salt}${MD5_OF_X}"
    )
    assert parsed is not None and parsed.salt == salt


@pytest.mark.parametrize("order", ["hash+salt", "salt+hash"])
def test_a_group_holds_the_raw_digest_and_the_salt(order: str) -> None:
    import base64

    digest, salt = bytes(range(20)), b"pepper!"
    blob = digest + salt if order == "hash+salt" else salt + digest
    stored = "{SSHA}" + base64.b64encode(blob).decode()
    parsed = compile_formula("sha1_raw($pass.$salt)", f"{{SSHA}}{{b64:{order}}}").split(stored)
    assert parsed is not None and (parsed.digest, parsed.salt) == (digest, salt)
    assert (
        compile_formula("sha1_raw($pass.$salt)", f"{{SSHA}}{{b64:{order}}}").split(
            "{SSHA}" + base64.b64encode(digest).decode()  # no salt: not this layout
        )
        is None
    )


@pytest.mark.parametrize(
    ("formula", "layout", "stored"),
    [
        ("md5($pass)", None, MD5_OF_X[:-1]),
        ("md5($pass)", None, MD5_OF_X + "0"),
        ("md5($pass)", None, MD5_OF_X[:-1] + "g"),
        ("upper(md5($pass))", "*{hash}", MD5_OF_X.upper() + "*"),
        ("md5($pass.$salt)", "{hash}:{salt}", MD5_OF_X + ";s"),
        ("md5($salt.$pass)", "md5${salt}${hash}", f"md4$a${MD5_OF_X}"),
        ("sha1($salt.$pass)", "{salt:hex}{hash}", "0ff" + SHA1),
        ("sha1($salt.$pass)", "$x${salt:b64}${hash}", f"$x$c2FsdA=${SHA1}"),
        ("sha1($salt.$pass)", "{salt:5}{hash}", "abcd" + SHA1),
        ("bcrypt(md5($pass))", "wcf:{hash}", "wcf:$2y$10$" + "a" * 54),
    ],
)
def test_a_string_of_another_shape_is_not_taken_apart(
    formula: str, layout: str | None, stored: str
) -> None:
    assert compile_formula(formula, layout).split(stored) is None


@pytest.mark.parametrize(
    ("layout", "stored", "salt_text", "digest"),
    [  # two fields of varying width: split where the scheme's pattern splits
        ("{salt}:{hash}", "a:b:c", "a", "b:c"),
        ("{salt}{hash}", "abc", "", "abc"),
        ("{hash}:{salt}", "a:b:c", "b:c", "a"),
    ],
)
def test_two_fields_of_varying_width_split_as_the_pattern_does(
    layout: str, stored: str, salt_text: str, digest: str
) -> None:
    formula = compile_formula("$pass.$salt", layout)
    parsed = formula.split(stored)
    assert parsed is not None and (parsed.salt_text, parsed.digest) == (salt_text, digest)
    match = re.fullmatch(formula.layout.pattern, stored, re.DOTALL)
    assert match is not None and (match["salt"], match["hash"]) == (salt_text, digest)


def test_a_bcrypt_layout_reads_the_60_and_59_character_forms() -> None:
    split = compile_formula("bcrypt(md5($pass))", "wcf:{hash}").split
    modern, original = "$2y$10$" + "a" * 53, "$2$10$" + "a" * 53
    assert split("wcf:" + modern).digest == modern  # type: ignore[union-attr]
    assert split("wcf:" + original).digest == original  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("layout", "reason"),
    [
        ("{salt}", "needs a {hash}"),
        ("{hash}{hash}", "repeats a part"),
        ("{salt}{salt:hex}{hash}", "repeats a part"),
        ("{hash} | {hash}:{salt}", "keep the salt alike"),
    ],
)
def test_a_layout_that_cannot_be_read_is_refused(layout: str, reason: str) -> None:
    with pytest.raises(hashcompat.FormulaSyntaxError, match=re.escape(reason)):
        compile_formula("md5($pass.$salt)", layout)


# Identification matches the scheme's pattern, and hands what it claims to parse: the two
# must agree on every string, for every built-in formula row and the layouts above.
_LAYOUTS = [
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
    ("$pass.$salt", "{salt}:{hash}"),
    ("md5($pass)", None),
]
SCHEMES = [s for s in registry if isinstance(s, FormulaScheme)] + [
    make_scheme(compile_formula(f, layout)) for f, layout in _LAYOUTS
]


def _agree(scheme: FormulaScheme, text: str) -> None:
    if len(scheme.formula.layout.forms) == 1:  # identification claims the written form only
        assert (scheme.match(text) is not None) is scheme.info.matches(text), scheme.info.name


def test_identification_and_parsing_agree_on_the_vector_lines() -> None:
    for line in vector_lines():
        for text in (line, line[:-1], line + "="):
            for scheme in SCHEMES:
                _agree(scheme, text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SCHEMES), st.data())
def test_identification_and_parsing_agree_on_written_strings_and_their_edits(
    scheme: FormulaScheme, data: st.DataObject
) -> None:
    inputs = {n: "u" for n in scheme.info.inputs}
    try:
        stored = hashcompat.hash("pw", scheme.info.name, **inputs)
    except hashcompat.HashcompatError:
        stored = data.draw(st.text(CHARS, max_size=90))
    start = data.draw(st.integers(0, len(stored)))
    end = data.draw(st.integers(start, len(stored)))
    edited = stored[:start] + data.draw(st.text(CHARS, max_size=4)) + stored[end:]
    _agree(scheme, stored)
    _agree(scheme, edited)
