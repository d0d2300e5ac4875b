"""Write docs/catalogue.md from the registry: ``python docs/gen_catalogue.py``.

tests/project/test_docs.py fails when the page and the registry disagree, so the catalogue is always
what the code registers.
"""

from __future__ import annotations

import sys
from pathlib import Path

import hashcompat

PAGE = Path(__file__).parent / "catalogue.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or "-"


def render() -> str:
    infos = sorted(hashcompat.schemes(), key=lambda i: i.name)
    lines = [
        "# Scheme catalogue",
        "",
        "Generated from the registry by `docs/gen_catalogue.py`; do not edit by hand.",
        f"{len(infos)} schemes are registered. *Self-describing* schemes are identified from the",
        "hash string alone; the others need `scheme=` (or `--scheme`). *Inputs* are values kept",
        "outside the hash string. *Strength* drives `needs_update`: broken < weak < legacy-ok <",
        "modern; any scheme other than the migrator's target (argon2id) is rehashed on login.",
        "",
        "Every scheme is proven by known-answer vectors made by the platform's own code or a",
        "trusted tool (slappasswd, doveadm, libxcrypt, PostgreSQL, MariaDB, Django, PHP, Ruby,",
        "Mono, hashcat's and John the Ripper's test data); each line of `tests/vectors/*.jsonl`",
        "names its source, and the script that made it sits beside it. yescrypt, gost-yescrypt,",
        "`$7$` and SunMD5 need the system's libxcrypt (`SchemeUnavailableError` without it).",
        "",
        "| name | aliases | platforms | example | inputs | self-describing | strength |",
        "|---|---|---|---|---|---|---|",
    ]
    for info in infos:
        example = f"`{info.example}`" if info.example else "-"
        lines.append(
            f"| `{info.name}` | {_cell(', '.join(info.aliases))} | "
            f"{_cell(', '.join(info.platforms))} | {_cell(example)} | "
            f"{_cell(', '.join(info.inputs))} | {'yes' if info.self_describing else 'no'} | "
            f"{info.strength.value} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")
