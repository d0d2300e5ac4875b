"""Presets whose users span two tables, on the database each platform runs on: Keycloak
(``credential`` joined with ``user_entity``, PostgreSQL) and XenForo (``xf_user_authenticate``
with its PHP-serialized ``data``, joined with ``xf_user``, MariaDB). DDL from tests/platforms/
(source in each header); Keycloak's credentials from tests/vectors/keycloak.jsonl (Keycloak's
own exports), XenForo's ``data`` written by PHP's own ``serialize()`` around bcrypt hashes made
by PHP's ``password_hash`` (tests/vectors)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import hashcompat
from hashcompat.cli import main
from hashcompat.dump import Malformed, Row
from hashcompat.dump._platform import open_source
from tests._support.platform_db import statements, vectors
from tests._support.vectors import VECTORS, load_jsonl

sa = pytest.importorskip("sqlalchemy")
from tests._support.verifiers import auth0_checks  # noqa: E402


def _create(url: str, ddl: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        for statement in statements(ddl):
            connection.exec_driver_sql(statement)
    engine.dispose()


def _insert(url: str, table: str, rows: list[dict[str, object]]) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        reflected = sa.Table(table, sa.MetaData(), autoload_with=connection)
        connection.execute(reflected.insert(), rows)
    engine.dispose()


def _export_auth0(url: str, name: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> list:
    assert (
        main(
            [
                "export",
                url,
                "--from",
                name,
                "--to",
                "auth0",
                "--out",
                str(folder),
                "--format",
                "json",
            ]
        )
        == 0
    )
    capsys.readouterr()
    return [u for f in sorted(folder.glob("auth0-users-*.json")) for u in json.loads(f.read_text())]


def test_keycloak_credentials_joined_with_users(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests._support.postgres import fresh_database

    pbkdf2 = [
        v
        for v in load_jsonl(VECTORS / "keycloak.jsonl")
        if v["expect"] and "pbkdf2" in str(v["scheme"])
    ]
    assert pbkdf2
    with fresh_database(postgres_url) as url:
        _create(url, "keycloak.postgresql.sql")
        users, creds, passwords = [], [], {}
        for i, v in enumerate(pbkdf2, 1):
            stored = json.loads(str(v["hash"]))
            users.append(
                {
                    "id": f"u-{i:04d}",
                    "email": f"user{i}@example.com",
                    "username": f"user{i}",
                    "first_name": "Ann",
                    "last_name": f"Lee{i}",
                    "email_verified": i % 2 == 0,
                    "enabled": True,
                    "realm_id": "r",
                    "not_before": 0,
                }
            )
            creds.append(
                {
                    "id": f"c-{i:04d}",
                    "type": stored.get("type", "password"),
                    "user_id": f"u-{i:04d}",
                    "secret_data": stored["secretData"],
                    "credential_data": stored["credentialData"],
                    "priority": 10,
                }
            )
            passwords[f"user{i}@example.com"] = str(v["password"])
        # an OTP credential of the same user is not a password: the preset's where leaves it out
        creds.append(
            {
                "id": "c-otp",
                "type": "otp",
                "user_id": "u-0001",
                "secret_data": "{}",
                "credential_data": "{}",
                "priority": 20,
            }
        )
        _insert(url, "user_entity", users)
        _insert(url, "credential", creds)
        with open_source(url, platform="keycloak", page=2) as source:
            rows = list(source)
        assert len(rows) == len(pbkdf2) and all(isinstance(r, Row) for r in rows)
        for row in rows:
            assert isinstance(row, Row)
            assert (
                row.field("given_name") == "Ann"
                and row.field(
                    "login",
                )
                is not None
            )
            assert hashcompat.verify(passwords[str(row.field("email"))], row.hash)
        exported = _export_auth0(url, "keycloak", tmp_path / "a", capsys)
        assert len(exported) == len(pbkdf2)
        for user in exported:
            assert auth0_checks(user, passwords[user["email"]])
            assert user["given_name"] == "Ann" and "email_verified" in user
        assert main(["upgrade", url, "--from", "keycloak", "--profile", "cheapest"]) == 2
        err = capsys.readouterr().err
        assert "upgrade, --from keycloak: the hash is read" in err  # the CLI names its flag
        assert "cannot be written back" in err


@pytest.mark.skipif(shutil.which("php") is None, reason="php-cli is not installed")
def test_xenforo_serialized_data_joined_with_users(
    mariadb_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests._support.mariadb import fresh_database

    # XenForo's Core12 writes password_hash() bcrypt ($2y$); $2x$ rows would not import as is
    bcrypts = [
        (p, h)
        for p, h in vectors("bcrypt", "PHP", count=50)
        if h.startswith("$2y$") and len(p.encode()) <= 72
    ]
    found = bcrypts[:3] + vectors("drupal10", "Drupal", count=1)
    script = (
        "echo json_encode(array_map(fn($h) => serialize(['hash' => $h]), json_decode($argv[1])));"
    )
    made = subprocess.run(
        [str(shutil.which("php")), "-r", script, json.dumps([h for _, h in found])],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    serialized = json.loads(made.stdout)
    with fresh_database(mariadb_url) as url:
        _create(url, "xenforo1.mariadb.sql")
        users, auth, passwords = [], [], {}
        for i, ((password, _), data) in enumerate(zip(found, serialized, strict=True), 1):
            users.append(
                {
                    "user_id": i,
                    "username": f"user{i}",
                    "email": f"user{i}@example.com",
                    "language_id": 1,
                    "style_id": 0,
                    "timezone": "Europe/London",
                    "user_group_id": 2,
                    "secondary_group_ids": b"",
                    "permission_combination_id": 1,
                }
            )
            auth.append(
                {
                    "user_id": i,
                    "scheme_class": "XenForo_Authentication_Core12",
                    "data": data.encode(),
                    "remember_key": b"",
                }
            )
            passwords[f"user{i}@example.com"] = password
        auth.append(
            {
                "user_id": 99,
                "scheme_class": "XenForo_Authentication_Core12",
                "data": b'a:1:{s:4:"hash";O:8:"stdClass":0:{}}',
                "remember_key": b"",
            }
        )
        _insert(url, "xf_user", users)
        _insert(url, "xf_user_authenticate", auth)
        with open_source(url, platform="xenforo") as source:
            items = list(source)
        rows = [r for r in items if isinstance(r, Row)]
        bad = [r for r in items if isinstance(r, Malformed)]
        assert len(rows) == len(found) and len(bad) == 1 and "stdClass" not in bad[0].reason
        for row in rows:
            assert row.scheme == "bcrypt" and row.field("login") is not None
            assert hashcompat.verify(
                passwords[str(row.field("email"))], row.hash, scheme=row.scheme
            )
        exported = _export_auth0(url, "xenforo", tmp_path / "a", capsys)
        assert len(exported) == len(found)
        for user in exported:
            assert auth0_checks(user, passwords[user["email"]])


def test_hook_server_store_from_wordpress_on_mariadb(mariadb_url: str, tmp_path: Path) -> None:
    """``[store] from = "wordpress"``: wp_users found by email, bare MD5 read as MD5."""
    from hashcompat.errors import ConfigError
    from hashcompat.server._config import parse_config
    from hashcompat.server._service import Service
    from tests._support.mariadb import fresh_database

    rows = vectors("phpass", "WordPress", count=2) + vectors("md5", "WordPress", count=2)
    with fresh_database(mariadb_url) as url:
        _create(url, "wordpress.mariadb.sql")
        _insert(
            url,
            "wp_users",
            [
                {"ID": i, "user_login": f"u{i}", "user_pass": h, "user_email": f"u{i}@example.com"}
                for i, (_, h) in enumerate(rows, 1)
            ],
        )
        data = {
            "store": {"url": url, "from": "wordpress"},
            "auth": {"header": "X-Hook-Secret", "secret": "abc"},
            "migrator": {
                "allowed": ["phpass", "md5"],
                "target_params": {"memory_cost": 256, "time_cost": 1, "parallelism": 1},
            },
            "server": {"audit_log": str(tmp_path / "audit.jsonl")},
            "platforms": {"generic": {}},
        }
        config = parse_config(data)
        assert (config.store.table, config.store.id_column) == ("wp_users", "user_email")
        service = Service(config)
        for i, (password, _) in enumerate(rows, 1):
            assert service.sign_in("generic", f"u{i}@example.com", "wrong", None).kind == "failed"
            outcome = service.sign_in("generic", f"u{i}@example.com", password, None)
            assert outcome.ok, outcome.kind
        data["store"] = {"url": url, "from": "keycloak"}
        with pytest.raises(ConfigError, match="several tables"):
            parse_config(data)
        data["store"] = {"url": url, "from": "nope"}
        with pytest.raises(ConfigError, match="hashcompat presets"):
            parse_config(data)
