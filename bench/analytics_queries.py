"""Issue 5: analytics queries on a generated workspace with 100,000 published targets and 1,000,000 metric
snapshots on PostgreSQL. Goals: dashboard p50 <= 50 ms, optimal times p50 <= 100 ms, and at least 20x faster
than loading every post into Python and looping over it.

    .venv/bin/python bench/analytics_queries.py                  # the issue's scale
    .venv/bin/python bench/analytics_queries.py --targets 10000 --repeat 10

The run:
  1. creates a PostgreSQL database `heraldo_bench_analytics_<random>` and migrates it;
  2. generates, in SQL (INSERT ... SELECT over generate_series, no ORM loop), one workspace with `--accounts`
     accounts over the seven real platforms, `--targets` published targets (one post each, published over the
     last 365 days, content types varied) and `--snapshots-per-target` PostMetrics snapshots per target whose
     counters grow to the final ones, plus the matching LatestPostMetrics row (the last snapshot); ANALYZE;
  3. times, after one warm-up call, `--repeat` calls of service.dashboard (90 days), service.top_posts
     (90 days, by engagement rate, first page) and best_times.optimal_times (the weekday x hour grid) for 90
     and 365 days, each call in a session of its own as a request would have;
  4. times `--naive-repeat` runs of the loop approach for the same dashboard: every target of the period and
     of the previous one loaded through the ORM with its snapshots, the latest picked and everything summed
     in Python; checks its totals equal the service's, and reports the speed-up;
  5. with --covering-index, adds an index (workspace_id, published_at) INCLUDE (every column the aggregates
     read) to the bench database only, VACUUMs, and times the four operations again;
  6. prints one table and drops the database (also on failure or Ctrl-C).
"""

