"""docs/grafana-hooks.json: valid dashboard JSON whose queries name only metrics and labels that
the hook server's GET /metrics exposes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

DASHBOARD = Path(__file__).parents[2] / "docs" / "grafana-hooks.json"


def _exposed(text: str) -> set[str]:
    """The series names of a Prometheus text exposition."""
    names = set()
    for name, kind in re.findall(r"^# TYPE (\S+) (\S+)$", text, flags=re.MULTILINE):
        suffixes = {"histogram": ["_bucket", "_sum", "_count"]}  # counters are typed as *_total
        names.update(name + s for s in suffixes.get(kind, [""]))
    return names


def _labels() -> set[str]:
    """Every label name of the server's metrics (a labelled series shows in the exposition
    only once it has a value, so they are read from the metric objects)."""
    from prometheus_client.metrics import MetricWrapperBase

    from hashcompat.server._app import _Metrics

    metrics = [m for m in vars(_Metrics()).values() if isinstance(m, MetricWrapperBase)]
    return {"le", *(label for m in metrics for label in m._labelnames)}


def test_queries_name_only_exposed_metrics_and_labels(tmp_path: Path) -> None:
    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    httpx = pytest.importorskip("httpx")
    from hashcompat.server._app import create_app
    from hashcompat.server._config import parse_config
    from tests._support.hookserver import running

    users = tmp_path / "users.csv"
    users.write_text("id,hash\nalice,5f4dcc3b5aa765d61d8327deb882cf99\n", encoding="utf-8")
    config = parse_config(
        {
            "store": {"file": str(users), "default_scheme": "md5"},
            "migrator": {"target_params": {"memory_cost": 256, "time_cost": 1, "parallelism": 1}},
            "auth": {"header": "X-Hook-Secret", "secret": "dashboard-test"},
            "platforms": {"generic": {}},
        }
    )
    with running(create_app(config)) as base:
        body = {"username": "alice", "password": "password"}
        httpx.post(base + "/verify", json=body)  # a 401: counted with its platform and outcome
        text = httpx.get(base + "/metrics").text
    names, labels = _exposed(text), _labels()
    dashboard: dict[str, Any] = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert dashboard["uid"] == "hashcompat-hooks" and dashboard["schemaVersion"] >= 36
    panels = dashboard["panels"]
    assert len({p["id"] for p in panels}) == len(panels)
    exprs = [t["expr"] for p in panels for t in p.get("targets", [])]
    exprs.append(dashboard["templating"]["list"][1]["definition"])
    assert len(exprs) > 8
    used = {n for e in exprs for n in re.findall(r"hashcompat_\w+", e)}
    assert used and used <= names, used - names
    grouped = {
        label.strip()
        for e in exprs
        for block in re.findall(r"by \(([^)]*)\)", e)
        for label in block.split(",")
    }
    selected = {n for e in exprs for n in re.findall(r"[{,](\w+)=~?\"", e)}
    assert grouped | selected <= labels, (grouped | selected) - labels
    for panel in panels:
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == "${datasource}"
