"""A runnable login endpoint that migrates WordPress users to argon2id as they log in.

    pip install hashcompat flask sqlalchemy
    python examples/login_app/app.py            # serves on http://127.0.0.1:5000
    curl -d user=user1 -d password=password http://127.0.0.1:5000/login

The database is made from examples/wordpress.csv on first start (user1, user2, ... with the
WordPress hashes); watch the log: each first login prints an "upgraded" event.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask, request

from hashcompat.migrate import Migrator, login
from hashcompat.migrate.stores.sqlalchemy import SQLAlchemyStore

HERE = Path(__file__).parent
SAMPLE = HERE.parent / "wordpress.csv"


def create_app(
    database: str = f"sqlite:///{HERE / 'users.db'}", migrator: Migrator | None = None
) -> Flask:
    engine = sa.create_engine(database)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "CREATE TABLE IF NOT EXISTS users "
                "(name TEXT PRIMARY KEY, password_hash TEXT NOT NULL)"
            )
        )
        if connection.execute(sa.text("SELECT COUNT(*) FROM users")).scalar_one() == 0:
            with SAMPLE.open(encoding="utf-8") as handle:
                rows = [
                    {"n": f"user{i}", "h": row["hash"]}
                    for i, row in enumerate(csv.DictReader(handle), 1)
                ]
            connection.execute(sa.text("INSERT INTO users VALUES (:n, :h)"), rows)
    store = SQLAlchemyStore(engine, id_column="name")
    policy = migrator or Migrator(allowed=frozenset({"phpass", "wordpress_bcrypt"}))
    app = Flask(__name__)

    @app.post("/login")
    def do_login() -> tuple[dict[str, Any], int]:
        result = login(
            policy, store, request.form.get("user", ""), request.form.get("password", "")
        )
        if not result:
            return {"ok": False}, 401
        return {"ok": True, "upgraded": result.upgraded}, 200

    return app


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    create_app().run()
