"""The runnable login example, through Flask's test client."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from hashcompat.migrate import Migrator

pytest.importorskip("flask")
ROOT = Path(__file__).parents[2]


def test_wordpress_users_log_in_and_are_upgraded(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("login_app", ROOT / "examples/login_app/app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app = module.create_app(
        f"sqlite:///{tmp_path / 'users.db'}",
        Migrator.cheapest_for_tests(allowed=frozenset({"phpass"})),
    )
    with (ROOT / "examples/wordpress.csv").open(encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    client = app.test_client()
    assert client.post("/login", data={"user": "user1", "password": "nope"}).status_code == 401
    response = client.post("/login", data={"user": "user1", "password": first["password"]})
    assert response.status_code == 200 and response.json == {"ok": True, "upgraded": True}
    again = client.post("/login", data={"user": "user1", "password": first["password"]})
    assert again.json == {"ok": True, "upgraded": False}
    assert client.post("/login", data={"user": "ghost", "password": "x"}).status_code == 401
