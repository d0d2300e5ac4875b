"""The generated catalogue page matches the registry."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).parents[2] / "docs"


def test_catalogue_page_is_current() -> None:
    spec = importlib.util.spec_from_file_location("gen_catalogue", DOCS / "gen_catalogue.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render()
    actual = (DOCS / "catalogue.md").read_text(encoding="utf-8")
    assert actual == expected, "run: python docs/gen_catalogue.py"
