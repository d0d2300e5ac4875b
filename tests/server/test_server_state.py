"""Shared state in a real redis-server (tests/_support/redis_server.py): rate-limit windows and a
file store's marks shared by several services (as by workers and replicas), atomic under
concurrency, and failing closed when Redis is down."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("redis")
httpx = pytest.importorskip("httpx")

from hashcompat.errors import StateUnavailableError  # noqa: E402
from hashcompat.migrate import Credential  # noqa: E402
from hashcompat.migrate.stores.memory import MemoryStore  # noqa: E402
from hashcompat.server._config import parse_config  # noqa: E402
from hashcompat.server._core import Kind  # noqa: E402
from hashcompat.server._ratelimit import RateLimits  # noqa: E402
from tests._support.hookserver import legacy_users, running  # noqa: E402
from tests._support.redis_server import Unavailable, running_redis  # noqa: E402

USERS = legacy_users()
_prefixes = iter(range(1_000_000))


def prefix() -> str:
    """A key prefix of its own for each test, so they share the session's server."""
    return f"t{next(_prefixes)}-{time.monotonic_ns()}:"


def client(url: str) -> Any:
    from hashcompat.server._state import connect

    return connect(url)


def test_admission_is_atomic_across_replicas(redis_url: str) -> None:
    from hashcompat.server._state import RedisLimiter

    limits = RateLimits(per_user=5, per_client=1000)
    key = prefix()
    replicas = [RedisLimiter(client(redis_url), limits, key) for _ in range(2)]
    admitted: list[str] = []
    barrier = threading.Barrier(20)

    def guess(number: int) -> None:
        barrier.wait()
        token = replicas[number % 2].admit("victim@example.com", f"10.0.0.{number}")
        if token is not None:
            admitted.append(token)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(admitted) == 5  # never more than per_user in flight or failed
    replicas[0].settle(admitted[0], "victim@example.com", "10.0.0.0", failed=False)
    assert replicas[1].admit("victim@example.com", "10.0.0.99") is not None  # a success freed it
    assert replicas[1].admit("victim@example.com", "10.0.0.98") is None


def test_the_window_slides_on_redis_time_and_keys_are_digests(redis_url: str) -> None:
    from hashcompat.server._state import RedisLimiter

    key = prefix()
    limiter = RedisLimiter(client(redis_url), RateLimits(per_user=2, window_s=0.3), key)
    typed = "Hunter2-typed-in-the-user-field"
    for _ in range(2):
        token = limiter.admit(typed, None)
        assert token is not None
        limiter.settle(token, typed, None, failed=True)
    assert limiter.admit(typed, None) is None
    names = [name.decode() for name in limiter.client.keys(key + "*")]
    assert names and not any(typed in name for name in names)
    assert all(0 < limiter.client.pttl(name) <= 300 for name in names)
    time.sleep(0.35)
    assert limiter.admit(typed, None) is not None


