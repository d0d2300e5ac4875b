"""The generated catalogue page matches the registry."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"

# In a fresh interpreter: tests that register schemes of their own must not reach the page.
RENDER = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('gen_catalogue', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "sys.stdout.write(module.render())\n"
)


def test_catalogue_page_is_current() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(DOCS / "gen_catalogue.py")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    actual = (DOCS / "catalogue.md").read_text(encoding="utf-8")
    assert actual == done.stdout, "run: python docs/gen_catalogue.py"
