"""The Calendar page's HTML over HTTP, on SQLite and PostgreSQL: where each target lands (day boundaries
and a DST change in the viewer's zone), what is left out, one query for the targets, scopes, and the
reschedule call the page's script makes."""

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from sqlalchemy import event

from heraldo.posts.models import PostTarget, TargetStatus
from heraldo.publishing.platforms import Platform
from heraldo.workspaces import service as workspaces_service
from tests.factories import create_account, create_post, csrf_from, login

NEW_YORK = ZoneInfo("America/New_York")
# 4-10 March 2030, Monday to Sunday; New York moves its clocks from 02:00 to 03:00 on Sunday 10 March.
DST_WEEK = date(2030, 3, 6)


class CalendarCells(HTMLParser):
    """For each calendar item, the data-date / data-hour of the table cell it sits in, and its classes."""

    def __init__(self, html: str):
        super().__init__()
        self.cell: dict[str, str | None] = {}
        self.items: dict[int, dict] = {}
        self.day_cells: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "td" and "data-date" in attributes:
            self.cell = attributes
            self.day_cells.append(attributes)
        if tag == "li" and "data-target-id" in attributes:
            self.items[int(attributes["data-target-id"])] = {
                "date": self.cell.get("data-date"),
                "hour": int(self.cell["data-hour"]) if self.cell.get("data-hour") else None,
                "classes": attributes["class"].split(),
                "local": attributes["data-local"],
                "draggable": attributes.get("draggable") == "true",
            }


def ny(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=NEW_YORK)


def scheduled(db, tenant, account, moment: datetime, text: str = "Hello") -> PostTarget:
    return create_post(db, tenant.id, [account.id], content=text, scheduled_at=moment).targets[0]


def signed_in(client, tenant) -> None:
    assert login(client, tenant.user.email).status_code == 303


def test_week_places_targets_by_local_day_and_hour_across_a_dst_change(client, db, make_tenant):
    tenant = make_tenant("Acme", timezone="America/New_York")
    account = create_account(db, tenant.id)
    first_minute = scheduled(db, tenant, account, ny(2030, 3, 4, 0, 0))
    before = scheduled(db, tenant, account, ny(2030, 3, 3, 23, 59))
    after_jump = scheduled(db, tenant, account, ny(2030, 3, 10, 3, 30))
    last_minute = scheduled(db, tenant, account, ny(2030, 3, 10, 23, 59))
    next_week = scheduled(db, tenant, account, ny(2030, 3, 11, 0, 0))
    signed_in(client, tenant)

    page = client.get(f"/calendar?view=week&date={DST_WEEK.isoformat()}")
    assert page.status_code == 200
    cells = CalendarCells(page.text)
    assert [c["data-date"] for c in cells.day_cells[:7]] == [f"2030-03-{d:02d}" for d in range(4, 11)]
    assert len(cells.day_cells) == 7 * 24
    assert cells.items[first_minute.id] | {"classes": None} == {
        "date": "2030-03-04",
        "hour": 0,
        "classes": None,
        "local": "2030-03-04T00:00",
        "draggable": True,
    }
    assert (cells.items[after_jump.id]["date"], cells.items[after_jump.id]["hour"]) == ("2030-03-10", 3)
    assert (cells.items[last_minute.id]["date"], cells.items[last_minute.id]["hour"]) == ("2030-03-10", 23)
    assert before.id not in cells.items and next_week.id not in cells.items
    assert "4 \N{EN DASH} 10 Mar 2030" in page.text
    # The UTC instant is kept in the markup for machines; people read the local time.
    assert f'datetime="{ny(2030, 3, 10, 23, 59).astimezone(UTC).isoformat()}"' in page.text


