"""Issue 4: a burst of Mastodon publications due within one minute, published by two real Celery workers
fed by a real beat, against a fake Mastodon on 127.0.0.1. Goals: p99 lateness <= 1 s, >= 20,000
publishes/min, 0 duplicates, 0 lost, also while workers are being SIGKILLed.

    .venv/bin/python bench/publish_burst.py                    # every run at the issue's scale
    .venv/bin/python bench/publish_burst.py --targets 200 --runs normal

Each run, on its own:
  1. creates a PostgreSQL database `heraldo_bench_<random>` and migrates it;
  2. starts the fake Mastodon (a process of its own): `POST /api/v1/statuses` answers after a simulated
     latency, honours `Idempotency-Key` per account (a repeat gets the original status back), allows
     300 requests per account per 5 minutes, and records every request with its arrival time;
  3. generates a workspace, `--accounts` Mastodon accounts on that instance (credentials encrypted with
     the secret key the workers get) and `--targets` scheduled targets, one post each;
  4. starts `--workers` `heraldo worker` processes and one `heraldo beat` on Redis, on a queue of its own;
  5. once every worker is ready, makes the targets due: due_at = burst start + uniform(0, spread);
  6. (kill run) SIGKILLs one worker's whole process group every `--kill-interval` seconds during the
     burst and restarts it at once; what a killed worker left in 'publishing' is the reconciliation
     job's to recover (sent with a short threshold when the job takes one);
  7. waits, bounded, until no target is scheduled or publishing, and prints one table for every run;
  8. stops every process, drops the database and deletes the queue's keys from Redis.

The runs: `normal` (due over `--spread` s), `kill` (the same with workers being killed) and `capacity`
(every target due at the same instant: the throughput the fleet can give, not the rate offered to it);
`phases` (not by default) runs the publish job in this process and times each phase of a publish.
The table also says where the CPU went during the burst, from /proc: on a machine shared with other
work, `--wait-quiet 300` waits (bounded) for it to calm down before each run. `--profile` adds py-spy
samples of the workers (`pip install py-spy` into the venv) and pg_stat_activity samples.
Results and what they mean: docs/benchmarks.md.
"""

import argparse
import bisect
import contextlib
import hashlib
import html
import inspect
import json
import math
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qs, urlparse

REPO = Path(__file__).resolve().parent.parent
POSTGRES_ADMIN_URL = os.environ.get("HERALDO_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("HERALDO_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
RECONCILE_JOB = "reconcile_stuck_publishing"
TOKEN_PREFIX = "bench-token-"
FIRST_ACCOUNT_ID = 109000000000000000
RATE_LIMIT, RATE_PERIOD = 300, 300  # PLATFORM_APIS.md section 8: 300 requests / 5 min per account


# ---- the fake Mastodon -----------------------------------------------------------------------------------


def iso_ms(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(moment * 1000) % 1000:03d}Z"


class FakeMastodon(ThreadingHTTPServer):
    """Mastodon's status API as far as publishing needs it, with every request kept for the report."""

    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, accounts: int, latency: float):
        super().__init__(("127.0.0.1", 0), FakeMastodonHandler)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}"
        self.latency = latency
        self.tokens = {f"{TOKEN_PREFIX}{n}": str(FIRST_ACCOUNT_ID + n) for n in range(accounts)}
        self.lock = threading.Lock()
        self.next_id = 113500000000000000
        self.statuses: dict[str, dict[str, Any]] = {}
        self.by_account: dict[str, list[str]] = defaultdict(list)
        self.by_key: dict[tuple[str, str], str] = {}
        self.windows: dict[tuple[str, int], int] = Counter()
        # [arrival (epoch s), account id, idempotency key, status id, outcome, sha1 of the text]
        self.log: list[list[Any]] = []

    def handle_error(self, request, client_address) -> None:
        # A SIGKILLed worker resets its connections: expected in the kill run, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def account_json(self, account_id: str) -> dict[str, Any]:
        username = f"bench{int(account_id) - FIRST_ACCOUNT_ID}"
        return {"id": account_id, "username": username, "acct": username, "url": f"{self.base_url}/@{username}"}


class FakeMastodonHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle on, the body waits for the client's delayed ACK
    # (about 40 ms on Linux), a delay no real instance adds.
    disable_nagle_algorithm = True
    server: FakeMastodon

    def log_message(self, *_args) -> None:  # silence: the log of record is `server.log`
        return None

    def _answer(self, code: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _account(self) -> str | None:
        header = self.headers.get("Authorization", "")
        return self.server.tokens.get(header[7:]) if header.startswith("Bearer ") else None

    def _rate(self, account: str, now: float) -> tuple[bool, dict[str, str]]:
        """Count one request in the account's fixed 5-minute window, as rack-attack does."""
        window = int(now // RATE_PERIOD)
        self.server.windows[(account, window)] += 1
        used = self.server.windows[(account, window)]
        headers = {
            "X-RateLimit-Limit": str(RATE_LIMIT),
            "X-RateLimit-Remaining": str(max(RATE_LIMIT - used, 0)),
            "X-RateLimit-Reset": iso_ms((window + 1) * RATE_PERIOD),
        }
        return used <= RATE_LIMIT, headers

    def do_POST(self) -> None:
        arrived = time.time()
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        key = self.headers.get("Idempotency-Key") or ""
        if len(body) < length:
            # The client died mid-request (a SIGKILLed worker): nothing is created, nobody to answer.
            with server.lock:
                server.log.append([arrived, self._account(), key, None, "aborted", ""])
            self.close_connection = True
            return None
        path = urlparse(self.path).path
        if path != "/api/v1/statuses":
            return self._answer(404, {"error": "Record not found"})
        account = self._account()
        if account is None:
            return self._answer(401, {"error": "The access token is invalid"})
        try:
            if "json" in self.headers.get("Content-Type", ""):
                params = json.loads(body or b"{}")
            else:
                params = {name: values[-1] for name, values in parse_qs(body.decode()).items()}
        except ValueError:
            return self._answer(400, {"error": "Error while parsing the request body"})
        text = str(params.get("status") or "")
        digest = hashlib.sha1(text.encode()).hexdigest()[:16]
        with server.lock:
            allowed, headers = self._rate(account, arrived)
            known = server.by_key.get((account, key)) if key else None
            if not allowed:
                outcome, code, answer = "rate_limited", 429, {"error": "Too many requests"}
            elif known is not None:
                # Mastodon keeps the key about an hour and answers a repeat with the original status.
                outcome, code, answer = "replayed", 200, server.statuses[known]
            elif not text.strip():
                outcome, code, answer = "invalid", 422, {"error": "Validation failed: Text can't be blank"}
            elif len(text) > 500:
                outcome, code = "invalid", 422
                answer = {"error": "Validation failed: Text character limit of 500 exceeded"}
            else:
                server.next_id += 1
                status_id = str(server.next_id)
                account_json = server.account_json(account)
                answer = {
                    "id": status_id,
                    "created_at": iso_ms(arrived),
                    "url": f"{account_json['url']}/{status_id}",
                    "uri": f"{server.base_url}/users/{account_json['username']}/statuses/{status_id}",
                    "content": f"<p>{html.escape(text)}</p>",
                    "visibility": params.get("visibility") or "public",
                    "language": params.get("language"),
                    "in_reply_to_id": params.get("in_reply_to_id"),
                    "media_attachments": [],
                    "replies_count": 0,
                    "reblogs_count": 0,
                    "favourites_count": 0,
                    "account": account_json,
                }
                server.statuses[status_id] = answer
                server.by_account[account].append(status_id)
                if key:
                    server.by_key[(account, key)] = status_id
                outcome, code = "created", 200
            server.log.append([arrived, account, key, answer.get("id"), outcome, digest])
        time.sleep(server.latency)
        self._answer(code, answer, headers)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        parts = url.path.strip("/").split("/")
        server = self.server
        if url.path == "/__bench/log":
            with server.lock:
                return self._answer(200, server.log)
        account = self._account()
        if account is None:
            return self._answer(401, {"error": "The access token is invalid"})
        if url.path == "/api/v1/accounts/verify_credentials":
            return self._answer(200, server.account_json(account))
        if parts[:3] == ["api", "v1", "statuses"] and len(parts) == 4:
            status = server.statuses.get(parts[3])
            return self._answer(200, status) if status else self._answer(404, {"error": "Record not found"})
        if parts[:3] == ["api", "v1", "accounts"] and len(parts) == 5 and parts[4] == "statuses":
            query = {name: values[-1] for name, values in parse_qs(url.query).items()}
            limit = min(int(query.get("limit", 20)), 40)
            with server.lock:
                ids = list(reversed(server.by_account.get(parts[3], [])))
            if "max_id" in query:
                ids = [sid for sid in ids if int(sid) < int(query["max_id"])]
            if "since_id" in query or "min_id" in query:
                floor = int(query.get("since_id") or query["min_id"])
                ids = [sid for sid in ids if int(sid) > floor]
            page = [server.statuses[sid] for sid in ids[:limit]]
            headers = {}
            if len(ids) > limit:
                # Pagination is the Link header; clients follow its URLs as given.
                base = f"{server.base_url}{url.path}?limit={limit}"
                headers["Link"] = (
                    f'<{base}&max_id={page[-1]["id"]}>; rel="next", <{base}&min_id={page[0]["id"]}>; rel="prev"'
                )
            return self._answer(200, page, headers)
        return self._answer(404, {"error": "Record not found"})


def serve_fake(accounts: int, latency: float) -> None:
    """Entry point of the fake's own process: print the base URL, then serve until terminated."""
    server = FakeMastodon(accounts, latency)
    print(server.base_url, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.serve_forever(poll_interval=0.2)


@dataclass
class FakeProcess:
    process: subprocess.Popen
    base_url: str

    @classmethod
    def start(cls, accounts: int, latency: float) -> "FakeProcess":
        process = subprocess.Popen(
            [sys.executable, __file__, "--serve-fake", str(accounts), "--latency-ms", str(latency * 1000)],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        base_url = process.stdout.readline().strip()
        if not base_url.startswith("http://127.0.0.1:"):
            process.kill()
            raise RuntimeError(f"the fake Mastodon did not start (said {base_url!r})")
        return cls(process, base_url)

    def log(self) -> list[list[Any]]:
        with urllib.request.urlopen(f"{self.base_url}/__bench/log", timeout=30) as answer:  # loopback only
            return json.loads(answer.read())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


# ---- database and data -----------------------------------------------------------------------------------


def create_database(name: str) -> str:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Far enough ahead that nothing is due until the burst is placed (see place_burst).
PARKED = timedelta(days=3650)


def generate(database, *, secret_key: str, instance_url: str, accounts: int, targets: int, spread: float) -> None:
    """A workspace, its Mastodon accounts and one single-target post per target, parked in the future.

    Each target's offset in the burst is uniform in [0, spread); `place_burst` later moves the whole
    burst to start at a given moment, in one UPDATE, once the workers are ready.
    """
    from sqlalchemy import insert

    from heraldo.core.security.crypto import SecretBox
    from heraldo.posts import service as posts_service
    from heraldo.posts.models import Post, PostTarget, TargetStatus
    from heraldo.workspaces import service as workspaces_service

    box = SecretBox(secret_key)
    parked = datetime.now(UTC) + PARKED
    with database.session() as db:
        workspace = workspaces_service.create_workspace(db=db, name="Publish burst bench", timezone="UTC")
        account_ids = []
        for n in range(accounts):
            account = posts_service.create_account(
                db=db,
                box=box,
                workspace_id=workspace.id,
                platform="mastodon",
                handle=f"bench{n}",
                credentials={"access_token": f"{TOKEN_PREFIX}{n}"},
            )
            account.instance_url = instance_url
            account.platform_account_id = str(FIRST_ACCOUNT_ID + n)
            account_ids.append(account.id)
        db.commit()
        for start in range(0, targets, 2000):
            chunk = range(start, min(start + 2000, targets))
            post_ids = db.scalars(
                insert(Post).returning(Post.id, sort_by_parameter_order=True),
                [
                    {
                        "workspace_id": workspace.id,
                        "content": f"Publish burst bench, post {n + 1} of {targets}. #heraldo {uuid.uuid4().hex[:8]}",
                        "content_type": "text",
                    }
                    for n in chunk
                ],
            ).all()
            rows = []
            for n, post_id in zip(chunk, post_ids, strict=True):
                due = parked + timedelta(seconds=random.uniform(0, spread)) if spread > 0 else parked
                rows.append(
                    {
                        "workspace_id": workspace.id,
                        "post_id": post_id,
                        "account_id": account_ids[n % accounts],
                        "status": TargetStatus.SCHEDULED.value,
                        "scheduled_at": due,
                        "due_at": due,
                        "schedule_timezone": "UTC",
                        "idempotency_key": uuid.uuid4().hex,
                    }
                )
            db.execute(insert(PostTarget), rows)
            db.commit()
    # Fresh statistics for the planner, as autovacuum would have after a real day of scheduling.
    with database.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")


def place_burst(database, start: datetime) -> None:
    """Move every parked target so the burst starts at `start` (offsets kept), in one transaction."""
    from sqlalchemy import text

    with database.session() as db:
        first = db.execute(text("SELECT min(due_at) FROM post_targets")).scalar_one()
        shift = first - start
        db.execute(
            text("UPDATE post_targets SET due_at = due_at - :shift, scheduled_at = scheduled_at - :shift"),
            {"shift": shift},
        )


# ---- processes --------------------------------------------------------------------------------------------


def worker_command(args: argparse.Namespace, queue: str) -> list[str]:
    if args.pool == "prefork":
        return [heraldo_command(), "worker", "--concurrency", str(args.workers_concurrency)]
    # `heraldo worker` has no --pool: the same Celery app, started by Celery's own command.
    celery = str(Path(heraldo_command()).parent / "celery")
    return [celery, "-A", "heraldo.worker", "worker", "--pool", args.pool, "--concurrency",
            str(args.workers_concurrency), "-Q", queue, "--loglevel", "INFO"]  # fmt: skip


def heraldo_command() -> str:
    beside = Path(sys.executable).parent / "heraldo"
    return str(beside if beside.exists() else REPO / ".venv" / "bin" / "heraldo")


@dataclass
class Fleet:
    """`heraldo worker` / `heraldo beat` processes, each in its own process group, logging to files."""

    env: dict[str, str]
    cwd: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    streams: list[IO] = field(default_factory=list)
    starts: Counter = field(default_factory=Counter)

    def start(self, name: str, *argv: str) -> None:
        self.starts[name] += 1
        log = (self.cwd / f"{name}.{self.starts[name]}.log").open("wb")
        self.streams.append(log)
        self.processes[name] = subprocess.Popen(
            list(argv),
            env=self.env,
            cwd=self.cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    def logs(self, prefix: str = "") -> list[Path]:
        return sorted(self.cwd.glob(f"{prefix}*.log"))

    def grep(self, needle: str, prefix: str = "") -> int:
        return sum(path.read_text(errors="replace").count(needle) for path in self.logs(prefix))

    def wait_ready(self, names: list[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for name in names:
            path = self.cwd / f"{name}.{self.starts[name]}.log"
            while " ready." not in path.read_text(errors="replace"):
                process = self.processes[name]
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.tail(path)}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} not ready after {timeout} s:\n{self.tail(path)}")
                time.sleep(0.2)

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group: the Celery parent and its prefork children at once."""
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def exited(self) -> dict[str, int]:
        return {name: p.returncode for name, p in self.processes.items() if p.poll() is not None}

    @staticmethod
    def tail(path: Path, lines: int = 40) -> str:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self, timeout: float = 20) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)  # Celery's warm shutdown
        deadline = time.monotonic() + timeout
        for process in self.processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        for stream in self.streams:
            stream.close()


def clean_redis(queue: str) -> None:
    """Delete the queue, kombu's bindings for it and the unacked messages a killed worker held for it."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=10)
    try:
        priorities = [f"{queue}\x06\x16{level}" for level in range(10)]
        client.delete(queue, *priorities, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        # Kombu keeps delivered-but-unacked messages in one hash for the whole Redis database and
        # would restore them to this queue later: remove only this queue's.
        ours = []
        for tag, payload in client.hscan_iter("unacked"):
            with contextlib.suppress(ValueError, TypeError, IndexError):
                if json.loads(payload)[2] == queue:
                    ours.append(tag)
        if ours:
            client.hdel("unacked", *ours)
            client.zrem("unacked_index", *ours)
    finally:
        client.close()


def reconcile_kwargs(threshold: float) -> dict[str, Any] | None:
    """Kwargs that run the reconciliation job with a short threshold, or None when the job is absent
    or takes no threshold (then only beat's own schedule runs it)."""
    from heraldo.core.dispatch import registered_jobs

    function = registered_jobs().get(RECONCILE_JOB)
    if function is None:
        return None
    for name, parameter in inspect.signature(function).parameters.items():
        if name == "db" or parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            continue
        if any(word in name for word in ("second", "threshold", "older", "stuck", "after")):
            minutes = "minute" in name
            return {name: threshold / 60 if minutes else threshold}
    return None


# ---- where the CPU went ----------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(process group, CPU seconds used so far) of a live process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return int(fields[2]), (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / CLOCK_TICKS


OTHERS = "other processes"
CPU_ROLES = [
    "workers",
    "PostgreSQL, our connections",
    "PostgreSQL, background (shared)",
    "fake Mastodon",
    "beat",
    "this script",
    OTHERS,
]


def machine_load(seconds: float = 2.0) -> float:
    """Cores the machine keeps busy right now (measured over `seconds`)."""
    before = _machine_busy()
    time.sleep(seconds)
    return (_machine_busy() - before) / seconds


def wait_until_quiet(limit: float, timeout: float, say) -> float:
    """Wait (at most `timeout` s) until the machine is busier than `limit` cores no more; the last load."""
    deadline = time.monotonic() + timeout
    load = machine_load()
    while load > limit and time.monotonic() < deadline:
        say(f"machine busy with other work ({load:.1f} cores), waiting for it to calm down")
        time.sleep(10)
        load = machine_load()
    return load


class CpuMeter:
    """CPU seconds per role over a window: the worker process groups, beat, the fake, this script, our
    database's PostgreSQL backends, PostgreSQL's own background processes, and everything else."""

    def __init__(self) -> None:
        self.first: dict[int, float] = {}
        self.last: dict[int, tuple[str, float]] = {}
        self.machine_start = self.machine_end = 0.0
        self.started = self.ended = 0.0

    def sample(self, roles: dict[int, str], groups: dict[int, str], backends: dict[int, str]) -> None:
        """`roles` by pid, `groups` by process group id, `backends` by PostgreSQL backend pid."""
        baseline = not self.started
        if baseline:
            self.started, self.machine_start = time.monotonic(), _machine_busy()
        self.ended, self.machine_end = time.monotonic(), _machine_busy()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            stat = _proc_stat(pid)
            role = roles.get(pid) or backends.get(pid) or (groups.get(stat[0]) if stat else None)
            if stat is None or role is None:
                continue
            # At the first sample a process's past is not counted; one first seen later was born in the
            # window (a restarted worker, a new backend) and all its time counts.
            self.first.setdefault(pid, stat[1] if baseline else 0.0)
            self.last[pid] = (role, stat[1])

    def report(self) -> tuple[float, dict[str, float]]:
        used: dict[str, float] = Counter()
        for pid, (role, seconds) in self.last.items():
            used[role] += seconds - self.first.get(pid, 0.0)
        used[OTHERS] = max(self.machine_end - self.machine_start - sum(used.values()), 0)
        return self.ended - self.started, dict(used)


# ---- one run ----------------------------------------------------------------------------------------------


@dataclass
class RunResult:
    name: str
    spread: float
    rows: list[tuple[str, str]]
    ok: bool
    notes: list[str] = field(default_factory=list)


def remove_workdir(workdir: Path, *, keep: bool, say) -> None:
    """Last of a run's cleanups: the logs go, unless asked for or the run failed."""
    if keep:
        say(f"logs kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


def nearest_rank(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def describe_lateness(values: list[float]) -> str:
    if not values:
        return "n/a"
    return " / ".join(f"{nearest_rank(values, q):.2f}" for q in (0.5, 0.95, 0.99)) + f" / {max(values):.2f}"


def run_once(args: argparse.Namespace, name: str, spread: float, kill: bool) -> RunResult:
    from sqlalchemy import func, select, text

    from heraldo.core.db import Database
    from heraldo.core.migrations import upgrade
    from heraldo.posts.models import PostTarget, TargetStatus
    from heraldo.worker import BEAT, celery_app

    suffix = secrets.token_hex(4)
    db_name, queue = f"heraldo_bench_{suffix}", f"heraldo-bench-{suffix}"
    workdir = Path(tempfile.mkdtemp(prefix=f"heraldo-bench-{name}-"))
    secret_key = secrets.token_urlsafe(32)
    say = lambda message: print(f"[{name} {time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: E731

    with contextlib.ExitStack() as cleanup:
        cleanup.push(lambda failed, *_: remove_workdir(workdir, keep=args.keep_logs or failed is not None, say=say))
        load_before = wait_until_quiet(args.quiet_below, args.wait_quiet, say)
        url = create_database(db_name)
        cleanup.callback(drop_database, db_name)
        upgrade(url)
        database = Database(url)
        cleanup.callback(database.dispose)

        fake = FakeProcess.start(args.accounts, args.latency_ms / 1000)
        cleanup.callback(fake.stop)
        generated = time.monotonic()
        generate(
            database,
            secret_key=secret_key,
            instance_url=fake.base_url,
            accounts=args.accounts,
            targets=args.targets,
            spread=spread,
        )
        say(
            f"database {db_name}, fake Mastodon at {fake.base_url}, {args.targets} targets on {args.accounts} "
            f"accounts generated in {time.monotonic() - generated:.1f} s; work dir {workdir}"
        )

        env = {
            **os.environ,
            "HERALDO_DATABASE_URL": url,
            "HERALDO_BROKER_URL": REDIS_URL,
            "HERALDO_CELERY_QUEUE": queue,
            "HERALDO_SECRET_KEY": secret_key,
            "HERALDO_DATA_DIR": str(workdir / "data"),
        }
        fleet = Fleet(env=env, cwd=workdir)
        cleanup.callback(clean_redis, queue)
        cleanup.callback(fleet.stop)
        workers = [f"worker-{n + 1}" for n in range(args.workers)]
        worker_args = worker_command(args, queue)
        for worker in workers:
            fleet.start(worker, *worker_args)
        fleet.start("beat", heraldo_command(), "beat", "--schedule-file", str(workdir / "celerybeat-schedule"))
        booted = time.monotonic()
        fleet.wait_ready(workers, args.boot_timeout)
        pool = f"{args.workers} workers x {args.workers_concurrency} {args.pool}"
        say(f"{pool} ready in {time.monotonic() - booted:.1f} s")

        burst_start = datetime.now(UTC) + timedelta(seconds=args.lead)
        place_burst(database, burst_start)
        burst_end = burst_start + timedelta(seconds=spread)
        say(
            f"burst: {args.targets} targets due from {burst_start:%H:%M:%S} "
            + (f"over {spread:g} s" if spread else "all at that instant")
        )

        shortcut = reconcile_kwargs(args.reconcile_after) if kill else None
        in_beat = any(entry.job == RECONCILE_JOB for entry in BEAT)
        deadline = time.monotonic() + args.lead + spread + args.timeout
        kills: list[float] = []
        profiles: list[subprocess.Popen] = []
        waits: Counter = Counter()
        meter = CpuMeter()
        last_kill = last_reconcile = last_report = 0.0
        last_progress, last_counts = time.monotonic(), None
        stop_reason = "timeout"
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = datetime.now(UTC)
            with database.session() as db:
                counts = dict(db.execute(select(PostTarget.status, func.count()).group_by(PostTarget.status)).all())
                activity = db.execute(text(ACTIVITY)).all() if now >= burst_start else []
            if now >= burst_start:
                meter.sample(*fleet_roles(fleet, fake, db_name, activity))
                if args.profile:
                    waits.update((row.state, row.wait, row.query) for row in activity if row.datname == db_name)
            pending = counts.get(TargetStatus.SCHEDULED.value, 0) + counts.get(TargetStatus.PUBLISHING.value, 0)
            if counts != last_counts:
                last_counts, last_progress = counts, time.monotonic()
            if time.monotonic() - last_report >= 5:
                last_report = time.monotonic()
                say(", ".join(f"{status} {count}" for status, count in sorted(counts.items())))
            if args.profile and not profiles and now >= burst_start:
                profiles = start_profiles(fleet, workers, workdir)
            if pending == 0 and now >= burst_end:
                stop_reason = "done"
                break
            crashed = {n: code for n, code in fleet.exited().items() if not (kill and n in workers)}
            if crashed:
                raise RuntimeError(f"processes exited: {crashed}")
            if (
                kill
                and burst_start <= now <= burst_end + timedelta(seconds=args.kill_interval)
                and counts.get(TargetStatus.SCHEDULED.value, 0) > 0
                and time.monotonic() - last_kill >= args.kill_interval
                and len(kills) < args.max_kills
            ):
                victim = workers[len(kills) % len(workers)]
                fleet.kill(victim)
                fleet.start(victim, *worker_args)
                kills.append(time.monotonic())
                last_kill = time.monotonic()
                say(f"SIGKILLed {victim}'s process group and restarted it (kill {len(kills)})")
            only_stuck = counts.get(TargetStatus.SCHEDULED.value, 0) == 0 and pending > 0 and now >= burst_end
            if only_stuck and shortcut and time.monotonic() - last_reconcile >= 10:
                last_reconcile = time.monotonic()
                celery_app.send_task(f"heraldo.{RECONCILE_JOB}", kwargs=shortcut, queue=queue)
                say(f"sent {RECONCILE_JOB}({shortcut}) for {pending} targets left in 'publishing'")
            if only_stuck and not shortcut and not in_beat and time.monotonic() - last_progress > 20:
                stop_reason = f"only 'publishing' left and no {RECONCILE_JOB} job to recover them"
                break
        for profile in profiles:
            profile.send_signal(signal.SIGINT)  # py-spy writes its samples on Ctrl-C
        for profile in profiles:
            profile.wait(timeout=60)
        time.sleep(1)  # answers already sent reach the log before it is read
        fake_log = fake.log()

        with database.session() as db:
            targets = db.execute(
                select(
                    PostTarget.idempotency_key,
                    PostTarget.status,
                    PostTarget.scheduled_at,
                    PostTarget.published_at,
                    PostTarget.updated_at,
                    PostTarget.attempts,
                )
            ).all()
        errors = fleet.grep("Traceback")
        failures = fleet.grep("publish failed")
        # What the reconciliation did: claims it released unsent (logged), sent ones it found on the platform.
        released = fleet.grep("released a claim that was never sent")
        with database.session() as db:
            found = db.execute(
                text("SELECT count(*) FROM publish_attempts WHERE message LIKE '%after the worker stopped%'")
            ).scalar_one()
        result = summarise(
            name=name,
            args=args,
            spread=spread,
            burst_start=burst_start.timestamp(),
            targets=targets,
            fake_log=fake_log,
            kills=len(kills),
            stop_reason=stop_reason,
            errors=errors,
            failures=failures,
            recovered=(released, found),
            reconcile=("sent with " + json.dumps(shortcut)) if shortcut else ("beat only" if in_beat else "absent"),
            cpu=meter.report(),
            load_before=load_before,
        )
        if args.profile:
            result.notes += summarise_profiles(sorted(workdir.glob("*.profile.txt")))
            total = sum(waits.values()) or 1
            result.notes.append(f"pg_stat_activity of our connections, sampled every 0.5 s ({total} samples):")
            result.notes += [
                f"  {count / total:6.1%}  {state} | {wait} | {query}"
                for (state, wait, query), count in waits.most_common(12)
            ]
        for line in result.notes:
            say(line)
    return result


ACTIVITY = (
    "SELECT pid, datname, backend_type, state, coalesce(wait_event_type || ':' || wait_event, 'on CPU') AS wait,"
    " left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS query FROM pg_stat_activity"
)


def fleet_roles(fleet: Fleet, fake: FakeProcess, db_name: str, activity: list) -> tuple[dict, dict, dict]:
    """Who is who for the CPU meter: by pid, by process group, and PostgreSQL backends by pid."""
    roles = {os.getpid(): "this script", fake.process.pid: "fake Mastodon"}
    groups = {p.pid: ("beat" if name == "beat" else "workers") for name, p in fleet.processes.items()}
    backends = {}
    for row in activity:
        if row.datname == db_name and row.backend_type == "client backend":
            backends[row.pid] = "PostgreSQL, our connections"
        elif row.backend_type != "client backend":
            backends[row.pid] = "PostgreSQL, background (shared)"
    return roles, groups, backends


def start_profiles(fleet: Fleet, workers: list[str], workdir: Path) -> list[subprocess.Popen]:
    """py-spy on every worker (with its pool processes), on-CPU samples only, until SIGINT: on 2 cores the
    throughput is what one publish costs in CPU, and waits mostly measure other processes' turns."""
    spy = Path(sys.executable).parent / "py-spy"
    return [
        subprocess.Popen(
            [
                str(spy), "record", "--pid", str(fleet.processes[worker].pid), "--subprocesses",
                "--rate", "100", "--format", "raw", "--output", str(workdir / f"{worker}.profile.txt"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for worker in workers
    ]  # fmt: skip


# Where a sample's time goes, by the first package met walking from the innermost frame outwards.
PROFILE_CATEGORIES = [
    ("psycopg", "psycopg (driver, and PostgreSQL waits with --idle)"),
    ("httpcore", "HTTP to the platform"),
    ("httpx", "HTTP to the platform"),
    ("h11", "HTTP to the platform"),
    ("sqlalchemy", "SQLAlchemy (Python)"),
    ("cryptography", "credential decryption"),
    ("structlog", "logging"),
    ("logging/", "logging"),
]


def summarise_profiles(paths: list[Path]) -> list[str]:
    """py-spy raw stacks of the pool processes while they ran a job: by category, and by heraldo call."""
    categories: Counter = Counter()
    calls: Counter = Counter()
    idle = 0
    for path in paths:
        for line in path.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            frames, samples = stack.split(";"), int(count)
            if not any(frame.startswith("run_job ") for frame in frames):
                idle += samples
                continue
            category = next(
                (name for frame in reversed(frames) for key, name in PROFILE_CATEGORIES if key in frame), "other Python"
            )
            categories[category] += samples
            ours = [frame.split(" ")[0] for frame in frames if "heraldo/" in frame]
            calls[" > ".join(ours[-3:])] += samples
    busy = sum(categories.values()) or 1
    lines = [f"py-spy, CPU samples of the workers inside a job ({busy}; {idle} outside any job, Celery itself):"]
    lines += [f"  {samples / busy:6.1%}  {name}" for name, samples in categories.most_common()]
    lines.append("  by innermost heraldo calls:")
    lines += [f"  {samples / busy:6.1%}  {name}" for name, samples in calls.most_common(12)]
    return lines


def summarise(
    *,
    name: str,
    args: argparse.Namespace,
    spread: float,
    burst_start: float,
    targets: list,
    fake_log: list[list[Any]],
    kills: int,
    stop_reason: str,
    errors: int,
    failures: int,
    recovered: tuple[int, int],
    reconcile: str,
    cpu: tuple[float, dict[str, float]],
    load_before: float,
) -> RunResult:
    created = [entry for entry in fake_log if entry[4] == "created"]
    first_created = {}
    for arrived, _account, key, _sid, _outcome, _digest in created:
        first_created.setdefault(key, arrived)
    # A duplicate is a second status with the same text on the same account, whatever key it came with.
    per_text = Counter((entry[1], entry[5]) for entry in created)
    duplicates = sum(count - 1 for count in per_text.values())
    outcomes = Counter(entry[4] for entry in fake_log)
    keys_sent = Counter(entry[2] for entry in fake_log if entry[4] in ("created", "replayed"))
    resent = sum(count - 1 for count in keys_sent.values())

    statuses = Counter(row.status for row in targets)
    lost = len(targets) - statuses.get("published", 0)
    received = {entry[2] for entry in fake_log if entry[4] in ("created", "replayed")}
    never_sent = sum(1 for row in targets if row.status != "published" and row.idempotency_key not in received)
    late_fake, late_db, late_commit = [], [], []
    for row in targets:
        due = row.scheduled_at.timestamp()
        if row.idempotency_key in first_created:
            late_fake.append(first_created[row.idempotency_key] - due)
        if row.status == "published":
            late_db.append(row.published_at.timestamp() - due)
            late_commit.append(row.updated_at.timestamp() - due)
    arrivals = sorted(entry[0] for entry in created)
    throughput = peak = 0.0
    if arrivals:
        window = max(arrivals[-1] - burst_start, 1.0)
        throughput = len(arrivals) / window * 60
        # Busiest 10 s (sliding over arrivals), per minute.
        peak = max(bisect.bisect_right(arrivals, t + 10) - i for i, t in enumerate(arrivals)) * 6
    offered = f"{args.targets / spread * 60:,.0f}/min" if spread else "all at once"
    unsettled = ", ".join(f"{s} {c}" for s, c in sorted(statuses.items()) if s != "published") or "none"
    if lost:
        unsettled += f"; {never_sent} of them never reached the fake"
    window, used = cpu
    ours = sum(seconds for role, seconds in used.items() if role != OTHERS)
    cpu_rows = " / ".join(f"{used.get(role, 0.0):.0f}" for role in CPU_ROLES)
    per_publish = ours / len(created) * 1000 if created else 0.0
    rows = [
        ("due", f"uniform over {spread:g} s ({offered})" if spread else "one instant"),
        ("workers", f"{args.workers} x {args.pool} {args.workers_concurrency}, beat every {publish_tick()} s"),
        ("targets", f"{len(targets):,}"),
        ("published (DB)", f"{statuses.get('published', 0):,}"),
        ("statuses created at the fake", f"{len(created):,}"),
        ("lateness at the fake p50 / p95 / p99 / max (s)", describe_lateness(late_fake)),
        ("published_at - scheduled_at p50 / p95 / p99 / max (s)", describe_lateness(late_db)),
        ("row committed - scheduled_at p50 / p95 / p99 / max (s)", describe_lateness(late_commit)),
        ("publishes/min, first due -> last publish", f"{throughput:,.0f}"),
        ("publishes/min, busiest 10 s", f"{peak:,.0f}"),
        ("duplicates (2nd status, same account + text)", str(duplicates)),
        ("lost (not published at the end)", f"{lost} ({unsettled})"),
        ("re-sent keys (answered from the idempotency cache)", str(resent)),
        (
            "fake: answered 429 / 422 / requests cut off by a kill",
            f"{outcomes['rate_limited']} / {outcomes['invalid']} / {outcomes['aborted']}",
        ),
        ("targets with attempts > 1", str(sum(1 for row in targets if row.attempts > 1))),
        (
            "CPU core-s over the burst: " + " / ".join(CPU_ROLES),
            f"{cpu_rows} (of {window * (os.cpu_count() or 1):.0f} in {window:.0f} s)",
        ),
        ("CPU ms per status created (all but other processes)", f"{per_publish:.1f}"),
        ("machine load just before the run (busy cores)", f"{load_before:.1f}"),
        ("workers SIGKILLed", str(kills)),
        (f"{RECONCILE_JOB}", reconcile),
        ("reconciled: released unsent / found on the platform", f"{recovered[0]} / {recovered[1]}"),
        ("tracebacks / 'publish failed' in worker logs", f"{errors} / {failures}"),
        ("ended", stop_reason),
    ]
    return RunResult(name=name, spread=spread, rows=rows, ok=duplicates == 0 and lost == 0)


def print_table(results: list[RunResult]) -> None:
    header = "| metric | " + " | ".join(result.name for result in results) + " |"
    print(header)
    print("|" + "---|" * (len(results) + 1))
    for index, (metric, _) in enumerate(results[0].rows):
        print(f"| {metric} | " + " | ".join(result.rows[index][1] for result in results) + " |")


def phase_breakdown(args: argparse.Namespace) -> list[str]:
    """One process runs the publish job itself over a burst of `--targets`, all due: CPU and wall time
    per phase of a publish (the service functions wrapped here, in this process only) and the SQL
    statements per publish. Independent of other processes' load, unlike the fleet runs' CPU figures."""
    import logging

    from sqlalchemy import event

    from heraldo.core.db import Database
    from heraldo.core.dispatch import run_job
    from heraldo.core.logging import configure_logging
    from heraldo.core.migrations import upgrade
    from heraldo.core.settings import get_settings
    from heraldo.posts import service as posts_service
    from heraldo.publishing import service
    from heraldo.publishing.connectors.registry import get_connector

    suffix = secrets.token_hex(4)
    db_name, workdir = f"heraldo_bench_{suffix}", Path(tempfile.mkdtemp(prefix="heraldo-bench-phases-"))
    secret_key = secrets.token_urlsafe(32)
    phases = [
        (service, "claim_due_targets", "claim (one per batch of targets)"),
        (service, "_load_targets", "load the targets, accounts, posts, media (one per batch)"),
        (posts_service, "account_credentials", "decrypt the credentials"),
        (service, "_mark_sending", "mark the target as sending"),
        (type(get_connector("mastodon")), "publish", "connector.publish (the HTTP call)"),
        (service, "_store_published", "store the outcome (and log it)"),
    ]
    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    originals = []

    def timed(function, label):
        def wrapper(*a, **kw):
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                return function(*a, **kw)
            finally:
                spent[label][0] += time.process_time() - cpu
                spent[label][1] += time.perf_counter() - wall

        return wrapper

    with contextlib.ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        wait_until_quiet(args.quiet_below, args.wait_quiet, print)
        url = create_database(db_name)
        cleanup.callback(drop_database, db_name)
        upgrade(url)
        database = Database(url)
        cleanup.callback(database.dispose)
        fake = FakeProcess.start(args.accounts, args.latency_ms / 1000)
        cleanup.callback(fake.stop)
        generate(database, secret_key=secret_key, instance_url=fake.base_url, accounts=args.accounts,
                 targets=args.targets, spread=0)  # fmt: skip
        place_burst(database, datetime.now(UTC))
        os.environ.update(HERALDO_DATABASE_URL=url, HERALDO_SECRET_KEY=secret_key, HERALDO_DATA_DIR=str(workdir))
        get_settings.cache_clear()
        cleanup.callback(get_settings.cache_clear)
        import heraldo.worker  # noqa: F401  (registers the jobs, as a worker does)

        # Logs formatted as a worker's, into a file; this process's logging is put back afterwards.
        root = logging.getLogger()
        saved = root.handlers[:], root.level
        log_file = (workdir / "phases.log").open("w")
        cleanup.callback(log_file.close)
        cleanup.callback(lambda: (setattr(root, "handlers", saved[0]), root.setLevel(saved[1])))
        configure_logging("INFO")
        root.handlers[0].setStream(log_file)
        statements: Counter = Counter()

        def count(_conn, _cursor, statement, *_args) -> None:
            words = statement.split()
            table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", statement)
            statements[f"{words[0]} {table.group(1) if table else ''}".strip()] += 1

        event.listen(database.engine, "before_cursor_execute", count)
        event.listen(database.engine, "begin", lambda _conn: statements.update(["BEGIN"]))
        event.listen(database.engine, "commit", lambda _conn: statements.update(["COMMIT"]))
        for owner, name, label in phases:
            if hasattr(owner, name):
                originals.append((owner, name, getattr(owner, name)))
                setattr(owner, name, timed(getattr(owner, name), label))
        try:
            cpu, wall = time.process_time(), time.perf_counter()
            handled = run_job(database, "publish_due_posts", {})
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        finally:
            for owner, name, original in originals:
                setattr(owner, name, original)
    handled = max(handled, 1)
    lines = [
        f"one process, {handled} targets all due, fake latency {args.latency_ms:g} ms: "
        f"{cpu / handled * 1000:.2f} ms CPU and {wall / handled * 1000:.2f} ms wall per publish "
        f"({handled / wall * 60:,.0f}/min from this one process)",
        "| phase | CPU ms per publish | wall ms per publish |",
        "|---|---|---|",
    ]
    for _owner, _name, label in phases:
        if label in spent:
            cpu_ms, wall_ms = (seconds / handled * 1000 for seconds in spent[label])
            lines.append(f"| {label} | {cpu_ms:.2f} | {wall_ms:.2f} |")
    rest_cpu = cpu - sum(value[0] for value in spent.values())
    rest_wall = wall - sum(value[1] for value in spent.values())
    lines.append(f"| everything else | {rest_cpu / handled * 1000:.2f} | {rest_wall / handled * 1000:.2f} |")
    lines.append("SQL statements per publish: " + ", ".join(
        f"{name} {number / handled:.2f}" for name, number in statements.most_common()
    ))  # fmt: skip
    return lines


RUNS = {
    # name: (spread, kill); `spread` None means --spread
    "normal": (None, False),
    "kill": (None, True),
    "capacity": (0.0, False),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=int, default=10_000, help="targets in the burst (default 10000)")
    parser.add_argument("--accounts", type=int, default=50, help="Mastodon accounts (default 50)")
    parser.add_argument("--workers", type=int, default=2, help="`heraldo worker` processes (default 2)")
    parser.add_argument(
        "--workers-concurrency", type=int, default=4, help="pool processes (or threads) per worker (default 4)"
    )
    parser.add_argument(
        "--pool",
        choices=["prefork", "threads"],
        default="prefork",
        help="Celery pool (threads: `celery -A heraldo.worker worker --pool threads`; heraldo worker has no --pool)",
    )
    parser.add_argument("--spread", type=float, default=60.0, help="seconds the due times are spread over (60)")
    parser.add_argument(
        "--runs", default="normal,kill,capacity", help="comma list of normal, kill, capacity, phases (one process)"
    )
    parser.add_argument("--latency-ms", type=float, default=5.0, help="fake Mastodon answer latency (5 ms)")
    parser.add_argument("--lead", type=float, default=3.0, help="seconds from workers ready to the burst (3)")
    parser.add_argument("--kill-interval", type=float, default=5.0, help="seconds between kills (kill run, 5)")
    parser.add_argument("--max-kills", type=int, default=20, help="at most this many kills per run (20)")
    parser.add_argument(
        "--reconcile-after", type=float, default=30.0, help="stuck threshold (s) passed to the reconciliation job"
    )
    parser.add_argument("--timeout", type=float, default=480.0, help="seconds to wait after the burst ends (480)")
    parser.add_argument("--boot-timeout", type=float, default=90.0, help="seconds for the workers to be ready")
    parser.add_argument(
        "--wait-quiet", type=float, default=0.0, help="wait up to this many s for a quiet machine before each run"
    )
    parser.add_argument("--quiet-below", type=float, default=0.3, help="busy cores that count as quiet (0.3)")
    parser.add_argument("--profile", action="store_true", help="py-spy every worker during the burst")
    parser.add_argument("--keep-logs", action="store_true", help="keep the worker and beat logs")
    parser.add_argument("--serve-fake", type=int, metavar="ACCOUNTS", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.serve_fake is not None:
        serve_fake(args.serve_fake, args.latency_ms / 1000)
        return 0
    if args.profile and not (Path(sys.executable).parent / "py-spy").exists():
        parser.error("--profile needs py-spy in this environment: pip install py-spy")
    names = [run.strip() for run in args.runs.split(",") if run.strip()]
    unknown = [run for run in names if run not in [*RUNS, "phases"]]
    if unknown:
        parser.error(f"unknown runs {unknown}; choose from {', '.join(RUNS)}")
    # The bench process itself sends tasks (the reconciliation shortcut) to the same broker.
    os.environ["HERALDO_BROKER_URL"] = REDIS_URL

    from heraldo.publishing.connectors.registry import find_connector

    if find_connector("mastodon") is None:
        print("no Mastodon connector in this installation (heraldo.publishing.connectors.mastodon)", file=sys.stderr)
        return 2
    started = datetime.now(UTC)
    results = []
    phases = []
    if "phases" in names:
        names.remove("phases")
        phases = phase_breakdown(args)
    for run in names:
        spread, kill = RUNS[run]
        results.append(run_once(args, run, args.spread if spread is None else spread, kill))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    print()
    print(
        f"publish burst, {started:%Y-%m-%d %H:%M} UTC, commit {commit.stdout.strip() or '?'}"
        f"{' + uncommitted changes' if dirty() else ''}, {os.cpu_count()} CPUs, "
        f"fake Mastodon latency {args.latency_ms:g} ms"
    )
    if results:
        print()
        print_table(results)
    if phases:
        print()
        print("\n".join(phases))
    return 0 if all(result.ok for result in results) else 1


def dirty() -> bool:
    status = subprocess.run(["git", "status", "--porcelain", "src"], cwd=REPO, capture_output=True, text=True)
    return bool(status.stdout.strip())


def publish_tick() -> float:
    """How often beat sends publish_due_posts (from the beat table the workers use)."""
    from heraldo.worker import BEAT

    return next(entry.every_seconds for entry in BEAT if entry.job == "publish_due_posts")


if __name__ == "__main__":
    sys.exit(main())
