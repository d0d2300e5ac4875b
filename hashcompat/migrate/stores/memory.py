"""A thread-safe in-memory store, for tests and small tools."""

from __future__ import annotations

import threading
from dataclasses import replace

from hashcompat.migrate._login import Credential


class MemoryStore:
    def __init__(self, users: dict[object, Credential] | None = None) -> None:
        self._users = dict(users or {})
        self._lock = threading.Lock()

    def load(self, user_id: object) -> Credential | None:
        if not _hashable(user_id):
            return None  # no user can have such an id
        with self._lock:
            return self._users.get(user_id)

    def compare_and_swap(self, user_id: object, expected: str | bytes, new: str) -> bool:
        if not _hashable(user_id):
            return False
        with self._lock:
            current = self._users.get(user_id)
            if current is None or current.hash != expected:
                return False
            self._users[user_id] = replace(current, hash=new, scheme=None)
            return True


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