def test_month_view_covers_whole_weeks_around_the_month(client, db, make_tenant):
    tenant = make_tenant("Acme", timezone="America/New_York")
    account = create_account(db, tenant.id)
    # March 2030 starts on a Friday and ends on a Sunday: the grid runs from Monday 25 February to 31 March.
    february = scheduled(db, tenant, account, ny(2030, 2, 26, 9, 0))
    march = scheduled(db, tenant, account, ny(2030, 3, 31, 21, 0))
    april = scheduled(db, tenant, account, ny(2030, 4, 1, 9, 0))
    signed_in(client, tenant)

    page = client.get("/calendar?view=month&date=2030-03-17")
    cells = CalendarCells(page.text)
    assert len(cells.day_cells) == 35
    assert cells.day_cells[0]["data-date"] == "2030-02-25"
    assert cells.day_cells[-1]["data-date"] == "2030-03-31"
    assert all("out" in c["class"].split() for c in cells.day_cells[:4])
    assert "out" not in cells.day_cells[4]["class"].split()
    assert cells.items[february.id]["date"] == "2030-02-26"
    assert cells.items[march.id]["date"] == "2030-03-31"
    assert april.id not in cells.items
    assert "March 2030" in page.text
    # Navigation keeps the view and moves by a month.
    assert 'href="/calendar?view=month&amp;date=2030-02-01"' in page.text
    assert 'href="/calendar?view=month&amp;date=2030-04-01"' in page.text


def test_states_filters_and_other_workspaces(client, db, make_tenant):
    tenant = make_tenant("Acme", timezone="America/New_York")
    sandbox = create_account(db, tenant.id, handle="acme")
    x = create_account(db, tenant.id, handle="acme_x", platform=Platform.X)
    states = {}
    for hour, status in enumerate(
        ["scheduled", "publishing", "published", "failed", "needs_review", "cancelled"], start=8
    ):
        target = scheduled(db, tenant, x if hour % 2 else sandbox, ny(2030, 3, 5, hour, 0), text=f"{status} post")
        target.status = status
        if status == "published":
            target.published_at = ny(2030, 3, 6, 7, 5).astimezone(UTC)
        states[status] = target
    db.commit()
    create_post(db, tenant.id, [sandbox.id], content="A draft")
    other = make_tenant("Other", timezone="America/New_York")
    rival = create_account(db, other.id, handle="rival")
    scheduled(db, other, rival, ny(2030, 3, 5, 10, 0), text="Not yours")
    signed_in(client, tenant)

    page = client.get(f"/calendar?date={DST_WEEK.isoformat()}")
    cells = CalendarCells(page.text)
    assert set(cells.items) == {t.id for t in states.values()}
    for status, target in states.items():
        assert f"status-{status}" in cells.items[target.id]["classes"]
        # Only what is not out, not going out and not awaiting a person's check can be moved.
        assert cells.items[target.id]["draggable"] == (status in {"scheduled", "failed", "cancelled"})
    # A published target sits where it went out, not where it was planned.
    assert cells.items[states["published"].id]["date"] == "2030-03-06"
    assert cells.items[states["published"].id]["hour"] == 7
    assert "A draft" not in page.text and "Not yours" not in page.text
    assert "X</span> @acme_x" in page.text

    filtered = CalendarCells(client.get(f"/calendar?date={DST_WEEK.isoformat()}&account_id={x.id}").text)
    assert set(filtered.items) == {t.id for t in states.values() if t.account_id == x.id}
    # Another workspace's account id is ignored, not used to filter (or to peek).
    foreign = CalendarCells(client.get(f"/calendar?date={DST_WEEK.isoformat()}&account_id={rival.id}").text)
    assert set(foreign.items) == set(cells.items)


def test_one_query_for_the_targets_of_the_visible_range(app, client, db, make_tenant):
    tenant = make_tenant("Acme", timezone="America/New_York")
    accounts = [create_account(db, tenant.id, handle=f"acct{i}") for i in range(3)]
    for day in range(1, 29):
        create_post(db, tenant.id, [a.id for a in accounts], scheduled_at=ny(2030, 3, day, 12, 0))
    signed_in(client, tenant)

    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = app.state.database.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        page = client.get("/calendar?view=month&date=2030-03-10")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert page.status_code == 200
    assert len(CalendarCells(page.text).items) == 28 * 3
    touching_targets = [s for s in statements if "post_targets" in s]
    assert len(touching_targets) == 1, touching_targets


