"""The inbox fetch job end to end: a real connector (Mastodon) against its loopback fake, on both databases."""

import json
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from heraldo.core.clock import as_utc, utcnow
from heraldo.core.security.crypto import SecretBox
from heraldo.inbox import service
from heraldo.inbox.jobs import OVERLAP, due_accounts, fetch_inbox_now
from heraldo.inbox.models import InboxCursor, Interaction, InteractionReply
from heraldo.posts.models import AccountStatus, PostTarget, TargetStatus
from heraldo.worker import BEAT, JOB_MODULES
from tests.factories import create_post
from tests.inbox.mastodon_inbox import mastodon_account, mention, serving
from tests.publishing.connectors.test_mastodon import FakeMastodon


@pytest.fixture
def fake() -> FakeMastodon:
    return FakeMastodon()


@pytest.fixture
def run(db, settings):
    """fetch_inbox_now with the test's settings and one HTTP client, against whatever `serving` routes."""

    def go(**kwargs):
        with httpx.Client() as http:
            return fetch_inbox_now(db=db, settings=settings, box=SecretBox(settings.secret_key), http=http, **kwargs)

    return go


def published_target(db, workspace_id: int, account_id: int, platform_post_id: str) -> PostTarget:
    post = create_post(db, workspace_id, [account_id], content="Our winter menu is out")
    target = post.targets[0]
    target.status = TargetStatus.PUBLISHED.value
    target.platform_post_id = platform_post_id
    target.published_at = utcnow() - timedelta(hours=1)
    db.commit()
    return target


def test_the_job_is_registered_and_scheduled():
    assert "heraldo.inbox.jobs" in JOB_MODULES
    assert any(entry.job == "fetch_inbox" for entry in BEAT)


def test_new_mentions_are_stored_once_analysed_and_linked_to_our_post(db, tenant, fake, run):
    account = mastodon_account(db, tenant.id)
    ours = fake.add_status("Our winter menu is out", minutes_ago=60)
    target = published_target(db, tenant.id, account.id, ours)
    mention(fake, "@acme my order arrived broken and nobody answers my emails. Terrible service!", parent=ours)
    mention(fake, "@acme what time do you open on Sunday?", minutes_ago=4)
    mention(fake, "@acme absolutely love the new menu, the soup is amazing 😍", minutes_ago=3, parent=ours)
    mention(fake, "@acme replying to myself", minutes_ago=2, acct="acme")  # our own account: not inbox material

    with serving(fake):
        assert run() == 3
        assert run() == 0  # a second fetch finds nothing new

    rows = db.scalars(select(Interaction).order_by(Interaction.received_at)).all()
    assert len(rows) == 3
    complaint, question, praise = rows
    assert (complaint.intent, complaint.sentiment_label, complaint.language) == ("complaint", "negative", "en")
    assert complaint.priority in ("high", "urgent")
    assert question.intent == "question"
    assert (praise.intent, praise.sentiment_label) == ("praise", "positive")
    assert complaint.target_id == target.id and praise.target_id == target.id and question.target_id is None
    assert complaint.kind == "reply" and question.kind == "mention"
    assert complaint.platform_extra["acct"] == "fan@else.where"
    assert complaint.priority_rank < question.priority_rank
    assert all(row.keywords for row in rows)

    cursor = db.get(InboxCursor, account.id)
    # The cursor covers everything seen, our own mention (2 minutes ago, not stored) included.
    assert as_utc(cursor.newest_received_at) > max(as_utc(row.received_at) for row in rows)
    assert cursor.last_error is None


def test_a_later_fetch_only_adds_what_is_new(db, tenant, fake, run):
    mastodon_account(db, tenant.id)
    mention(fake, "@acme first!", minutes_ago=30)
    with serving(fake):
        run()
        mention(fake, "@acme do you ship to Canada?", minutes_ago=1)
        assert run() == 1
    assert db.scalar(select(func.count()).select_from(Interaction)) == 2


