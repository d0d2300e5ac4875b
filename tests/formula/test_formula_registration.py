"""Named formula schemes: register_formula, TOML files, the --formulas option."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import hashcompat
from hashcompat._registry import registry
from hashcompat.cli import main
from hashcompat.formula import load_formulas

EXAMPLE = Path(__file__).parents[2] / "examples" / "formulas.toml"
MYBB = "3221370325819ce1345dffaf834ef37c:tY5aLt01"  # hashcat mode 2811 test-module vector
AUTHME = "$SHA$tY5aLt0123456789$214437737ad9706abd0eea92a6e14db489952e88111fc1417885c83f4294ee97"
PORTAL = "$LP$" + AUTHME[5:]  # the same formula framed by the example's own prefix


def test_register_formula_in_one_line() -> None:
    scheme = hashcompat.register_formula(
        "test_mybb_one_line",
        "md5(md5($salt).md5($pass))",
        layout="{hash}:{salt}",
        aliases=["test_ipb_one_line"],
        replace=True,
    )
    assert scheme.info.name == "test_mybb_one_line"
    assert hashcompat.verify("hashcat", MYBB, scheme="test_ipb_one_line")
    assert not hashcompat.verify("hashcat1", MYBB, scheme="test_mybb_one_line")
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.register_formula("test_mybb_one_line", "md5($pass)")  # a duplicate
    with pytest.raises(hashcompat.InvalidArgumentError):
        hashcompat.register_formula("md5($pass)", "md5($pass)")  # a name that looks like one


def test_load_formulas_from_toml(tmp_path: Path) -> None:
    assert load_formulas(EXAMPLE, replace=True) == ["forum_import", "legacy_portal"]
    assert hashcompat.verify("hashcat", PORTAL, scheme="legacy_portal")
    assert "legacy_portal" in hashcompat.identify(PORTAL)
    assert hashcompat.verify("hashcat", AUTHME, scheme="authme_sha256")
    bad = tmp_path / "bad.toml"
    bad.write_text('[schemes.x]\nformula = "md5($pass"\n')
    with pytest.raises(hashcompat.FormulaSyntaxError):
        load_formulas(bad)
    bad.write_text('[schemes.x]\nformul = "md5($pass)"\n')
    with pytest.raises(hashcompat.InvalidArgumentError):
        load_formulas(bad)
    assert registry.find("x") is None


def test_cli_global_formulas_option() -> None:
    code = (
        "import sys; from hashcompat.cli import main; "
        f"sys.exit(main(['--formulas', {str(EXAMPLE)!r}, 'verify', '--scheme', 'forum_import', "
        f"{MYBB!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input="hashcat\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "match" in done.stdout


def test_cli_formula_syntax_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["identify", "x"]) in (0, 1)
    code = main(["verify", "--scheme", "md5($pass", "5f4dcc3b5aa765d61d8327deb882cf99"])
    assert code == 2
