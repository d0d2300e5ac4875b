"""push to the platforms that publish no OpenAPI description, against their documented request
shapes (tests/_support/fakeplatforms.py, served by the fault server): Auth0's import jobs,
Firebase's batchCreate, PingOne's user import and ZITADEL's user service v2. Each run has a user
already there, one the platform rejects (where the shape has one), and a second run with
--update."""

from __future__ import annotations

from pathlib import Path

import pytest

from hashcompat.export import TARGETS as EXPORTS
from hashcompat.push import push
from hashcompat.push._settings import Settings
from tests._support.faultserver import Faults, FaultServer
from tests._support.pushdata import bcrypt_hash

pytest.importorskip("httpx")

SETTINGS = {
    "auth0": {"token": "x", "connection_id": "con_0123456789abcdef", "poll": "0.01"},
    "firebase": {"token": "x", "project": "demo-push"},
    "pingone": {"token": "x", "environment": "abc-123"},
    "zitadel": {"token": "x"},
}
SEEDED = {
    "auth0": "auth0:user3@example.com",
    "firebase": "firebase:3",
    "pingone": "pingone:user3",
    "zitadel": "zitadel:user3",
}


def _rows(count: int) -> list[dict[str, str]]:
    hash = bcrypt_hash()
    return [
        {"id": str(i), "email": f"user{i}@example.com", "username": f"user{i}", "hash": hash}
        for i in range(count)
    ]


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_push_to_documented_shapes(name: str, tmp_path: Path) -> None:
    if name not in EXPORTS:
        pytest.skip(f"{name}: its export payload is not on this branch yet")
    server = FaultServer(Faults(p500=0.05, p_lost=0.03, p429=0.03)).start()
    server.platforms.seed(SEEDED[name])
    settings = Settings(name, {"url": server.url, **SETTINGS[name]})
    rows = _rows(40)
    report = push(rows, name, checkpoint=tmp_path / "a.sqlite", settings=settings)
    assert report.total == 40 and report.outcomes["already there"] == 1, report.to_dict()
    assert report.outcomes["created"] == 39, report.to_dict()
    stats = server.state.stats()
    assert stats["twice"] == [] and stats["created"] == 39
    server.faults = Faults()  # a clean run: a retried create right after the first run would
    # find users made seconds earlier, which the resume rule must count as possibly its own
    again = push(rows, name, checkpoint=tmp_path / "b.sqlite", settings=settings, update=True)
    assert again.outcomes["updated"] == 40, again.to_dict()


def test_auth0_names_the_users_a_job_rejected(tmp_path: Path) -> None:
    server = FaultServer().start()
    rows = _rows(5)
    rows[2]["email"] = "not-an-email"
    settings = Settings("auth0", {"url": server.url, **SETTINGS["auth0"]})
    report = push(rows, "auth0", checkpoint=tmp_path / "cp.sqlite", settings=settings)
    assert report.outcomes["created"] == 4 and report.outcomes["rejected"] == 1
    assert report.reasons["rejected"] == {"INVALID_FORMAT: email": 1}
