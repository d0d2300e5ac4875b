"""hashcompat progress and GET /status: the counts against a simulated migration's ground truth,
the projection's arithmetic and its refusals, the audit-log joins, the page in Chromium."""

from __future__ import annotations

import datetime
import json
import math
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from hashcompat.bulk._progress import Standing, audit_key, collect
from hashcompat.bulk._projection import MIN_EVENTS, GoalState, estimate, project
from hashcompat.cli import main
from hashcompat.dump import open_rows
from tests._support.progress_data import AS_OF, START, make_table, simulate, write_audit

sa = pytest.importorskip("sqlalchemy")
DAY = datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def migration(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, list[Any], list[Any]]:
    folder = tmp_path_factory.mktemp("progress")
    rows, audit = simulate(800)
    url = f"sqlite:///{folder / 'users.db'}"
    make_table(url, rows)
    return url, write_audit(folder / "audit.jsonl", audit), rows, audit


def _collect(url: str, **options: Any) -> Any:
    with open_rows(url, table="users") as source:
        return collect(source, header=source.header, as_of=AS_OF, **options)


# the projection's arithmetic


def test_hazard_is_events_over_user_days_at_risk() -> None:
    today = datetime.date(2026, 11, 5)
    moved_on = {today - 4 * DAY: 5, today - 3 * DAY: 5, today - 2 * DAY: 5, today - DAY: 5}
    fit = estimate(moved_on, 100, 50, today=today, window=4, first_mark=today - 30 * DAY)
    assert (fit.events, fit.exposure) == (20, 50 + 45 + 40 + 35)
    assert fit.hazard == pytest.approx(20 / 170)
    [goal] = project([0.9], 0.7, fit, today=today, reached={})
    days = math.ceil(math.log(0.1 / 0.3) / math.log(1 - 20 / 170))
    assert goal.state is GoalState.PROJECTED and goal.date == today + days * DAY


def test_no_projection_from_too_little_data() -> None:
    today = datetime.date(2026, 11, 5)
    young = estimate({today - DAY: 40}, 100, 0, today=today, window=28, first_mark=today - DAY)
    assert young.hazard is None and "fewer than 7 days" in young.reason
    few = estimate({today - DAY: 3}, 100, 0, today=today, window=28, first_mark=today - 40 * DAY)
    assert few.hazard is None and f"fewer than {MIN_EVENTS}" in few.reason
    [goal] = project([0.9], 0.5, few, today=today, reached={})
    assert goal.state is GoalState.INSUFFICIENT and goal.date is None and goal.reason
    [done] = project([0.9], 0.95, few, today=today, reached={0.9: today - DAY})
    assert done.state is GoalState.REACHED and done.date == today - DAY


def test_a_slow_tail_is_beyond_five_years() -> None:
    today = datetime.date(2026, 11, 5)
    fit = estimate({today - DAY: 20}, 100_000, 0, today=today, window=28, first_mark=START)
    [goal] = project([0.99], 0.1, fit, today=today, reached={})
    assert goal.state is GoalState.BEYOND


# the counts against the simulation


def test_counts_match_the_simulation(migration: tuple[str, Path, list[Any], list[Any]]) -> None:
    url, audit_path, rows, audit = migration
    progress = _collect(url, audit=[audit_path], last_seen_column="last_login")
    audited = {str(r["user_id"]) for r in audit}
    migrated = [r for r in rows if r["migrated_at"]]
    seen = [r for r in rows if not r["migrated_at"] and str(r["id"]) in audited]
    assert progress.total == len(rows) == 800
    assert progress.users[Standing.MIGRATED] == len(migrated)
    assert progress.users[Standing.SEEN] == len(seen)
    assert progress.users[Standing.NEVER_SEEN] == len(rows) - len(migrated) - len(seen)
    since = AS_OF - 90 * DAY
    last = {str(r["id"]): r["last_login"].date() for r in rows}  # type: ignore[union-attr]
    for record in audit:
        day = datetime.datetime.fromisoformat(str(record["time"])).date()
        last[str(record["user_id"])] = max(last[str(record["user_id"])], day)
    active = [r for r in rows if r["migrated_at"] or last[str(r["id"])] >= since]
    assert progress.active == len(active) and progress.active_migrated == len(migrated)
    per_day: dict[datetime.date, int] = {}
    for r in migrated:
        day = r["migrated_at"].date()  # type: ignore[union-attr]
        per_day[day] = per_day.get(day, 0) + 1
    assert {d: n for d, n in progress.daily if n} == per_day
    assert progress.daily[0][0] == START and progress.daily[-1][0] == AS_OF
    assert progress.fit.hazard is not None
    states = {g.share: g.state for g in progress.goals}
    assert states[0.99] is GoalState.PROJECTED
    assert all(
        g.date is not None and g.date > AS_OF
        for g in progress.goals
        if g.state is GoalState.PROJECTED
    )


