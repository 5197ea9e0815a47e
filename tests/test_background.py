"""The background path end to end: a scheduled post is published once, by the in-process runner and by
real Celery workers fed by a real beat, on SQLite and PostgreSQL."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO

import pytest
import redis
from sqlalchemy import func, select

from heraldo.core.clock import utcnow
from heraldo.core.db import Database
from heraldo.core.dispatch import LocalDispatcher
from heraldo.posts.models import PostTarget, TargetStatus
from heraldo.publishing.models import SandboxPublication
from heraldo.worker import BEAT
from tests.conftest import REDIS_URL, unavailable
from tests.factories import create_account, create_post, create_tenant

HERALDO = Path(sys.executable).parent / "heraldo"
POLL_SECONDS = 0.2


@dataclass(frozen=True)
class TargetState:
    status: str
    attempts: int
    published_at: datetime | None
    platform_post_id: str | None
    publications: int


def target_states(database: Database, target_ids: list[int]) -> dict[int, TargetState]:
    """What the database says now, read through a fresh session (no stale identity map)."""
    with database.session() as db:
        counts = dict(
            db.execute(
                select(SandboxPublication.idempotency_key, func.count()).group_by(SandboxPublication.idempotency_key)
            ).all()
        )
        return {
            target.id: TargetState(
                status=target.status,
                attempts=target.attempts,
                published_at=target.published_at,
                platform_post_id=target.platform_post_id,
                publications=counts.get(target.idempotency_key, 0),
            )
            for target in db.scalars(select(PostTarget).where(PostTarget.id.in_(target_ids)))
        }


def wait_until(done: Callable[[], bool], timeout: float, describe: Callable[[], str]) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"not done within {timeout} s: {describe()}", pytrace=False)
        time.sleep(POLL_SECONDS)


def all_published(states: dict[int, TargetState]) -> bool:
    return all(state.status == TargetStatus.PUBLISHED.value for state in states.values())


def assert_published_once(states: dict[int, TargetState], scheduled_at: datetime, context: str = "") -> None:
    for target_id, state in states.items():
        assert state.status == TargetStatus.PUBLISHED.value, f"target {target_id}: {state}{context}"
        assert state.publications == 1, f"target {target_id} went out {state.publications} times{context}"
        assert state.attempts == 1, f"target {target_id}: {state}{context}"
        assert state.platform_post_id is not None
        assert state.published_at >= scheduled_at, f"target {target_id} went out early: {state}{context}"


# ---- in-process runner ---------------------------------------------------------------------------------


def test_the_in_process_runner_publishes_a_scheduled_post_once(settings, database, db):
    tenant = create_tenant(db, "Background")
    account = create_account(db, tenant.id)
    runner = LocalDispatcher(database, BEAT)
    runner.start()
    try:
        scheduled_at = utcnow() + timedelta(seconds=3)
        post = create_post(db, tenant.id, [account.id], scheduled_at=scheduled_at)
        ids = [target.id for target in post.targets]
        assert target_states(database, ids)[ids[0]].status == TargetStatus.SCHEDULED.value

        wait_until(
            lambda: all_published(target_states(database, ids)),
            timeout=20,
            describe=lambda: str(target_states(database, ids)),
        )
        published = target_states(database, ids)
        assert_published_once(published, scheduled_at)

        # The ticker keeps running the job every second; nothing goes out a second time.
        time.sleep(2)
        assert target_states(database, ids) == published
    finally:
        runner.stop()


# ---- Celery workers and beat ---------------------------------------------------------------------------


@dataclass
class Fleet:
    """`heraldo worker` / `heraldo beat` processes, each in its own process group, logging to files."""

    env: dict[str, str]
    cwd: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: dict[str, list[IO]] = field(default_factory=dict)

    def start(self, name: str, *args: str) -> None:
        out = (self.cwd / f"{name}.out").open("wb")
        err = (self.cwd / f"{name}.err").open("wb")
        self.logs[name] = [out, err]
        self.processes[name] = subprocess.Popen(
            [str(HERALDO), *args],
            env=self.env,
            cwd=self.cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    def check_alive(self) -> None:
        dead = {name: p.returncode for name, p in self.processes.items() if p.poll() is not None}
        if dead:
            pytest.fail(f"background processes exited early: {dead}{self.tails()}", pytrace=False)

    def count(self, needle: str, name_prefix: str) -> int:
        """How often `needle` appears in the stderr logs of the processes whose name starts with the prefix."""
        return sum(
            (self.cwd / f"{name}.err").read_text(errors="replace").count(needle)
            for name in self.processes
            if name.startswith(name_prefix)
        )

    def tails(self, lines: int = 30) -> str:
        parts = []
        for name in self.processes:
            for stream in ("out", "err"):
                path = self.cwd / f"{name}.{stream}"
                text = path.read_text(errors="replace").splitlines()[-lines:] if path.exists() else []
                parts.append(f"\n--- {name} std{stream} (last {lines} lines) ---\n" + "\n".join(text))
        return "".join(parts)

    def stop(self, timeout: float = 15) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)  # Celery's warm shutdown
        deadline = time.monotonic() + timeout
        for process in self.processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            # The whole group: prefork children must not outlive the test either.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        for streams in self.logs.values():
            for stream in streams:
                stream.close()


@pytest.fixture
def broker_url() -> str:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.RedisError as exc:
        unavailable("Redis", exc)
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture
def fleet(settings, broker_url, tmp_path) -> Iterator[Fleet]:
    queue = f"heraldo-test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,  # already carries the settings fixture's HERALDO_* variables
        "HERALDO_DATABASE_URL": settings.database_url,
        "HERALDO_DATA_DIR": str(settings.data_dir),
        "HERALDO_SECRET_KEY": settings.secret_key,
        "HERALDO_BROKER_URL": broker_url,
        # A queue of its own, so parallel runs sharing this Redis never take each other's tasks.
        "HERALDO_CELERY_QUEUE": queue,
    }
    running = Fleet(env=env, cwd=tmp_path)
    yield running
    running.stop()
    client = redis.Redis.from_url(broker_url)
    try:
        # The queue and kombu's bindings for it: nothing of this run is left in the shared Redis.
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    finally:
        client.close()


def test_a_worker_process_maps_every_table():
    # A worker imports the Celery app and the jobs, never the web app: the models must still be complete.
    script = (
        "from heraldo.worker import celery_app\n"
        "from sqlalchemy.orm import configure_mappers\n"
        "from heraldo.core.db import Base\n"
        "configure_mappers()\n"
        "for table in Base.metadata.sorted_tables:\n"
        "    [fk.column for fk in table.foreign_keys]\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.celery
def test_celery_workers_and_beat_publish_a_scheduled_post_once(settings, database, db, fleet, tmp_path):
    tenant = create_tenant(db, "Background")
    accounts = [create_account(db, tenant.id, handle) for handle in ("first", "second")]

    fleet.start("worker-1", "worker", "--concurrency", "2")
    fleet.start("worker-2", "worker", "--concurrency", "2")
    fleet.start("beat", "beat", "--schedule-file", str(tmp_path / "celerybeat-schedule"))
    # Scheduled while the processes start: due a few seconds from now, picked up by whichever worker.
    scheduled_at = utcnow() + timedelta(seconds=4)
    post = create_post(db, tenant.id, [a.id for a in accounts], scheduled_at=scheduled_at)
    ids = [target.id for target in post.targets]
    assert len(ids) == 2

    def published() -> bool:
        fleet.check_alive()
        return all_published(target_states(database, ids))

    wait_until(published, timeout=45, describe=lambda: f"{target_states(database, ids)}{fleet.tails()}")
    states = target_states(database, ids)
    assert_published_once(states, scheduled_at, fleet.tails())

    # Beat keeps sending the job every second and the workers keep running it: nothing changes.
    ticks = fleet.count("succeeded in", "worker")
    time.sleep(3)
    fleet.check_alive()
    assert target_states(database, ids) == states, fleet.tails()
    assert fleet.count("succeeded in", "worker") >= ticks + 2, f"beat stopped ticking{fleet.tails()}"
    assert fleet.count("Traceback", "") == 0, fleet.tails()
