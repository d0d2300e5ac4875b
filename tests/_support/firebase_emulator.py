"""The Firebase Authentication emulator for the tests: ``firebase emulators:start --only auth``
from firebase-tools (npm), on loopback, with a ``demo-`` project id (no Google project and no
credentials are touched), stopped at the end.

firebase-tools is looked up in the project-local ``.node/`` folder that ``.ci/run`` fills
(``npm install --prefix .node firebase-tools``), then on PATH. The Auth emulator is written in
Node and needs no Java (the JAR-based emulators do); only ``node`` must be present. Every port
(auth, the emulator hub, the logging stream) is picked free on 127.0.0.1, so parallel runs do
not collide. Startup waits at most :data:`STARTUP_SECONDS` for ``GET /`` to answer
``authEmulator.ready``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).parents[2]
PROJECT = "demo-hashcompat"
STARTUP_SECONDS = 90


class Unavailable(Exception):
    """Why no emulator can be started here (the tests skip with this text)."""


def find_firebase() -> str:
    local = ROOT / ".node" / "node_modules" / ".bin" / "firebase"
    if shutil.which("node") is None:
        raise Unavailable("node is not installed (the Firebase Auth emulator runs on Node)")
    if local.exists():
        return str(local)
    found = shutil.which("firebase")
    if found is None:
        raise Unavailable(
            "firebase-tools not found in .node/ or on PATH; "
            "install it with `npm install --prefix .node firebase-tools`"
        )
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _ready(host: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}/", timeout=2) as answer:
            return bool(json.load(answer).get("authEmulator", {}).get("ready"))
    except (OSError, ValueError):
        return False


@contextmanager
def running_emulator() -> Iterator[str]:
    """Start the Auth emulator; yield its ``host:port`` (for FIREBASE_AUTH_EMULATOR_HOST)."""
    firebase = find_firebase()
    auth, hub, logging = _free_port(), _free_port(), _free_port()
    with tempfile.TemporaryDirectory(prefix="hashcompat-firebase-") as folder:
        config = {
            "emulators": {
                "auth": {"host": "127.0.0.1", "port": auth},
                "hub": {"host": "127.0.0.1", "port": hub},
                "logging": {"host": "127.0.0.1", "port": logging},
                "ui": {"enabled": False},
                "singleProjectMode": True,
            }
        }
        Path(folder, "firebase.json").write_text(json.dumps(config), encoding="utf-8")
        env = {**os.environ, "HOME": folder, "XDG_CONFIG_HOME": folder}
        env.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
        log_path = Path(folder, "emulator.log")
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [firebase, "emulators:start", "--only", "auth", "--project", PROJECT],
                cwd=folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            host = f"127.0.0.1:{auth}"
            try:
                deadline = time.monotonic() + STARTUP_SECONDS
                while not _ready(host):
                    if process.poll() is not None or time.monotonic() > deadline:
                        tail = log_path.read_text("utf-8", "replace")[-600:]
                        raise Unavailable(f"the Auth emulator did not start: {tail.strip()}")
                    time.sleep(0.5)
                yield host
            finally:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
                    try:
                        process.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        os.killpg(process.pid, signal.SIGKILL)
                        process.wait(timeout=10)