def test_the_first_fetch_looks_back_a_week_and_later_ones_from_the_cursor(db, tenant, fake, run):
    account = mastodon_account(db, tenant.id)
    mention(fake, "@acme too old for the inbox", minutes_ago=8 * 24 * 60)
    mention(fake, "@acme recent enough", minutes_ago=6 * 24 * 60)
    with serving(fake):
        assert run() == 1
    cursor = db.get(InboxCursor, account.id)
    assert cursor.newest_received_at is not None
    assert timedelta(0) < OVERLAP


def test_a_rate_limit_stops_the_account_until_the_time_given(db, tenant, fake, run):
    account = mastodon_account(db, tenant.id)
    mention(fake, "@acme hello")
    fake.fail_next("GET", "/api/v1/notifications", fake.error(429, "Too many requests", {"Retry-After": "600"}))
    with serving(fake):
        assert run() == 0
    cursor = db.get(InboxCursor, account.id)
    assert "Too many requests" in cursor.last_error or "rate" in cursor.last_error.lower()
    wait = (as_utc(cursor.next_fetch_after) - utcnow()).total_seconds()
    assert 500 < wait <= 600
    assert account.id not in due_accounts(db=db, now=utcnow())
    assert account.id in due_accounts(db=db, now=utcnow() + timedelta(minutes=11))
    assert db.get(type(account), account.id).status == AccountStatus.ACTIVE.value


def test_a_revoked_token_marks_the_account_and_other_accounts_still_fetch(db, tenant, fake, run):
    broken = mastodon_account(db, tenant.id, handle="broken")
    working = mastodon_account(db, tenant.id, handle="acme")
    mention(fake, "@acme still works")
    fake.fail_next("GET", "/api/v1/notifications", fake.error(401, "The access token was revoked"))
    with serving(fake):
        created = run()
    db.expire_all()
    statuses = {broken.status, working.status}
    assert AccountStatus.NEEDS_RECONNECT.value in statuses
    # Whichever account got the revoked answer, the other one's mention is in the inbox.
    assert created == 1
    assert db.scalar(select(func.count()).select_from(Interaction)) == 1


def test_auto_reply_is_off_by_default(db, tenant, fake, run):
    mastodon_account(db, tenant.id)
    mention(fake, "@acme what time do you open on Sunday?")
    with serving(fake):
        run()
    assert db.scalar(select(func.count()).select_from(InteractionReply)) == 0
    assert not any(path == "/api/v1/statuses" for method, path in fake.calls if method == "POST")


def test_auto_reply_answers_confident_allowed_intents_and_logs_it(db, tenant, fake, run):
    mastodon_account(db, tenant.id)
    service.update_settings(
        db=db,
        workspace_id=tenant.id,
        auto_reply_enabled=True,
        auto_reply_threshold=0.5,
        auto_reply_intents=["question"],
    )
    question = mention(fake, "@acme what time do you open on Sunday?", acct="ana@else.where", name="Ana")
    mention(fake, "@acme my order arrived broken, terrible!", minutes_ago=4)
    with serving(fake):
        run()

    interaction = db.scalar(select(Interaction).where(Interaction.platform_id == question["status"]["id"]))
    assert interaction.intent == "question" and interaction.intent_confidence >= 0.5
    [reply] = db.scalars(select(InteractionReply)).all()
    assert (reply.automatic, reply.status, reply.intent, reply.threshold) == (True, "sent", "question", 0.5)
    assert reply.confidence == interaction.intent_confidence
    assert interaction.responded and interaction.response_text == reply.text
    sent = json.loads(next(r for r in fake.requests if r.method == "POST").content)
    assert sent["in_reply_to_id"] == question["status"]["id"]
    assert sent["status"].startswith("@ana@else.where ")
    assert "Ana" in sent["status"]


def test_auto_reply_respects_the_threshold(db, tenant, fake, run):
    mastodon_account(db, tenant.id)
    service.update_settings(db=db, workspace_id=tenant.id, auto_reply_enabled=True, auto_reply_threshold=1.0)
    mention(fake, "@acme what time do you open on Sunday?")
    with serving(fake):
        run()
    assert db.scalar(select(func.count()).select_from(InteractionReply)) == 0


def test_demo_accounts_are_never_fetched(db, tenant):
    account = mastodon_account(db, tenant.id)
    account.is_demo = True
    db.commit()
    assert account.id not in due_accounts(db=db, now=utcnow())
