"""POST /api/publishing/count (the composer's live count), and posts refused for their length on create/update."""

from heraldo.publishing.router import CountRequest
from tests.factories import create_account, csrf_from, login

LONG_URL = "https://example.com/" + "p" * 200  # 220 characters, 23 on X and Mastodon


def _count(client, headers, text, account_ids):
    return client.post("/api/publishing/count", json={"text": text, "account_ids": account_ids}, headers=headers)


def test_counts_per_account_in_the_order_given(client, db, tenant):
    x = create_account(db, tenant.id, handle="acme_x", platform="x")
    bluesky = create_account(db, tenant.id, handle="acme.bsky.social", platform="bluesky")
    mastodon = create_account(db, tenant.id, handle="acme@mastodon.example", platform="mastodon")
    text = "Spring menu 🌸 " + LONG_URL  # 14 characters before the link, the flower one of them

    response = _count(client, tenant.headers, text, [mastodon.id, x.id, bluesky.id, x.id])

    assert response.status_code == 200, response.text
    assert response.json() == [
        {
            "account_id": mastodon.id,
            "platform": "mastodon",
            "handle": "acme@mastodon.example",
            "length": 14 + 23,
            "limit": 500,
            "remaining": 500 - 37,
            "valid": True,
        },
        {
            "account_id": x.id,
            "platform": "x",
            "handle": "acme_x",
            "length": 13 + 2 + 23,  # the emoji weighs 2
            "limit": 280,
            "remaining": 280 - 38,
            "valid": True,
        },
        {
            "account_id": bluesky.id,
            "platform": "bluesky",
            "handle": "acme.bsky.social",
            "length": 14 + 220,
            "limit": 300,
            "remaining": 300 - 234,
            "valid": True,
        },
    ]


def test_over_the_limit_is_not_valid(client, db, tenant):
    x = create_account(db, tenant.id, handle="acme_x", platform="x")
    body = _count(client, tenant.headers, "日" * 141, [x.id]).json()
    assert body[0]["length"] == 282
    assert body[0]["remaining"] == -2
    assert body[0]["valid"] is False


def test_another_workspaces_account_is_a_422_naming_account_ids(client, db, tenant, make_tenant):
    other = make_tenant("Other")
    theirs = create_account(db, other.id, handle="theirs", platform="x")
    ours = create_account(db, tenant.id, handle="ours", platform="x")
    response = _count(client, tenant.headers, "hi", [ours.id, theirs.id])
    assert response.status_code == 422
    assert response.json()["field"] == "account_ids"
    assert str(theirs.id) in response.json()["detail"]
    assert _count(client, tenant.headers, "hi", [999_999]).json()["field"] == "account_ids"


def test_body_is_checked(client, db, tenant):
    account = create_account(db, tenant.id, platform="x")
    refused = client.post(
        "/api/publishing/count", json={"text": "hi", "account_ids": [account.id], "extra": 1}, headers=tenant.headers
    )
    assert refused.status_code == 422
    assert client.post("/api/publishing/count", json={"text": "hi"}, headers=tenant.headers).status_code == 422
    # The documented example is a valid body.
    example = CountRequest.model_config["json_schema_extra"]["examples"][0]
    example = {**example, "account_ids": [account.id]}
    assert client.post("/api/publishing/count", json=example, headers=tenant.headers).status_code == 200


def test_needs_posts_read(client, db, make_tenant):
    reader = make_tenant("Reader", scopes=["posts:read"])
    analyst = make_tenant("Analyst", scopes=["analytics:view"])
    reader_account = create_account(db, reader.id, platform="x")
    analyst_account = create_account(db, analyst.id, platform="x")
    assert _count(client, reader.headers, "hi", [reader_account.id]).status_code == 200
    assert _count(client, analyst.headers, "hi", [analyst_account.id]).status_code == 403
    assert _count(client, {}, "hi", [reader_account.id]).status_code == 401


def test_dashboard_session_needs_the_csrf_header(client, db, tenant):
    account = create_account(db, tenant.id, platform="threads", handle="acme")
    assert login(client, tenant.user.email).status_code == 303
    token = csrf_from(client.get("/compose").text)
    without = client.post("/api/publishing/count", json={"text": "hi", "account_ids": [account.id]})
    assert without.status_code == 403
    response = client.post(
        "/api/publishing/count",
        json={"text": "hi 😀", "account_ids": [account.id]},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 200, response.text
    assert response.json()[0]["length"] == 3 + 4  # Threads weighs an emoji by its UTF-8 bytes


def test_compose_page_points_the_counter_at_the_endpoint(client, db, tenant):
    create_account(db, tenant.id, platform="x")
    assert login(client, tenant.user.email).status_code == 303
    page = client.get("/compose").text
    assert 'data-count-url="/api/publishing/count"' in page


# ---- posts are checked with each platform's own counting -----------------------------------------


def test_creating_a_post_over_x_weighted_limit_is_a_422_naming_content(client, db, tenant):
    x = create_account(db, tenant.id, handle="acme_x", platform="x")
    # 281 weighted characters: plain, then in 141 code points (CJK weighs 2).
    for content in ("a" * 281, "日" * 140 + "a"):
        response = client.post("/api/posts", json={"content": content, "account_ids": [x.id]}, headers=tenant.headers)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == "content"
        assert "X @acme_x (limit 280, 1 over)" in response.json()["detail"]


def test_a_280_weighted_post_with_a_long_url_is_accepted(client, db, tenant):
    x = create_account(db, tenant.id, handle="acme_x", platform="x")
    content = "a" * 256 + " " + LONG_URL  # 477 characters, 280 weighted
    response = client.post("/api/posts", json={"content": content, "account_ids": [x.id]}, headers=tenant.headers)
    assert response.status_code == 201, response.text

    longer = client.patch(
        f"/api/posts/{response.json()['id']}", json={"content": "a" + content}, headers=tenant.headers
    )
    assert longer.status_code == 422
    assert longer.json()["field"] == "content"


def test_the_same_text_can_fit_one_platform_and_not_another(client, db, tenant):
    x = create_account(db, tenant.id, handle="acme_x", platform="x")
    mastodon = create_account(db, tenant.id, handle="acme", platform="mastodon")
    content = "b" * 300
    assert (
        client.post("/api/posts", json={"content": content, "account_ids": [mastodon.id]}, headers=tenant.headers)
    ).status_code == 201
    both = client.post(
        "/api/posts", json={"content": content, "account_ids": [mastodon.id, x.id]}, headers=tenant.headers
    )
    assert both.status_code == 422
    assert both.json()["field"] == "content"
    assert "@acme_x" in both.json()["detail"] and "@acme " not in both.json()["detail"]