import argparse
import contextlib
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
POSTGRES_ADMIN_URL = os.environ.get("HERALDO_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PLATFORMS = ("x", "threads", "instagram", "facebook", "linkedin", "bluesky", "mastodon")
# Weighted: text and images are the bulk of what gets posted.
CONTENT_TYPES = ("text", "text", "text", "image", "image", "video", "carousel", "link", "story", "reel")
# Platforms that report no impressions, reach, saves or clicks (their rate is per follower).
NO_IMPRESSIONS = ("bluesky", "mastodon")
FOLLOWERS = 2000
# --covering-index: the (workspace_id, published_at) index of latest_post_metrics with what aggregates read.
COVERING_INDEX = (
    "CREATE INDEX ix_bench_latest_post_metrics_covering ON latest_post_metrics (workspace_id, published_at)"
    " INCLUDE (platform, content_type, engagements, likes, comments, shares, quotes, saves, clicks, impressions,"
    " reach, video_views, engagement_rate)"
)
COUNTERS = ("likes", "comments", "shares", "quotes", "saves", "clicks", "impressions", "reach", "video_views")


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


def engagements_sql(source: str) -> str:
    """SQL: the engagements of a row of `source` (platform and counters), as analytics/engagement.py counts."""
    from heraldo.analytics.engagement import ENGAGEMENT_FIELDS

    whens = " ".join(
        f"WHEN '{platform}' THEN " + " + ".join(f"coalesce({source}.{name}, 0)" for name in fields)
        for platform, fields in ENGAGEMENT_FIELDS.items()
        if platform in PLATFORMS
    )
    return f"(CASE {source}.platform {whens} ELSE 0 END)"


def generate(url: str, *, accounts: int, targets: int, snapshots: int, timezone: str, now: datetime) -> int:
    """The workspace, its accounts, posts, published targets, snapshots and latest rows; its id."""
    import psycopg

    platforms = "ARRAY[" + ", ".join(f"'{p}'" for p in PLATFORMS) + "]"
    content_types = "ARRAY[" + ", ".join(f"'{c}'" for c in CONTENT_TYPES) + "]"
    no_impressions = "(" + ", ".join(f"'{p}'" for p in NO_IMPRESSIONS) + ")"
    scaled = ", ".join(f"floor(f.{name}::float8 * s / %(snapshots)s)::int AS {name}" for name in COUNTERS)
    counters = ", ".join(COUNTERS)
    rate = f"e.engagements::float8 / coalesce(nullif(e.impressions, 0), nullif(e.reach, 0), {FOLLOWERS})"
    params = {"accounts": accounts, "targets": targets, "snapshots": snapshots, "tz": timezone, "now": now}
    with psycopg.connect(url, autocommit=False) as conn, conn.cursor() as cur:
        cur.execute("SELECT setseed(0.5)")
        workspace_id = cur.execute(
            "INSERT INTO workspaces (name, timezone, is_demo, created_at, updated_at)"
            " VALUES ('Analytics bench', %(tz)s, false, %(now)s, %(now)s) RETURNING id",
            params,
        ).fetchone()[0]
        params["ws"] = workspace_id
        cur.execute(
            "INSERT INTO social_accounts (workspace_id, platform, handle, display_name, status, is_demo,"
            " created_at, updated_at)"
            f" SELECT %(ws)s, ({platforms})[1 + (n - 1) %% {len(PLATFORMS)}], 'bench' || n, 'Bench ' || n,"
            " 'active', false, %(now)s, %(now)s FROM generate_series(1, %(accounts)s) n",
            params,
        )
        cur.execute(
            "CREATE TEMP TABLE bench_accounts AS SELECT row_number() OVER (ORDER BY id) AS idx, id, platform"
            " FROM social_accounts WHERE workspace_id = %(ws)s",
            params,
        )
        # One row per target: its account, content type, publication instant and final counters.
        cur.execute(
            f"""
            CREATE TEMP TABLE bench_final AS
            WITH base AS (
                SELECT n, 1 + floor(random() * %(accounts)s)::int AS idx,
                       ({content_types})[1 + floor(random() * {len(CONTENT_TYPES)})::int] AS content_type,
                       %(now)s::timestamptz - random() * interval '365 days' AS published_at,
                       200 + floor(random() * random() * 20000)::int AS views, random() AS r1, random() AS r2,
                       random() AS r3, random() AS r4
                FROM generate_series(1, %(targets)s) n
            )
            SELECT n, a.id AS account_id, a.platform, b.content_type, b.published_at,
                   floor(b.views * b.r1 * 0.06)::int AS likes,
                   floor(b.views * b.r1 * 0.06 * b.r2 * 0.3)::int AS comments,
                   floor(b.views * b.r1 * 0.06 * b.r3 * 0.2)::int AS shares,
                   CASE WHEN a.platform IN ('x', 'threads', 'bluesky', 'mastodon')
                        THEN floor(b.views * b.r1 * b.r4 * 0.005)::int END AS quotes,
                   CASE WHEN a.platform NOT IN {no_impressions}
                        THEN floor(b.views * b.r4 * 0.01)::int END AS saves,
                   CASE WHEN a.platform NOT IN {no_impressions}
                        THEN floor(b.views * b.r2 * 0.02)::int END AS clicks,
                   CASE WHEN a.platform NOT IN {no_impressions} THEN b.views END AS impressions,
                   CASE WHEN a.platform NOT IN {no_impressions} THEN floor(b.views * 0.7)::int END AS reach,
                   CASE WHEN b.content_type IN ('video', 'reel', 'story')
                        THEN floor(b.views * b.r3 * 0.5)::int END AS video_views
            FROM base b JOIN bench_accounts a ON a.idx = b.idx
            """,
            params,
        )
        statements = f"""
            INSERT INTO posts (id, workspace_id, content, content_type, hashtags, is_demo, created_at, updated_at)
            SELECT n, %(ws)s, 'Analytics bench post ' || n || ' #heraldo #tag' || (n %% 50), content_type,
                   json_build_array('#heraldo', '#tag' || (n %% 50)), false, published_at - interval '1 day',
                   published_at
            FROM bench_final;
            INSERT INTO post_targets (id, workspace_id, post_id, account_id, status, scheduled_at, due_at,
                                      schedule_timezone, idempotency_key, platform_post_id, published_at, attempts,
                                      created_at, updated_at, queued)
            SELECT n, %(ws)s, n, account_id, 'published', published_at, published_at, %(tz)s, md5(n::text),
                   'bench-' || n, published_at, 1, published_at - interval '1 day', published_at, false
            FROM bench_final;
            SELECT setval('posts_id_seq', %(targets)s);
            SELECT setval('post_targets_id_seq', %(targets)s);
            -- Snapshot s of `snapshots` holds s / snapshots of the final counters, fetched over the first
            -- 30 days (or the time since publication): the last snapshot is the final row.
            INSERT INTO post_metrics (workspace_id, target_id, fetched_at, {counters}, engagements, engagement_rate)
            SELECT %(ws)s, e.n, e.fetched_at, {", ".join("e." + c for c in COUNTERS)}, e.engagements, {rate}
            FROM (
                SELECT x.*, {engagements_sql("x")} AS engagements
                FROM (
                    SELECT f.n, f.platform, s,
                           f.published_at + (least(%(now)s::timestamptz - f.published_at, interval '30 days')
                                             * s / %(snapshots)s) AS fetched_at,
                           {scaled}
                    FROM bench_final f CROSS JOIN generate_series(1, %(snapshots)s) s
                ) x
            ) e;
            INSERT INTO latest_post_metrics (target_id, workspace_id, account_id, post_id, platform, content_type,
                                             published_at, fetched_at, snapshots, {counters}, engagements,
                                             engagement_rate)
            SELECT m.target_id, %(ws)s, f.account_id, f.n, f.platform, f.content_type, f.published_at, m.fetched_at,
                   %(snapshots)s, {", ".join("m." + c for c in COUNTERS)}, m.engagements, m.engagement_rate
            FROM bench_final f
            JOIN LATERAL (
                SELECT * FROM post_metrics pm WHERE pm.target_id = f.n ORDER BY pm.fetched_at DESC LIMIT 1
            ) m ON true
            """
        for statement in statements.split(";"):
            cur.execute(statement, params)
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return workspace_id


# ---- measuring -------------------------------------------------------------------------------------------


def nearest_rank(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-fraction * len(ordered) // 1)) - 1))]


def timed(database, call: Callable, repeat: int, warmup: int = 1) -> tuple[list[float], object]:
    """Milliseconds of `repeat` calls of call(db), each in a session of its own, after `warmup` calls."""
    result = None
    for _ in range(warmup):
        with database.session() as db:
            result = call(db)
    times = []
    for _ in range(repeat):
        with database.session() as db:
            started = time.perf_counter()
            result = call(db)
            times.append((time.perf_counter() - started) * 1000)
    return times, result


def naive_dashboard(db, f) -> dict:
    """The loop approach: every target of the period and of the previous one with all its snapshots through
    the ORM, the latest snapshot picked per target, totals and breakdowns summed in Python."""
    from sqlalchemy import select
    from sqlalchemy.orm import joinedload

    from heraldo.analytics.models import PostMetrics
    from heraldo.analytics.service import TOTAL_FIELDS
    from heraldo.posts.models import PostTarget

    def load(period) -> list[tuple]:
        rows = db.execute(
            select(PostTarget, PostMetrics)
            .join(PostMetrics, PostMetrics.target_id == PostTarget.id)
            .options(joinedload(PostTarget.account), joinedload(PostTarget.post))
            .where(
                PostTarget.workspace_id == period.workspace_id,
                PostTarget.status == "published",
                PostTarget.published_at >= period.start,
                PostTarget.published_at < period.end,
            )
        ).all()
        latest: dict[int, tuple] = {}
        for target, metrics in rows:
            known = latest.get(target.id)
            if known is None or metrics.fetched_at > known[1].fetched_at:
                latest[target.id] = (target, metrics)
        return list(latest.values())

    def totals(items: list[tuple]) -> dict:
        data = {"posts": len(items), **dict.fromkeys(TOTAL_FIELDS, 0)}
        rates = []
        pooled_engagements = pooled_impressions = 0
        for _target, metrics in items:
            for name in TOTAL_FIELDS:
                data[name] += getattr(metrics, name) or 0
            if metrics.engagement_rate is not None:
                rates.append(metrics.engagement_rate)
            if metrics.impressions and metrics.impressions > 0:
                pooled_engagements += metrics.engagements
                pooled_impressions += metrics.impressions
        data["avg_engagement_rate"] = sum(rates) / len(rates) if rates else None
        data["pooled_engagement_rate"] = pooled_engagements / pooled_impressions if pooled_impressions else None
        return data

    def breakdown(items: list[tuple], key: Callable) -> dict:
        groups: dict[str, list[tuple]] = {}
        for item in items:
            groups.setdefault(key(item[0]), []).append(item)
        return {name: totals(group) for name, group in groups.items()}

    current = load(f)
    previous = load(f.previous())
    return {
        "totals": totals(current),
        "previous_totals": totals(previous),
        "by_platform": breakdown(current, lambda target: target.account.platform),
        "by_content_type": breakdown(current, lambda target: target.post.content_type),
    }


def same_totals(service: dict, naive: dict) -> bool:
    """The loop's numbers equal the service's (rates to 1e-9)."""

    def close(a, b) -> bool:
        return (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 1e-9 * max(1, abs(a)))

    pairs = [(service["totals"], naive["totals"]), (service["previous_totals"], naive["previous_totals"])]
    pairs += [(item, naive["by_platform"].get(item["key"], {})) for item in service["by_platform"]]
    pairs += [(item, naive["by_content_type"].get(item["key"], {})) for item in service["by_content_type"]]
    return all(close(left[name], right.get(name)) for left, right in pairs for name in left if name != "key")


def load_average() -> str:
    with contextlib.suppress(OSError):
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return "?"


def dirty() -> bool:
    status = subprocess.run(["git", "status", "--porcelain", "src"], cwd=REPO, capture_output=True, text=True)
    return bool(status.stdout.strip())


# ---- the run ---------------------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import text

    from heraldo.analytics import service
    from heraldo.analytics.best_times import optimal_times
    from heraldo.analytics.filters import AnalyticsFilter, period
    from heraldo.core.clock import zone
    from heraldo.core.db import Database
    from heraldo.core.migrations import upgrade

    say = lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: E731
    db_name = f"heraldo_bench_analytics_{secrets.token_hex(4)}"
    started = datetime.now(UTC)
    with contextlib.ExitStack() as cleanup:
        url = create_database(db_name)
        cleanup.callback(drop_database, db_name)
        upgrade(url)
        database = Database(url)
        cleanup.callback(database.dispose)
        began = time.monotonic()
        workspace_id = generate(
            url,
            accounts=args.accounts,
            targets=args.targets,
            snapshots=args.snapshots_per_target,
            timezone=args.timezone,
            now=started,
        )
        with database.engine.connect() as connection:
            counts = connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM post_targets), (SELECT count(*) FROM post_metrics),"
                    " (SELECT count(*) FROM latest_post_metrics), (SELECT count(*) FROM social_accounts)"
                )
            ).one()
            server = connection.execute(text("SHOW server_version")).scalar()
        say(
            f"database {db_name}: {counts[0]:,} targets, {counts[1]:,} snapshots, {counts[2]:,} latest rows, "
            f"{counts[3]} accounts, generated in {time.monotonic() - began:.1f} s"
        )

        today = started.astimezone(zone(args.timezone)).date()

        def days(n: int) -> AnalyticsFilter:
            start, end = period(today - timedelta(days=n - 1), today, args.timezone)
            return AnalyticsFilter(workspace_id=workspace_id, start=start, end=end, timezone=args.timezone)

        f90, f365 = days(90), days(365)
        operations = [
            ("dashboard, 90 days", lambda db: service.dashboard(db=db, f=f90), 50.0),
            ("top posts, 90 days", lambda db: service.top_posts(db=db, f=f90), None),
            ("optimal times, 90 days", lambda db: optimal_times(db, f90), 100.0),
            ("optimal times, 365 days", lambda db: optimal_times(db, f365), 100.0),
        ]
        rows = []
        results = {}
        for label, call, goal in operations:
            say(f"{label}: {args.repeat} calls after a warm-up (load average {load_average()})")
            times, result = timed(database, call, args.repeat)
            results[label] = result
            p50, p95 = statistics.median(times), nearest_rank(times, 0.95)
            rows.append((label, p50, p95, f"p50 <= {goal:g} ms" if goal else "-", (p50 <= goal) if goal else None))

        say(f"loop approach, 90-day dashboard: {args.naive_repeat} runs after a warm-up (load {load_average()})")
        naive_times, naive = timed(database, lambda db: naive_dashboard(db, f90), args.naive_repeat)
        dashboard_p50 = rows[0][1]
        naive_p50 = statistics.median(naive_times)
        speedup = naive_p50 / dashboard_p50
        rows.append(
            (
                f"loop over ORM rows, 90-day dashboard ({results['dashboard, 90 days']['totals']['posts']:,}"
                f" + {results['dashboard, 90 days']['previous_totals']['posts']:,} targets)",
                naive_p50,
                nearest_rank(naive_times, 0.95),
                "-",
                None,
            )
        )
        rows.append((f"speed-up, dashboard vs loop: {speedup:.0f}x", None, None, ">= 20x", speedup >= 20))
        agrees = same_totals(results["dashboard, 90 days"], naive)

        if args.covering_index:
            # Not in the production schema: what an index-only scan would give (see docs/benchmarks.md).
            with database.engine.connect() as connection:
                connection.execute(text(COVERING_INDEX))
                connection.commit()
            with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE latest_post_metrics"))
            for label, call, goal in operations:
                say(f"{label}, covering index: {args.repeat} calls after a warm-up (load {load_average()})")
                times, _ = timed(database, call, args.repeat)
                p50, p95 = statistics.median(times), nearest_rank(times, 0.95)
                goal_text = f"p50 <= {goal:g} ms" if goal else "-"
                rows.append((f"{label} + covering index", p50, p95, goal_text, (p50 <= goal) if goal else None))

        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        print()
        print(
            f"analytics queries, {started:%Y-%m-%d %H:%M} UTC, commit {commit.stdout.strip() or '?'}"
            f"{' + uncommitted changes' if dirty() else ''}, {os.cpu_count()} CPUs, PostgreSQL {server}, "
            f"load average {load_average()}"
        )
        print(
            f"{counts[0]:,} published targets, {counts[1]:,} snapshots, {args.accounts} accounts, workspace zone "
            f"{args.timezone}; {args.repeat} calls per operation, {args.naive_repeat} loop runs"
        )
        print()
        print_table(rows)
        print()
        print(f"loop totals equal the service's: {'yes' if agrees else 'NO'}")
        grid = results["optimal times, 365 days"]
        print(f"optimal times, 365 days: {grid.posts:,} posts in {len(grid.cells)} cells")
        ok = agrees and all(met is not False for label, *_, met in rows if "covering" not in label)
        return 0 if ok else 1


