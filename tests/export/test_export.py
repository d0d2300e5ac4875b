"""Export payloads: golden files, the platforms' published schemas, and for every exported row an
independent verifier written here from the platform's documented semantics (not hashcompat's
code) that accepts the original password and rejects a wrong one."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bcrypt
import pytest

import hashcompat
from hashcompat._engine import resolve
from hashcompat.cli import main
from hashcompat.dump import Row
from hashcompat.errors import TargetRefusedError
from hashcompat.export import TARGETS, export, target
from hashcompat.export._auth0 import MAX_FILE_BYTES
from hashcompat.params import Bcrypt, Pbkdf2
from tests._support.verifiers import (  # noqa: F401
    _digest,
    _salted,
    _unb64,
    auth0_checks,
    firebase_checks,
    keycloak_checks,
    kratos_checks,
    okta_checks,
    supabase_checks,
)

EXAMPLES = Path(__file__).parents[2] / "examples" / "export"
DUMP = EXAMPLES / "dump.csv"
SCHEMAS = Path(__file__).parents[1] / "schemas"
PASSWORDS: dict[str, str] = json.loads(
    (Path(__file__).parents[1] / "vectors" / "export_dump_passwords.json").read_text("utf-8")
)
ROWS = list(csv.DictReader(DUMP.open(encoding="utf-8")))
BY_EMAIL = {r["email"]: r["id"] for r in ROWS if r["email"]}


def _bcrypt(text: str) -> Bcrypt:
    """The record bcrypt's own parse gives ``text``: what export reads."""
    found = resolve("bcrypt").parse(text).params
    assert isinstance(found, Bcrypt)
    return found


def _export(tmp_path: Path, to: str) -> tuple[Path, dict[str, Any]]:
    result = export(csv.DictReader(DUMP.open(encoding="utf-8")), to, tmp_path)
    return tmp_path, result.to_dict()


@pytest.mark.parametrize("to", TARGETS)
def test_golden_output(tmp_path: Path, to: str) -> None:
    """The files match examples/export/<platform>/ byte for byte (the export is deterministic)."""
    out, _ = _export(tmp_path, to)
    golden = EXAMPLES / to
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in golden.iterdir())
    for path in golden.iterdir():
        assert (out / path.name).read_text("utf-8") == path.read_text("utf-8"), path.name


@pytest.mark.parametrize("to", TARGETS)
def test_counts_add_up_and_leftovers_hold_no_hash(tmp_path: Path, to: str) -> None:
    out, result = _export(tmp_path, to)
    assert result["total"] == len(ROWS) == sum(result["plans"].values())
    leftovers = [json.loads(x) for x in (out / f"{to}-not-imported.jsonl").read_text().splitlines()]
    assert len(leftovers) == result["plans"]["rehash"] + result["plans"]["reset"]
    text = json.dumps(leftovers)
    assert not any(r["hash"] in text for r in ROWS)
    assert all(e["plan"] in ("rehash", "reset") and e["reason"] for e in leftovers)
    assert all("hook" in e for e in leftovers if e["plan"] == "rehash")


def _check_all(items: list[tuple[str, Callable[[str], bool]]], *, by_id: bool = False) -> None:
    """Each check accepts its row's password and rejects a wrong one; rows keyed by email."""
    assert items
    for key, check in items:
        password = PASSWORDS[key if by_id else BY_EMAIL[key]]
        assert check(password), key
        assert not check(password + "x"), key


def test_auth0_rows_verify_and_match_the_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out, _ = _export(tmp_path, "auth0")
    schema = json.loads((SCHEMAS / "auth0_bulk_import_user.schema.json").read_text())
    users = json.loads((out / "auth0-users-0001.json").read_text("utf-8"))
    jsonschema.validate(users, schema)
    _check_all([(u["email"], lambda pw, u=u: auth0_checks(u, pw)) for u in users])


def test_okta_rows_verify_and_match_the_openapi_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out, _ = _export(tmp_path, "okta")
    schema = json.loads((SCHEMAS / "okta_password_credential_hash.schema.json").read_text())
    bodies = [json.loads(x) for x in (out / "okta-users.jsonl").read_text("utf-8").splitlines()]
    for body in bodies:
        jsonschema.validate(body["credentials"]["password"]["hash"], schema)
    _check_all([(b["profile"]["login"], lambda pw, b=b: okta_checks(b, pw)) for b in bodies])


