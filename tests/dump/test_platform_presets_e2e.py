"""Done-when of the presets: a WordPress, Drupal 10, Magento 2, phpBB 3 and Django database, each
on the database the platform runs on (MariaDB; PostgreSQL for Django), created from the
platform's own DDL (tests/platforms/*.sql, source and version in each file's header) and filled
with hashes made by the platform's own code (tests/vectors, each row names its source), goes
through ``analyze --from X``, ``export --from X --to auth0`` (every imported user has its email
and verifies by Auth0's documented semantics, checked by tests/export/test_export.py's independent
verifier) and ``upgrade --from X``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import hashcompat
from hashcompat.cli import main
from hashcompat.dump import Row
from tests._support.platform_db import PLATFORMS, statements, vectors  # noqa: F401
from tests._support.vectors import VECTORS, load_jsonl  # noqa: F401

sa = pytest.importorskip("sqlalchemy")
bcrypt = pytest.importorskip("bcrypt")
from tests._support.verifiers import auth0_checks  # noqa: E402


@dataclass(frozen=True)
class Case:
    name: str
    server: str
    ddl: str
    table: str
    rows: list[tuple[str, str]]
    widen: str | None = None  # the hash column is narrower than a wrapped hash

    def insert(self, i: int, hash: str) -> dict[str, object]:
        email = f"user{i}@example.com"
        if self.name == "wordpress":
            return {
                "ID": i,
                "user_login": f"user{i}",
                "user_pass": hash,
                "user_email": email,
                "display_name": f"User {i}",
            }
        if self.name == "drupal":
            return {
                "uid": i,
                "langcode": "en",
                "name": f"user{i}",
                "pass": hash,
                "mail": email,
                "created": 0,
                "access": 0,
                "default_langcode": 1,
                "status": 1,
            }
        if self.name == "magento2":
            return {
                "entity_id": i,
                "email": email,
                "password_hash": hash,
                "firstname": "Ann",
                "lastname": f"Lee{i}",
                "website_id": None,
            }
        if self.name == "phpbb3":
            return {
                "user_id": i,
                "username": f"user{i}",
                "username_clean": f"user{i}",
                "user_password": hash,
                "user_email": email,
                "user_permissions": "",
                "user_sig": "",
                "user_occ": "",
                "user_interests": "",
            }
        return {
            "id": i,
            "username": f"user{i}",
            "password": hash,
            "email": email,
            "first_name": "Ann",
            "last_name": f"Lee{i}",
            "is_superuser": False,
            "is_staff": False,
            "is_active": True,
            "date_joined": "2024-01-01T00:00:00Z",
        }


CASES = [
    Case(
        "wordpress",
        "mariadb",
        "wordpress.mariadb.sql",
        "wp_users",
        vectors("phpass", "WordPress") + vectors("md5", "WordPress"),
    ),
    Case(
        "drupal",
        "mariadb",
        "drupal10.mariadb.sql",
        "users_field_data",
        vectors("drupal10", "Drupal") + vectors("drupal7", "Drupal 7"),
    ),
    Case(
        "magento2",
        "mariadb",
        "magento2.mariadb.sql",
        "customer_entity",
        vectors("magento2", "Magento"),
        widen="ALTER TABLE customer_entity MODIFY password_hash VARCHAR(255)",
    ),
    Case(
        "phpbb3",
        "mariadb",
        "phpbb3.mariadb.sql",
        "phpbb_users",
        vectors("phpass", "phpBB")
        + [(p, h) for p, h in vectors("bcrypt", "PHP", count=50) if h.startswith("$2y$")][:3],
    ),
    Case(
        "django",
        "postgres",
        "django.postgresql.sql",
        "auth_user",
        vectors("django_pbkdf2_sha256", "Django") + vectors("django_sha1", "Django"),
        widen="ALTER TABLE auth_user ALTER COLUMN password TYPE varchar(255)",
    ),
]


def _load(url: str, case: Case) -> dict[str, str]:
    """The platform's table from its DDL, one user per vector; email -> password."""
    engine = sa.create_engine(url)
    passwords: dict[str, str] = {}
    with engine.begin() as connection:
        for statement in statements(case.ddl):
            connection.exec_driver_sql(statement)
        table = sa.Table(case.table, sa.MetaData(), autoload_with=connection)
        values = []
        for i, (password, hash) in enumerate(case.rows, 1):
            values.append(case.insert(i, hash))
            passwords[f"user{i}@example.com"] = password
        connection.execute(table.insert(), values)
    engine.dispose()
    return passwords


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_platform_database_end_to_end(
    case: Case,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    server = request.getfixturevalue(f"{case.server}_url")
    from tests._support.mariadb import fresh_database as fresh_maria
    from tests._support.postgres import fresh_database as fresh_pg

    fresh = fresh_maria if case.server == "mariadb" else fresh_pg
    with fresh(server) as url:
        passwords = _load(url, case)
        total = len(passwords)
        # analyze: every row read the platform's way; nothing ambiguous
        code, out = _cli(
            ["analyze", url, "--from", case.name, "--format", "json", "--no-measure"], capsys
        )
        report = json.loads(out)
        assert code == 0, report
        assert report["rows"] == total and report["malformed"]["rows"] == 0
        assert report["plan"]["reset"] == 0
        # export to Auth0: emails filled, every imported user verifies
        folder = tmp_path / "auth0"
        code, out = _cli(
            [
                "export",
                url,
                "--from",
                case.name,
                "--to",
                "auth0",
                "--out",
                str(folder),
                "--format",
                "json",
            ],
            capsys,
        )
        assert code == 0
        result = json.loads(out)
        assert result["total"] == total
        users = [
            u for f in sorted(folder.glob("auth0-users-*.json")) for u in json.loads(f.read_text())
        ]
        assert len(users) == result["plans"].get("import", 0) + result["plans"].get("convert", 0)
        assert users, "nothing importable"
        for user in users:
            assert user["email"] in passwords
            assert auth0_checks(user, passwords[user["email"]]), user["email"]
        # upgrade in place; a hash column narrower than a wrapped hash is refused first
        args = [
            "upgrade",
            url,
            "--from",
            case.name,
            "--profile",
            "cheapest",
            "--checkpoint",
            str(tmp_path / "ckpt"),
        ]
        if case.widen:
            code = main(args)
            assert code == 2 and "ALTER TABLE" in capsys.readouterr().err
            engine = sa.create_engine(url)
            with engine.begin() as connection:
                connection.exec_driver_sql(case.widen)
            engine.dispose()
        code, out = _cli(args, capsys)
        assert code == 0, out
        # every row still verifies, read the platform's way (wrapped rows name their scheme)
        from hashcompat.dump._platform import open_source

        with open_source(url, platform=case.name) as source:
            rows = [r for r in source if isinstance(r, Row)]
        assert len(rows) == total
        for row in rows:
            password = passwords[str(row.field("email"))]
            assert hashcompat.verify(
                password, row.hash, scheme=row.scheme, salt=row.salt, username=row.username
            ), row.ref
