"""The resume point of an upgrade: a small JSON file replaced atomically after each batch.

It names the run it belongs to (dump, table, output, argon2 parameters, a fingerprint of the
salt key), so a checkpoint is never applied to a different run: that is refused with a one-line
error that says to delete it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from hashcompat.dump import DumpError, Position
from hashcompat.dump._private import private_open

__all__ = ["Checkpoint"]


class Checkpoint:
    def __init__(self, path: Path, identity: dict[str, Any]) -> None:
        self.path = path
        self.identity = json.loads(json.dumps(identity))
        self.state: dict[str, Any] = {}

    @staticmethod
    def fingerprint(key: bytes) -> str:
        return hashlib.sha256(b"hashcompat checkpoint\0" + key).hexdigest()[:16]

    def load(self) -> Position | None:
        """The position to resume from, or None when there is no checkpoint."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DumpError(f"{self.path}: cannot read the checkpoint ({exc.strerror})") from None
        try:
            data = json.loads(text)
            state = data["state"]
            position = Position.from_dict(state["position"])
        except (ValueError, KeyError, TypeError):
            raise DumpError(
                f"{self.path}: the checkpoint is damaged; delete it to start over"
            ) from None
        if data.get("identity") != self.identity:
            raise DumpError(
                f"{self.path}: the checkpoint belongs to another run (different dump, output, "
                "profile or salt key); delete it to start over"
            )
        self.state = state
        return position

    def save(self, state: dict[str, Any]) -> None:
        self.state = state
        temporary = self.path.with_name(self.path.name + ".tmp")
        with private_open(temporary, "w") as handle:
            json.dump({"identity": self.identity, "state": state}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
        self.path.with_name(self.path.name + ".tmp").unlink(missing_ok=True)  # left by a kill