def test_without_activity_data_every_user_is_active(
    migration: tuple[str, Path, list[Any], list[Any]],
) -> None:
    url, _, rows, _ = migration
    progress = _collect(url)
    assert progress.active == len(rows)
    assert Standing.NEVER_SEEN not in progress.users
    assert any("every user counts as active" in note for note in progress.notes)


def test_hmac_audit_ids_join_with_the_key(
    migration: tuple[str, Path, list[Any], list[Any]], tmp_path: Path
) -> None:
    url, audit_path, _, audit = migration
    key = b"an-audit-key-of-some-length"
    hidden = [{**r, "user_id": audit_key(str(r["user_id"]), key)} for r in audit]
    path = write_audit(tmp_path / "hmac.jsonl", hidden)
    plain = _collect(url, audit=[audit_path]).to_dict()
    assert _collect(url, audit=[path], audit_hmac_key=key).to_dict() == plain
    assert plain["audit"]["matched"] == len(audit)
    unjoined = _collect(url, audit=[path])  # without the key
    assert "matched" not in unjoined.audit and any("HMAC" in n for n in unjoined.notes)
    from hashcompat.server._audit import masked_user
    from hashcompat.server._config import AuditUser

    for user in ("1", "Alice@Example.com", "\udcff"):  # the server's own HMAC form
        assert audit_key(user, key) == masked_user(user, AuditUser.HMAC, key)


def test_a_file_store_takes_its_marks_from_the_audit_log(
    migration: tuple[str, Path, list[Any], list[Any]], tmp_path: Path
) -> None:
    url, audit_path, rows, _ = migration
    dump = tmp_path / "users.csv"
    dump.write_text("id,hash\n" + "".join(f"{r['id']},{r['hash']}\n" for r in rows))
    with open_rows(dump) as source:
        progress = collect(source, header=source.header, audit=[audit_path], as_of=AS_OF)
    table = _collect(url, audit=[audit_path])
    assert progress.users == table.users and progress.daily == table.daily
    assert any("marks come from the audit log" in n for n in progress.notes)


# output


