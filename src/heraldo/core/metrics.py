"""Prometheus metrics exposed at /metrics."""

from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Counter("heraldo_http_requests_total", "HTTP requests answered", ["method", "route", "status"])
HTTP_LATENCY = Histogram("heraldo_http_request_seconds", "HTTP request latency", ["method", "route"])
JOB_RUNS = Counter("heraldo_job_runs_total", "Background job runs", ["job", "outcome"])
JOB_LATENCY = Histogram("heraldo_job_seconds", "Background job duration", ["job"])
POSTS_PUBLISHED = Counter("heraldo_posts_published_total", "Targets published", ["platform"])
PUBLISH_FAILURES = Counter("heraldo_publish_failures_total", "Failed publish attempts", ["platform"])
