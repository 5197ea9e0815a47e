"""The Inbox page's HTML over HTTP, on SQLite and PostgreSQL: it renders for a signed-in user with the
workspace's filters and the CSRF token its script sends, needs signing in, and needs conversations:view.
The list itself is drawn by the script from /api/inbox/* (tests/web/test_inbox_browser.py)."""

import json
import re

from heraldo.core.security.scopes import Scope
from heraldo.publishing.platforms import Platform
from heraldo.workspaces import service as workspaces_service
from tests.factories import create_account, create_interaction, csrf_from, login


def test_the_page_renders_for_a_signed_in_user(client, db, make_tenant):
    tenant = make_tenant("Acme", timezone="America/New_York")
    account = create_account(db, tenant.id, platform=Platform.MASTODON, handle="acme")
    create_interaction(db, account, text="Where is my order?")
    assert login(client, tenant.user.email).status_code == 303

    page = client.get("/inbox")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Inbox</h1>" in html
    assert '<a href="/inbox" aria-current="page">Inbox</a>' in html
    assert 'src="/static/js/inbox.js"' in html and 'href="/static/css/inbox.css"' in html
    root = re.search(r'<div id="inbox" data-csrf="([^"]+)" data-timezone="([^"]+)" data-can-reply="(\w+)"', html)
    assert root.group(1) == csrf_from(html)
    assert (root.group(2), root.group(3)) == ("America/New_York", "true")
    # The filters offer the workspace's platforms, every sentiment and every intent.
    assert '<option value="mastodon">Mastodon</option>' in html and 'value="x"' not in html
    for value in ("positive", "neutral", "negative", "complaint", "purchase_intent", "spam"):
        assert f'<option value="{value}">' in html
    for label in ("Sentiment", "Intent", "Platform", "Status", "Show", "Search"):
        assert re.search(rf"<label[^>]*>{label}\s", html), label
    config = json.loads(re.search(r'<script type="application/json" id="inbox-config">(.*?)</script>', html).group(1))
    assert config["platform_names"]["mastodon"] == "Mastodon" and config["intent_labels"]["complaint"] == "Complaint"
    assert "No interactions yet" in html  # the empty state the script shows when the list is empty
    # The script's data comes from the API with the same session.
    listed = client.get("/api/inbox/interactions")
    assert listed.status_code == 200 and listed.json()["items"][0]["text"] == "Where is my order?"
    # Other pages link to it now.
    posts = client.get("/posts").text
    assert (
        re.search(r'<a href="/inbox"\s*>Inbox</a>', posts)
        and 'class="nav-soon" title="Arrives in a coming release">Inbox' not in posts
    )


def test_the_page_needs_signing_in(client):
    redirect = client.get("/inbox?sentiment=negative", follow_redirects=False)
    assert redirect.status_code == 303
    assert redirect.headers["location"] == "/login?next=%2Finbox%3Fsentiment%3Dnegative"


def test_the_page_needs_conversations_view(client, db, make_tenant):
    tenant = make_tenant("Acme")
    _, analyst = workspaces_service.create_api_key(
        db=db, workspace_id=tenant.id, name="a", scopes=[Scope.ANALYTICS_VIEW.value]
    )
    _, reader = workspaces_service.create_api_key(
        db=db, workspace_id=tenant.id, name="r", scopes=[Scope.CONVERSATIONS_VIEW.value]
    )
    assert client.get("/inbox", headers={"Authorization": f"Bearer {analyst}"}).status_code == 403
    page = client.get("/inbox", headers={"Authorization": f"Bearer {reader}"})
    assert page.status_code == 200
    # Without posts:write the page offers no reply form.
    assert 'data-can-reply="false"' in page.text and 'id="reply-form"' not in page.text


def test_the_page_is_not_in_the_api_schema(client):
    assert "/inbox" not in client.get("/openapi.json").json()["paths"]
