"""/api/inbox/*: filters, pagination, replying through the platform, archiving, assigning; both databases."""

import json
from datetime import timedelta

from sqlalchemy import select

from heraldo.core.clock import utcnow
from heraldo.core.security.scopes import Role, Scope
from heraldo.inbox.models import Interaction, InteractionReply
from heraldo.posts.models import AccountStatus
from heraldo.workspaces import service as workspaces_service
from tests.factories import create_account, create_interaction
from tests.inbox.mastodon_inbox import mastodon_account, mention, serving
from tests.publishing.connectors.test_mastodon import FakeMastodon

URL = "/api/inbox/interactions"


def seed(db, account):
    """Five interactions of known analysis, received one hour apart (newest last)."""
    now = utcnow()
    rows = [
        ("Love it!!", "praise", "positive", 0.8, "normal", 2, {}),
        ("Where is my order? Nobody answers", "complaint", "negative", -0.6, "urgent", 0, {}),
        ("How much is the big one?", "purchase_intent", "neutral", 0.0, "high", 1, {"responded": True}),
        ("Follow @promo4u for free followers", "spam", "neutral", 0.1, "low", 3, {}),
        ("What time do you open?", "question", "neutral", 0.0, "normal", 2, {"archived": True}),
    ]
    created = []
    for hours, (text, intent, label, score, priority, rank, extra) in enumerate(rows):
        created.append(
            create_interaction(
                db,
                account,
                text=text,
                intent=intent,
                intent_confidence=0.9,
                sentiment_label=label,
                sentiment_score=score,
                priority=priority,
                priority_rank=rank,
                language="en",
                received_at=now - timedelta(hours=5 - hours),
                **extra,
            )
        )
    return created


def texts(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["text"] for item in response.json()["items"]]


def test_the_open_inbox_is_in_priority_order_without_archived_items(client, db, tenant):
    account = create_account(db, tenant.id)
    seed(db, account)
    assert texts(client.get(URL, headers=tenant.headers)) == [
        "Where is my order? Nobody answers",
        "How much is the big one?",
        "Love it!!",
        "Follow @promo4u for free followers",
    ]


def test_filters_narrow_the_list(client, db, tenant):
    account = create_account(db, tenant.id)
    other = create_account(db, tenant.id, handle="other")
    seed(db, account)
    create_interaction(db, other, text="Another account's comment", intent="other")

    def get(**params):
        return texts(client.get(URL, params=params, headers=tenant.headers))

    assert get(sentiment="negative") == ["Where is my order? Nobody answers"]
    assert get(intent="purchase_intent") == ["How much is the big one?"]
    assert get(responded="false", intent="purchase_intent") == []
    assert get(archived="true") == ["What time do you open?"]
    assert len(get(archived="any")) == 6
    assert get(account_id=other.id) == ["Another account's comment"]
    assert get(q="ORDER") == ["Where is my order? Nobody answers"]
    assert get(q="100%") == []  # LIKE wildcards are searched literally
    assert get(priority="low") == ["Follow @promo4u for free followers"]
    since = (utcnow() - timedelta(hours=2, minutes=30)).isoformat()
    assert get(since=since, order="oldest") == ["Follow @promo4u for free followers", "Another account's comment"]
    assert get(order="newest")[0] == "Another account's comment"


def test_bad_filters_are_422_naming_the_parameter(client, tenant):
    for params, name in [
        ({"sentiment": "angry"}, "sentiment"),
        ({"intent": "x"}, "intent"),
        ({"per_page": 0}, "per_page"),
    ]:
        response = client.get(URL, params=params, headers=tenant.headers)
        assert response.status_code == 422, params
        assert name in response.text
    now = utcnow()
    response = client.get(
        URL, params={"since": now.isoformat(), "until": (now - timedelta(hours=1)).isoformat()}, headers=tenant.headers
    )
    assert response.status_code == 422 and "since" in response.text


def test_pages_carry_totals(client, db, tenant):
    account = create_account(db, tenant.id)
    for n in range(7):
        create_interaction(db, account, text=f"comment {n}")
    body = client.get(URL, params={"per_page": 3, "page": 3}, headers=tenant.headers).json()
    assert (body["total"], body["pages"], body["page"], len(body["items"])) == (7, 3, 3, 1)


def test_items_carry_analysis_and_a_suggested_reply_in_their_language(client, db, tenant):
    account = create_account(db, tenant.id)
    complaint = create_interaction(
        db,
        account,
        text="Mi pedido no llegó",
        intent="complaint",
        language="es",
        author_handle="@lucia",
        author_name="Lucía",
    )
    spam = create_interaction(db, account, text="free followers", intent="spam")
    body = client.get(f"{URL}/{complaint.id}", headers=tenant.headers).json()
    assert body["intent"]["intent"] == "complaint"
    assert body["suggested_reply"]["language"] == "es"
    assert body["suggested_reply"]["source"] == "default"
    assert "Lucía" in body["suggested_reply"]["text"]
    assert client.get(f"{URL}/{spam.id}", headers=tenant.headers).json()["suggested_reply"] is None


