"""hashcompat's ``identify`` against the known identification tools, judged by hashcat mode.

    python -m benchmarks.identify_peers [--json OUT] [--hashcat-cache FILE] [--markdown]

Corpora (every string made by a real implementation):

- ``vectors``: the positive known-answer strings of tests/vectors/*.jsonl whose scheme has a
  hashcat mode (SCHEME_MODES), the truth being that mode;
- ``hashcat``: the positive lines of tests/vectors/hashcat/hashcat.jsonl (hashcat's own test
  modules), the truth being the line's mode;
- ``hashcat stored``: those of hashcat's lines whose mode is a stored password format, a string
  a system keeps to verify logins (benchmarks/hashcat_stored.csv says which, with a reason per
  mode: the others are captured challenge-responses, tokens, wallets and file or disk
  encryption, or hashcat's own split of a stored string);
- ``overall``: both corpora; ``stored``: the vectors and hashcat's stored-format lines.

Tools: hashcompat (``identify``; each candidate mapped to its hashcat modes), name-that-hash
(PyPI, every entry), hashID (PyPI, extended list included) and hashcat's own ``--identify``
(Debian's hashcat 6.2.6; about 2 s a string here, so its answers are read from a cache made by
``--hashcat-cache`` runs: benchmarks/results/identify_peers_hashcat.json). For each tool:
``top1``: the first candidate that names a hashcat mode names the right one; ``recall``: some
candidate does; ``us_per_string``: mean time per string.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import hashcompat
from hashcompat._families.django import ROWS as django_rows
from hashcompat._families.platforms import ROWS as platform_rows
from hashcompat.crackers._hashcat import _HASH_THEN, _WHOLE_LINE
from hashcompat.crackers._tables import HASHCAT_MODES

ROOT = Path(__file__).parent.parent
VECTORS = ROOT / "tests" / "vectors"
RESULTS = Path(__file__).parent / "results"
HASHCAT_CACHE = RESULTS / "identify_peers_hashcat.json"
STORED = Path(__file__).parent / "hashcat_stored.csv"
GROUPS = ("overall", "stored", "hashcat", "hashcat stored", "vectors")


def stored_modes(path: Path = STORED) -> dict[int, tuple[bool, str, str]]:
    """hashcat mode -> (a stored password format?, hashcat's name, the reason)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            int(row["mode"]): (row["stored"] == "yes", row["name"], row["reason"])
            for row in csv.DictReader(handle)
        }


# registered scheme -> hashcat 6.2.6 modes whose line is that scheme's stored string
SCHEME_MODES: dict[str, tuple[int, ...]] = {
    "md5": (0,),
    "md4": (900,),
    "ntlm": (1000,),
    "lmhash": (3000,),
    "sha1": (100,),
    "sha224": (1300,),
    "sha256": (1400,),
    "sha384": (10800,),
    "sha512": (1700,),
    "sha3_224": (17300,),
    "sha3_256": (17400,),
    "sha3_384": (17500,),
    "sha3_512": (17600,),
    "keccak_224": (17700,),
    "keccak_256": (17800,),
    "keccak_384": (17900,),
    "keccak_512": (18000,),
    "ripemd160": (6000,),
    "mysql323": (200,),
    "mysql41": (300,),
    "msdcc": (1100,),
    "oracle11": (112,),
    "phpass": (400,),
    "drupal7": (7900,),
    "bcrypt": (3200,),
    "drupal10": (3200,),
    "md5_crypt": (500,),
    "apr_md5_crypt": (1600,),
    "sha256_crypt": (7400,),
    "sha512_crypt": (1800,),
    "des_crypt": (1500,),
    "bsdi_crypt": (12400,),
    "sun_md5_crypt": (3300,),
    "sha1_crypt": (15100,),
    "cisco_asa": (2410,),
    "cisco_type8": (9200,),
    "cisco_type9": (9300,),
    "perl_scryptkdf": (8900,),
    "citrix_netscaler_sha1": (8100,),
    "macos_xsha": (122,),
    "macos_pbkdf2": (7100,),
    "ldap_sha": (101,),
    "ldap_salted_sha1": (111,),
    "ldap_salted_sha256": (1411,),
    "ldap_salted_sha512": (1711,),
    "django_sha1": (124,),
    "joomla_md5": (10, 11),
    "smf": (121,),
    "mediawiki_b": (3711,),
    "postgres_scram_sha256": (28600,),
    "prestashop": (11000,),
    "hmailserver": (1421,),
    "citrix_netscaler_sha512": (22200,),
    "redmine": (4521,),
    "punbb": (4522,),
    "huawei_sha1": (4711,),
    "rails_restful_auth": (27200,),
    "mysql_caching_sha2": (7401,),
    "solarwinds_orion": (21500,),
    "dahua_md5": (24900,),
    "dovecot_cram_md5": (16400,),
}
for _row in (*platform_rows, *django_rows):  # each formula row's own hashcat mode
    if _row.hashcat_mode is not None and _row.hashcat_mode not in SCHEME_MODES.get(_row.name, ()):
        SCHEME_MODES[_row.name] = (*SCHEME_MODES.get(_row.name, ()), _row.hashcat_mode)
