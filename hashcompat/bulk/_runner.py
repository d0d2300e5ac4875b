"""Executors for the wrap batches: in this process, a process pool, or a Dask cluster.

All three take the same module-level function and plain arguments, and hand back something with
``result()``; the upgrade loop does not know which one runs its batches.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Protocol

from hashcompat.errors import SchemeUnavailableError

__all__ = ["Executor", "make_executor"]


class Pending(Protocol):
    def result(self) -> Any: ...


class Executor(Protocol):
    workers: int

    def submit(self, function: Callable[..., Any], *args: Any) -> Pending: ...

    def close(self, *, cancel: bool = False) -> None: ...


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class Inline:
    """Runs each batch at once, here: one process, nothing to start."""

    workers = 1

    def submit(self, function: Callable[..., Any], *args: Any) -> Pending:
        return _Done(function(*args))

    def close(self, *, cancel: bool = False) -> None:
        """Nothing was started."""


class Pool:
    def __init__(self, processes: int) -> None:
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - lazy: a stdlib module only this path needs

        self.workers = processes
        self._pool = ProcessPoolExecutor(processes)

    def submit(self, function: Callable[..., Any], *args: Any) -> Pending:
        return self._pool.submit(function, *args)

    def close(self, *, cancel: bool = False) -> None:
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


class Dask:
    """A running scheduler (``address``) or, for ``"local"``, a LocalCluster of processes with
    one thread each (argon2 is CPU-bound: threads would share one interpreter lock)."""

    def __init__(self, address: str, processes: int) -> None:
        try:
            from distributed import Client, LocalCluster  # noqa: PLC0415 - lazy: the dask extra (untyped: calls go through Any)
        except ImportError:
            raise SchemeUnavailableError(
                "the Dask path", "pip install 'hashcompat[dask]'"
            ) from None
        self._cluster: Any = None
        make_cluster: Any = LocalCluster
        make_client: Any = Client
        if address == "local":
            self._cluster = make_cluster(
                n_workers=processes,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            self._client: Any = make_client(self._cluster)
        else:
            self._client = make_client(address)
        self.workers = max(1, sum(self._client.nthreads().values()))

    def submit(self, function: Callable[..., Any], *args: Any) -> Pending:
        future: Pending = self._client.submit(function, *args, pure=False)
        return future

    def close(self, *, cancel: bool = False) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(processes: int | None, dask: str | None) -> Executor:
    count = processes or os.cpu_count() or 1
    if dask is not None:
        return Dask(dask, count)
    return Inline() if count == 1 else Pool(count)
