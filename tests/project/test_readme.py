"""The README's two commands are the ones CI and new users run."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)[:2]


def test_ci_runs_the_readme_test_command() -> None:
    install_and_test = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def test_readme_first_command_uses_a_bundled_example() -> None:
    first = _readme_commands()[0]
    example = re.search(r"(examples/\S+)", first)
    assert example and (ROOT / example.group(1)).is_file()
