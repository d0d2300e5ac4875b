"""Cut a platform's published OpenAPI description down to the operations push calls.

Run once by hand (like tests/vectors/): it reads the full description from a local checkout of
the publisher's repository, keeps the named paths and methods and every component they reach
through ``$ref`` (transitively), keeps ``info``, ``servers`` and the security schemes, and
writes JSON with an ``x-hashcompat-source`` note (repository, commit, file, licence). Nothing
is rewritten inside the kept parts, so Prism validates requests exactly as the full file would.

    python tests/openapi/trim.py FULL_SPEC OUT.json --source "owner/repo@commit:path (Licence)" \
        --keep "post /api/v1/users" --keep "get /api/v1/users/{id}" ...
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            found.add(ref)
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def _get(spec: dict[str, Any], ref: str) -> Any:
    node: Any = spec
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _put(out: dict[str, Any], spec: dict[str, Any], ref: str) -> None:
    parts = ref[2:].split("/")
    node = out
    for part in parts[:-1]:
        node = node.setdefault(part.replace("~1", "/").replace("~0", "~"), {})
    node[parts[-1].replace("~1", "/").replace("~0", "~")] = _get(spec, ref)


def trim(spec: dict[str, Any], keep: list[tuple[str, str]], source: str) -> dict[str, Any]:
    out: dict[str, Any] = {k: spec[k] for k in ("openapi", "swagger", "info") if k in spec}
    for key in ("servers", "host", "basePath", "schemes", "security", "consumes", "produces"):
        if key in spec:
            out[key] = spec[key]
    out["info"] = {**out.get("info", {}), "x-hashcompat-source": source}
    paths: dict[str, Any] = {}
    for method, path in keep:
        item = spec["paths"][path]
        kept = paths.setdefault(path, {k: v for k, v in item.items() if k == "parameters"})
        kept[method] = item[method]
    out["paths"] = paths
    schemes = spec.get("components", {}).get("securitySchemes")
    if schemes:
        out.setdefault("components", {})["securitySchemes"] = schemes
    if "securityDefinitions" in spec:
        out["securityDefinitions"] = spec["securityDefinitions"]
    seen: set[str] = set()
    todo = _refs(paths) | _refs(out.get("components", {}))
    while todo:
        ref = todo.pop()
        if ref in seen:
            continue
        seen.add(ref)
        _put(out, spec, ref)
        todo |= _refs(_get(spec, ref)) - seen
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("full")
    parser.add_argument("out")
    parser.add_argument("--source", required=True)
    parser.add_argument("--keep", action="append", required=True, help='"post /path"')
    args = parser.parse_args()
    text = Path(args.full).read_text(encoding="utf-8")
    spec = json.loads(text) if args.full.endswith(".json") else yaml.safe_load(text)
    keep = [(k.split(" ", 1)[0].lower(), k.split(" ", 1)[1]) for k in args.keep]
    trimmed = trim(spec, keep, args.source)
    Path(args.out).write_text(json.dumps(trimmed, indent=1, sort_keys=False) + "\n")


if __name__ == "__main__":
    main()
