"""reconcile: the groups, the conflicts, the target export readers, the contact lists and the
plan file push reads."""

from __future__ import annotations

import csv
import json
import stat
import sys
import types
from pathlib import Path

import pytest

import hashcompat
from hashcompat.cli import main
from hashcompat.dump import Malformed, Row
from hashcompat.errors import InvalidArgumentError
from hashcompat.reconcile import (
    Action,
    ConflictKind,
    TargetUser,
    load_plan,
    normalise,
    read_target,
    reconcile,
    write_files,
)

HASH = "$2b$04$" + "a" * 53  # a well-formed bcrypt string; never read by reconcile


def _row(number: int, email: str | None, name: str | None = None, **extra: str) -> Row:
    other = tuple((k, v) for k, v in {"email": email, "name": name, **extra}.items() if v)
    return Row(number, str(number), HASH, other=other)


def test_the_key_is_nfkc_lower_case_and_stripped() -> None:
    assert normalise(" \uff35ser@Example.COM ") == "user@example.com"
    assert normalise("ﬁle@example.com") == "file@example.com"  # the ligature, NFKC
    assert normalise("   ") is None and normalise(None) is None


def test_groups_and_conflicts() -> None:
    legacy = [
        _row(1, "Ann@Example.com", "Ann Lee"),
        _row(2, "bob@example.com", "Bob"),
        _row(3, "dup@example.com"),
        _row(4, "DUP@example.com"),
        _row(5, "twice@example.com"),
        _row(6, None),
        _row(7, "new@example.com"),
        _row(8, "name@example.com", "Carol King"),
        Malformed(9, None, "not JSON"),
    ]
    target = [
        TargetUser("t1", "ann@example.com", "ann@example.com", "ann  lee"),
        TargetUser("t3", "dup@example.com", "dup@example.com"),
        TargetUser("t5a", "twice@example.com", "twice@example.com"),
        TargetUser("t5b", "Twice@example.com", "Twice@example.com"),
        TargetUser("t8", "name@example.com", "name@example.com", "Dave King"),
        TargetUser("t9", "only@example.com", "only@example.com"),
    ]
    result = reconcile(legacy, target, target="okta")
    assert [(p.legacy.ref, p.target.id) for p in result.both] == [("1", "t1"), ("8", "t8")]
    assert [u.ref for u in result.legacy_only] == ["2", "7"]
    assert [t.id for t in result.target_only] == ["t9"]
    kinds = {(c.kind, c.legacy, c.target) for c in result.conflicts}
    assert kinds == {
        (ConflictKind.NO_KEY, ("6",), ()),
        (ConflictKind.SEVERAL_LEGACY, ("3", "4"), ("t3",)),
        (ConflictKind.SEVERAL_TARGET, ("5",), ("t5a", "t5b")),
        (ConflictKind.NAME_MISMATCH, ("8",), ("t8",)),
    }
    counts = result.counts()
    assert counts["legacy"] == len(legacy)  # every legacy record is counted once
    assert counts["both"] + counts["legacy_only"] + counts["review"] + counts["unreadable"] == 9
    assert result.action(result.both[0]) is Action.SKIP
    assert result.action(result.legacy_only[0]) is Action.CREATE
    assert all(result.action(u) is Action.REVIEW for u in result.held)
    assert HASH not in json.dumps(result.to_dict())


def test_another_key_column() -> None:
    legacy = [_row(1, "a@example.com", member="M-1"), _row(2, "b@example.com", member="M-2")]
    target = [TargetUser("t", "m-1", "other@example.com")]
    result = reconcile(legacy, target, key="member")
    assert [(p.legacy.ref, p.target.id) for p in result.both] == [("1", "t")]


# -- target export files ---------------------------------------------------------------------


def _write(path: Path, value: object) -> Path:
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("kind", "content", "expected"),
    [
        ("okta", [{"id": "00u1", "profile": {"login": "a@x.io", "email": "A@x.io",
                   "firstName": "Ann", "lastName": "Lee"}, "credentials": {"password": {}}}],
         ("00u1", "A@x.io", "Ann Lee", True)),
        ("auth0", '{"user_id": "auth0|1", "email": "a@x.io", "name": "Ann Lee"}\n',
         ("auth0|1", "a@x.io", "Ann Lee", None)),
        ("firebase", {"users": [{"localId": "u1", "email": "a@x.io", "displayName": "Ann",
                                 "passwordHash": "abc"}]},
         ("u1", "a@x.io", "Ann", True)),
        ("keycloak", {"realm": "r", "users": [{"id": "k1", "username": "ann", "email": "a@x.io",
                      "firstName": "Ann", "credentials": [{"type": "otp"}]}]},
         ("k1", "a@x.io", "Ann", False)),
        ("csv", "user_id,Email,first_name,last_name\n7,a@x.io,Ann,Lee\n",
         ("7", "a@x.io", "Ann Lee", None)),
        ("jsonl", '{"uid": "9", "mail": "a@x.io"}\n', ("9", "a@x.io", None, None)),
    ],
)  # fmt: skip
def test_target_exports_are_read_by_kind_and_detected(
    tmp_path: Path, kind: str, content: object, expected: tuple[object, ...]
) -> None:
    path = _write(tmp_path / f"users.{'csv' if kind == 'csv' else 'json'}", content)
    for asked in (kind, "auto"):
        (user,) = read_target(path, asked)
        assert (user.id, user.email, user.name, user.has_password) == expected, asked


