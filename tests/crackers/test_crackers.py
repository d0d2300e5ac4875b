"""John the Ripper's and hashcat's line syntax, read with their own test data: every vector
of a format or mode the reader knows verifies (or not) as the tool says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hashcompat
from hashcompat.crackers import CrackerLine, parse_line
from hashcompat.crackers._hashcat import modes
from hashcompat.crackers._tables import JOHN_DYNAMIC
from tests._support.asserts import assert_hash_not_echoed
from tests._support.vectors import VECTORS, load_jsonl

JOHN_FORMATS = {
    "NT", "PHPS", "ipb2", "osc", "EPiServer", "HMAC-MD5", "HMAC-SHA1", "HMAC-SHA256",
    "HMAC-SHA512", "Django", "wbb3", "phpass", "md5crypt", "Raw-MD5", "Raw-SHA1",
    "mysql-sha1", "bsdicrypt", "descrypt", "bcrypt", "MediaWiki", "FormSpring",
}  # fmt: skip
# Left out: lines John reads only because --format names them (FormSpring's bare hash$salt,
# JWTs and $cram_md5$ for HMAC), phpass "$P$/" test strings whose 2^1 rounds phpass itself
# refuses, and md5crypt salts outside crypt's alphabet.
_JOHN_ONLY = ("eyJ", "$cram_md5$", "$P$/", "$1$`")
JOHN = [
    v
    for v in load_jsonl(VECTORS / "john" / "john.jsonl")
    if v["format"] in JOHN_FORMATS
    and "password_encoding" not in v
    and "fields" not in v
    and not str(v["hash"]).startswith(_JOHN_ONLY)
    and not (v["format"] == "FormSpring" and not str(v["hash"]).startswith("$dynamic_"))
]
DYNAMIC = [
    v
    for v in load_jsonl(VECTORS / "john" / "dynamic.jsonl")
    if str(v["raw"]).startswith("$dynamic_")
    and "HEX$" not in str(v["raw"])
    and v["format"] in JOHN_DYNAMIC
]
# Left out: Oracle 7's and Cisco PIX's vectors with non-ASCII or over-16-byte passwords, where
# hashcat's test module and the libpass handler behind those schemes disagree.
HASHCAT = [
    v
    for v in load_jsonl(VECTORS / "hashcat" / "hashcat.jsonl")
    if v["mode"] in modes()
    and not (
        v["mode"] in (3100, 2400)
        and (not str(v["password"]).isascii() or len(str(v["password"])) > 16)
    )
]


def _verify(vector: dict[str, object], parsed: CrackerLine) -> bool:
    inputs = parsed.inputs()
    if "username" in vector:  # John also takes the user name from the password file's field
        inputs.setdefault("username", str(vector["username"]))
    return hashcompat.verify(str(vector["password"]), parsed.hash, scheme=parsed.scheme, **inputs)


@pytest.mark.parametrize("vector", JOHN, ids=lambda v: f"{v['format']}:{str(v['hash'])[:14]}")
def test_john_format_lines(vector: dict[str, object]) -> None:
    parsed = parse_line(str(vector["hash"]), "john")
    try:
        assert _verify(vector, parsed) is vector["expect"]
    except hashcompat.AmbiguousHashError:
        assert parsed.scheme is None  # a bare digest: John too tells it by --format only


def test_john_tags_are_all_exercised() -> None:
    starts = {str(v["hash"]).split("$")[1] for v in JOHN if str(v["hash"]).startswith("$")}
    assert {"NT", "PHPS", "IPB2", "OSC", "episerver", "django", "wbb3"} <= starts
    assert any("#" in str(v["hash"]) for v in JOHN)


@pytest.mark.parametrize("vector", DYNAMIC[::3], ids=lambda v: str(v["format"]))
def test_john_dynamic_lines(vector: dict[str, object]) -> None:
    try:
        parsed = parse_line(str(vector["raw"]), "john")
    except hashcompat.MalformedHashError:
        return  # a second salt or extra fields ($$2, $$F): refused by the reader, as documented
    assert _verify(vector, parsed) is vector["expect"]


@pytest.mark.parametrize("vector", HASHCAT, ids=lambda v: f"{v['mode']}")
def test_hashcat_mode_lines(vector: dict[str, object]) -> None:
    parsed = parse_line(str(vector["line"]), "hashcat", mode=int(vector["mode"]))  # type: ignore[call-overload]
    try:
        assert _verify(vector, parsed) is vector["expect"]
    except hashcompat.SchemeUnavailableError as missing:
        pytest.skip(str(missing))


def test_user_names_and_salts_come_out_as_columns() -> None:
    line = parse_line("$dynamic_15$a$b$$Ubob", "john")
    assert (line.scheme, line.hash, line.salt, line.username) == (
        "md5($username.md5($pass).$salt)",
        "a",
        "b",
        "bob",
    )
    assert parse_line("e1:abc", "hashcat", mode=10).inputs() == {"salt": "abc"}
    assert parse_line("$NT$31d6cfe0d16ae931b73c59d7e0c089c0", "john").scheme == "ntlm"


def test_bad_lines_and_arguments() -> None:
    with pytest.raises(hashcompat.InvalidArgumentError):
        parse_line("x", "hashcat")
    with pytest.raises(hashcompat.InvalidArgumentError):
        parse_line("x", "cain")
    with pytest.raises(hashcompat.InvalidArgumentError):
        parse_line("x", "hashcat", mode=99999)
    with pytest.raises(hashcompat.MalformedHashError):
        parse_line("$dynamic_99999$abc", "john")
    with pytest.raises(hashcompat.MalformedHashError):
        parse_line("   ", "john")


@settings(max_examples=60, deadline=None)
@given(line=st.text(max_size=80), mode=st.sampled_from([0, 10, 3100, 400, 2811]))
def test_any_line_gives_a_reading_or_a_hashcompat_error(line: str, mode: int) -> None:
    for syntax, kwargs in (("john", {}), ("hashcat", {"mode": mode})):
        try:
            parse_line(line, syntax, **kwargs)  # type: ignore[arg-type]
        except hashcompat.HashcompatError as error:
            assert_hash_not_echoed(error, line, "")


def test_cli_reads_the_syntax(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    from pathlib import Path

    from hashcompat.cli import main

    rows = [v for v in HASHCAT if v["mode"] == 10 and v["expect"]]
    sample = Path(str(tmp_path)) / "mode10.jsonl"
    sample.write_text(
        "\n".join(json.dumps({"password": v["password"], "hash": v["line"]}) for v in rows),
        encoding="utf-8",
    )
    args = ["check", "--syntax", "hashcat", "--mode", "10", "--format", "json", str(sample)]
    assert main([*args, "--min-pairs", "3"]) == 0
    assert json.loads(capsys.readouterr().out)["scheme"] == "md5($pass.$salt)"
    assert main(["identify", "--syntax", "john", "$NT$31d6cfe0d16ae931b73c59d7e0c089c0"]) == 0
    assert "1. ntlm" in capsys.readouterr().out


def test_cli_verify_reads_the_syntax(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from hashcompat.cli import main

    vector = next(v for v in JOHN if v["format"] == "ipb2" and v["expect"])
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{vector['password']}\n"))
    assert main(["verify", "--syntax", "john", str(vector["hash"])]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert main(["verify", "--syntax", "john", str(vector["hash"])]) == 1
