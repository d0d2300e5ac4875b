"""Make the checked-in sample dumps with the real tools: MariaDB's mariadb-dump (mysqldump) and
PostgreSQL's pg_dump, from rows inserted through the drivers with bound parameters.

    python -m tests.dumps.make_dumps        # as root: the servers run as mysql / postgres

What it does:
- starts a throw-away MariaDB (``mariadb-install-db`` into a temporary directory, ``mariadbd``
  on a Unix socket only, as the ``mysql`` user under root) and a throw-away PostgreSQL
  (tests/_support/postgres.py);
- creates WordPress's ``wp_users`` table (its DDL from WordPress 6.x wp-admin/includes/schema.php,
  as MariaDB stores it) with a second table beside it, and Supabase's ``auth.users`` (the
  columns of supabase/auth's migrations that matter here) with ``public.profiles`` beside it;
- inserts :data:`ROWS` (quotes, backslashes, newlines, tabs, NUL, non-ASCII text, NULL, a binary
  column) with bound parameters, so the values in the dumps are escaped by the tools;
- writes ``wordpress.mysqldump.sql`` (extended inserts, the default), ``wordpress.complete.sql``
  (``--skip-extended-insert --complete-insert``), ``wordpress.hexblob.sql`` (``--hex-blob``),
  ``supabase.pg_dump.sql`` (COPY), ``supabase.inserts.sql`` (``--inserts``) and
  ``supabase.column-inserts.sql`` (``--column-inserts``), plus ``.gz`` copies of two of them
  and ``expected.json``: the rows as the databases return them (read back with SELECT).

Recorded with MariaDB 10.11.18 (Debian 12) and PostgreSQL 15.18 (Debian 12).
"""

from __future__ import annotations

import gzip
import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).parent

# (login, email, hash, note): hash-shaped strings (the parser tests compare text; nothing
# here verifies them); the logins and notes carry the hard text.
ROWS: list[tuple[str, str | None, str, str | None]] = [
    ("admin", "admin@example.com", "$P$BZlPX7NIx8MYpXokBW2AUV2tB6k2ER1", "plain"),
    ("o'brien", "ob@example.com", "5f4dcc3b5aa765d61d8327deb882cf99", 'it\'s "quoted"'),
    ("back\\slash", None, "$2y$10$6c5TjfiYKjoz7cfPGvYXp.oT4CrV7h3qTX8GCwqMqLnUxZ8c1cGwa", "a\\b"),
    (
        "new\nline",
        "nl@example.com",
        "$wp$2y$10$XvC8J1Hn0pTtcbW2KZ7h4eu7Pv0F1G6a8cH2l3b4c5d6e7f8g9h0i",
        "l1\nl2\r\n",
    ),
    ("tab\tuser", "tab@example.com", "$P$B7yW2b1cE3jT9eXoTqU4aS1Wd3b0zF.", "tab\there"),
    ("ünïcødé", "u@example.com", "$P$BaBcDeFgHiJkLmNoPqRsTuVwXyZ012345", "日本語 ✓"),
    ("nul", "nul@example.com", "098f6bcd4621d373cade4e832627b4f6", "nul\x00byte"),
    ("semi;colon", "s@example.com", "$P$B0123456789abcdefghijklmnopqrstu", "); DROP TABLE x; --"),
    ("percent", "p@example.com", "$P$Bpercent_and_underscore_0123456", "100% \\% \\_ ctl\x1a"),
    ("empty", "", "", None),
]


def _as(user: str | None, argv: list[str]) -> list[str]:
    return argv if user is None else ["runuser", "-u", user, "--", *argv]


