"""push against the fault-injecting server on loopback: outcomes that add up, resume, sync,
dry run, --update, pacing, the report and the CLI. The kill test is tests/push/test_push_kill.py."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from hashcompat._reports.push import render
from hashcompat.errors import PushError
from hashcompat.push import Outcome, push
from hashcompat.push._pacing import Window, backoff, pause_from
from hashcompat.push._settings import Settings, load
from tests._support.faultserver import Faults, FaultServer
from tests._support.pushdata import PHPASS, bcrypt_hash, users, write_csv

pytest.importorskip("httpx")

FAULTY = Faults(p429=0.05, p500=0.05, p_drop=0.03, p_lost=0.03, p_slow=0.02, slow_s=0.05)


def okta(server: FaultServer) -> Settings:
    return Settings("okta", {"url": server.url, "token": "test-token"})


def run(rows: list[dict[str, str]], server: FaultServer, cp: Path, **options: object) -> dict:
    report = push(rows, "okta", checkpoint=cp, settings=okta(server), **options)  # type: ignore[arg-type]
    return report.to_dict()


def test_every_row_gets_one_outcome_through_faults(tmp_path: Path) -> None:
    rows = users(200)
    server = FaultServer(FAULTY, seed=["user3@example.com"]).start()
    report = run(rows, server, tmp_path / "cp.sqlite", concurrency=8)
    outcomes = report["outcomes"]
    assert report["total"] == 200 == sum(outcomes.values())
    assert outcomes["refused by plan"] == 4  # the phpass rows
    assert outcomes["rejected"] == 2  # user96, user193: no email login
    assert outcomes["already there"] == 1
    assert outcomes["created"] == 193
    assert report["reasons"]["rejected"] == {"HTTP 400: login: must be an email": 2}
    assert report["reasons"]["refused by plan"] == {"rehash: okta does not compute phpass": 4}
    stats = server.state.stats()
    assert stats["twice"] == [] and stats["created"] == 193
    assert stats.get("lost", 0) + stats.get("drop", 0) + stats.get("p500", 0) > 0
    assert report["retries"] > 0


def test_checkpoint_is_private_and_holds_no_hash(tmp_path: Path) -> None:
    hash = bcrypt_hash()
    server = FaultServer().start()
    cp = tmp_path / "cp.sqlite"
    run(users(60, hash=hash), server, cp)
    assert stat.S_IMODE(cp.stat().st_mode) == 0o600
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("cp"))
    assert hash.encode() not in data and hash[7:29].encode() not in data  # nor the salt
    assert PHPASS.encode() not in data


def test_rerun_is_a_sync_of_new_and_changed_users(tmp_path: Path) -> None:
    rows = users(60)
    server = FaultServer().start()
    cp = tmp_path / "cp.sqlite"
    first = run(rows, server, cp)
    assert first["outcomes"]["created"] == 59  # and one phpass row
    rows[0]["hash"] = bcrypt_hash(b"changed")  # a password changed on the old system
    rows.append({"id": "new", "email": "new@example.com", "hash": rows[1]["hash"]})
    second = run(rows, server, cp)
    out = second["outcomes"]
    assert out["updated"] == 1 and out["created"] == 1 and out["unchanged"] == 58
    assert out["refused by plan"] == 1 and second["total"] == 61
    assert second["requests"] == 2  # the update and the new user
    assert server.state.counts["updated"] == 1 and server.state.stats()["twice"] == []


def test_already_there_is_compared_not_overwritten_unless_update(tmp_path: Path) -> None:
    server = FaultServer(seed=["user1@example.com"]).start()
    rows = [{"id": "1", "email": "user1@example.com", "hash": bcrypt_hash()}]
    report = run(rows, server, tmp_path / "a.sqlite")
    assert report["outcomes"]["already there"] == 1
    assert report["reasons"]["already there"] == {"same profile": 1}
    assert server.state.counts["updated"] == 0
    report = run(rows, server, tmp_path / "b.sqlite", update=True)
    assert report["outcomes"]["updated"] == 1 and server.state.counts["updated"] == 1


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    server = FaultServer(seed=["user2@example.com"]).start()
    cp = tmp_path / "cp.sqlite"
    report = run(users(30), server, cp, dry_run=True)
    assert report["dry_run"] and report["outcomes"]["created"] == 29
    assert report["outcomes"]["already there"] == 1
    assert server.state.stats()["created"] == 0
    assert not cp.exists()


def test_a_user_left_sending_is_looked_up_not_created_again(tmp_path: Path) -> None:
    """The state a kill -9 between sending and recording leaves: the user exists on the
    platform (made after the intent), the checkpoint says SENDING."""
    server = FaultServer().start()
    cp = tmp_path / "cp.sqlite"
    rows = users(3)
    run(rows[:1], server, cp)  # user0 created; now rewind its row to SENDING in a new run
    db = sqlite3.connect(cp)
    db.execute("UPDATE users SET state = 'sending', run = 2, intent = ?", (time.time() - 1,))
    db.execute("UPDATE meta SET value = '1' WHERE key = 'last'")
    db.execute("INSERT INTO meta VALUES ('open', '2')")
    db.commit()
    db.close()
    report = run(rows, server, cp)
    assert report["outcomes"]["created"] == 3 and server.state.stats()["twice"] == []
    assert server.state.stats()["created"] == 3


def test_retry_after_pauses_every_sender() -> None:
    assert pause_from({"retry-after": "2"}, 429) == 2.0
    date = "Sun, 06 Dec 2026 12:00:00 GMT"
    assert pause_from({"retry-after": "Sun, 06 Dec 2026 12:00:03 GMT", "date": date}, 429) == 3.0
    okta = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": "1796558405", "date": date}
    assert pause_from(okta, 200) == pytest.approx(5.0)  # 2026-12-06 12:00:05 UTC
    assert pause_from({"x-rate-limit-remaining": "7", "x-rate-limit-reset": "1"}, 200) is None
    assert all(0 <= backoff(n) <= min(10.0, 0.05 * 2 ** (n - 1)) for n in range(1, 12))


def test_window_halves_on_429_and_grows_back() -> None:
    async def scenario() -> tuple[float, float, float]:
        window = Window(32)
        await window.acquire()
        await window.release(throttled=True, pause=None, rtt=0.0)
        halved = window.size
        for _ in range(500):  # about (32**2 - 16**2) / 2 answers to grow back
            await window.acquire()
            await window.release(throttled=False, pause=None, rtt=0.0)
        start = time.monotonic()
        await window.acquire()
        await window.release(throttled=False, pause=0.3, rtt=0.0)
        await window.acquire()
        return halved, window.size, time.monotonic() - start

    halved, grown, waited = asyncio.run(scenario())
    assert halved == 16.0 and grown == 32.0 and waited >= 0.29


def test_rate_limited_server_is_obeyed(tmp_path: Path) -> None:
    """Okta-style X-Rate-Limit headers at 200 requests/s: the run finishes, every 429 is
    retried after the reset, nobody is created twice."""
    server = FaultServer(Faults(rate=200)).start()
    report = run(users(150), server, tmp_path / "cp.sqlite", concurrency=32)
    assert report["outcomes"]["created"] == 150 - 3 - 1
    assert server.state.stats()["twice"] == []


def test_a_platform_that_keeps_failing_stops_the_run_resumably(tmp_path: Path) -> None:
    server = FaultServer(Faults(p500=1.0)).start()
    with pytest.raises(PushError, match="run the same command again"):
        run(users(3), server, tmp_path / "cp.sqlite", retries=2)
    server.faults.p500 = 0.0
    assert run(users(3), server, tmp_path / "cp.sqlite")["outcomes"]["created"] == 3


def test_report_formats_hold_counts_and_no_hash(tmp_path: Path) -> None:
    hash = bcrypt_hash()
    server = FaultServer().start()
    report = push(
        users(20, hash=hash), "okta", checkpoint=tmp_path / "cp.sqlite", settings=okta(server)
    )
    for fmt in ("table", "json", "markdown", "html"):
        text = render(report, fmt)
        assert hash not in text and "test-token" not in text
        assert "created" in text and "refused by plan" in text
    assert json.loads(render(report, "json"))["total"] == 20


def test_settings_come_from_env_or_a_private_file(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "push.toml"
    config.write_text(
        '[okta]\nurl = "https://a.example"\ntoken = "s3cret"\n'
        '[okta.staging]\nurl = "https://staging.example"\n'
    )
    config.chmod(0o644)
    with pytest.raises(PushError, match="chmod 600"):
        load("okta", config)
    config.chmod(0o600)
    assert load("okta", config, "staging")["url"] == "https://staging.example"
    monkeypatch.setenv("HASHCOMPAT_OKTA_TOKEN", "from-env")
    monkeypatch.setenv("HASHCOMPAT_OKTA_URL", "https://production.example")
    assert load("okta", config)["token"] == "from-env"
    assert load("okta", config)["url"] == "https://production.example"
    assert load("okta", config, "staging")["url"] == "https://staging.example"  # never prod
    monkeypatch.delenv("HASHCOMPAT_OKTA_URL")
    assert "from-env" not in repr(load("okta", config))
    with pytest.raises(PushError, match="HASHCOMPAT_OKTA_URL"):
        load("okta").require("url")


def test_cli_push_reads_credentials_from_the_environment(tmp_path: Path) -> None:
    import subprocess
    import sys

    server = FaultServer(seed=["user0@example.com"]).start()
    dump = write_csv(users(25), tmp_path / "users.csv")
    env = {
        **os.environ,
        "HASHCOMPAT_OKTA_URL": server.url,
        "HASHCOMPAT_OKTA_TOKEN": "t0ken",
        "PYTHONPATH": str(Path(__file__).parents[2]),
    }
    command = [
        sys.executable,
        "-m",
        "hashcompat",
        "push",
        str(dump),
        "--to",
        "okta",
        "--checkpoint",
        str(tmp_path / "cp.sqlite"),
        "--format",
        "json",
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["outcomes"]["created"] == 24 and report["outcomes"]["already there"] == 1
    assert Outcome.REFUSED.value in report["outcomes"]


def test_reconcile_plan_holds_users_in_both_systems_and_under_review(tmp_path: Path) -> None:
    """The plan format of docs/reconcile.md: skip and link are never sent, review is refused."""
    from hashcompat.push._held import from_reconcile

    plan = tmp_path / "reconcile"
    plan.mkdir()
    lines = [
        {"format": "hashcompat-reconcile", "version": 1, "key": "email"},
        {"id": "1", "group": "both", "action": "skip", "target_id": "00u1", "conflict": None},
        {"id": "2", "group": "both", "action": "link", "target_id": "00u2", "conflict": None},
        {"id": "3", "group": "review", "action": "review", "conflict": "several_legacy"},
        {"id": "4", "group": "legacy_only", "action": "create", "conflict": None},
    ]
    (plan / "reconcile.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    server = FaultServer().start()
    report = run(users(6), server, tmp_path / "cp.sqlite", held=from_reconcile(plan))
    assert report["outcomes"]["already there"] == 2 and report["outcomes"]["created"] == 3
    assert report["reasons"]["refused by plan"] == {"review: held by reconcile (several_legacy)": 1}
    assert server.state.stats()["created"] == 3


def test_with_hook_okta_creates_the_users_it_cannot_check_as_hook_users(tmp_path: Path) -> None:
    server = FaultServer().start()
    report = run(users(60), server, tmp_path / "cp.sqlite", hook=True)
    assert report["outcomes"]["created"] == 60 and report["outcomes"]["refused by plan"] == 0
    user = server.state.users["user49@example.com"]  # the phpass row
    assert user["profile"]["login"] == "user49@example.com"


def test_okta_user_listing_pages_through_every_user(tmp_path: Path) -> None:
    """reconcile --target api:okta reads the users through push's client."""
    pytest.importorskip("hashcompat.reconcile._targets", reason="reconcile is not on this branch")
    from hashcompat.push._okta import user_listing

    server = FaultServer(Faults(p429=0.05, p500=0.05)).start()
    run(users(450), server, tmp_path / "cp.sqlite")
    found = user_listing(okta(server)).list_users()
    assert len(found) == len(server.state.users) == 450 - 9 - 4
    assert {u.email for u in found} == set(server.state.users)


def test_a_rejection_never_quotes_a_hash() -> None:
    from hashcompat.push._base import rejected
    from hashcompat.push._http import Answer

    hash = bcrypt_hash()
    body = json.dumps({"errorSummary": f"bad hash {hash} salt {hash[7:29]} value {hash[29:]}"})
    reason = rejected(Answer(400, {}, body)).reason
    assert hash not in reason and hash[7:29] not in reason and hash[29:] not in reason
    assert reason.startswith("HTTP 400: bad hash")
