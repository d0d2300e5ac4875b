"""Property tests over the bulk parsers: any string classifies, any bytes read, nothing escapes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hashcompat._registry import registry
from hashcompat.bulk import DumpError, Row, open_rows
from hashcompat.bulk._classify import Classification, Classifier, Plan
from hashcompat.errors import HashcompatError

PREFIXES = ["", "$2y$", "$2b$1", "$P$", "$H$", "U$S$", "$argon2id$v=19$m=", "$6$rounds=", "$5$"]
PREFIXES += ["pbkdf2_sha256$", "$pbkdf2-sha256$", "{SSHA}", "*", "$hcw$1$", "$wp$2y$"]
strings = st.builds(lambda p, s: p + s, st.sampled_from(PREFIXES), st.text(max_size=80))
CLASSIFY = Classifier()
CLASSIFY_MD5 = Classifier(scheme="md5")


@settings(max_examples=300, deadline=None)
@given(text=strings)
def test_costs_of_any_string(text: str) -> None:
    """The costs analyze reports are each candidate scheme's parse of the string."""
    for name in registry.identify_names(text):
        try:
            parsed = registry.get(name).parse(text)
        except HashcompatError:
            continue
        for cost in parsed.costs:
            assert isinstance(cost.parameter, str) and isinstance(cost.value, int)


@settings(max_examples=300, deadline=None)
@given(text=strings, scheme=st.sampled_from([None, "md5", "phpass", "mybb", "nope"]))
def test_any_row_gets_a_verdict(text: str, scheme: str | None) -> None:
    for classify in (CLASSIFY, CLASSIFY_MD5):
        verdict = classify(Row(1, 1, text, scheme=scheme))
        assert isinstance(verdict, Classification)
        if verdict.plan is Plan.RESET:
            assert verdict.reason and (len(text) < 12 or text not in verdict.reason)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=400))
def test_any_bytes_in_a_jsonl_dump(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"id": 1, "hash": "x"}\n' + body)
    try:
        with open_rows(path) as source:
            items = list(source)
    except DumpError:
        return
    assert [i.number for i in items] == list(range(1, len(items) + 1))


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from hashcompat.cli._dumpopts import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    with progress_bar("analyze", 100) as update:
        update(10, 50)
    assert quiet.getvalue() == ""
    loud = Terminal()
    monkeypatch.setattr(sys, "stderr", loud)
    with progress_bar("analyze", 100) as update:
        update(10, 50)
    assert "analyze" in loud.getvalue()
