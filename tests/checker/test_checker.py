"""The sample checker: verdicts, groups, data problems, and no secrets in the report."""

from __future__ import annotations

import json

import pytest

import hashcompat
from hashcompat._checker import Verdict, check, mask_hash, mask_password

PASSWORDS = ["correct horse", "Tr0ub4dor&3", "hunter2", "пароль", "", "letmein!"]


def _pairs(scheme: str, passwords: list[str] = PASSWORDS, **params: object) -> list[dict[str, str]]:
    return [{"password": p, "hash": hashcompat.hash(p, scheme, **params)} for p in passwords]


def test_feasible_discovers_a_self_describing_scheme() -> None:
    report = check(_pairs("phpass", log2_rounds=7))
    assert report.verdict is Verdict.FEASIBLE
    assert report.scheme == "phpass"
    assert report.rehash_on_login
    assert all(p.matched for p in report.pairs)
    assert hashcompat.verify(
        PASSWORDS[0], _pairs("phpass", PASSWORDS[:1])[0]["hash"], scheme=report.scheme
    )


def test_bare_digests_are_found_among_candidates() -> None:
    report = check(_pairs("md5"))
    assert report.verdict is Verdict.FEASIBLE
    assert report.scheme == "md5"
    assert report.strength == "broken"


def test_named_scheme_is_only_confirmed() -> None:
    pairs = _pairs("sha1")
    assert check(pairs, scheme="sha1").verdict is Verdict.FEASIBLE
    assert check(pairs, scheme="md5").verdict is Verdict.INFEASIBLE


def test_mixed_self_describing_export_is_feasible_row_by_row() -> None:
    pairs = _pairs("phpass", PASSWORDS[:4], log2_rounds=7) + _pairs(
        "drupal7", PASSWORDS[4:], log2_rounds=7
    )
    report = check(pairs)
    assert report.verdict is Verdict.FEASIBLE
    assert report.mixed and report.scheme is None
    assert report.groups == {"phpass": (1, 2, 3, 4), "drupal7": (5, 6)}
    assert report.to_dict()["mixed"] is True
    assert all(hashcompat.verify(p["password"], p["hash"]) for p in pairs)
    from hashcompat._reports import render

    for fmt in ("table", "markdown"):
        text = render(report, fmt, width=200)
        assert "phpass: 4 rows" in text and "drupal7: 2 rows" in text


def test_mixed_export_with_a_failing_row_is_partial() -> None:
    pairs = _pairs("phpass", PASSWORDS[:4], log2_rounds=7) + _pairs(
        "drupal7", PASSWORDS[4:], log2_rounds=7
    )
    pairs[0]["password"] += "typo"
    report = check(pairs)
    assert report.verdict is Verdict.PARTIAL and not report.mixed
    assert report.groups == {"phpass": (2, 3, 4), "drupal7": (5, 6)}
    assert any("disagree" in note for note in report.notes)


def test_rows_that_do_not_name_their_scheme_stay_partial() -> None:
    pairs = _pairs("md5", PASSWORDS[:3]) + _pairs("sha1", PASSWORDS[3:])
    report = check(pairs)
    assert report.verdict is Verdict.PARTIAL and not report.mixed
    assert report.groups == {"md5": (1, 2, 3), "sha1": (4, 5, 6)}
    assert any("scheme column" in note for note in report.notes)


def test_strength_line_does_not_depend_on_the_verdict() -> None:
    from hashcompat._reports import render

    report = check(_pairs("md5", PASSWORDS[:2]))
    assert report.verdict is Verdict.INSUFFICIENT
    assert report.rehash_on_login
    assert "Strength:         broken (rehash on login)" in render(report, "table")


def test_login_cost_reuses_the_verifies_of_discovery(monkeypatch: pytest.MonkeyPatch) -> None:
    from hashcompat import _checker as checker
    from hashcompat import _discover as discover

    calls = []
    real = discover.timed_verify

    def counting(*args: object) -> tuple[bool, float]:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(discover, "timed_verify", counting)
    monkeypatch.setattr(checker, "timed_verify", counting)
    from tests._support.vectors import VECTORS, load_jsonl

    django = [
        {"password": v["password"], "hash": v["hash"]}
        for v in load_jsonl(VECTORS / "django.jsonl")
        if v["scheme"] == "django_pbkdf2_sha256" and v["expect"] is True
    ][:5]
    report = check(django)  # type: ignore[arg-type]
    assert report.verdict is Verdict.FEASIBLE and report.login_ms is not None
    assert len(calls) == 5


def test_infeasible_and_insufficient() -> None:
    wrong = [
        {"password": p + "x", "hash": h["hash"]}
        for p, h in zip(PASSWORDS, _pairs("md5"), strict=True)
    ]
    assert check(wrong).verdict is Verdict.INFEASIBLE
    few = _pairs("md5", PASSWORDS[:3])
    report = check(few)
    assert report.verdict is Verdict.INSUFFICIENT
    assert check(few, min_pairs=3).verdict is Verdict.FEASIBLE


def test_data_problems_are_named() -> None:
    pairs = _pairs("md5")
    pairs[1]["hash"] = pairs[1]["hash"].upper()
    pairs[2]["hash"] = "  " + pairs[2]["hash"] + "\t"
    pairs.append(dict(pairs[0]))
    pairs.append({"password": "x", "hash": ""})
    report = check(pairs)
    assert report.verdict is Verdict.FEASIBLE
    problems = {p.index: " ".join(p.problems) for p in report.pairs}
    assert "upper-case hex" in problems[2]
    assert "whitespace" in problems[3]
    assert "duplicate" in problems[7]
    assert "not usable" in problems[8]
    assert report.usable == 6


def test_wordpress_trimmed_password_is_explained() -> None:
    pairs = _pairs("wordpress_bcrypt", PASSWORDS[:5], cost=4)
    pairs.append(
        {"password": " spaced ", "hash": hashcompat.hash(" spaced ", "wordpress_bcrypt", cost=4)}
    )
    report = check(pairs)
    assert report.verdict is Verdict.PARTIAL
    assert "trimmed" in " ".join(report.pairs[5].problems)


def test_report_never_contains_a_plaintext_or_pepper() -> None:
    secret = "SuperSecretPassw0rd"
    pairs = _pairs("sha256", [secret, *PASSWORDS[:5]])
    pairs[0]["pepper"] = "PEPPER-VALUE-123"
    report = check(pairs)
    from hashcompat._reports import render

    for fmt in ("table", "json", "markdown"):
        text = render(report, fmt)
        assert secret not in text and "PEPPER-VALUE-123" not in text
        assert pairs[0]["hash"] not in text
    assert secret not in json.dumps(report.to_dict())


def test_masks() -> None:
    assert mask_password("hunter2") == "h***** (7 chars)"
    assert mask_password("ab") == "** (2 chars)"
    assert "5f4dcc3b5aa765d61d8327deb882cf99" not in mask_hash("5f4dcc3b5aa765d61d8327deb882cf99")


def test_bad_arguments() -> None:
    with pytest.raises(hashcompat.InvalidArgumentError):
        check(_pairs("md5"), min_pairs=0)
    with pytest.raises(hashcompat.UnknownSchemeError):
        check(_pairs("md5"), scheme="nope")
    with pytest.raises(hashcompat.InvalidArgumentError):
        check([{"password": 1, "hash": "x"}])  # type: ignore[dict-item]