def test_a_workspace_template_replaces_the_default(client, db, tenant):
    account = create_account(db, tenant.id)
    row = create_interaction(db, account, text="Love it", intent="praise", language="en", author_handle="sam")
    response = client.put(
        "/api/sentiment/response-templates",
        json={"intent": "praise", "language": "en", "text": "Thanks @{author}, you made our day!"},
        headers=tenant.headers,
    )
    assert response.status_code == 200, response.text
    suggestion = client.get(f"{URL}/{row.id}", headers=tenant.headers).json()["suggested_reply"]
    assert (suggestion["text"], suggestion["source"]) == ("Thanks @sam, you made our day!", "workspace")


def test_respond_sends_the_reply_through_the_platform_and_records_it(client, db, tenant):
    fake = FakeMastodon()
    account = mastodon_account(db, tenant.id)
    note = mention(fake, "@acme is the shop open on Sunday?", acct="ana@else.where")
    interaction = create_interaction(
        db,
        account,
        platform_id=note["status"]["id"],
        kind="mention",
        text="@acme is the shop open on Sunday?",
        intent="question",
        platform_extra={"acct": "ana@else.where", "visibility": "public"},
    )
    with serving(fake):
        response = client.post(
            f"{URL}/{interaction.id}/respond", json={"text": "Yes, 10:00 to 14:00!"}, headers=tenant.headers
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["interaction"]["responded"] is True
    assert body["interaction"]["response_text"] == "Yes, 10:00 to 14:00!"
    assert body["reply"]["status"] == "sent" and body["reply"]["automatic"] is False
    assert body["reply"]["sent_by_user_id"] is None  # an API key, not a person
    sent = json.loads(next(r for r in fake.requests if r.method == "POST").content)
    assert sent["in_reply_to_id"] == note["status"]["id"]
    assert sent["status"] == "@ana@else.where Yes, 10:00 to 14:00!"
    assert body["reply"]["platform_reply_id"] in fake.statuses

    history = client.get(f"{URL}/{interaction.id}/replies", headers=tenant.headers).json()
    assert [h["status"] for h in history] == ["sent"]


def test_a_refused_reply_is_an_error_with_the_platform_reason_and_is_logged(client, db, tenant):
    fake = FakeMastodon()
    account = mastodon_account(db, tenant.id)
    interaction = create_interaction(db, account, platform_id="999", kind="mention", platform_extra={"acct": "x"})
    with serving(fake):
        response = client.post(f"{URL}/{interaction.id}/respond", json={"text": "Hello"}, headers=tenant.headers)
    assert response.status_code == 409, response.text
    assert "Record not found" in response.json()["detail"]
    db.expire_all()
    assert db.get(Interaction, interaction.id).responded is False
    [reply] = db.scalars(select(InteractionReply)).all()
    assert reply.status == "failed" and "Record not found" in reply.error


def test_a_rate_limited_reply_is_429_with_retry_after(client, db, tenant):
    fake = FakeMastodon()
    account = mastodon_account(db, tenant.id)
    note = mention(fake, "@acme hi")
    interaction = create_interaction(db, account, platform_id=note["status"]["id"], kind="mention")
    fake.fail_next("POST", "/api/v1/statuses", fake.error(429, "Too many requests", {"Retry-After": "120"}))
    with serving(fake):
        response = client.post(f"{URL}/{interaction.id}/respond", json={"text": "Hello"}, headers=tenant.headers)
    assert response.status_code == 429, response.text
    assert 100 <= int(response.headers["Retry-After"]) <= 120


def test_reply_text_is_checked_against_the_platform_limit_before_anything_is_sent(client, db, tenant):
    fake = FakeMastodon()
    account = mastodon_account(db, tenant.id)
    interaction = create_interaction(db, account, platform_id="1", kind="mention")
    with serving(fake):
        long = client.post(f"{URL}/{interaction.id}/respond", json={"text": "x" * 501}, headers=tenant.headers)
        blank = client.post(f"{URL}/{interaction.id}/respond", json={"text": "   "}, headers=tenant.headers)
    assert long.status_code == 422 and "text" in long.text and "500" in long.text
    assert blank.status_code == 422 and "text" in blank.text
    assert fake.requests == []
    assert db.scalars(select(InteractionReply)).all() == []


def test_an_account_to_reconnect_cannot_reply(client, db, tenant):
    account = mastodon_account(db, tenant.id)
    account.status = AccountStatus.NEEDS_RECONNECT.value
    db.commit()
    interaction = create_interaction(db, account, platform_id="1")
    response = client.post(f"{URL}/{interaction.id}/respond", json={"text": "Hi"}, headers=tenant.headers)
    assert response.status_code == 409 and "reconnect" in response.json()["detail"]


def test_respond_needs_posts_write_and_reading_needs_conversations_view(client, db, make_tenant):
    reader = make_tenant("Readers", scopes=[Scope.CONVERSATIONS_VIEW.value])
    analyst = make_tenant("Analysts", scopes=[Scope.ANALYTICS_VIEW.value])
    interaction = create_interaction(db, create_account(db, reader.id), text="Hi")
    assert client.get(URL, headers=reader.headers).status_code == 200
    assert client.get(URL, headers=analyst.headers).status_code == 403
    response = client.post(f"{URL}/{interaction.id}/respond", json={"text": "Hi"}, headers=reader.headers)
    assert response.status_code == 403


def test_archive_unarchive_and_bulk_archive(client, db, tenant):
    account = create_account(db, tenant.id)
    a, b, c = (create_interaction(db, account, text=t) for t in ("a", "b", "c"))
    assert client.post(f"{URL}/{a.id}/archive", headers=tenant.headers).json()["archived"] is True
    assert texts(client.get(URL, headers=tenant.headers, params={"order": "oldest"})) == ["b", "c"]
    assert client.post(f"{URL}/{a.id}/unarchive", headers=tenant.headers).json()["archived"] is False

    response = client.post("/api/inbox/bulk-archive", json={"ids": [b.id, c.id]}, headers=tenant.headers)
    assert response.json() == {"changed": 2}
    assert texts(client.get(URL, headers=tenant.headers)) == ["a"]


def test_bulk_archive_is_all_or_nothing(client, db, tenant, make_tenant):
    other = make_tenant("Other")
    mine = create_interaction(db, create_account(db, tenant.id), text="mine")
    theirs = create_interaction(db, create_account(db, other.id), text="theirs")
    response = client.post("/api/inbox/bulk-archive", json={"ids": [mine.id, theirs.id]}, headers=tenant.headers)
    assert response.status_code == 404 and str(theirs.id) in response.json()["detail"]
    db.expire_all()
    assert db.get(Interaction, mine.id).archived is False
    too_many = client.post("/api/inbox/bulk-archive", json={"ids": list(range(1, 502))}, headers=tenant.headers)
    assert too_many.status_code == 422 and "500" in too_many.text
    empty = client.post("/api/inbox/bulk-archive", json={"ids": []}, headers=tenant.headers)
    assert empty.status_code == 422 and "ids" in empty.text


def test_assign_to_a_member_and_unassign(client, db, tenant, make_tenant):
    account = create_account(db, tenant.id)
    interaction = create_interaction(db, account)
    outsider = make_tenant("Elsewhere")
    member = workspaces_service.create_user(db=db, email="ed@acme.example", password="pw-long-enough-1", timezone=None)
    workspaces_service.add_member(db=db, workspace_id=tenant.id, user_id=member.id, role=Role.EDITOR)
    db.commit()

    response = client.post(f"{URL}/{interaction.id}/assign", json={"user_id": member.id}, headers=tenant.headers)
    assert response.json()["assignee_user_id"] == member.id
    assert texts(client.get(URL, params={"assignee_user_id": member.id}, headers=tenant.headers)) == ["Love this!"]
    assert texts(client.get(URL, params={"unassigned": True}, headers=tenant.headers)) == []

    refused = client.post(f"{URL}/{interaction.id}/assign", json={"user_id": outsider.user.id}, headers=tenant.headers)
    assert refused.status_code == 422 and "user_id" in refused.text
    response = client.post(f"{URL}/{interaction.id}/assign", json={"user_id": None}, headers=tenant.headers)
    assert response.json()["assignee_user_id"] is None


def test_the_auto_reply_log_lists_only_automatic_replies(client, db, tenant):
    account = create_account(db, tenant.id)
    interaction = create_interaction(db, account)
    for n, automatic in enumerate([True, False, True]):
        db.add(
            InteractionReply(
                workspace_id=tenant.id,
                interaction_id=interaction.id,
                text=f"reply {n}",
                automatic=automatic,
                idempotency_key=f"k{n}",
                status="sent",
            )
        )
    db.commit()
    body = client.get("/api/inbox/auto-replies", headers=tenant.headers).json()
    assert body["total"] == 2 and {item["text"] for item in body["items"]} == {"reply 0", "reply 2"}


def test_the_mention_mastodon_adds_counts_against_the_limit(client, db, tenant):
    fake = FakeMastodon()
    account = mastodon_account(db, tenant.id)
    note = mention(fake, "@acme hi", acct="ana@else.where")
    interaction = create_interaction(
        db, account, platform_id=note["status"]["id"], kind="mention", platform_extra={"acct": "ana@else.where"}
    )
    url = f"{URL}/{interaction.id}/respond"
    with serving(fake):
        # Mastodon counts "@ana@else.where " as "@ana " (5): 495 + 5 fits, 496 + 5 does not.
        too_long = client.post(url, json={"text": "x" * 496}, headers=tenant.headers)
        fits = client.post(url, json={"text": "x" * 495}, headers=tenant.headers)
    assert too_long.status_code == 422 and "501" in too_long.text
    assert fits.status_code == 200, fits.text
