"""Jinja2 rendering shared by every domain's pages: layout context, time zones, CSRF."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from heraldo.core.clock import zone
from heraldo.publishing.platforms import PLATFORM_NAMES, Platform
from heraldo.workspaces.auth import Principal, csrf_token
from heraldo.workspaces.models import User, Workspace

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str
    available: bool


# The dashboard's sections; the ones not built yet show as coming so the layout does not shift later.
NAVIGATION = [
    NavItem("Posts", "/posts", True),
    NavItem("Compose", "/compose", True),
    NavItem("Calendar", "/calendar", True),
    NavItem("Accounts", "/accounts", True),
    NavItem("Analytics", "/analytics", True),
    NavItem("Inbox", "/inbox", True),
    NavItem("Experiments", "/experiments", False),
    NavItem("Leads", "/leads", False),
    NavItem("Campaigns", "/campaigns", False),
]


def localtime(moment: datetime | None, tz_name: str, fmt: str = "%a %d %b %Y, %H:%M") -> str:
    if moment is None:
        return ""
    return moment.astimezone(zone(tz_name)).strftime(fmt)


def platform_name(platform: str) -> str:
    try:
        return PLATFORM_NAMES[Platform(platform)]
    except ValueError:
        return platform


TEMPLATES.env.filters["localtime"] = localtime
TEMPLATES.env.filters["platform_name"] = platform_name


def viewer_timezone(user: User | None, workspace: Workspace) -> str:
    return (user.timezone if user and user.timezone else None) or workspace.timezone


def render(request: Request, name: str, *, db: Session, principal: Principal, status_code: int = 200, **context):
    """Render a dashboard page with the layout's context: user, workspace, their time zone, CSRF token."""
    user = db.get(User, principal.user_id) if principal.user_id else None
    workspace = db.get(Workspace, principal.workspace_id)
    return TEMPLATES.TemplateResponse(
        request,
        name,
        {
            "user": user,
            "workspace": workspace,
            "tz": viewer_timezone(user, workspace),
            "navigation": NAVIGATION,
            "csrf_token": csrf_token(request),
            **context,
        },
        status_code=status_code,
    )