def test_empty_state_and_unusable_parameters(client, db, make_tenant):
    tenant = make_tenant("Acme")
    signed_in(client, tenant)
    page = client.get("/calendar")
    assert 'data-testid="calendar-empty"' in page.text
    assert "No social accounts are connected" in page.text
    create_account(db, tenant.id)
    page = client.get("/calendar?view=year&date=not-a-date&account_id=abc")
    assert page.status_code == 200
    assert 'data-testid="calendar-week"' in page.text
    assert "Nothing planned or published in this week" in page.text


def test_scopes_and_sign_in(client, db, make_tenant):
    tenant = make_tenant("Acme")
    account = create_account(db, tenant.id)
    scheduled(db, tenant, account, ny(2030, 3, 5, 9, 0))
    redirect = client.get("/calendar", follow_redirects=False)
    assert redirect.status_code == 303
    assert redirect.headers["location"] == "/login?next=%2Fcalendar"

    _, reader = workspaces_service.create_api_key(db=db, workspace_id=tenant.id, name="r", scopes=["posts:read"])
    page = client.get("/calendar?date=2030-03-05", headers={"Authorization": f"Bearer {reader}"})
    assert page.status_code == 200
    assert "calendar-item" in page.text
    # Without posts:write there is nothing to move.
    assert "Reschedule" not in page.text and 'draggable="true"' not in page.text

    _, analyst = workspaces_service.create_api_key(db=db, workspace_id=tenant.id, name="a", scopes=["analytics:view"])
    assert client.get("/calendar", headers={"Authorization": f"Bearer {analyst}"}).status_code == 403


def test_the_reschedule_call_the_page_makes(app, client, db, make_tenant):
    tenant = make_tenant("Acme", timezone="America/New_York")
    accounts = [create_account(db, tenant.id, handle="acme"), create_account(db, tenant.id, handle="acme_too")]
    target, sibling = create_post(db, tenant.id, [a.id for a in accounts], scheduled_at=ny(2030, 3, 5, 9, 0)).targets
    signed_in(client, tenant)
    page = client.get("/calendar?date=2030-03-05").text
    method = re.search(r'data-reschedule-method="(\w+)"', page).group(1)
    template = re.search(r'data-reschedule-url="([^"]+)"', page).group(1)
    routes = {(m, route.path) for router in app.state.routers for route in router.routes for m in route.methods}
    assert (method, template) in routes, (method, template)
    url = template.replace("{target_id}", str(target.id))
    body = {"scheduled_at": "2030-03-07T16:45", "timezone": "America/New_York"}

    # As the script does it: the session cookie, and the page's CSRF token in a header.
    assert client.request(method, url, json=body).status_code == 403
    token = re.search(r'data-csrf="([^"]+)"', page).group(1)
    assert token == csrf_from(page)
    answer = client.request(method, url, json=body, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200, answer.text
    db.expire_all()
    moved = db.get(PostTarget, target.id)
    assert moved.scheduled_at == ny(2030, 3, 7, 16, 45).astimezone(UTC)
    assert moved.status == TargetStatus.SCHEDULED
    cells = CalendarCells(client.get("/calendar?date=2030-03-05").text)
    assert (cells.items[target.id]["date"], cells.items[target.id]["hour"]) == ("2030-03-07", 16)
    # One item is one target: the same post to another account stays where it was.
    assert (cells.items[sibling.id]["date"], cells.items[sibling.id]["hour"]) == ("2030-03-05", 9)


def test_posts_of_an_account_to_reconnect_cannot_be_moved(client, db, make_tenant):
    tenant = make_tenant("Acme", timezone="America/New_York")
    account = create_account(db, tenant.id, handle="acme")
    target = scheduled(db, tenant, account, ny(2030, 3, 5, 9, 0))
    account.status, account.status_reason = "needs_reconnect", "token revoked"
    db.commit()
    signed_in(client, tenant)
    page = client.get("/calendar?date=2030-03-05").text
    assert CalendarCells(page).items[target.id]["draggable"] is False
    assert "<summary>Reschedule" not in page
    assert "@acme needs reconnect: reconnect it" in page
