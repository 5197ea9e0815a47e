"""The Calendar page: a week or a month of post targets, in the viewer's time zone, with reschedule."""

from datetime import date, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow, zone
from heraldo.core.db import get_db
from heraldo.core.security.scopes import Scope
from heraldo.posts.models import SocialAccount
from heraldo.scheduling.calendar import SHOWN_STATUSES, CalendarDay, calendar_items, local_midnight, visible_days
from heraldo.web.rendering import render, viewer_timezone
from heraldo.workspaces.auth import Principal, require_scope
from heraldo.workspaces.models import User, Workspace

router = APIRouter(include_in_schema=False)

VIEWS = ("week", "month")
# What the page's script calls to move one target (scheduling/router.py), with the session and CSRF header.
RESCHEDULE_METHOD, RESCHEDULE_URL = "POST", "/api/scheduler/reschedule/{target_id}"
DASH = "\N{EN DASH}"


def _title(view: str, start: date, end: date, anchor: date) -> str:
    if view == "month":
        return anchor.strftime("%B %Y")
    last = end - timedelta(days=1)
    if start.year != last.year:
        return f"{start.day} {start:%b %Y} {DASH} {last.day} {last:%b %Y}"
    if start.month != last.month:
        return f"{start.day} {start:%b} {DASH} {last.day} {last:%b %Y}"
    return f"{start.day} {DASH} {last.day} {last:%b %Y}"


def _shift(view: str, anchor: date, steps: int) -> date:
    if view == "week":
        return anchor + timedelta(weeks=steps)
    month_index = anchor.year * 12 + anchor.month - 1 + steps
    return date(month_index // 12, month_index % 12 + 1, 1)


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(
    request: Request,
    view: str = Query("week"),
    date_param: str | None = Query(None, alias="date"),
    account_id: str | None = Query(None),
    principal: Principal = Depends(require_scope(Scope.POSTS_READ)),
    db: Session = Depends(get_db),
):
    user = db.get(User, principal.user_id) if principal.user_id else None
    tz_name = viewer_timezone(user, db.get(Workspace, principal.workspace_id))
    today = utcnow().astimezone(zone(tz_name)).date()
    # Values from a hand-edited URL that make no sense fall back to the defaults rather than an error page.
    view = view if view in VIEWS else "week"
    try:
        anchor = date.fromisoformat(date_param) if date_param else today
    except ValueError:
        anchor = today
    accounts = db.scalars(
        select(SocialAccount)
        .where(SocialAccount.workspace_id == principal.workspace_id)
        .order_by(SocialAccount.platform, SocialAccount.handle)
    ).all()
    account_filter = int(account_id) if account_id and account_id.isdigit() else None
    if account_filter not in {a.id for a in accounts}:
        account_filter = None

    first, after_last = visible_days(view, anchor)
    items = calendar_items(
        db=db,
        workspace_id=principal.workspace_id,
        start=local_midnight(first, tz_name),
        end=local_midnight(after_last, tz_name),
        tz_name=tz_name,
        account_id=account_filter,
    )
    days = [
        CalendarDay(
            day=first + timedelta(days=offset),
            in_period=view == "week" or (first + timedelta(days=offset)).month == anchor.month,
            is_today=first + timedelta(days=offset) == today,
        )
        for offset in range((after_last - first).days)
    ]
    by_date = {d.day: d for d in days}
    for item in items:
        by_date[item.local.date()].items.append(item)

    def link(**changes) -> str:
        params = {"view": view, "date": anchor.isoformat(), "account_id": account_filter or "", **changes}
        return "/calendar?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})

    return render(
        request,
        "calendar.html",
        db=db,
        principal=principal,
        view=view,
        anchor=anchor,
        title=_title(view, first, after_last, anchor),
        days=days,
        weeks=[days[i : i + 7] for i in range(0, len(days), 7)],
        hours=range(24),
        item_count=len(items),
        accounts=accounts,
        account_filter=account_filter,
        statuses=[s.value for s in SHOWN_STATUSES],
        can_move=principal.can(Scope.POSTS_WRITE),
        reschedule_method=RESCHEDULE_METHOD,
        reschedule_url=RESCHEDULE_URL,
        prev_url=link(date=_shift(view, anchor, -1).isoformat()),
        next_url=link(date=_shift(view, anchor, 1).isoformat()),
        today_url=link(date=today.isoformat()),
        week_url=link(view="week"),
        month_url=link(view="month"),
    )
