"""The hook server's configuration, stores and markers, the budget caps, the Cognito entry
point, and ``hashcompat serve`` started as a command."""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")
sa = pytest.importorskip("sqlalchemy")

from hashcompat.errors import ConfigError, MigrationRefusedError  # noqa: E402
from hashcompat.migrate import Credential  # noqa: E402
from hashcompat.migrate.stores.memory import MemoryStore  # noqa: E402
from hashcompat.migrate.stores.migrated import MemoryMarker, SQLAlchemyMarker  # noqa: E402
from hashcompat.server._config import parse_config  # noqa: E402
from tests._support.hookserver import create_users_table, legacy_users, sample, serving  # noqa: E402

ROOT = Path(__file__).parents[2]
USERS = legacy_users()


def minimal(folder: Path, **extra: Any) -> dict[str, Any]:
    users = folder / "users.csv"
    if not users.exists():
        lines = ["user_id,hash,scheme,name"] + [
            f"{user},{hashed},{scheme or ''},N{number}"
            for number, (user, (scheme, hashed, _p)) in enumerate(USERS.items())
        ]
        users.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "store": {"file": str(users)},
        "auth": {"header": "X-Hook-Secret", "secret": "abc"},
        "migrator": {"target_params": {"memory_cost": 256, "time_cost": 1, "parallelism": 1}},
        "server": {"audit_log": str(folder / "audit.jsonl")},
        "platforms": {"generic": {}},
        **extra,
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"extra_section": {}}, "unknown sections"),
        ({"server": {"prot": 1}}, "unknown keys"),
        ({"store": {}}, "exactly one of url"),
        ({"platforms": {"myspace": {}}}, "unknown platform"),
        ({"auth": {"header": "X", "secret": "env:HASHCOMPAT_TEST_UNSET_VARIABLE"}}, "not set"),
        ({"platforms": {"okta": {"enabled": False}}}, "no platform"),
        ({"platforms": {"entra": {}}}, "private_key_file"),
        ({"migrator": {"allowed": "phpass"}}, "list of scheme names"),
    ],
)
def test_configuration_errors_name_the_setting(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    from hashcompat.server._app import create_app

    data = {**minimal(tmp_path), **change}
    with pytest.raises(ConfigError, match=message):
        create_app(parse_config(data))


def test_secrets_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOOK_SECRET_FOR_TEST", "from-env")
    data = minimal(tmp_path)
    data["auth"]["secret"] = "env:HOOK_SECRET_FOR_TEST"
    config = parse_config(data)
    assert config.platforms["generic"].auth.secret == "from-env"
    assert "from-env" not in repr(config)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_file_stores_verify_every_family(tmp_path: Path, suffix: str) -> None:
    from hashcompat.server._service import Service

    data = minimal(tmp_path)
    if suffix == ".jsonl":
        path = tmp_path / "users.jsonl"
        rows = [
            {"user_id": user, "hash": hashed, "scheme": scheme}
            for user, (scheme, hashed, _p) in USERS.items()
        ]
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        data["store"]["file"] = str(path)
    data["store"]["profile_columns"] = ["name"]
    service = Service(parse_config(data))
    for user, (_scheme, _hash, password) in USERS.items():
        outcome = service.sign_in("generic", user, password, None)
        assert outcome.ok
        if suffix == ".csv":
            assert outcome.profile == {"name": f"N{list(USERS).index(user)}"}
        assert service.sign_in("generic", user, "nope", None).kind == "failed"
    assert service.sign_in("generic", "ghost", "x", None).kind == "unknown_user"


def test_memory_marker_marks_once_and_only_the_verified_hash() -> None:
    store = MemoryStore({"u": Credential("$P$Bhash")})
    marker = MemoryMarker(store)
    assert not marker.mark_migrated("u", "$P$Bother")
    assert marker.mark_migrated("u", "$P$Bhash")
    assert not marker.mark_migrated("u", "$P$Bhash")
    assert not marker.mark_migrated("ghost", "$P$Bhash")
    assert marker.count_migrated() == 1


def test_sqlalchemy_marker_compare_and_swap_and_count(sql_url: str) -> None:
    """The migrated-at marks on SQLite, PostgreSQL and MariaDB."""
    engine = create_users_table(sql_url, USERS)
    marker = SQLAlchemyMarker(
        engine, table="legacy_users", id_column="email", migrated_column="migrated_at"
    )
    user = "md5@example.com"
    hashed = USERS[user][1]
    assert not marker.mark_migrated(user, hashed + "0")  # the hash changed since: not marked
    assert not marker.mark_migrated(user, hashed.upper())  # byte for byte, whatever the collation
    assert marker.mark_migrated(user, hashed)
    assert not marker.mark_migrated(user, hashed)
    assert marker.count_migrated() == 1
    with pytest.raises(Exception, match="no column"):
        SQLAlchemyMarker(engine, table="legacy_users", id_column="email", migrated_column="gone")
    engine.dispose()


def test_budget_caps_shrink_with_the_budget() -> None:
    from hashcompat.server._budget import limits_for_budget

    tight, loose = limits_for_budget(0.05), limits_for_budget(2.0)
    assert tight.max_bcrypt_cost < loose.max_bcrypt_cost <= 16
    assert tight.max_log2_rounds < loose.max_log2_rounds
    assert tight.max_iterations < loose.max_iterations


def test_import_hashcompat_loads_no_server() -> None:
    code = (
        "import sys, hashcompat, hashcompat.contrib.cognito, hashcompat.server._core; "
        "print([m for m in ('starlette', 'uvicorn', 'prometheus_client', 'jwcrypto', "
        "'hashcompat.server._app') if m in sys.modules])"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
    bare = "import sys, hashcompat; print('hashcompat.server' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", bare], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_cognito_lambda_entry_point_reads_hashcompat_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hashcompat.contrib import cognito

    config = tmp_path / "hooks.toml"
    config.write_text(
        f"""[store]\nfile = "{tmp_path / "users.csv"}"\n
[migrator]\ntarget_params = {{ memory_cost = 256, time_cost = 1, parallelism = 1 }}\n
[server]\naudit_log = "-"\n[platforms.cognito.claims]\nemail = "{{user_id}}"\n""",
        encoding="utf-8",
    )
    minimal(tmp_path)  # writes users.csv
    monkeypatch.setenv("HASHCOMPAT_CONFIG", str(config))
    cognito._service.cache_clear()
    event = copy.deepcopy(sample("cognito_user_migration.json")["event"])
    event["userName"] = "md5@example.com"
    event["request"]["password"] = "password"
    try:
        answer = cognito.handler(event, None)
    finally:
        cognito._service.cache_clear()
    assert answer["response"]["userAttributes"] == {"email": "md5@example.com"}
    assert answer["response"]["finalUserStatus"] == "CONFIRMED"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_hashcompat_serve_starts_and_answers(tmp_path: Path, workers: str) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    minimal(tmp_path)
    config = tmp_path / "hooks.toml"
    config.write_text(
        f"""[server]\nport = {port}\naudit_log = "{tmp_path / "audit.jsonl"}"\n
[store]\nfile = "{tmp_path / "users.csv"}"\n
[migrator]\ntarget_params = {{ memory_cost = 256, time_cost = 1, parallelism = 1 }}\n
[platforms.kratos]\n""",
        encoding="utf-8",
    )
    log = tmp_path / "serve.log"
    with serving(config, port, "--insecure-dev", "--workers", workers, output=log) as base:
        assert httpx.get(base + "/healthz").json() == {"status": "ok"}
        body = {"identifier": "md5@example.com", "password": "password"}
        answer = httpx.post(base + "/kratos/password-migration", json=body)
        assert answer.json() == {"status": "password_match"}
    output = log.read_text(encoding="utf-8")
    assert 'password"' not in output and "Uvicorn running" in output
    assert ("rate limits and a file store's marks are per worker" in output) == (workers == "2")


def test_a_route_is_served_only_when_its_table_is_configured(tmp_path: Path) -> None:
    from hashcompat.server._app import create_app

    data = minimal(tmp_path)
    del data["platforms"]
    with pytest.raises(ConfigError, match=r"no platform is enabled: add a \[platforms.NAME\]"):
        parse_config(data)
    data["platforms"] = {"kratos": {}}
    app = create_app(parse_config(data))
    paths = {route.path for route in app.routes} - {"/status"}  # type: ignore[attr-defined]
    assert paths == {"/kratos/password-migration", "/healthz", "/readyz", "/metrics"}


def test_cognito_without_claims_fills_email_only_from_an_email_user_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hashcompat.contrib import cognito
    from hashcompat.server._service import Service

    service = Service(parse_config(minimal(tmp_path, platforms={"cognito": {}})))
    event = copy.deepcopy(sample("cognito_user_migration.json")["event"])
    event["userName"] = "md5@example.com"
    event["request"]["password"] = "password"
    answer = cognito.handle(copy.deepcopy(event), service)
    assert answer["response"]["userAttributes"] == {"email": "md5@example.com"}
    event["userName"] = "md5-user"
    with pytest.raises(MigrationRefusedError, match="attributes"):
        cognito.handle(event, service)
    audited = (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(audited) == 1  # refused before any verify: nothing marked for md5-user
    config = tmp_path / "no-cognito.toml"
    users = tmp_path / "users.csv"
    auth = '[auth]\nheader = "X"\nsecret = "y"\n'
    config.write_text(f'[store]\nfile = "{users}"\n{auth}[platforms.okta]\n', encoding="utf-8")
    monkeypatch.setenv("HASHCOMPAT_CONFIG", str(config))
    cognito._service.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"needs a \[platforms.cognito\] table"):
            cognito.handler(event, None)
    finally:
        cognito._service.cache_clear()


def test_the_toml_of_docs_hooks_md_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    text = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.+?)```", text, re.DOTALL)
    assert len(blocks) >= 7  # the reference and one per platform
    for name in ("LEGACY_DATABASE_URL", "LEGACY_PEPPER", "HOOK_SECRET", "HOOK_BASIC_PASSWORD"):
        monkeypatch.setenv(name, "sqlite://" if name.endswith("URL") else "value")
    monkeypatch.setenv("HOOK_HMAC_KEY", "value")
    monkeypatch.setenv("HASHCOMPAT_AUDIT_KEY", "k" * 32)
    monkeypatch.setenv("HASHCOMPAT_REDIS_URL", "redis://127.0.0.1:6379/0")
    reference = parse_config(tomllib.loads(blocks[0]))
    assert set(reference.platforms) == {"okta", "kratos", "generic"}
    for block in blocks[1:]:
        data = tomllib.loads(block)
        assert set(data) <= {"auth", "platforms"}
        assert set(data["platforms"]) <= {
            "okta",
            "b2c",
            "entra",
            "kratos",
            "auth0",
            "cognito",
            "generic",
        }
