"""A legacy store that is down, slow or refusing, over HTTP against a live server: each
platform's own "try again later" within its timeout, ``store_unavailable`` in the audit log, the
metrics, the circuit breaker and ``/readyz``. The store here is the real SQLite table behind a
switch that makes its calls fail or hang; tests/server/test_server_databases.py stops real
servers."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")
sa = pytest.importorskip("sqlalchemy")

from hashcompat.errors import StoreUnavailableError  # noqa: E402
from hashcompat.server._breaker import Breaker, BreakerState  # noqa: E402
from tests._support.hookserver import create_users_table, running, sample  # noqa: E402
from tests._support.server_setup import USERS, Hook, Keys, config_data  # noqa: E402


class Switch:
    """Wraps a store's calls: ``mode`` "up", "down" (connection refused) or "slow" (hangs)."""

    def __init__(self) -> None:
        self.mode = "up"
        self.release = threading.Event()

    def wrap(self, work: Any) -> Any:
        def call(*args: Any) -> Any:
            if self.mode == "down":
                raise sa.exc.OperationalError("SELECT", {}, ConnectionRefusedError("refused"))
            if self.mode == "slow":
                self.release.wait(10)
            return work(*args)

        return call


class Flaky:
    def __init__(self, store: Any, switch: Switch) -> None:
        self.load = switch.wrap(store.load)
        self.compare_and_swap = store.compare_and_swap


@pytest.fixture
def hook(tmp_path: Path) -> Iterator[tuple[Hook, Switch]]:
    from hashcompat.server._app import create_app
    from hashcompat.server._config import parse_config
    from hashcompat.server._service import Backend, Service, build_store

    url = f"sqlite:///{tmp_path / 'legacy.db'}"
    engine = create_users_table(url, USERS)
    keys = Keys(tmp_path)
    data = config_data(url, tmp_path, keys, budget_ms=500)
    data["store"].update(breaker_failures=3, breaker_open_ms=2000)
    data["platforms"]["generic"]["timeout_ms"] = 1000
    config = parse_config(data)
    switch = Switch()
    real = build_store(config.store)
    backend = Backend(
        Flaky(real.store, switch),
        real.marker,
        switch.wrap(real.profiles),
        switch.wrap(real.ping),
    )
    service = Service(config, backend=backend)
    with running(create_app(config, service=service)) as base:
        yield Hook(base, engine, keys, tmp_path, service), switch
    switch.release.set()


def okta_body(user: str, password: str) -> dict[str, Any]:
    body = copy.deepcopy(sample("okta_password_import.json")["request"])
    body["data"]["context"]["credential"] = {"username": user, "password": password}
    return body


def entra(hook: Hook, user: str, password: str) -> Any:
    payload = {"user-password": password, "username": user, "nonce": "n-1"}
    body = copy.deepcopy(sample("entra_password_submit.json")["request"])
    header = sample("entra_password_submit.json")["jwe_header"]
    body["data"]["encryptedPasswordContext"] = hook.keys.encrypt(payload, header)
    auth = {"Authorization": "Bearer " + hook.keys.bearer()}
    return httpx.post(hook.url + "/entra/password-submit", json=body, headers=auth)


USER = "drupal@example.com"
PASSWORD = USERS[USER][2]
RETRY = {"@odata.type": "microsoft.graph.passwordSubmit.Retry"}


def each_platform(hook: Hook) -> dict[str, Any]:
    """Every route's answer for the right password of USER."""
    return {
        "okta": hook.post("/okta/password-import", okta_body(USER, PASSWORD)),
        "b2c": hook.post("/b2c/verify", {"signInName": USER, "password": PASSWORD}),
        "kratos": hook.post(
            "/kratos/password-migration", {"identifier": USER, "password": PASSWORD}
        ),
        "auth0": hook.post("/auth0/login", {"username": USER, "password": PASSWORD}),
        "generic": hook.post("/verify", {"username": USER, "password": PASSWORD}),
        "entra": entra(hook, USER, PASSWORD),
    }


