"""The opt-in compiled build: mypyc over hashcompat._build.MODULES, in place.

    HASHCOMPAT_COMPILE=1 python scripts/compile.py      # compile (needs mypy and a C compiler)
    python scripts/compile.py --clean                   # back to pure Python

Each module is compiled on its own (its helper library lands beside it, no top-level one),
from a temporary folder that links the package, so setuptools, which mypyc drives, does not
read this project's pyproject.toml. The pure-Python package stays the default: without
HASHCOMPAT_COMPILE=1 this script does nothing. ``hashcompat --version`` says which mode runs.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules() -> tuple[str, ...]:
    """hashcompat._build.MODULES, read without importing the package: a build left from older
    sources (after a pull) can fail to import, and --clean must still remove it."""
    spec = importlib.util.spec_from_file_location(
        "_hashcompat_build", ROOT / "hashcompat/_build.py"
    )
    assert spec is not None and spec.loader is not None  # noqa: S101 - a file we ship
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return tuple(build.MODULES)


MODULES = _modules()


def _built(module: str) -> list[Path]:
    stem = (ROOT / module).with_suffix("")
    names = [stem.name + s for s in EXTENSION_SUFFIXES]
    names += [stem.name + "__mypyc" + s for s in EXTENSION_SUFFIXES]
    return [stem.with_name(n) for n in names if stem.with_name(n).exists()]


def clean() -> None:
    for module in MODULES:
        for path in _built(module):
            path.unlink()


def compile_all() -> int:
    with tempfile.TemporaryDirectory(prefix="hashcompat-mypyc-") as folder:
        (Path(folder) / "hashcompat").symlink_to(ROOT / "hashcompat")
        for module in MODULES:
            # mypy runs from the temporary folder, without pyproject.toml's overrides for the
            # optional extras that ship no types (passlib...): it would refuse their imports.
            # The strict type check is the lint step's; mypyc needs the types it compiles.
            command = [sys.executable, "-m", "mypyc", "--ignore-missing-imports", module]
            done = subprocess.run(command, cwd=folder, check=False)  # noqa: S603 - this interpreter's mypyc, our own modules
            if done.returncode:
                print(f"mypyc failed on {module}; cleaning up", file=sys.stderr)
                clean()
                return done.returncode
    return 0


def main() -> int:
    if "--clean" in sys.argv[1:]:
        clean()
        return 0
    if os.environ.get("HASHCOMPAT_COMPILE") != "1":
        print("set HASHCOMPAT_COMPILE=1 to build the compiled modules", file=sys.stderr)
        return 0
    return compile_all()


if __name__ == "__main__":
    sys.exit(main())
