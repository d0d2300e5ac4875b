"""The engine's targets (issue 12), measured interleaved in one process, cold starts in fresh ones.

python -m benchmarks.engine [--quick]

Writes benchmarks/results/engine.json, the PNG plots under docs/img/ (matplotlib, the ``bench``
extra) and the block between the engine markers of docs/benchmarks.md. The report records the
mode that ran (``hashcompat.compiled``): after ``HASHCOMPAT_COMPILE=1 python scripts/compile.py``
it measures the compiled build and writes engine_compiled.json (engine_quick_compiled.json)
only, leaving the page and the plots to the pure build, the default.
"""

from __future__ import annotations

import argparse
import base64
import gc
import hashlib
import hmac
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).parent.parent
RESULTS = Path(__file__).parent / "results"
IMAGES = ROOT / "docs" / "img"
PAGE = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- engine:start -->", "<!-- engine:end -->"
PASSWORD = "correct horse battery staple"
SECRET = PASSWORD.encode()

# The 12 formats of the mixed corpus, as libpass names them (hashcompat identifies them all).
LIBPASS_12 = (
    "phpass",
    "md5_crypt",
    "sha256_crypt",
    "sha512_crypt",
    "bcrypt",
    "argon2",
    "ldap_salted_sha1",
    "django_pbkdf2_sha256",
    "mysql41",
    "postgres_md5",
    "hex_md5",
    "hex_sha1",
)
_CHEAP = {
    "phpass": {"rounds": 7},
    "sha256_crypt": {"rounds": 1000},
    "sha512_crypt": {"rounds": 1000},
    "bcrypt": {"rounds": 4},
    "argon2": {"memory_cost": 64, "time_cost": 1, "parallelism": 1},
    "django_pbkdf2_sha256": {"rounds": 1000},
}
_SELF_DESCRIBING = set(LIBPASS_12) - {"hex_md5", "hex_sha1"}


