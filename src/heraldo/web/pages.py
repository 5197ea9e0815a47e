"""Login, logout and the dashboard's front door."""

from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from heraldo.core.db import get_db
from heraldo.core.errors import InvalidInput, TooManyRequests
from heraldo.core.security.scopes import public
from heraldo.core.settings import Settings
from heraldo.core.state import app_settings
from heraldo.web.rendering import TEMPLATES
from heraldo.workspaces import service
from heraldo.workspaces.auth import check_csrf, csrf_token, session_user

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect after login would be a phishing aid."""
    if not target:
        return "/posts"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/posts"
    return target


@router.get("/", dependencies=[Depends(public)])
def home(request: Request, db: Session = Depends(get_db)):
    return RedirectResponse("/posts" if session_user(request, db) else "/login", status_code=303)


@router.get("/login", response_class=HTMLResponse, dependencies=[Depends(public)])
def login_page(request: Request, next: str | None = None):
    return TEMPLATES.TemplateResponse(
        request, "login.html", {"csrf_token": csrf_token(request), "next": _safe_next(next), "error": None}
    )


@router.post("/login", dependencies=[Depends(public)])
def login(
    request: Request,
    email: str = Form(...),
    password: str = Form(...),
    csrf_token_field: str = Form("", alias="csrf_token"),
    next: str = Form("/posts"),
    db: Session = Depends(get_db),
    settings: Settings = Depends(app_settings),
):
    check_csrf(request, csrf_token_field)
    ip = request.client.host if request.client else "unknown"
    try:
        user = service.authenticate(
            db=db,
            email=email,
            password=password,
            ip=ip,
            max_failures=settings.login_max_failures,
            window_seconds=settings.login_window_seconds,
        )
    except (InvalidInput, TooManyRequests) as exc:
        status = 429 if isinstance(exc, TooManyRequests) else 401
        return TEMPLATES.TemplateResponse(
            request,
            "login.html",
            {
                "csrf_token": csrf_token(request),
                "next": _safe_next(next),
                "error": exc.message,
                "email": email,
            },
            status_code=status,
        )
    membership = service.membership_for(db=db, user_id=user.id)
    # A fresh session on login: nothing an attacker planted before survives (session fixation).
    request.session.clear()
    request.session["user_id"] = user.id
    request.session["workspace_id"] = membership.workspace_id if membership else None
    csrf_token(request)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(public)])
def logout(request: Request, csrf_token_field: str = Form("", alias="csrf_token")):
    check_csrf(request, csrf_token_field)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