def test_a_store_refusing_connections_gets_each_platforms_try_later(
    hook: tuple[Hook, Switch],
) -> None:
    server, switch = hook
    switch.mode = "down"
    answers = each_platform(server)
    okta = sample("okta_password_import.json")
    assert (answers["okta"].status_code, answers["okta"].json()) == (200, okta["unverified"])
    b2c = answers["b2c"]
    assert b2c.status_code == 409
    assert b2c.json()["userMessage"].startswith("Sign-in is temporarily unavailable")
    assert answers["kratos"].status_code == 503
    assert answers["kratos"].headers["retry-after"] == "5"
    assert (answers["auth0"].status_code, answers["auth0"].json()) == (
        503,
        {"error": "temporarily_unavailable"},
    )
    assert (answers["generic"].status_code, answers["generic"].json()) == (
        503,
        {"verified": False, "error": "unavailable"},
    )
    assert answers["entra"].json()["data"]["actions"] == [RETRY]
    outcomes = [entry["outcome"] for entry in server.audit()]
    assert outcomes == ["store_unavailable"] * 6
    assert not server.migrated(USER)
    metrics = httpx.get(server.url + "/metrics").text
    assert 'hashcompat_hook_requests_total{outcome="store_unavailable",platform="okta"} 1.0' in (
        metrics
    )
    assert 'hashcompat_hook_backend_errors_total{backend="store",what="unavailable"}' in metrics
    assert "hashcompat_hook_store_breaker_open 1.0" in metrics  # three failures opened it


def test_the_breaker_stops_calling_a_dead_store_and_a_probe_closes_it(
    hook: tuple[Hook, Switch],
) -> None:
    server, switch = hook
    switch.mode = "down"
    for _ in range(3):
        server.post("/verify", {"username": USER, "password": PASSWORD})
    assert server.service.breaker.state is BreakerState.OPEN
    switch.mode = "up"  # back, but the circuit is still open: answered at once, not called
    started = time.perf_counter()
    answer = server.post("/verify", {"username": USER, "password": PASSWORD})
    assert answer.status_code == 503 and time.perf_counter() - started < 1.0
    ready = httpx.get(server.url + "/readyz")
    assert (ready.status_code, ready.json()["breaker"]) == (503, "open")
    time.sleep(2.1)  # past breaker_open_ms: the next call is the half-open probe
    ready = httpx.get(server.url + "/readyz")
    assert (ready.status_code, ready.json()) == (
        200,
        {"status": "ready", "store": "ok", "breaker": "closed"},
    )
    answer = server.post("/verify", {"username": USER, "password": PASSWORD})
    assert answer.json() == {"verified": True, "claims": {"email": USER}}
    assert server.migrated(USER)
    assert httpx.get(server.url + "/healthz").json() == {"status": "ok"}


def test_a_hung_store_is_answered_within_the_platforms_timeout(
    hook: tuple[Hook, Switch],
) -> None:
    server, switch = hook
    switch.mode = "slow"
    started = time.perf_counter()
    answer = server.post("/verify", {"username": USER, "password": PASSWORD})
    spent = time.perf_counter() - started
    assert answer.status_code == 503
    # generic's timeout_ms = 1000, less the margin: 0.75 s, plus scheduling on a busy machine;
    # the store itself hangs for 10 s
    assert 0.7 < spent < 1.75
    started = time.perf_counter()
    answer = entra(server, USER, PASSWORD)
    assert answer.json()["data"]["actions"] == [RETRY]
    assert time.perf_counter() - started < 2.7  # Entra's 2000 ms less 300, plus scheduling
    switch.release.set()  # the abandoned threads finish now: no second audit line, no mark
    time.sleep(0.3)
    entries = server.audit()
    assert [e["outcome"] for e in entries] == ["store_unavailable"] * 2
    assert not server.migrated(USER)
    metrics = httpx.get(server.url + "/metrics").text
    assert 'hashcompat_hook_backend_errors_total{backend="store",what="timeout"} 2.0' in metrics


def test_the_cognito_handler_raises_store_unavailable(hook: tuple[Hook, Switch]) -> None:
    from hashcompat.contrib.cognito import handle

    server, switch = hook
    switch.mode = "down"
    event = copy.deepcopy(sample("cognito_user_migration.json")["event"])
    event["userName"] = USER
    event["request"]["password"] = PASSWORD
    with pytest.raises(StoreUnavailableError):
        handle(event, server.service)


def test_breaker_states() -> None:
    now = [0.0]
    breaker = Breaker(failures=2, open_s=10, clock=lambda: now[0])

    def refused() -> None:
        raise ConnectionRefusedError

    for _ in range(2):
        with pytest.raises(StoreUnavailableError, match="ConnectionRefusedError"):
            breaker.call(refused)
    assert breaker.state is BreakerState.OPEN
    with pytest.raises(StoreUnavailableError, match="circuit is open"):
        breaker.call(lambda: 1)
    now[0] = 10.0
    with pytest.raises(StoreUnavailableError):
        breaker.call(refused)  # the probe fails: open again for another 10 s
    assert breaker.state is BreakerState.OPEN and breaker.opened == 2
    now[0] = 20.0
    assert breaker.call(lambda: 7) == 7
    assert breaker.state is BreakerState.CLOSED
    with pytest.raises(KeyError):  # a bug is not an outage: raised as it is, not counted
        breaker.call(lambda: {}["x"])
    assert breaker.state is BreakerState.CLOSED
