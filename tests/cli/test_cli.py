"""The command line through its real entry point: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import hashcompat
from hashcompat.cli import main

PASSWORDS = ["alpha", "bravo charlie", "delta-42", "écho", "foxtrot", "golf"]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def md5_csv(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.csv"
    lines = ["password,hash"] + [f"{p},{hashcompat.hash(p, 'md5')}" for p in PASSWORDS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_check_feasible_exit_0(md5_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["check", str(md5_csv)], capsys)
    assert code == 0
    assert "FEASIBLE" in out and "md5" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_check_json_is_stable(md5_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["check", "--format", "json", str(md5_csv)], capsys)
    data = json.loads(out)
    assert code == 0
    assert data["verdict"] == "feasible" and data["scheme"] == "md5"
    assert set(data) >= {
        "verdict",
        "scheme",
        "candidates",
        "pairs",
        "groups",
        "needs",
        "strength",
        "login_ms",
        "recommendation",
        "notes",
    }


def test_check_with_wrong_scheme_exits_1(md5_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["check", "--scheme", "sha1", "--format", "markdown", str(md5_csv)], capsys)
    assert code == 1
    assert "INFEASIBLE" in out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"user,digest\nx,y\n", "needs columns"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"password,hash\n\xff\xfe,abc\n", "not UTF-8"),
        (b"password,hash\n" + b"a" * 200_000 + b",x\n", "longer"),
        (b"password,hash\n", "no pairs"),
        (b'{"password": "a", "hash": 5}\n', "must be a string"),
        (b'{"password": "a"\n', "not valid JSON"),
    ],
)
def test_bad_files_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, _, err = _run(["check", str(path)], capsys)
    assert code == 2
    assert reason in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_csv_dialects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [f'"{p}";{hashcompat.hash(p, "sha1")}' for p in PASSWORDS]
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeffPassword;Hash\r\n" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    code, out, _ = _run(["check", str(path)], capsys)
    assert code == 0 and "sha1" in out


def test_missing_file_and_bad_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["check", "/nonexistent/file.csv"], capsys)[0] == 2
    assert _run(["check", "--min-pairs", "0", "x"], capsys)[0] == 2
    assert _run(["check", "--scheme", "nosuch", "-"], capsys)[0] == 2


def test_identify_and_schemes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["identify", "$P$B" + "s" * 8 + "x" * 22, "zz"], capsys)
    assert code == 1 and "phpass" in out and "no registered scheme" in out
    code, out, _ = _run(["schemes", "--format", "json"], capsys)
    assert code == 0 and {"phpass", "bcrypt"} <= {s["name"] for s in json.loads(out)}


def test_identify_names_the_scheme_a_truncated_hash_starts_like(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(["identify", "SCRAM-SHA-256$4096:abc"], capsys)
    assert code == 1 and "starts like postgres_scram_sha256" in out


def test_verify_reads_the_password_from_stdin_not_argv() -> None:
    made = hashcompat.hash("s3cret", "phpass", log2_rounds=7)
    run = [sys.executable, "-m", "hashcompat", "verify", made]
    ok = subprocess.run(run, input="s3cret\n", capture_output=True, text=True, check=False)
    bad = subprocess.run(run, input="wrong\n", capture_output=True, text=True, check=False)
    assert (ok.returncode, ok.stdout.strip()) == (0, "match")
    assert (bad.returncode, bad.stdout.strip()) == (1, "no match")
    err = subprocess.run(
        [sys.executable, "-m", "hashcompat", "verify", "$P$short"],
        input="x\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert err.returncode == 2 and "malformed phpass" in err.stderr
    assert "Traceback" not in err.stderr