def _median_us(
    contenders: dict[str, Callable[[], object]], repetitions: int, number: int
) -> dict[str, float]:
    """Median microseconds per call; each repetition runs every contender in shuffled order,
    with the garbage collector paused as ``timeit`` does (its passes over every object in the
    process would otherwise be charged to whoever happens to allocate)."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    order = list(contenders)
    gc.collect()
    gc.disable()
    try:
        for _ in range(repetitions):
            random.shuffle(order)
            for name in order:
                call = contenders[name]
                start = time.perf_counter()
                for _ in range(number):
                    call()
                samples[name].append((time.perf_counter() - start) / number * 1e6)
    finally:
        gc.enable()
    return {name: round(statistics.median(v), 3) for name, v in samples.items()}


# -- identify --------------------------------------------------------------------------------


def corpus(size: int, seed: int = 12) -> tuple[list[str], list[bool]]:
    """(strings, corrupted): the 12 formats, 8% of the self-describing ones corrupted (a
    character outside every alphabet at the end, or one character cut from a fixed-length
    format)."""
    from passlib import hash as lp  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    rng = random.Random(seed)
    made: dict[str, list[str]] = {}
    for name in LIBPASS_12:
        handler = getattr(lp, name)
        if name in _CHEAP:
            handler = handler.using(**_CHEAP[name])
        context = {"user": "alice"} if name == "postgres_md5" else {}
        made[name] = [handler.hash(f"pw{i}", **context) for i in range(20)]
    strings, corrupted = [], []
    for _ in range(size):
        name = rng.choice(LIBPASS_12)
        text = rng.choice(made[name])
        if name in _SELF_DESCRIBING and rng.random() < 0.08:
            text = text[:-1] + "!" if name == "argon2" or rng.random() < 0.5 else text[:-1]
            corrupted.append(True)
        else:
            corrupted.append(False)
        strings.append(text)
    return strings, corrupted


def _libpass_identify(context: object) -> Callable[[str], object]:
    def identify(text: str) -> object:
        try:
            return context.identify(text)  # type: ignore[attr-defined]
        except (ValueError, TypeError):
            return None

    return identify


def identify_run(size: int, repetitions: int) -> dict[str, object]:
    from passlib.context import CryptContext  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    from passlib.registry import list_crypt_handlers  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    import hashcompat  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    strings, corrupted = corpus(size)
    twelve = _libpass_identify(CryptContext(schemes=list(LIBPASS_12)))
    every = _libpass_identify(CryptContext(schemes=list_crypt_handlers()))
    ours = hashcompat.identify
    hashcompat.schemes()  # every family loaded: the registry at its full size

    def over(function: Callable[[str], object]) -> Callable[[], object]:
        return lambda: [function(s) for s in strings]

    def rate(us_per_pass: float) -> int:
        return round(size / (us_per_pass / 1e6))

    first = _median_us(
        {"hashcompat": over(ours), "libpass_12": over(twelve), "libpass_all": over(every)},
        repetitions,
        1,
    )
    describing = {i.name for i in hashcompat.schemes() if i.self_describing}
    false_ours = sum(
        1
        for text, bad in zip(strings, corrupted, strict=True)
        if bad and describing & set(ours(text))
    )
    false_twelve = sum(
        1 for text, bad in zip(strings, corrupted, strict=True) if bad and twelve(text)
    )
    families = len(hashcompat.schemes())
    for i in range(500):  # formulas a site registers, each with its own literal start
        hashcompat.register_formula(
            f"bench_extra_{i}", "md5($pass.$salt)", layout=f"$x{i}${{salt}}${{hash}}", replace=True
        )
    over(ours)()  # warm: the index's memos are rebuilt after registrations
    grown = _median_us({"hashcompat": over(ours)}, repetitions, 1)
    return {
        "corpus": size,
        "corrupted": sum(corrupted),
        "per_s": {
            "hashcompat": rate(first["hashcompat"]),
            "libpass_12": rate(first["libpass_12"]),
            "libpass_all": rate(first["libpass_all"]),
            "hashcompat_plus_500_formulas": rate(grown["hashcompat"]),
        },
        "ratio_vs_libpass_12": round(first["libpass_12"] / first["hashcompat"], 2),
        "ratio_vs_libpass_all": round(first["libpass_all"] / first["hashcompat"], 2),
        "growth_500_formulas": round(grown["hashcompat"] / first["hashcompat"], 2),
        "families": families,
        "false_accepts": {"hashcompat": false_ours, "libpass_12": false_twelve},
    }


# -- verify ----------------------------------------------------------------------------------


def _fast_cases() -> list[tuple[str, dict[str, Callable[[], object]]]]:
    from passlib import hash as lp  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    import hashcompat  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    salt = b"saltsalt"
    ssha_digest = hashlib.sha1(SECRET + salt).digest()
    ssha = "{SSHA}" + base64.b64encode(ssha_digest + salt).decode()
    mysql = "*" + hashlib.sha1(hashlib.sha1(SECRET).digest()).hexdigest().upper()
    postgres = "md5" + hashlib.md5(SECRET + b"alice").hexdigest()
    django = "md5$s4lt$" + hashlib.md5(b"s4lt" + SECRET).hexdigest()
    mybb_salt = "s4lt"
    mybb = hashlib.md5(
        hashlib.md5(mybb_salt.encode()).hexdigest().encode()
        + hashlib.md5(SECRET).hexdigest().encode()
    ).hexdigest()
    nested = hashlib.md5(mybb_salt.encode() + hashlib.md5(SECRET).hexdigest().encode()).hexdigest()
    verify = hashcompat.verify
    compare = hmac.compare_digest
    return [
        (
            "{SSHA} (identified)",
            {
                "hashcompat": lambda: verify(PASSWORD, ssha),
                "libpass": lambda: lp.ldap_salted_sha1.verify(PASSWORD, ssha),
                "hashlib": lambda: compare(hashlib.sha1(SECRET + salt).digest(), ssha_digest),
            },
        ),
        (
            "MySQL *HEX (identified)",
            {
                "hashcompat": lambda: verify(PASSWORD, mysql),
                "libpass": lambda: lp.mysql41.verify(PASSWORD, mysql),
                "hashlib": lambda: compare(
                    hashlib.sha1(hashlib.sha1(SECRET).digest()).hexdigest().upper(), mysql[1:]
                ),
            },
        ),
        (
            "PostgreSQL md5 (identified, username)",
            {
                "hashcompat": lambda: verify(PASSWORD, postgres, username="alice"),
                "libpass": lambda: lp.postgres_md5.verify(PASSWORD, postgres, user="alice"),
                "hashlib": lambda: compare(
                    hashlib.md5(SECRET + b"alice").hexdigest(), postgres[3:]
                ),
            },
        ),
        (
            "Django md5$ (identified)",
            {
                "hashcompat": lambda: verify(PASSWORD, django),
                "libpass": lambda: lp.django_salted_md5.verify(PASSWORD, django),
                "hashlib": lambda: compare(hashlib.md5(b"s4lt" + SECRET).hexdigest(), django[9:]),
            },
        ),
        (
            "MyBB row (scheme=, salt=)",
            {
                "hashcompat": lambda: verify(PASSWORD, mybb, scheme="mybb", salt=mybb_salt),
                "hashlib": lambda: compare(
                    hashlib.md5(
                        hashlib.md5(b"s4lt").hexdigest().encode()
                        + hashlib.md5(SECRET).hexdigest().encode()
                    ).hexdigest(),
                    mybb,
                ),
            },
        ),
        (
            "md5($salt.md5($pass)) formula",
            {
                "hashcompat": lambda: verify(
                    PASSWORD, nested, scheme="md5($salt.md5($pass))", salt=mybb_salt
                ),
                "hashlib": lambda: compare(
                    hashlib.md5(b"s4lt" + hashlib.md5(SECRET).hexdigest().encode()).hexdigest(),
                    nested,
                ),
            },
        ),
    ]


def verify_run(repetitions: int, number: int) -> list[dict[str, object]]:
    rows = []
    for case, contenders in _fast_cases():
        for name, call in contenders.items():
            assert call(), (case, name)  # noqa: S101 - a benchmark of a failing verify is void
        medians = _median_us(contenders, repetitions, number)
        row: dict[str, object] = {"case": case, "median_us": medians}
        row["vs_hashlib"] = round(medians["hashcompat"] / medians["hashlib"], 2)
        if "libpass" in medians:
            row["vs_libpass"] = round(medians["hashcompat"] / medians["libpass"], 2)
        rows.append(row)
    return rows


# -- cold start ------------------------------------------------------------------------------

_CHILD = """
import sys, time
t0 = time.perf_counter()
{imports}
t1 = time.perf_counter()
{action}
t2 = time.perf_counter()
sys.stdout.write(f"{{(t1 - t0) * 1000}} {{(t2 - t1) * 1000}}")
"""
_ACTIONS = {
    "import only": "",
    "verify $P$": "hashcompat.verify('pw', '$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0')",
    "verify {SSHA}": "hashcompat.verify('pw', '{SSHA}aGxsbGxsbGxsbGxsbGxsbGxsbGxhYmNk')",
    "verify md5, scheme=": (
        "hashcompat.verify('pw', '5f4dcc3b5aa765d61d8327deb882cf99', scheme='md5')"
    ),
}


def _bytecode_env(cache: str) -> dict[str, str]:
    """The children's environment: bytecode cached (under ``cache``, not beside the sources),
    as in any installed package. With PYTHONDONTWRITEBYTECODE set, as on some CI and
    development machines, every child would compile hashcompat's sources afresh, and the
    figure would be the compiler's, not the cold start's."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _child(imports: str, action: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    code = _CHILD.format(imports=imports, action=action)
    out = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    ).stdout
    first, second = out.split()
    return float(first), float(second)