for _mode, _scheme in _WHOLE_LINE.items():
    SCHEME_MODES[_scheme] = (*SCHEME_MODES.get(_scheme, ()), _mode)
for _mode, (_scheme, _) in _HASH_THEN.items():
    SCHEME_MODES[_scheme] = (*SCHEME_MODES.get(_scheme, ()), _mode)
FORMULA_MODES: dict[str, tuple[int, ...]] = {}
for _mode, _formula in {
    70: "md5(utf16le($pass))",
    4500: "sha1(sha1($pass))",
    4700: "sha1(md5($pass))",
    **HASHCAT_MODES,
}.items():
    FORMULA_MODES[_formula] = (*FORMULA_MODES.get(_formula, ()), _mode)
    bare = _formula.partition(" @ ")[0]
    if bare != _formula:  # the same composition with the salt in its own column
        FORMULA_MODES[bare] = (*FORMULA_MODES.get(bare, ()), _mode)


def corpus() -> list[tuple[str, str, frozenset[int]]]:
    """(corpus name, string, right modes), each string once per corpus."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, frozenset[int]]] = []
    for path in sorted(VECTORS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            modes = SCHEME_MODES.get(str(row.get("scheme")))
            text = row.get("hash")
            if (
                modes
                and row.get("expect")
                and isinstance(text, str)
                and ("vectors", text) not in seen
            ):
                seen.add(("vectors", text))
                out.append(("vectors", text, frozenset(modes)))
    for line in (VECTORS / "hashcat" / "hashcat.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        text = row["line"]
        if row.get("expect") and ("hashcat", text) not in seen:
            seen.add(("hashcat", text))
            out.append(("hashcat", text, frozenset({int(row["mode"])})))
    return out


def _hashcompat(text: str) -> list[tuple[int, ...]]:
    out = []
    for name in hashcompat.identify(text):
        out.append(SCHEME_MODES.get(name) or FORMULA_MODES.get(name) or ())
    return out


def _hashcompat_lines(text: str) -> list[tuple[int, ...]]:
    """identify(), then the modes hashcompat's hashcat-syntax reader accepts the line under
    (``hashcompat identify --syntax hashcat`` without ``--mode``): hashcat's strings are lines
    in hashcat's syntax, which is what the peers read too. A mode under which the line holds a
    self-describing string comes first, as a self-describing string does in ``identify``
    (12300's bare hex is Oracle's ``T:`` value)."""
    from hashcompat.crackers._hashcat import identify_modes, self_describing  # noqa: PLC0415 - lazy: loaded on first use, off the import and cold-start path

    lines = identify_modes(text)
    found: list[tuple[int, ...]] = []
    for mode in filter(self_describing, lines):
        scheme = _WHOLE_LINE.get(mode) or _HASH_THEN[mode][0]
        if SCHEME_MODES[scheme] not in found:  # one scheme read by several modes is one answer
            found.append(SCHEME_MODES[scheme])
    found += _hashcompat(text)
    listed = {mode for modes in found for mode in modes}
    return found + [(mode,) for mode in lines if mode not in listed]


def _name_that_hash() -> Callable[[str], list[tuple[int, ...]]]:
    from name_that_hash import runner  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    def identify(text: str) -> list[tuple[int, ...]]:
        found = runner.api_return_hashes_as_dict([text], {"popular_only": False})
        return [(e["hashcat"],) if e.get("hashcat") is not None else () for e in found[text]]

    return identify


def _hashid() -> Callable[[str], list[tuple[int, ...]]]:
    from hashid import HashID  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    tool = HashID()

    def identify(text: str) -> list[tuple[int, ...]]:
        return [(int(e.hashcat),) if e.hashcat is not None else () for e in tool.identifyHash(text)]

    return identify


def hashcat_identify(text: str, session: str = "identify_peers") -> list[int]:
    """hashcat --identify on one string (its modes in hashcat's order; [] when none)."""
    done = subprocess.run(  # noqa: S603 - hashcat, a fixed argument list
        ["hashcat", "--identify", text, "--machine-readable", "--quiet", "--session", session],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return [int(x) for x in done.stdout.split() if x.isdigit()]


def sample(items: list[tuple[str, str, frozenset[int]]]) -> list[str]:
    """One string per (corpus, right mode): hashcat --identify takes seconds a string here."""
    chosen: dict[tuple[str, frozenset[int]], str] = {}
    for name, text, truth in items:
        chosen.setdefault((name, truth), text)
    return list(chosen.values())


def refresh_hashcat_cache(path: Path, workers: int = 2) -> None:
    """Ask hashcat --identify about the sample; answers are kept in ``path`` (JSON)."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - lazy: a stdlib module only this path needs

    cache = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    todo = [text for text in sample(corpus()) if text not in cache]

    def ask(job: tuple[int, str]) -> tuple[str, list[int], float]:
        started = time.perf_counter()
        modes = hashcat_identify(job[1], f"identify_peers{job[0] % workers}")
        return job[1], modes, time.perf_counter() - started

    spent = []
    with ThreadPoolExecutor(workers) as pool:
        for text, modes, seconds in pool.map(ask, enumerate(todo)):
            cache[text] = modes
            spent.append(seconds)
    if spent:
        cache["__us_per_string__"] = round(1e6 * sum(spent) / len(spent))
    path.write_text(json.dumps(cache, indent=0) + "\n", encoding="utf-8")


def _score(
    items: Iterable[tuple[str, str, frozenset[int]]], answer: Callable[[str], list[tuple[int, ...]]]
) -> dict[str, dict[str, float]]:
    totals: dict[str, list[int]] = {}
    items = list(items)
    stored = {mode for mode, (yes, _, _) in stored_modes().items() if yes}
    for _, text, _ in items[::25]:  # warm: lazy imports and compiled formulas are not speed
        answer(text)
    started = time.perf_counter()
    count = 0
    for name, text, truth in items:
        candidates = answer(text)
        count += 1
        first = next((modes for modes in candidates if modes), ())
        listed = {mode for modes in candidates for mode in modes}
        groups = [name, "overall"]
        if name == "vectors" or truth <= stored:
            groups += ["stored", "hashcat stored"] if name == "hashcat" else ["stored"]
        for group in groups:
            row = totals.setdefault(group, [0, 0, 0])
            row[0] += 1
            row[1] += bool(truth & set(first))
            row[2] += bool(truth & listed)
    elapsed = time.perf_counter() - started
    scores = {
        group: {"strings": n, "top1": round(100 * top / n, 1), "recall": round(100 * rec / n, 1)}
        for group, (n, top, rec) in totals.items()
    }
    scores["speed"] = {"us_per_string": round(1e6 * elapsed / max(count, 1), 1)}
    return scores


def run(hashcat_cache: Path = HASHCAT_CACHE) -> dict[str, Any]:
    items = corpus()
    tools: dict[str, Callable[[str], list[tuple[int, ...]]]] = {
        "hashcompat identify()": _hashcompat,
        "hashcompat + hashcat syntax": _hashcompat_lines,
    }
    for label, factory in (("name-that-hash", _name_that_hash), ("hashID", _hashid)):
        try:
            tools[label] = factory()
        except ImportError:
            continue  # not installed: left out of the table
    report: dict[str, Any] = {"tools": {}}
    for label, answer in tools.items():
        report["tools"][label] = _score(items, answer)
    if hashcat_cache.exists():  # every tool on the sample hashcat --identify answered
        cache = json.loads(hashcat_cache.read_text(encoding="utf-8"))
        answered = [item for item in items if item[1] in cache]
        report["sample"] = {label: _score(answered, answer) for label, answer in tools.items()}
        scored = _score(answered, lambda text: [(mode,) for mode in cache[text]])
        scored["speed"] = {"us_per_string": cache.get("__us_per_string__", 0)}
        report["sample"]["hashcat --identify"] = scored
    report["corpus"] = {
        name: sum(1 for item in items if item[0] == name) for name in ("vectors", "hashcat")
    }
    return report


def markdown(report: dict[str, Any]) -> str:
    text = _table(report["tools"])
    if "sample" in report:
        text += "\nOne string per (corpus, mode), the sample hashcat --identify answered:\n\n"
        text += _table(report["sample"])
    text += "\nhashcat modes whose lines are not stored password strings"
    text += " (benchmarks/hashcat_stored.csv):\n\n"
    for mode, (yes, name, reason) in sorted(stored_modes().items()):
        if not yes:
            text += f"- {mode} {name}: {reason}\n"
    return text


def _table(tools: dict[str, Any]) -> str:
    lines = [
        "| tool | overall top-1 | overall list | stored top-1 | stored list "
        "| hashcat's strings top-1 | hashcat's strings list "
        "| hashcat's stored top-1 | hashcat's stored list | vectors top-1 | vectors list "
        "| µs per string |",
        "|---|" + "---:|" * 11,
    ]
    for label, scores in tools.items():
        cells = [label]
        for group in GROUPS:
            found = scores.get(group, {})
            cells += [f"{found.get('top1', 0):.1f}%", f"{found.get('recall', 0):.1f}%"]
        cells.append(f"{scores['speed']['us_per_string']:,.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.identify_peers")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--hashcat-cache", type=Path, default=HASHCAT_CACHE)
    parser.add_argument(
        "--refresh-hashcat", action="store_true", help="run hashcat --identify on the sample"
    )
    args = parser.parse_args()
    if args.refresh_hashcat:
        refresh_hashcat_cache(args.hashcat_cache)
    report = run(args.hashcat_cache)
    text = json.dumps(report, indent=2)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(markdown(report) if args.markdown else text)


if __name__ == "__main__":
    main()
