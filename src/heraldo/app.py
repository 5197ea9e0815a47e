"""create_app(): routers, middleware, static files, templates, and the in-process job runner."""

import time
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from heraldo import __version__
from heraldo.analytics import dashboard_page as analytics_dashboard_page
from heraldo.analytics import insights_router as analytics_insights_router
from heraldo.analytics import pages as analytics_pages
from heraldo.analytics import reports_router as analytics_reports_router
from heraldo.analytics import router as analytics_router
from heraldo.core import observability
from heraldo.core.db import Database
from heraldo.core.dispatch import CeleryDispatcher, LocalDispatcher
from heraldo.core.errors import HeraldoError, TooManyRequests
from heraldo.core.logging import configure_logging, get_logger
from heraldo.core.metrics import HTTP_LATENCY, HTTP_REQUESTS
from heraldo.core.security.crypto import SecretBox, derive_key
from heraldo.core.settings import INSECURE_DEV_SECRET, Settings, get_settings
from heraldo.inbox import pages as inbox_pages
from heraldo.inbox import router as inbox_router
from heraldo.inbox import sentiment_router
from heraldo.posts import pages as posts_pages
from heraldo.posts import public_media
from heraldo.posts import router as posts_router
from heraldo.posts.media import media_storage_for
from heraldo.publishing import accounts_router
from heraldo.publishing import pages as publishing_pages
from heraldo.publishing import router as publishing_router
from heraldo.scheduling import pages as scheduling_pages
from heraldo.scheduling import router as scheduling_router
from heraldo.web import pages as web_pages
from heraldo.worker import BEAT, load_jobs, make_celery
from heraldo.workspaces import router as workspaces_router
from heraldo.workspaces.auth import NotAuthenticated

ROUTERS = [
    observability.router,
    workspaces_router.router,
    posts_router.router,
    accounts_router.router,
    scheduling_router.router,
    analytics_router.router,
    analytics_reports_router.router,
    analytics_pages.router,
    web_pages.router,
    posts_pages.router,
    publishing_pages.router,
    publishing_router.router,
    scheduling_pages.router,
    public_media.router,
    analytics_insights_router.router,
    analytics_dashboard_page.router,
    inbox_router.router,
    inbox_pages.router,
    sentiment_router.router,
]
STATIC_DIR = Path(__file__).parent / "web" / "static"
SESSION_COOKIE = "heraldo_session"

log = get_logger(__name__)


def _error_body(exc: HeraldoError) -> dict:
    body = {"detail": exc.message}
    if exc.field:
        body["field"] = exc.field
    return body


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, exc: NotAuthenticated):
        if request.url.path.startswith("/api/"):
            return JSONResponse(_error_body(exc), status_code=401, headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)

    @app.exception_handler(HeraldoError)
    async def domain_error(_request: Request, exc: HeraldoError):
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyRequests) else None
        return JSONResponse(_error_body(exc), status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError):
        errors = [
            {
                "loc": list(error["loc"]),
                "field": ".".join(str(p) for p in error["loc"][1:]),
                "msg": error["msg"],
                "type": error["type"],
            }
            for error in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)


def _install_metrics_middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def count_requests(request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        # The route template, not the raw path, so ids do not explode the label set.
        path = getattr(route, "path", "unmatched")
        HTTP_REQUESTS.labels(request.method, path, str(response.status_code)).inc()
        HTTP_LATENCY.labels(request.method, path).observe(time.perf_counter() - started)
        return response


def create_app(settings: Settings | None = None, *, run_jobs: bool | None = None) -> FastAPI:
    """The Heraldo ASGI app. `run_jobs` overrides whether the in-process job runner starts."""
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)
    if settings.secret_key == INSECURE_DEV_SECRET:
        log.warning("HERALDO_SECRET_KEY is not set: using an insecure development key")
    load_jobs()
    database = Database(settings.database_url)
    in_process = settings.broker_url is None and (settings.run_jobs_in_process if run_jobs is None else run_jobs)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        runner = None
        if settings.broker_url:
            app.state.dispatcher = CeleryDispatcher(make_celery(settings), settings.celery_queue)
        else:
            runner = LocalDispatcher(database, BEAT, threads=settings.job_threads)
            app.state.dispatcher = runner
            if in_process:
                runner.start()
        try:
            yield
        finally:
            if runner is not None:
                runner.stop()
            database.dispose()

    app = FastAPI(
        title="Heraldo",
        version=__version__,
        description="Plan, publish, measure and answer on every social network. "
        "Authenticate with `Authorization: Bearer <API key>`.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.secret_box = SecretBox(settings.secret_key)
    app.state.media_storage = media_storage_for(settings)

    _install_error_handlers(app)
    _install_metrics_middleware(app)
    app.add_middleware(
        SessionMiddleware,
        secret_key=derive_key(settings.secret_key, "session-cookie").hex(),
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.cookie_secure,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Kept on app.state so checks over every route (scopes, the cross-workspace probe) can walk them.
    app.state.routers = ROUTERS
    for router in ROUTERS:
        app.include_router(router)
    return app