def test_marks_are_shared_and_made_once(redis_url: str) -> None:
    from hashcompat.server._state import RedisMarker

    store = MemoryStore({"u": Credential("$P$Bhash"), "v": Credential("$P$Bother")})
    key = prefix()
    markers = [RedisMarker(store, client(redis_url), key) for _ in range(2)]
    results: list[bool] = []
    barrier = threading.Barrier(10)

    def mark(number: int) -> None:
        barrier.wait()
        results.append(markers[number % 2].mark_migrated("u", "$P$Bhash"))

    threads = [threading.Thread(target=mark, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 1
    assert not markers[0].mark_migrated("v", "$P$Bchanged")  # compare-and-swap on the hash
    assert markers[1].count_migrated() == 1
    assert [user for user, _at in markers[0].marks()] == ["u"]


def config(folder: Path, redis: str | None, **server: Any) -> dict[str, Any]:
    users = folder / "users.csv"
    lines = ["user_id,hash,scheme"] + [
        f"{user},{hashed},{scheme or ''}" for user, (scheme, hashed, _p) in USERS.items()
    ]
    users.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data: dict[str, Any] = {
        "store": {"file": str(users)},
        "auth": {"header": "X-Hook-Secret", "secret": "abc"},
        "migrator": {"target_params": {"memory_cost": 256, "time_cost": 1, "parallelism": 1}},
        "server": {"audit_log": str(folder / "audit.jsonl"), **server},
        "rate_limit": {"per_user": 5, "per_client": 10_000},
        "platforms": {"generic": {}},
    }
    if redis is not None:
        data["state"] = {"url": redis, "prefix": prefix()}
    return data


def test_two_services_share_limits_and_marks(redis_url: str, tmp_path: Path) -> None:
    from hashcompat.server._service import Service

    data = config(tmp_path, redis_url)
    first, second = Service(parse_config(data)), Service(parse_config(data))
    assert first.shared and isinstance(first.marker, type(second.marker))
    user = "md5@example.com"
    kinds = [
        (first if n % 2 else second).sign_in("generic", user, "nope", None).kind for n in range(7)
    ]
    assert kinds == [Kind.FAILED] * 5 + [Kind.RATE_LIMITED] * 2
    good = "phpass@example.com"
    assert first.sign_in("generic", good, USERS[good][2], None).migrated
    again = second.sign_in("generic", good, USERS[good][2], None)
    assert again.ok and not again.migrated  # marked once, whichever replica answered


def test_redis_down_fails_closed_and_is_counted(tmp_path: Path) -> None:
    from hashcompat.server._app import create_app

    try:
        context = running_redis()
        server = context.__enter__()
    except Unavailable as exc:
        pytest.skip(f"Redis tests skipped: {exc}")
    try:
        app = create_app(parse_config(config(tmp_path, server.url)))
        good = {"username": "md5@example.com", "password": "password"}
        headers = {"X-Hook-Secret": "abc"}
        with running(app) as base:
            assert httpx.post(base + "/verify", json=good, headers=headers).json()["verified"]
            assert httpx.get(base + "/readyz").json()["state"] == "ok"
            server.stop()
            answer = httpx.post(base + "/verify", json=good, headers=headers)
            assert (answer.status_code, answer.json()) == (
                503,
                {"verified": False, "error": "unavailable"},
            )
            ready = httpx.get(base + "/readyz")
            assert (ready.status_code, ready.json()["state"]) == (503, "unavailable")
            metrics = httpx.get(base + "/metrics").text
            counted = 'hashcompat_hook_backend_errors_total{backend="state",what="unavailable"} 1.0'
            assert counted in metrics
            server.start()
            assert httpx.post(base + "/verify", json=good, headers=headers).json()["verified"]
        lines = (tmp_path / "audit.jsonl").read_text(encoding="utf-8").splitlines()
        outcomes = [json.loads(line)["outcome"] for line in lines]
        assert outcomes == ["verified", "state_unavailable", "verified"]
    finally:
        context.__exit__(None, None, None)
    with pytest.raises(StateUnavailableError):
        from hashcompat.server._state import RedisLimiter

        RedisLimiter(client(server.url), RateLimits()).admit("u", None)


@pytest.mark.parametrize("mode", ["hmac", "truncate"])
def test_audit_user_keeps_a_typed_password_out_of_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    from hashcompat.errors import ConfigError
    from hashcompat.server._service import Service

    typed = "CorrectHorseBatteryStaple"
    data = config(tmp_path, None, audit_user=mode)
    if mode == "hmac":
        with pytest.raises(ConfigError, match="HASHCOMPAT_AUDIT_KEY"):
            parse_config(data)
        monkeypatch.setenv("HASHCOMPAT_AUDIT_KEY", "k" * 32)
    service = Service(parse_config(data))
    service.sign_in("generic", typed, "x", None)
    service.sign_in("generic", typed, "x", None)
    text = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    assert typed not in text and "Horse" not in text
    ids = [json.loads(line)["user_id"] for line in text.splitlines()]
    assert ids[0] == ids[1]  # still one id per user name, for counting
    expected = "Cor..." if mode == "truncate" else None
    assert ids[0] == expected or (mode == "hmac" and ids[0].startswith("hmac:"))