def test_firebase_rows_verify_and_pass_the_sdk(tmp_path: Path) -> None:
    out, _ = _export(tmp_path, "firebase")
    batches = [json.loads(p.read_text("utf-8")) for p in sorted(out.glob("firebase-batch-*"))]
    items = []
    for body in batches:
        config = {k: v for k, v in body.items() if k != "users"}
        assert 1 <= len(body["users"]) <= 1000
        items += [(u["localId"], lambda pw, u=u, c=config: firebase_checks(c, u, pw))
                  for u in body["users"]]  # fmt: skip
    _check_all(items, by_id=True)
    pytest.importorskip("firebase_admin")
    from hashcompat.export._firebase import sdk_batch

    for body in batches:
        if "passwordHashOrder" in body:
            with pytest.raises(TargetRefusedError):
                sdk_batch(body)
            continue
        users, hash_alg = sdk_batch(body)  # the SDK validates rounds and sizes
        rebuilt = {"users": [u.to_dict() for u in users], **hash_alg.to_dict()}
        assert rebuilt == body  # what auth.import_users would send


def test_keycloak_rows_verify(tmp_path: Path) -> None:
    out, _ = _export(tmp_path, "keycloak")
    realm = json.loads((out / "migrated-users-0.json").read_text("utf-8"))
    assert realm["realm"] == "migrated"
    items = []
    for user in realm["users"]:
        (credential,) = user["credentials"]
        assert credential["type"] == "password"
        assert isinstance(credential["secretData"], str)  # JSON inside JSON
        items.append((user["email"], lambda pw, c=credential: keycloak_checks(c, pw)))
    _check_all(items)


@pytest.mark.parametrize("to", ["kratos", "supabase"])
def test_kratos_and_supabase_rows_verify(tmp_path: Path, to: str) -> None:
    out, _ = _export(tmp_path, to)
    name = "kratos-identities.jsonl" if to == "kratos" else "supabase-users.jsonl"
    bodies = [json.loads(x) for x in (out / name).read_text("utf-8").splitlines()]
    if to == "kratos":
        values = [(b["traits"]["email"], b["credentials"]["password"]["config"]) for b in bodies]
        items = [(e, lambda pw, c=c: kratos_checks(c["hashed_password"], pw)) for e, c in values]
    else:
        items = [
            (b["email"], lambda pw, b=b: supabase_checks(b["password_hash"], pw)) for b in bodies
        ]
    _check_all(items)


# -- limits and splitting --------------------------------------------------------------------


def test_auth0_files_stay_under_500_kb(tmp_path: Path) -> None:
    stored = hashcompat.hash("pw", "bcrypt", cost=4)
    rows = [{"id": i, "email": f"u{i}@example.com", "hash": stored} for i in range(6000)]
    result = export(rows, "auth0", tmp_path)
    assert len(result.files) >= 2
    assert all(p.stat().st_size < MAX_FILE_BYTES for p in result.files)
    assert sum(len(json.loads(p.read_text())) for p in result.files) == 6000


def test_firebase_batches_hold_at_most_1000_users(tmp_path: Path) -> None:
    stored = hashcompat.hash("pw", "bcrypt", cost=4)
    rows = [{"id": i, "email": f"u{i}@example.com", "hash": stored} for i in range(2500)]
    result = export(rows, "firebase", tmp_path)
    sizes = [len(json.loads(p.read_text())["users"]) for p in result.files]
    assert sizes == [1000, 1000, 500]


def test_documented_limits_send_rows_to_the_second_file() -> None:
    okta, auth0, firebase = target("okta"), target("auth0"), target("firebase")
    row = Row(1, 1, "x", other=(("email", "a@example.com"),))
    costly = _bcrypt("$2b$21$" + "a" * 53)
    with pytest.raises(TargetRefusedError, match="workFactor is 1 to 20"):
        okta.decide(row, "bcrypt", costly)
    with pytest.raises(TargetRefusedError, match=r"\$2a\$, \$2b\$, \$2y\$ only"):
        auth0.decide(row, "bcrypt", _bcrypt("$2x$05$" + "a" * 53))
    with pytest.raises(TargetRefusedError, match="0 to 120000"):
        firebase.decide(row, "x", Pbkdf2("sha256", 120_001, b"s", bytes(32)))
    with pytest.raises(TargetRefusedError, match="at least 4096"):
        okta.decide(row, "x", Pbkdf2("sha256", 1000, b"s", bytes(32)))


