"""The kill test: ``kill -9`` a push at random moments, resume it each time with the same
command, and check that every user was created exactly once and that the final report equals
an uninterrupted run's. The platform is the fault server (429s, 500s, dropped connections and
answers lost after the user was created), so the kills land among retries too."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hashcompat.push import push
from hashcompat.push._settings import Settings
from tests._support.faultserver import Faults, FaultServer
from tests._support.pushdata import users, write_csv

pytest.importorskip("httpx")

ROOT = Path(__file__).parents[2]
FAULTS = Faults(p429=0.02, p500=0.02, p_drop=0.01, p_lost=0.01, p_slow=0.01, slow_s=0.05)
SEEDED = ["user7@example.com", "user1000@example.com", "user4321@example.com"]


def _summary(report: dict[str, object]) -> dict[str, object]:
    return {k: report[k] for k in ("total", "outcomes", "reasons")}


def killed_push(count: int, kills: int, tmp_path: Path, seed: int) -> tuple[dict, FaultServer, int]:
    """Push ``count`` users, killing the command ``kills`` times; (final report, server, kills)."""
    chance = random.Random(seed)
    server = FaultServer(FAULTS, seed=SEEDED).start()
    dump = write_csv(users(count), tmp_path / "users.csv")
    env = {
        **os.environ,
        "HASHCOMPAT_OKTA_URL": server.url,
        "HASHCOMPAT_OKTA_TOKEN": "k",
        "PYTHONPATH": str(ROOT),
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
    done = 0
    while True:
        child = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        if done < kills:
            time.sleep(chance.uniform(0.2, 2.0))
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
                child.communicate()
                done += 1
                continue
        out, err = child.communicate(timeout=600)
        assert child.returncode in (0, 1), err
        return json.loads(out), server, done


def uninterrupted(count: int, tmp_path: Path) -> dict:
    server = FaultServer(FAULTS, seed=SEEDED).start()
    settings = Settings("okta", {"url": server.url, "token": "k"})
    report = push(users(count), "okta", checkpoint=tmp_path / "ref.sqlite", settings=settings)
    return report.to_dict()


def check(count: int, kills: int, tmp_path: Path, seed: int) -> tuple[dict, int]:
    final, server, done = killed_push(count, kills, tmp_path, seed)
    stats = server.state.stats()
    assert stats["twice"] == []  # no user created twice
    assert stats["created"] == final["outcomes"]["created"]
    assert stats["users"] == len(SEEDED) + stats["created"]
    assert _summary(final) == _summary(uninterrupted(count, tmp_path))
    assert final["total"] == count
    return final, done


def test_kill_and_resume_small(tmp_path: Path) -> None:
    """The bounded version for every run: 400 users, 4 kills."""
    _, done = check(400, 4, tmp_path, seed=4)
    assert done >= 1


@pytest.mark.slow
def test_twenty_kills_during_a_5000_user_push(tmp_path: Path) -> None:
    started = time.monotonic()
    final, done = check(5000, 20, tmp_path, seed=20)
    assert done == 20
    print(f"kill test: {done} kills, {time.monotonic() - started:.0f} s, {final['outcomes']}")