@contextmanager
def mariadb() -> Iterator[Path]:
    """A private MariaDB on a Unix socket; yields the socket path."""
    root = Path(tempfile.mkdtemp(prefix="hashcompat-maria-"))
    user = "mysql" if os.geteuid() == 0 else None
    if user:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    data, socket = root / "data", root / "sock"
    subprocess.run(
        _as(
            user,
            [
                "mariadb-install-db",
                f"--datadir={data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
        ),
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        _as(
            user,
            [
                "mariadbd",
                "--no-defaults",
                f"--datadir={data}",
                f"--socket={socket}",
                "--skip-networking",
                f"--pid-file={root / 'pid'}",
                "--innodb-fast-shutdown=2",
            ],
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if socket.exists():
                break
            time.sleep(0.2)
        yield socket
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(root, ignore_errors=True)


WP_USERS = """CREATE TABLE wp_users (
  ID bigint(20) unsigned NOT NULL auto_increment,
  user_login varchar(60) NOT NULL default '',
  user_pass varchar(255) NOT NULL default '',
  user_nicename varchar(50) NOT NULL default '',
  user_email varchar(100) NOT NULL default '',
  user_url varchar(100) NOT NULL default '',
  user_registered datetime NOT NULL default '0000-00-00 00:00:00',
  user_activation_key varchar(255) NOT NULL default '',
  user_status int(11) NOT NULL default '0',
  display_name varchar(250) NOT NULL default '',
  PRIMARY KEY  (ID),
  KEY user_login_key (user_login),
  KEY user_nicename (user_nicename),
  KEY user_email (user_email)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"""


def make_mariadb() -> list[dict[str, object]]:
    import pymysql

    with mariadb() as socket:
        db = pymysql.connect(unix_socket=str(socket), user="root", charset="utf8mb4")
        with db.cursor() as cur:
            cur.execute("CREATE DATABASE wordpress CHARACTER SET utf8mb4")
            cur.execute("USE wordpress")
            cur.execute(WP_USERS)
            cur.execute("CREATE TABLE wp_usermeta (umeta_id int PRIMARY KEY, meta_value longtext)")
            cur.execute("INSERT INTO wp_usermeta VALUES (1, 'wp_users (1, ''x'');')")
            cur.execute("ALTER TABLE wp_users ADD COLUMN secret varbinary(16) NULL")
            for login, email, hash, note in ROWS:
                cur.execute(
                    "INSERT INTO wp_users (user_login, user_pass, user_email, display_name,"
                    " user_registered, secret) VALUES (%s, %s, %s, %s, '2024-01-02 03:04:05', %s)",
                    (login, hash, email or "", note or "", bytes([0, 255, 39, 92])),
                )
            db.commit()
            cur.execute("SELECT ID, user_login, user_pass, user_email, display_name FROM wp_users")
            expected = [
                {
                    "id": r[0],
                    "user_login": r[1],
                    "user_pass": r[2],
                    "user_email": r[3],
                    "display_name": r[4],
                }
                for r in cur.fetchall()
            ]
        db.close()
        base = ["mariadb-dump", f"--socket={socket}", "-uroot", "wordpress"]
        for name, extra in (
            ("wordpress.mysqldump.sql", []),
            ("wordpress.complete.sql", ["--skip-extended-insert", "--complete-insert"]),
            ("wordpress.hexblob.sql", ["--hex-blob"]),
        ):
            done = subprocess.run([*base, *extra], check=True, capture_output=True)
            (HERE / name).write_bytes(done.stdout)
    return expected


SUPABASE = """CREATE SCHEMA auth;
CREATE TABLE auth.users (
  instance_id uuid NULL,
  id uuid NOT NULL PRIMARY KEY,
  aud varchar(255) NULL,
  "role" varchar(255) NULL,
  email varchar(255) NULL,
  encrypted_password varchar(255) NULL,
  email_confirmed_at timestamptz NULL,
  raw_app_meta_data jsonb NULL,
  raw_user_meta_data jsonb NULL,
  created_at timestamptz NULL,
  updated_at timestamptz NULL,
  phone text NULL,
  is_sso_user boolean NOT NULL DEFAULT false
);
CREATE TABLE public.profiles (id uuid PRIMARY KEY, username text);"""


def make_postgres() -> list[dict[str, object]]:
    import psycopg

    from tests._support.postgres import running_server

    with running_server() as server:
        dsn = {
            "host": str(server.socket_dir),
            "port": server.port,
            "user": "postgres",
            "dbname": server.database,
        }
        with psycopg.connect(**dsn, autocommit=True) as db:
            db.execute(SUPABASE)
            for number, (login, email, hash, note) in enumerate(ROWS, 1):
                uid = f"00000000-0000-4000-8000-{number:012d}"
                meta = json.dumps({"name": login, "note": (note or "").replace("\x00", "")})
                db.execute(
                    "INSERT INTO auth.users (id, aud, role, email, encrypted_password,"
                    " raw_user_meta_data, created_at, is_sso_user) VALUES"
                    " (%s, 'authenticated', 'authenticated', %s, %s, %s, '2024-01-02', %s)",
                    (uid, email, hash or None, meta, number % 2 == 0),
                )
                db.execute("INSERT INTO public.profiles VALUES (%s, %s)", (uid, "users\tx"))
            rows = db.execute(
                "SELECT id::text, email, encrypted_password FROM auth.users ORDER BY id"
            ).fetchall()
        expected = [{"id": r[0], "email": r[1], "encrypted_password": r[2]} for r in rows]
        env = {**os.environ, "PGHOST": str(server.socket_dir), "PGPORT": str(server.port)}
        base = ["pg_dump", "-U", "postgres", "--no-owner", server.database]
        for name, extra in (
            ("supabase.pg_dump.sql", []),
            ("supabase.inserts.sql", ["--inserts"]),
            ("supabase.column-inserts.sql", ["--column-inserts", "--rows-per-insert=3"]),
        ):
            done = subprocess.run([*base, *extra], check=True, capture_output=True, env=env)
            (HERE / name).write_bytes(done.stdout)
    return expected


def main() -> None:
    # MariaDB keeps no NUL-free guarantee for varchar: the NUL row is stored as given.
    expected = {"wordpress": make_mariadb(), "supabase": make_postgres()}
    (HERE / "expected.json").write_text(
        json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for name in ("wordpress.mysqldump.sql", "supabase.pg_dump.sql"):
        data = (HERE / name).read_bytes()
        (HERE / f"{name}.gz").write_bytes(gzip.compress(data, mtime=0))


if __name__ == "__main__":
    main()
