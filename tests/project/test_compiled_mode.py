"""The build mode is visible: ``hashcompat.compiled`` and ``hashcompat --version``."""

from __future__ import annotations

from click.testing import CliRunner

import hashcompat
from hashcompat import _build
from hashcompat.cli import cli


def test_the_flag_follows_the_files() -> None:
    assert hashcompat.compiled is _build.COMPILED
    assert _build.mode() == ("compiled (mypyc)" if _build.COMPILED else "pure Python")


def test_version_names_the_mode() -> None:
    out = CliRunner().invoke(cli, ["--version"]).output
    assert hashcompat.__version__ in out and _build.mode() in out
