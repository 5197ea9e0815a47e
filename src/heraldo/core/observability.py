"""/health and /metrics."""

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from heraldo.core.security.scopes import public

router = APIRouter(tags=["operations"])


def broker_reachable(url: str, timeout: float = 2.0) -> None:
    from kombu import Connection

    with Connection(url, connect_timeout=timeout) as connection:
        connection.ensure_connection(max_retries=1, timeout=timeout)


@router.get("/health", dependencies=[Depends(public)])
def health(request: Request) -> JSONResponse:
    """200 when the database (and the broker, when one is set) answers; 503 naming what does not."""
    checks: dict[str, str] = {}
    try:
        request.app.state.database.ping()
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
    broker_url = request.app.state.settings.broker_url
    if broker_url:
        try:
            broker_reachable(broker_url)
            checks["broker"] = "ok"
        except Exception as exc:
            checks["broker"] = f"unreachable: {type(exc).__name__}"
    else:
        checks["jobs"] = "in-process"
    healthy = all(value in {"ok", "in-process"} for value in checks.values())
    return JSONResponse({"status": "ok" if healthy else "degraded", **checks}, status_code=200 if healthy else 503)


@router.get("/metrics", dependencies=[Depends(public)])
def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
