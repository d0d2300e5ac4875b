"""Write docs/img/progress.png: the progress page of a simulated migration, in headless Chromium.

    python docs/gen_progress_example.py

The migration is tests/_support/progress_data.py's (3,000 users, seeded): a SQLite users table with
migrated_at and last_login, and the hook server's audit log, reported as of 2026-11-15.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hashcompat.cli import main  # noqa: E402
from tests._support.progress_data import (  # noqa: E402
    AS_OF,
    make_table,
    simulate,
    write_audit,
)


def run() -> Path:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    folder = Path(tempfile.gettempdir()) / "legacy-shop"  # named in the page's title
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    rows, audit = simulate(3000)
    url = f"sqlite:///{folder / 'users.db'}"
    make_table(url, rows)
    page = folder / "progress.html"
    main(
        [
            "progress",
            url,
            "--table",
            "users",
            "--audit",
            str(write_audit(folder / "a", audit)),
            "--last-seen-column",
            "last_login",
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "html",
            "-o",
            str(page),
        ]
    )
    shot = ROOT / "docs" / "img" / "progress.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--hide-scrollbars",
        "--window-size=1200,1150",
    ]
    subprocess.run(  # noqa: S603 - the browser found on PATH, with fixed flags
        [browser, *flags, f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    shutil.rmtree(folder)
    return shot


if __name__ == "__main__":
    sys.stdout.write(f"wrote {run()}\n")