def test_a_folder_of_keycloak_user_files(tmp_path: Path) -> None:
    for number in range(2):
        users = [{"id": f"k{number}", "email": f"u{number}@x.io"}]
        _write(tmp_path / f"realm-users-{number}.json", {"realm": "r", "users": users})
    assert [u.id for u in read_target(tmp_path)] == ["k0", "k1"]


def test_an_api_listing_from_a_push_client(monkeypatch: pytest.MonkeyPatch) -> None:
    class Listing:
        def list_users(self, *, key: str = "email") -> list[TargetUser]:
            return [TargetUser("api-1", "a@x.io", "a@x.io")]

    module = types.ModuleType("hashcompat.push._fakeplatform")
    module.user_listing = Listing  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "hashcompat.push._fakeplatform", module)
    assert [u.id for u in read_target("api:fakeplatform")] == ["api-1"]
    with pytest.raises(InvalidArgumentError, match="no API listing"):
        read_target("api:nowhere")


def test_unreadable_target_files_say_so(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="no target export file"):
        read_target(tmp_path / "missing.json")
    with pytest.raises(InvalidArgumentError, match="not JSON"):
        read_target(_write(tmp_path / "bad.json", "{not json\n{still not"))


# -- files and the command -------------------------------------------------------------------


def _dump(tmp_path: Path) -> Path:
    stored = hashcompat.hash("pw", "bcrypt", cost=4)
    rows = [
        {"id": "1", "email": "ann@example.com", "name": "Ann", "hash": stored},
        {"id": "2", "email": "=HYPERLINK(1)@example.com", "name": "", "hash": stored},
        {"id": "3", "email": "dup@example.com", "name": "", "hash": stored},
        {"id": "4", "email": "Dup@example.com", "name": "", "hash": stored},
    ]
    path = tmp_path / "users.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _target(tmp_path: Path) -> Path:
    users = [
        {"localId": "f1", "email": "ANN@example.com", "displayName": "Ann", "passwordHash": "x"},
        {"localId": "f3", "email": "dup@example.com"},
        {"localId": "f9", "email": "-only@example.com"},
    ]
    return _write(tmp_path / "firebase-users.json", {"users": users})


def test_cli_writes_private_contact_lists_and_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump, out = _dump(tmp_path), tmp_path / "out"
    args = ["reconcile", str(dump), "--target", str(_target(tmp_path)), "--out", str(out)]
    assert main(args) == 1  # a conflict is held for review
    printed = capsys.readouterr().out
    assert "legacy only (push creates them)" in printed and "several_legacy" in printed
    assert "ann@example.com" not in printed  # the report names ids, never emails
    lists = {p.name: list(csv.reader(p.open(encoding="utf-8"))) for p in out.glob("*.csv")}
    assert lists["both.csv"] == [["id", "email"], ["1", "ann@example.com"]]
    assert lists["legacy-only.csv"] == [["id", "email"], ["2", "'=HYPERLINK(1)@example.com"]]
    assert lists["target-only.csv"] == [["id", "email"], ["f9", "'-only@example.com"]]
    assert lists["review.csv"][1:] == [["3", "dup@example.com", "several_legacy"],
                                       ["4", "Dup@example.com", "several_legacy"]]  # fmt: skip
    stored = dump.read_text().splitlines()[1].rsplit(",", 1)[1]
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        assert stored not in path.read_text("utf-8"), path.name
    plan = load_plan(out)
    assert plan.header["target"] == "firebase-users.json"
    assert plan.action("1") is Action.SKIP and plan.target_id("1") == "f1"
    assert plan.action(2) is Action.CREATE and plan.target_id(2) is None
    assert plan.action("3") is Action.REVIEW
    assert plan.action("not-in-the-dump") is Action.CREATE
    assert plan.not_created() == {"1", "3", "4"} and plan.links() == {}


def test_cli_link_policy_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump, out = _dump(tmp_path), tmp_path / "out"
    args = ["reconcile", str(dump), "--target", str(_target(tmp_path)), "--out", str(out),
            "--policy", "link", "--format", "json"]  # fmt: skip
    assert main(args) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["both"] == 1 and report["policy"] == "link"
    assert load_plan(out / "reconcile.jsonl").action("1") is Action.LINK
    assert load_plan(out).links() == {"1": "f1"}
    assert main([*args[:-2], "--format", "markdown"]) == 1
    assert "| in both (push skips or links them) | 1 |" in capsys.readouterr().out


def test_cli_bad_target_exits_2(tmp_path: Path) -> None:
    args = ["reconcile", str(_dump(tmp_path)), "--target", str(tmp_path / "none.json")]
    assert main([*args, "--out", str(tmp_path / "o")]) == 2


def test_a_plan_that_is_not_one(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="not a hashcompat reconcile plan"):
        load_plan(_write(tmp_path / "reconcile.jsonl", '{"format": "other"}\n'))
    good = reconcile([_row(1, "a@x.io")], [])
    path = write_files(good, tmp_path / "p")[-1]
    path.write_text(path.read_text() + "{broken\n")
    with pytest.raises(InvalidArgumentError, match="line 3"):
        load_plan(path)
