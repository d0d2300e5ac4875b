"""The hook server started for real (uvicorn on 127.0.0.1, a random port) and called over HTTP
with each platform's documented request; exact answers asserted."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
sa = pytest.importorskip("sqlalchemy")

from tests._support.hookserver import sample  # noqa: E402
from tests._support.server_setup import HEADER, SECRET, USERS, Hook, start  # noqa: E402


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hook]:
    folder = tmp_path_factory.mktemp("hook")
    yield from start(folder, f"sqlite:///{folder / 'legacy.db'}")


def okta_body(user: str, password: str) -> dict[str, Any]:
    body = copy.deepcopy(sample("okta_password_import.json")["request"])
    body["data"]["context"]["credential"] = {"username": user, "password": password}
    return body


@pytest.mark.parametrize("user", sorted(USERS))
def test_okta_verifies_each_legacy_family_and_marks_the_row(hook: Hook, user: str) -> None:
    okta = sample("okta_password_import.json")
    _scheme, _hash, password = USERS[user]
    wrong = hook.post("/okta/password-import", okta_body(user, password + "x"))
    assert (wrong.status_code, wrong.json()) == (200, okta["unverified"])
    assert not hook.migrated(user)
    right = hook.post("/okta/password-import", okta_body(user, password))
    assert (right.status_code, right.json()) == (200, okta["verified"])
    assert hook.migrated(user)
    again = hook.post("/okta/password-import", okta_body(user, password))  # Okta's retry
    assert again.json() == okta["verified"]
    mine = [e for e in hook.audit() if e["user_id"] == user and e["platform"] == "okta"]
    marks = [e["migrated"] for e in mine]
    assert marks == [False, True, False]  # marked once, by compare-and-swap


def test_okta_unknown_user_is_unverified(hook: Hook) -> None:
    answer = hook.post("/okta/password-import", okta_body("nobody@example.com", "password"))
    assert answer.json() == sample("okta_password_import.json")["unverified"]
    assert hook.audit()[-1]["outcome"] == "unknown_user"


def test_b2c_claims_and_conflict(hook: Hook) -> None:
    b2c = sample("b2c_rest_claims.json")
    user = "drupal@example.com"
    body = {**b2c["request"], "signInName": user, "password": USERS[user][2]}
    right = hook.post("/b2c/verify", body)
    expected = {"tokenSuccess": True, "email": user, "displayName": "Drupal"}
    assert (right.status_code, right.json()) == (200, expected)
    wrong = hook.post("/b2c/verify", {**body, "password": "nope"})
    assert (wrong.status_code, wrong.json()) == (409, b2c["error"])


def test_kratos_match_and_forbidden(hook: Hook) -> None:
    kratos = sample("kratos_password_migration.json")
    user = "md5@example.com"
    body = {"identifier": user, "password": USERS[user][2]}
    assert set(body) == set(kratos["request"])
    right = hook.post("/kratos/password-migration", body)
    assert (right.status_code, right.json()) == (200, kratos["match"])
    wrong = hook.post("/kratos/password-migration", {**body, "password": "nope"})
    assert wrong.status_code == 403


def test_auth0_profile_and_wrong_credentials(hook: Hook) -> None:
    user = "bcrypt@example.com"
    right = hook.post("/auth0/login", {"username": user, "password": USERS[user][2]})
    assert (right.status_code, right.json()) == (
        200,
        {"user_id": user, "email": user, "email_verified": True},
    )
    wrong = hook.post("/auth0/login", {"username": user, "password": "nope"})
    assert (wrong.status_code, wrong.json()) == (403, {"error": "wrong_credentials"})


def test_generic_verify(hook: Hook) -> None:
    user = "phpass@example.com"
    right = hook.post("/verify", {"username": user, "password": USERS[user][2]})
    assert right.json() == {"verified": True, "claims": {"email": user}}
    wrong = hook.post("/verify", {"username": user, "password": "nope"})
    assert wrong.json() == {"verified": False}


def entra_body(hook: Hook, user: str, password: str, nonce: str) -> dict[str, Any]:
    entra = sample("entra_password_submit.json")
    body = copy.deepcopy(entra["request"])
    payload = {"user-password": password, "username": user, "nonce": nonce}
    body["data"]["encryptedPasswordContext"] = hook.keys.encrypt(payload, entra["jwe_header"])
    return body


def test_entra_migrate_retry_with_nonce(hook: Hook) -> None:
    user = "drupal@example.com"
    auth = {"Authorization": "Bearer " + hook.keys.bearer()}
    nonce = "d7c30ed9-2d8e-40c9-aee8-a205e9734308"
    right = httpx.post(
        hook.url + "/entra/password-submit",
        json=entra_body(hook, user, USERS[user][2], nonce),
        headers=auth,
    )
    assert right.json() == {
        "data": {
            "@odata.type": "microsoft.graph.onPasswordSubmitResponseData",
            "actions": [{"@odata.type": "microsoft.graph.passwordSubmit.MigratePassword"}],
            "nonce": nonce,
        }
    }
    wrong = httpx.post(
        hook.url + "/entra/password-submit",
        json=entra_body(hook, user, "nope", nonce),
        headers=auth,
    )
    assert wrong.json() == {
        "data": {
            "@odata.type": "microsoft.graph.onPasswordSubmitResponseData",
            "actions": [{"@odata.type": "microsoft.graph.passwordSubmit.Retry"}],
            "nonce": nonce,
        }
    }


def test_entra_blocks_after_a_burst_of_failures(hook: Hook) -> None:
    auth = {"Authorization": "Bearer " + hook.keys.bearer()}
    for _ in range(6):
        body = entra_body(hook, "blocked@example.com", "guess", "n-1")
        answer = httpx.post(hook.url + "/entra/password-submit", json=body, headers=auth)
    assert answer.json()["data"]["actions"] == [
        {
            "@odata.type": "microsoft.graph.passwordSubmit.Block",
            "title": "Sign-in blocked",
            "message": "Too many failed sign-in attempts. Please try again later.",
        }
    ]


def test_entra_refuses_the_shared_secret_and_undecryptable_tokens(hook: Hook) -> None:
    user = "drupal@example.com"
    body = entra_body(hook, user, USERS[user][2], "n")
    assert hook.post("/entra/password-submit", body).status_code == 401  # bearer only
    body["data"]["encryptedPasswordContext"] = "a.b.c.d.e"
    auth = {"Authorization": "Bearer " + hook.keys.bearer()}
    bad = httpx.post(hook.url + "/entra/password-submit", json=body, headers=auth)
    assert (bad.status_code, bad.json()) == (400, {"error": "invalid_request"})


def test_cognito_handler_shares_the_core(hook: Hook) -> None:
    from hashcompat.contrib.cognito import handle
    from hashcompat.errors import MigrationRefusedError

    user = "bcrypt@example.com"
    event = copy.deepcopy(sample("cognito_user_migration.json")["event"])
    event["userName"] = user
    event["request"]["password"] = USERS[user][2]
    answer = handle(copy.deepcopy(event), hook.service)
    assert answer["response"] == {
        **event["response"],
        "userAttributes": {"email": user, "email_verified": "true"},
        "finalUserStatus": "CONFIRMED",
        "messageAction": "SUPPRESS",
    }
    event["request"]["password"] = "nope"
    with pytest.raises(MigrationRefusedError):
        handle(event, hook.service)
    event["triggerSource"] = "UserMigration_ForgotPassword"
    with pytest.raises(MigrationRefusedError):
        handle(event, hook.service)


def test_healthz_and_metrics(hook: Hook) -> None:
    assert httpx.get(hook.url + "/healthz").json() == {"status": "ok"}
    hook.post("/verify", {"username": "md5@example.com", "password": "password"})
    metrics = httpx.get(hook.url + "/metrics").text
    assert 'hashcompat_hook_requests_total{outcome="verified",platform="generic"}' in metrics
    assert "hashcompat_hook_verify_seconds_bucket" in metrics


def test_audit_lines_have_the_documented_fields(hook: Hook) -> None:
    hook.post("/verify", {"username": "md5@example.com", "password": "password"})
    entry = hook.audit()[-1]
    assert set(entry) == {
        "time",
        "platform",
        "user_id",
        "outcome",
        "scheme",
        "migrated",
        "client",
        "ms",
    }
    assert (entry["platform"], entry["outcome"], entry["scheme"]) == ("generic", "verified", "md5")


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("case", ["right", "wrong", "bad secret"])
def test_the_auth0_login_script_runs_in_node_against_the_server(hook: Hook, case: str) -> None:
    user = "drupal@example.com"
    root = Path(__file__).parents[2]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SCRIPT": str(root / "docs" / "auth0-login.js"),
        "HASHCOMPAT_URL": hook.url,
        "HASHCOMPAT_SECRET": SECRET + ("x" if case == "bad secret" else ""),
        "HASHCOMPAT_HEADER": HEADER,
        "LOGIN_USER": user,
        "LOGIN_PASSWORD": USERS[user][2] if case != "wrong" else "nope",
    }
    run = subprocess.run(
        [str(NODE), str(root / "tests" / "auth0_harness.js")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result = json.loads(run.stdout)
    expected = {
        "right": {"profile": {"user_id": user, "email": user, "email_verified": True}},
        "wrong": {"error": "WrongUsernameOrPasswordError", "message": "Wrong email or password."},
        "bad secret": {"error": "Error", "message": "hashcompat hook answered HTTP 401"},
    }[case]
    assert result == expected


@pytest.mark.parametrize("server", ["postgres", "mariadb"])
def test_server_store(server: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """The same contract over PostgreSQL and MariaDB (tests/_support/postgres.py, mariadb.py)."""
    url = request.getfixturevalue(f"{server}_url")
    for hook in start(tmp_path, url):
        okta = sample("okta_password_import.json")
        user = "drupal@example.com"
        right = hook.post("/okta/password-import", okta_body(user, USERS[user][2]))
        assert right.json() == okta["verified"]
        assert hook.migrated(user)
        wrong = hook.post("/okta/password-import", okta_body("md5@example.com", "nope"))
        assert wrong.json() == okta["unverified"]
        assert not hook.migrated("md5@example.com")


def test_pingone_davinci_http_connector_shape(hook: Hook) -> None:
    """The request DaVinci's HTTP connector sends to the generic route in the JIT flow of
    docs/hooks.md, and the fields the flow reads from ``payload.output.rawResponse``."""
    davinci = sample("davinci_http_connector.json")
    headers = {**davinci["request"]["headers"], HEADER: SECRET}
    user = "bcrypt@example.com"
    body = {**davinci["request"]["body"], "username": user, "password": USERS[user][2]}
    right = httpx.post(hook.url + "/verify", content=json.dumps(body), headers=headers)
    assert right.status_code == 200  # 2xx: the node's success path

    def read(answer: Any, path: str) -> Any:
        value = {"rawResponse": answer.json()}
        for key in path.split("."):
            value = value[key]
        return value

    assert read(right, davinci["read"]["verified"]) is True
    assert read(right, davinci["read"]["email"]) == user
    wrong = httpx.post(
        hook.url + "/verify", content=json.dumps({**body, "password": "nope"}), headers=headers
    )
    assert wrong.status_code == 200 and read(wrong, davinci["read"]["verified"]) is False
    form = httpx.post(hook.url + "/verify", data=body, headers={HEADER: SECRET})
    assert form.status_code == 400  # a form-encoded body is refused: choose JSON in the node