def print_table(rows: list[tuple]) -> None:
    header = ("operation", "p50 ms", "p95 ms", "goal", "met?")
    cells = [
        (
            label,
            f"{p50:,.1f}" if p50 is not None else "",
            f"{p95:,.1f}" if p95 is not None else "",
            goal,
            {True: "yes", False: "NO", None: ""}[met],
        )
        for label, p50, p95, goal, met in rows
    ]
    widths = [max(len(str(row[i])) for row in [header, *cells]) for i in range(len(header))]

    def line(row: tuple) -> str:
        left = (0, 3, 4)
        aligned = (str(v).ljust(widths[i]) if i in left else str(v).rjust(widths[i]) for i, v in enumerate(row))
        return "| " + " | ".join(aligned)

    print(line(header) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print(line(row) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=int, default=100_000, help="published targets (default 100000)")
    parser.add_argument("--snapshots-per-target", type=int, default=10, help="PostMetrics rows per target (10)")
    parser.add_argument("--accounts", type=int, default=40, help="accounts over the seven platforms (40)")
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per operation (30)")
    parser.add_argument("--naive-repeat", type=int, default=3, help="timed runs of the loop approach (3)")
    parser.add_argument(
        "--covering-index",
        action="store_true",
        help="then add a covering index on latest_post_metrics (bench database only) and measure again",
    )
    parser.add_argument("--timezone", default="Europe/Berlin", help="the workspace's zone (Europe/Berlin)")
    args = parser.parse_args(argv)
    if args.targets < 1 or args.snapshots_per_target < 1 or args.accounts < 1 or args.repeat < 1:
        parser.error("--targets, --snapshots-per-target, --accounts and --repeat must be at least 1")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