def test_cli_formats(
    migration: tuple[str, Path, list[Any], list[Any]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, audit_path, rows, _ = migration
    base = [
        "progress",
        url,
        "--table",
        "users",
        "--audit",
        str(audit_path),
        "--as-of",
        AS_OF.isoformat(),
        "--last-seen-column",
        "last_login",
    ]
    assert main([*base, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["users"]["total"] == 800 and len(data["projection"]["goals"]) == 2
    assert main(base) == 0
    text = capsys.readouterr().out
    assert "Projection" in text and "Model: constant daily hazard" in text
    for row in rows:  # numbers and dates only
        assert row["email"] not in text and str(row["hash"]) not in json.dumps(data)
    pytest.importorskip("matplotlib")
    page = tmp_path / "progress.html"
    assert main([*base, "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 3
    assert not re.search(r"<script|<link|<img|\bsrc=|@import|url\((?!#)", html)
    external = set(re.findall(r"https?://[^\"' )]+", html))
    assert external <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_page_renders_in_chromium(
    migration: tuple[str, Path, list[Any], list[Any]], tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    url, audit_path, _, _ = migration
    page = tmp_path / "progress.html"
    main(
        [
            "progress",
            url,
            "--table",
            "users",
            "--audit",
            str(audit_path),
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "html",
            "-o",
            str(page),
        ]
    )
    shot = tmp_path / "shot.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--window-size=1200,1500",
    ]
    subprocess.run(
        [browser, *flags, f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # charts and tables, not a blank page
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert dom.count("<svg") == 3 and "Projection" in dom and "First sign-ins per day" in dom


# GET /status


def test_status_route_is_behind_the_hook_authentication(
    migration: tuple[str, Path, list[Any], list[Any]], tmp_path: Path
) -> None:
    pytest.importorskip("starlette")
    httpx = pytest.importorskip("httpx")
    from hashcompat.server._app import create_app
    from hashcompat.server._config import parse_config
    from tests._support.hookserver import running

    url, audit_path, _, _ = migration
    log = tmp_path / "audit.jsonl"
    shutil.copy(audit_path, log)
    data = {
        "server": {"audit_log": str(log)},
        "store": {
            "url": url,
            "table": "users",
            "hash_column": "hash",
            "migrated_column": "migrated_at",
        },
        "migrator": {"target_params": {"memory_cost": 256, "time_cost": 1, "parallelism": 1}},
        "auth": {"header": "X-Hook-Secret", "secret": "status-secret"},
        "platforms": {"generic": {}},
    }
    with running(create_app(parse_config(data))) as base:
        assert httpx.get(base + "/status").status_code == 401
        wrong = httpx.get(base + "/status", headers={"X-Hook-Secret": "nope"})
        assert wrong.status_code == 401
        secret = {"X-Hook-Secret": "status-secret"}
        answer = httpx.get(base + "/status", headers=secret, timeout=120)
        assert answer.status_code == 200
        got = answer.json()
        with open_rows(url, table="users") as source:
            direct = collect(source, header=source.header, audit=[log]).to_dict()  # today
        assert got["users"] == direct["users"] and got["daily"] == direct["daily"]
        page = httpx.get(base + "/status?format=html", headers=secret, timeout=120)  # matplotlib
        assert page.headers["content-type"].startswith("text/html") and "<svg" in page.text


def test_the_projection_is_the_earliest_likely_date(
    migration: tuple[str, Path, list[Any], list[Any]],
) -> None:
    """The simulated migration goes on past AS_OF: each goal is reached on or after its
    projected date (frequent users move first, so a steady rate is optimistic), the 90% goal
    within a month of it."""
    url, audit_path, _, _ = migration
    progress = _collect(url, audit=[audit_path], last_seen_column="last_login")
    later, _ = simulate(800, until=datetime.date(2028, 12, 31))
    ids = _active_ids(progress, url, audit_path)
    moved = sorted(r["migrated_at"].date() for r in later if r["id"] in ids and r["migrated_at"])
    for goal in progress.goals:
        assert goal.state is GoalState.PROJECTED and goal.date is not None
        happened = moved[math.ceil(goal.share * len(ids)) - 1]
        assert goal.date <= happened, (goal, happened)
        if goal.share == 0.9:
            assert (happened - goal.date).days <= 31, (goal, happened)


def _active_ids(progress: Any, url: str, audit_path: Path) -> set[int]:
    """The ids of the users ``progress`` counted as active (recomputed from the data)."""
    since = AS_OF - 90 * DAY
    last: dict[int, datetime.date] = {}
    for line in audit_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        day = datetime.datetime.fromisoformat(record["time"]).date()
        last[int(record["user_id"])] = max(last.get(int(record["user_id"]), day), day)
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT id, migrated_at, last_login FROM users"))
        ids = {
            int(i)
            for i, moved, seen in rows
            if moved is not None or max(last.get(int(i), datetime.date.min), _date(seen)) >= since
        }
    engine.dispose()
    assert len(ids) == progress.active
    return ids


def _date(value: object) -> datetime.date:
    if isinstance(value, str):
        return datetime.datetime.fromisoformat(value).date()
    assert isinstance(value, datetime.datetime)
    return value.date()


def test_status_answers_503_when_the_store_is_gone(tmp_path: Path) -> None:
    from hashcompat.server._config import parse_config
    from hashcompat.server._status import StatusPage

    url = f"sqlite:///{tmp_path / 'users.db'}"
    make_table(url, [])
    config = parse_config(
        {
            "store": {"url": url, "table": "users", "hash_column": "hash"},
            "auth": {"header": "X-Hook-Secret", "secret": "status-secret"},
            "platforms": {"generic": {}},
        }
    )
    page = StatusPage(config)
    assert page.answer(html=False)[0] == 200
    (tmp_path / "users.db").unlink()
    page.cache_s = 0
    code, body, _ = page.answer(html=False)
    assert (code, body) == (503, '{"error":"unavailable"}')
