"""Background jobs: one registry of plain job functions, run in-process or by Celery workers.

A job is `def name(*, db: Session, **kwargs)`, registered with `@job("name")`. It must be idempotent and
safe to run on several workers at once. The beat table (`heraldo.worker.BEAT`) says which jobs run
periodically; the in-process ticker and Celery beat both read it.
"""

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from heraldo.core.db import Database
from heraldo.core.logging import get_logger
from heraldo.core.metrics import JOB_LATENCY, JOB_RUNS

log = get_logger(__name__)

JobFunction = Callable[..., Any]

_JOBS: dict[str, JobFunction] = {}


def job(name: str) -> Callable[[JobFunction], JobFunction]:
    """Register a job function under `name` (the Celery task is `heraldo.<name>`)."""

    def register(function: JobFunction) -> JobFunction:
        if name in _JOBS and _JOBS[name] is not function:
            raise ValueError(f"job {name!r} is registered twice")
        _JOBS[name] = function
        return function

    return register


def registered_jobs() -> dict[str, JobFunction]:
    return dict(_JOBS)


def task_name(job_name: str) -> str:
    return f"heraldo.{job_name}"


@dataclass(frozen=True)
class BeatEntry:
    job: str
    every_seconds: float
    kwargs: dict[str, Any] = field(default_factory=dict)


def run_job(database: Database, name: str, kwargs: dict[str, Any] | None = None) -> Any:
    """Run one job in its own session: commit on success, roll back and re-raise on failure."""
    function = _JOBS[name]
    started = time.perf_counter()
    try:
        with database.session() as db:
            result = function(db=db, **(kwargs or {}))
    except Exception:
        JOB_RUNS.labels(name, "error").inc()
        log.exception("job failed", job=name)
        raise
    finally:
        JOB_LATENCY.labels(name).observe(time.perf_counter() - started)
    JOB_RUNS.labels(name, "ok").inc()
    return result


class Dispatcher(Protocol):
    def enqueue(self, name: str, **kwargs: Any) -> Any: ...


class LocalDispatcher:
    """Worker threads plus a ticker thread that runs the beat table, inside one process."""

    def __init__(self, database: Database, beat: list[BeatEntry], threads: int = 4, tick: float = 0.1):
        self.database = database
        self.beat = beat
        self.tick = tick
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="heraldo-job")
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._running: dict[int, Future] = {}

    def enqueue(self, name: str, **kwargs: Any) -> Future:
        if name not in _JOBS:
            raise KeyError(f"no job named {name!r}")
        return self._pool.submit(self._run_logged, name, kwargs)

    def _run_logged(self, name: str, kwargs: dict[str, Any]) -> Any:
        try:
            return run_job(self.database, name, kwargs)
        except Exception:
            return None  # already logged and counted; a periodic job simply runs again next tick

    def start(self) -> None:
        if self._ticker is None:
            self._ticker = threading.Thread(target=self._loop, name="heraldo-ticker", daemon=True)
            self._ticker.start()
            log.info("in-process job runner started", jobs=[entry.job for entry in self.beat])

    def _loop(self) -> None:
        next_due = [time.monotonic() for _ in self.beat]
        while not self._stop.is_set():
            now = time.monotonic()
            for index, entry in enumerate(self.beat):
                running = self._running.get(index)
                # A periodic job never overlaps itself here; a slow run just delays the next one.
                if now >= next_due[index] and (running is None or running.done()):
                    self._running[index] = self.enqueue(entry.job, **entry.kwargs)
                    next_due[index] = now + entry.every_seconds
            self._stop.wait(self.tick)

    def stop(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=5)
        self._pool.shutdown(wait=True, cancel_futures=True)


class CeleryDispatcher:
    """Sends jobs to Celery workers through the broker."""

    def __init__(self, celery_app: Any, queue: str):
        self.celery_app = celery_app
        self.queue = queue

    def enqueue(self, name: str, **kwargs: Any) -> Any:
        if name not in _JOBS:
            raise KeyError(f"no job named {name!r}")
        return self.celery_app.send_task(task_name(name), kwargs=kwargs, queue=self.queue)