def _stdlib_needed() -> list[str]:
    code = (
        "import sys; before = set(sys.modules); import hashcompat; "
        "print(' '.join(sorted({m.split('.')[0] for m in set(sys.modules) - before "
        "if not m.startswith('hashcompat')})))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def cold_run(runs: int) -> dict[str, object]:
    """Fresh processes with bytecode cached (a first, unmeasured run writes it); the minimum
    over ``runs`` (the least disturbed run) of each figure."""
    with tempfile.TemporaryDirectory(prefix="hashcompat-pyc-") as cache:
        return _cold_runs(runs, _bytecode_env(cache))


def _cold_runs(runs: int, env: dict[str, str]) -> dict[str, object]:
    stdlib = _stdlib_needed()
    # an importable name only: a mypyc build adds its shared library (a name from a hash)
    names = [m for m in stdlib if all(p.isidentifier() for p in m.split("."))]
    imports = "; ".join(f"import {m}" for m in names) or "pass"
    _child(imports, "", env)
    baseline = min(_child(imports, "", env)[0] for _ in range(runs))
    out: dict[str, object] = {"stdlib_modules": stdlib, "stdlib_import_ms": round(baseline, 1)}
    for label, action in _ACTIONS.items():
        _child("import hashcompat", action, env)  # writes the bytecode this action needs
        samples = [_child("import hashcompat", action, env) for _ in range(runs)]
        out[label] = {
            "import_ms": round(min(s[0] for s in samples), 1),
            "first_call_ms": round(min(s[1] for s in samples), 1),
        }
    imported = out["import only"]["import_ms"]  # type: ignore[index]
    out["import_beyond_stdlib_ms"] = round(imported - baseline, 1)
    return out


# -- report ----------------------------------------------------------------------------------


def run(quick: bool = False) -> dict[str, object]:
    from hashcompat._build import mode  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    return {
        "mode": mode(),
        "identify": identify_run(4_000 if quick else 20_000, 3 if quick else 5),
        "verify": verify_run(3 if quick else 9, 2_000 if quick else 10_000),
        "cold_start": cold_run(3 if quick else 9),
    }


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def markdown(report: dict[str, object], *, images: bool = True) -> str:
    ident = report["identify"]
    per_s = ident["per_s"]  # type: ignore[index]
    false = ident["false_accepts"]  # type: ignore[index]
    lines = [
        "| target | measured | |",
        "|---|---|---|",
        f"| identify, mixed corpus of 12 formats: >= 5x a libpass `CryptContext` of them "
        f"| {ident['ratio_vs_libpass_12']}x ({per_s['hashcompat']:,} vs "  # type: ignore[index]
        f"{per_s['libpass_12']:,} strings/s) "
        f"| {_met(ident['ratio_vs_libpass_12'] >= 5)} |",  # type: ignore[index, operator]
        f"| 0 false accepts on {ident['corrupted']} corrupted self-describing strings "  # type: ignore[index]
        f"| {false['hashcompat']} (libpass: {false['libpass_12']}) "
        f"| {_met(false['hashcompat'] == 0)} |",
        f"| identify against a `CryptContext` of every libpass handler "
        f"| {ident['ratio_vs_libpass_all']}x ({per_s['libpass_all']:,}/s) | - |",  # type: ignore[index]
        f"| flat as the registry grows ({ident['families']} families, then +500 formulas) "  # type: ignore[index]
        f"| {per_s['hashcompat_plus_500_formulas']:,}/s, time x{ident['growth_500_formulas']} "
        f"| {_met(ident['growth_500_formulas'] <= 1.25)} |",  # type: ignore[index, operator]
    ]
    for row in report["verify"]:  # type: ignore[attr-defined]
        m = row["median_us"]
        formula = "libpass" not in m
        bound = 2 if formula else 3
        cells = f"{m['hashcompat']} µs; x{row['vs_hashlib']} hashlib ({m['hashlib']} µs)"
        ok = row["vs_hashlib"] <= bound
        if not formula:
            cells += f"; x{row['vs_libpass']} libpass ({m['libpass']} µs)"
            ok = ok and row["vs_libpass"] <= 0.25
            target = f"verify {row['case']}: <= 0.25x libpass, <= 3x hashlib"
        else:
            target = f"{row['case']}: <= 2x hashlib"
        lines.append(f"| {target} | {cells} | {_met(ok)} |")
    cold = report["cold_start"]
    beyond = cold["import_beyond_stdlib_ms"]  # type: ignore[index]
    lines.append(
        f"| `import hashcompat` <= 15 ms beyond its stdlib modules "
        f"({cold['stdlib_import_ms']} ms) | {beyond} ms | {_met(beyond <= 15)} |"  # type: ignore[index]
    )
    for label in list(_ACTIONS)[1:]:
        first = cold[label]["first_call_ms"]  # type: ignore[index]
        lines.append(
            f"| cold start, {label}: <= 25 ms beyond the import | {first} ms "
            f"| {_met(first <= 25)} |"
        )
    if not images:
        return "\n".join(lines) + "\n"
    lines += [
        "",
        "![identify throughput](img/engine_identify.png)",
        "![verify latency](img/engine_verify.png)",
        "![cold start](img/engine_cold.png)",
    ]
    return "\n".join(lines) + "\n"


def plots(report: dict[str, object]) -> None:
    import matplotlib  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    IMAGES.mkdir(parents=True, exist_ok=True)
    per_s = report["identify"]["per_s"]  # type: ignore[index]
    labels = ["hashcompat", "hashcompat\n+500 formulas", "libpass\n12 schemes", "libpass\nall"]
    values = [
        per_s["hashcompat"],
        per_s["hashcompat_plus_500_formulas"],
        per_s["libpass_12"],
        per_s["libpass_all"],
    ]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.bar(labels, values, color=["#2a6", "#6c9", "#c63", "#e96"])
    ax.set_ylabel("strings identified per second")
    ax.set_title("identify over the mixed corpus (higher is better)")
    for i, v in enumerate(values):
        ax.text(i, v, f"{v:,}", ha="center", va="bottom", fontsize=8)
    fig.tight_layout()
    fig.savefig(IMAGES / "engine_identify.png", dpi=110)
    plt.close(fig)

    rows = report["verify"]  # type: ignore[assignment]
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.27
    for offset, (who, color) in enumerate(
        (("hashcompat", "#2a6"), ("libpass", "#c63"), ("hashlib", "#888"))
    ):
        xs = [i + (offset - 1) * width for i in range(len(rows))]  # type: ignore[arg-type]
        ys = [row["median_us"].get(who, 0) for row in rows]  # type: ignore[attr-defined, index]
        ax.bar(xs, ys, width, label=who, color=color)
    ax.set_xticks(range(len(rows)))  # type: ignore[arg-type]
    names = [_plain(str(r["case"]).split(" (")[0]) for r in rows]  # type: ignore[index]
    ax.set_xticklabels(names, fontsize=8, rotation=12)  # type: ignore[index]
    ax.set_ylabel("µs per verify (lower is better)")
    ax.set_title("verify of fast digests and formula rows")
    ax.legend()
    fig.tight_layout()
    fig.savefig(IMAGES / "engine_verify.png", dpi=110)
    plt.close(fig)

    cold = report["cold_start"]
    labels = list(_ACTIONS)
    imports = [cold[k]["import_ms"] for k in labels]  # type: ignore[index]
    firsts = [cold[k]["first_call_ms"] for k in labels]  # type: ignore[index]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    shown = [_plain(label) for label in labels]
    ax.bar(shown, imports, label="import hashcompat", color="#69c")
    ax.bar(shown, firsts, bottom=imports, label="first call", color="#2a6")
    ax.axhline(cold["stdlib_import_ms"], color="#888", ls="--", label="its stdlib modules")  # type: ignore[index]
    ax.set_ylabel("ms in a fresh process")
    ax.set_title("cold start (lower is better)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(IMAGES / "engine_cold.png", dpi=110)
    plt.close(fig)


def _plain(label: str) -> str:
    """A label matplotlib shows as written: "$" would start its math mode."""
    return label.replace("$", r"\$")


def _compiled_run() -> dict[str, object] | None:
    """The compiled build's last full run (engine_compiled.json), shown beside the pure one:
    run ``python -m benchmarks.engine`` once with the build in place, then once without it."""
    path = RESULTS / "engine_compiled.json"
    if not path.exists():
        return None
    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def write_page(report: dict[str, object], compiled: dict[str, object] | None = None) -> None:
    text = PAGE.read_text(encoding="utf-8")
    body = "**Pure Python** (the default):\n\n" + markdown(report)
    if compiled is not None:
        body += (
            f"\n**Compiled** ({compiled['mode']}; `engine_compiled.json`, the run before this "
            "one on the same machine):\n\n" + markdown(compiled, images=False)
        )
    block = f"{START}\n{body}{END}"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n## The engine's targets\n\n" + block + "\n"
    PAGE.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.engine")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, smaller corpus")
    args = parser.parse_args()
    report = run(quick=args.quick)
    RESULTS.mkdir(exist_ok=True)
    compiled = report["mode"] != "pure Python"
    name = ("engine_quick" if args.quick else "engine") + ("_compiled" if compiled else "")
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(f"mode: {report['mode']}\n")
    if not args.quick and not compiled:
        plots(report)
        write_page(report, _compiled_run())
    sys.stdout.write(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
