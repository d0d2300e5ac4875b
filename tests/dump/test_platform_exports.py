"""Firebase's auth:export (JSON and CSV), Auth0's password-hash export, Supabase's auth.users,
Parquet and compressed files, read into the same rows; Firebase's user verifies through
firebase_scrypt with the project's hash config from the pepper, a file or the environment."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

import pytest

import hashcompat
from hashcompat.dump import DumpError, Malformed, Row, open_rows
from hashcompat.errors import MissingParameterError
from tests.vectors.make_firebase_scrypt import CONFIG, HASH, SALT

# The account of the firebase/scrypt README's `auth:export` example, as the CSV it shows (the
# display name joined on one line) and as the JSON form of the same user.
FIREBASE_CSV = (
    f"kYi4EvWQlQTKSfnJ3dRSP6IH3ed2,user1@test.com,false,{HASH},{SALT},Test User 1"
    + "," * 17
    + "1508893925000,1508893925000,\n"
)
FIREBASE_JSON = {
    "users": [
        {
            "localId": "kYi4EvWQlQTKSfnJ3dRSP6IH3ed2",
            "email": "user1@test.com",
            "emailVerified": False,
            "passwordHash": HASH,
            "salt": SALT,
            "displayName": "Test User 1",
            "createdAt": "1508893925000",
        },
        {"localId": "google-only", "email": "g@test.com", "providerUserInfo": []},
    ]
}


def _rows(path: Path, **options: object) -> list[Row | Malformed]:
    with open_rows(path, **options) as rows:  # type: ignore[arg-type]
        return list(rows)


def test_firebase_json_export_reads_each_user(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    path.write_text(json.dumps(FIREBASE_JSON, indent=1), encoding="utf-8")
    first, second = _rows(path)
    assert isinstance(first, Row) and first.id == "kYi4EvWQlQTKSfnJ3dRSP6IH3ed2"
    assert first.scheme == "firebase_scrypt" and first.salt == SALT and first.hash == HASH
    assert first.email == "user1@test.com"
    assert isinstance(second, Malformed) and second.id == "google-only"
    assert "no password hash" in second.reason
    assert hashcompat.verify(
        "user1password", first.hash, scheme=first.scheme, salt=first.salt, pepper=CONFIG
    )


def test_firebase_csv_export_has_firebase_s_documented_columns(tmp_path: Path) -> None:
    path = tmp_path / "users.csv"
    path.write_text(FIREBASE_CSV + "short,row\n", encoding="utf-8")
    row, bad = _rows(path, format="firebase-csv")
    assert isinstance(row, Row) and row.hash == HASH and row.salt == SALT
    assert row.field("displayName") == "Test User 1" and row.field("createdAt") == "1508893925000"
    assert isinstance(bad, Malformed) and bad.reason == "2 fields, not Firebase's 23 to 26"


def test_firebase_hash_config_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pytest.raises(MissingParameterError):
        hashcompat.verify("user1password", HASH, scheme="firebase_scrypt", salt=SALT)
    config = tmp_path / "hash_config.txt"
    config.write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("HASHCOMPAT_FIREBASE_HASH_CONFIG", f"@{config}")
    assert hashcompat.verify("user1password", HASH, scheme="firebase_scrypt", salt=SALT)
    monkeypatch.setenv("HASHCOMPAT_FIREBASE_HASH_CONFIG", CONFIG)
    assert not hashcompat.verify("user1passwore", HASH, scheme="firebase", salt=SALT)


def test_verify_command_takes_the_hash_config_file(tmp_path: Path) -> None:
    config = tmp_path / "hash_config.txt"
    config.write_text(CONFIG, encoding="utf-8")
    argv = [
        "verify",
        "--scheme",
        "firebase_scrypt",
        "--salt",
        SALT,
        "--hash-config",
        str(config),
        HASH,
    ]
    done = subprocess.run(
        [sys.executable, "-m", "hashcompat", *argv],
        input="user1password\n",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "match")


def test_auth0_password_hash_export(tmp_path: Path) -> None:
    # The record layout of Auth0's "password hashes export" support article (NDJSON).
    lines = [
        {
            "_id": {"$oid": "5dea9f9c82dd7c0e76e4ec93"},
            "email_verified": False,
            "email": "user@example.com",
            "passwordHash": "$2b$10$.qHPp/srqo1NAAAAAvlkmOdqAbH2Rg0qPv2Txj3ZwXfjJnewSjc4m",
            "password_set_date": {"$date": "2019-12-06T18:36:12.412Z"},
            "tenant": "t",
            "connection": "Username-Password-Authentication",
            "_tmp_is_unique": True,
        },
        {"_id": {"$oid": "5dea9f9c82dd7c0e76e4ec94"}, "email": "social@example.com"},
    ]
    path = tmp_path / "auth0-export.json"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    row, bad = _rows(path)
    assert isinstance(row, Row) and row.id == "5dea9f9c82dd7c0e76e4ec93"
    assert row.hash.startswith("$2b$10$") and row.email == "user@example.com"
    assert hashcompat.identify(row.hash)[0] == "bcrypt"
    assert isinstance(bad, Malformed) and bad.id == "5dea9f9c82dd7c0e76e4ec94"


def test_supabase_auth_users_live(postgres_url: str) -> None:
    sa = pytest.importorskip("sqlalchemy")
    engine = sa.create_engine(postgres_url)
    with engine.begin() as db:
        db.execute(sa.text("CREATE SCHEMA IF NOT EXISTS auth"))
        db.execute(sa.text("DROP TABLE IF EXISTS auth.users"))
        db.execute(
            sa.text(
                "CREATE TABLE auth.users (id uuid PRIMARY KEY, email varchar(255),"
                " encrypted_password varchar(255), raw_user_meta_data jsonb)"
            )
        )
        db.execute(
            sa.text(
                "INSERT INTO auth.users VALUES ('00000000-0000-4000-8000-000000000001',"
                " 'a@example.com', :h, '{\"name\": \"A\"}'),"
                " ('00000000-0000-4000-8000-000000000002', 'b@example.com', NULL, NULL)"
            ),
            {"h": "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
        )
    engine.dispose()
    row, bad = _rows(postgres_url, table="auth.users")  # type: ignore[arg-type]
    assert isinstance(row, Row) and row.hash.startswith("$2a$10$") and row.email == "a@example.com"
    assert isinstance(bad, Malformed) and bad.reason == "no hash (NULL or empty)"


CSV = b"id,hash\n1,5f4dcc3b5aa765d61d8327deb882cf99\n2,$P$BZlPX7NIx8MYpXokBW2AUV2tB6k2ER1\n"


@pytest.mark.parametrize(
    ("suffix", "pack"),
    [
        (".gz", lambda b: gzip.compress(b, mtime=0)),
        (".bz2", bz2.compress),
        (".xz", lzma.compress),
        ("", lambda b: gzip.compress(b, mtime=0)),  # found by magic bytes, not by name
        (".zst", lambda b: pytest.importorskip("zstandard").ZstdCompressor().compress(b)),
    ],
)
def test_compressed_files_are_found_by_magic_bytes(tmp_path: Path, suffix: str, pack) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"users.csv{suffix}"
    path.write_bytes(pack(CSV))
    rows = _rows(path)
    assert [r.hash for r in rows if isinstance(r, Row)] == [
        "5f4dcc3b5aa765d61d8327deb882cf99",
        "$P$BZlPX7NIx8MYpXokBW2AUV2tB6k2ER1",
    ]


def test_zstd_without_the_package_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "users.csv.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd" + b"\0" * 20)
    monkeypatch.setitem(sys.modules, "zstandard", None)
    with pytest.raises(DumpError, match=r"pip install 'hashcompat\[zstd\]'"):
        open_rows(path)


def test_truncated_compressed_data_is_one_dump_error(tmp_path: Path) -> None:
    path = tmp_path / "users.csv.gz"
    path.write_bytes(gzip.compress(CSV * 2000, mtime=0)[:-200])
    with pytest.raises(DumpError, match="gzip data is damaged or truncated"):
        _rows(path)


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "user_id": [1, 2, 3],
            "password_hash": ["$P$BZlPX7NIx8MYpXokBW2AUV2tB6k2ER1", None, "x"],
            "email": ["a@x", "b@x", None],
        }
    )
    path = tmp_path / "users.parquet"
    pq.write_table(table, path)
    first, second, third = _rows(path)
    assert isinstance(first, Row) and first.id == 1 and first.email == "a@x"
    assert isinstance(second, Malformed) and second.id == 2
    assert isinstance(third, Row) and third.hash == "x"
    with pytest.raises(DumpError, match="table= applies"):
        open_rows(path, table="users")