@pytest.mark.parametrize("to", ["cognito", "entra"])
def test_cognito_and_entra_point_to_the_just_in_time_path(tmp_path: Path, to: str) -> None:
    _, result = _export(tmp_path, to)
    assert result["files"] == []
    assert result["plans"]["import"] == result["plans"]["convert"] == 0
    assert "docs/hooks.md" in target(to).jit


def test_cli_prints_counts_per_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(DUMP), "--to", "kratos", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    counts = {line.split()[0]: int(line.split()[1]) for line in out.splitlines()[1:5]}
    assert sum(counts.values()) == len(ROWS)
    assert "just-in-time path" in out


def test_cli_rejects_an_unknown_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(DUMP), "--to", "nowhere"]) == 2


# Vectors from ory/kratos hash/hasher_test.go (TestCompare), which Kratos's own comparator
# accepts with these passwords: the verifier above reads each form as Kratos does.
KRATOS_OWN = [
    ("test", "$pbkdf2-sha256$i=100000,l=32$1jP+5Zxpxgtee/iPxGgOz0RfE9/KJuDElP1ley4VxXc$"
     "QJxzfvdbHYBpydCbHoFg3GJEqMFULwskiuqiJctoYpI"),
    ("test", "$scrypt$ln=16384,r=8,p=1$2npRo7P03Mt8keSoMbyD/tKFWyUzjiQf2svUaNDSrhA=$"
     "MiCzNcIplSMqSBrm4HckjYqYhaVPPjTARTzwB1cVNYE="),
    ("test123", "{SSHA}JFZFs0oHzxbMwkSJmYVeI8MnTDy/276a"),
    ("test123", "{SSHA256}czO44OTV17PcF1cRxWrLZLy9xHd7CWyVYplr1rOhuMlx/7IK"),
    ("test", "$sha1$pf=e1NBTFR9e1BBU1NXT1JEfQ==$NW9wbWtnejAzcg==$2qU2SGWP8viTM1md3FiI3+rjWXQ="),
    ("test", "$sha256$pf=e1NBTFR9e1BBU1NXT1JEfQ==$NW9wbWtnejAzcg==$"
     "0gfRVLCvtBCk20udLDEY5vNhujWx7RGjwRIS1ebMsLY="),
    ("test", "$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6"),
    ("test", "$argon2id$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw"),
]  # fmt: skip


@pytest.mark.parametrize(("password", "value"), KRATOS_OWN, ids=lambda v: v[:12])
def test_the_kratos_verifier_agrees_with_kratos(password: str, value: str) -> None:
    assert kratos_checks(value, password)
    assert not kratos_checks(value, password + "x")


def test_cli_reads_the_dump_through_bulk_source(tmp_path: Path) -> None:
    """A bad record of the dump (here, invalid JSON) is counted as a reset with its reason."""
    stored = hashcompat.hash("pw", "bcrypt", cost=4)
    dump = tmp_path / "users.jsonl"
    good = json.dumps({"id": 1, "email": "a@example.com", "hash": stored})
    dump.write_text(good + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(dump), "--to", "supabase", "--out", str(out)]) == 0
    rest = [json.loads(x) for x in (out / "supabase-not-imported.jsonl").read_text().splitlines()]
    assert [(e["scheme"], e["plan"]) for e in rest] == [("malformed", "reset")]
    (line,) = (out / "supabase-users.jsonl").read_text().splitlines()
    assert json.loads(line)["password_hash"] == stored


def test_the_default_scheme_applies_only_where_the_hash_names_none(tmp_path: Path) -> None:
    """``scheme=`` is for bare digests: a self-describing row keeps its own scheme, as in
    ``analyze`` (one scheme choice, hashcompat._engine.choose_scheme)."""
    modern = bcrypt.hashpw(b"pw", bcrypt.gensalt(4)).decode("ascii")
    bare = hashlib.md5(b"pw").hexdigest()
    rows = [
        {"id": 1, "email": "a@example.com", "hash": modern},
        {"id": 2, "email": "b@example.com", "hash": bare},
    ]
    result = export(rows, "auth0", tmp_path, scheme="md5")
    assert result.schemes == {"bcrypt": {"import": 1}, "md5": {"convert": 1}}
