"""publish_target, outcome by outcome: what is committed when, what the attempt history says, the one
token refresh, unknown outcomes that are never resent, and the first comment that never fails the post."""

import importlib
import sys
import time
import types
from datetime import timedelta

import pytest
from sqlalchemy import event, select, update

from heraldo.core.clock import utcnow
from heraldo.core.dispatch import LocalDispatcher
from heraldo.core.security.crypto import SecretBox
from heraldo.posts import service as posts_service
from heraldo.posts.media import LocalMediaStorage
from heraldo.posts.models import AccountStatus, PostTarget, SocialAccount, TargetStatus
from heraldo.publishing import service
from heraldo.publishing.connectors import registry
from heraldo.publishing.connectors.sandbox import SandboxConnector
from heraldo.publishing.errors import (
    AuthExpired,
    AuthRevoked,
    Invalid,
    OutcomeUnknown,
    PermissionMissing,
    RateLimited,
    Transient,
)
from heraldo.publishing.models import PublishAttempt, SandboxPublication
from heraldo.publishing.platforms import Platform
from heraldo.worker import BEAT
from tests.factories import TEST_SECRET, create_account, create_post, create_tenant

LATER = timedelta(hours=1)
DEFAULT = object()


class FlowConnector(SandboxConnector):
    """The sandbox with a script per method: each call plays the next step (an exception to raise, a
    callable(ctx, request) whose answer is used, or DEFAULT for the sandbox's own behaviour)."""

    def __init__(self, *, publish=(), find=(), comment=()):
        self.scripts = {"publish": list(publish), "find": list(find), "comment": list(comment)}
        self.calls: dict[str, list[str]] = {"publish": [], "find": [], "comment": []}
        self.credentials_seen: list[dict] = []
        self.contexts = []
        self.requests = []

    def _play(self, name, ctx, request, default):
        self.calls[name].append(request.idempotency_key)
        self.contexts.append(ctx)
        self.requests.append(request)
        step = self.scripts[name].pop(0) if self.scripts[name] else DEFAULT
        if isinstance(step, BaseException):
            raise step
        if step is DEFAULT:
            return default()
        return step(ctx, request)

    def publish(self, ctx, request):
        if request.reply_to is not None:  # the first comment arrives here through comment() -> reply()
            return super().publish(ctx, request)
        self.credentials_seen.append(dict(ctx.credentials))
        return self._play("publish", ctx, request, lambda: super(FlowConnector, self).publish(ctx, request))

    def find_published(self, ctx, request, since):
        return self._play("find", ctx, request, lambda: super(FlowConnector, self).find_published(ctx, request, since))

    def comment(self, ctx, request, on):
        return self._play("comment", ctx, request, lambda: super(FlowConnector, self).comment(ctx, request, on))


def went_out_then(error: Exception):
    """A step that really creates the post (committed, like a platform would have it) and then fails."""

    def step(ctx, request):
        SandboxConnector.publish(FlowConnector(), ctx, request)
        ctx.db.commit()
        raise error

    return step


@pytest.fixture
def use_connector(monkeypatch):
    monkeypatch.setattr(registry, "_CONNECTORS", dict(registry._CONNECTORS))

    def install(connector):
        connector.platform = Platform.SANDBOX.value
        return registry.register(connector)

    return install


@pytest.fixture
def box() -> SecretBox:
    return SecretBox(TEST_SECRET)


@pytest.fixture
def storage(settings) -> LocalMediaStorage:
    return LocalMediaStorage(settings.media_dir)


@pytest.fixture
def tenant_id(db) -> int:
    return create_tenant(db, "Flow").id


class Refreshes(list):
    """The refresh_account calls made; `outcomes` scripts what the next ones return or raise."""

    def __init__(self):
        super().__init__()
        self.outcomes: list = []


@pytest.fixture
def refresh_calls(monkeypatch):
    """Replace `heraldo.publishing.tokens.refresh_account` (whether or not the module exists yet)."""
    calls = Refreshes()
    outcomes = calls.outcomes

    def refresh_account(*, db, settings, box, http, account):
        calls.append({"db": db, "settings": settings, "box": box, "http": http, "account_id": account.id})
        outcome = outcomes.pop(0) if outcomes else {"access_token": "fresh"}
        if isinstance(outcome, BaseException):
            raise outcome
        account.credentials_encrypted = box.encrypt(outcome)
        db.commit()
        return outcome

    try:
        tokens = importlib.import_module("heraldo.publishing.tokens")
        monkeypatch.setattr(tokens, "refresh_account", refresh_account)
    except ModuleNotFoundError:
        fake = types.ModuleType("heraldo.publishing.tokens")
        fake.refresh_account = refresh_account
        monkeypatch.setitem(sys.modules, "heraldo.publishing.tokens", fake)
    return calls


def scheduled_target(db, workspace_id: int, handle: str = "acme", first_comment: str | None = None) -> PostTarget:
    account = create_account(db, workspace_id, handle, credentials={"access_token": "stale"})
    post = create_post(db, workspace_id, [account.id], scheduled_at=utcnow() + LATER)
    if first_comment:
        post.first_comment = first_comment
        db.commit()
    return post.targets[0]


def make_due(db, target_id: int) -> None:
    db.execute(update(PostTarget).where(PostTarget.id == target_id).values(due_at=utcnow() - timedelta(seconds=1)))
    db.commit()


def run(db, box, storage, settings) -> int:
    return service.publish_due(db=db, box=box, storage=storage, settings=settings)


def reload(db, target_id: int) -> PostTarget:
    db.expire_all()
    return db.get(PostTarget, target_id)


def attempts(db, target_id: int) -> list[PublishAttempt]:
    db.expire_all()
    return list(
        db.scalars(select(PublishAttempt).where(PublishAttempt.target_id == target_id).order_by(PublishAttempt.number))
    )


def publications(db, key: str) -> list[SandboxPublication]:
    return list(db.scalars(select(SandboxPublication).where(SandboxPublication.idempotency_key == key)))


# ---- published ------------------------------------------------------------------------------------------------


def test_a_publish_commits_the_id_and_records_the_attempt(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(FlowConnector())
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)

    assert run(db, box, storage, settings) == 1
    done = reload(db, target.id)
    [publication] = publications(db, target.idempotency_key)
    assert done.status == TargetStatus.PUBLISHED.value
    assert done.platform_post_id == str(publication.id)
    assert done.published_at == publication.published_at
    assert done.last_error is None
    [attempt] = attempts(db, target.id)
    assert (attempt.number, attempt.outcome, attempt.platform_post_id) == (1, "published", done.platform_post_id)
    assert attempt.error_kind is None and attempt.retry_at is None
    assert attempt.started_at <= attempt.finished_at
    # The connector got everything the contract promises.
    [ctx] = connector.contexts
    assert ctx.settings is settings
    assert ctx.http is not None
    assert ctx.credentials == {"access_token": "stale"}
    assert connector.calls["find"] == []  # a first attempt asks nobody


def test_progress_and_rotated_credentials_are_committed_at_once(
    database, db, tenant_id, box, storage, settings, use_connector
):
    def save_then_fail(ctx, request):
        ctx.save_credentials({"access_token": "rotated", "refresh_token": "next"})
        request.progress["container_id"] = "c-17"
        ctx.save_progress(request.progress)
        raise Transient("HTTP 502 after the container was made")

    connector = use_connector(FlowConnector(publish=[save_then_fail]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    # Read through another session: committed, not merely flushed.
    with database.session() as other:
        stored = other.get(PostTarget, target.id)
        assert stored.status == TargetStatus.SCHEDULED.value
        assert stored.progress == {"container_id": "c-17"}
        account = other.get(SocialAccount, stored.account_id)
        assert box.decrypt(account.credentials_encrypted) == {"access_token": "rotated", "refresh_token": "next"}

    # The retry carries on from the saved container, with the rotated token.
    make_due(db, target.id)
    run(db, box, storage, settings)
    assert reload(db, target.id).status == TargetStatus.PUBLISHED.value
    assert connector.requests[-1].progress == {"container_id": "c-17"}
    assert connector.credentials_seen[-1] == {"access_token": "rotated", "refresh_token": "next"}


# ---- retries --------------------------------------------------------------------------------------------------


def test_a_transient_error_retries_with_backoff_and_the_history_shows_it(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(FlowConnector(publish=[Transient("HTTP 503")]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)

    before = utcnow()
    run(db, box, storage, settings)
    retried = reload(db, target.id)
    assert retried.status == TargetStatus.SCHEDULED.value
    assert before <= retried.due_at <= utcnow() + timedelta(seconds=service.BASE_BACKOFF_SECONDS)
    [first] = attempts(db, target.id)
    assert (first.number, first.outcome, first.error_kind, first.message) == (1, "retry", "Transient", "HTTP 503")
    assert first.retry_at == retried.due_at

    make_due(db, target.id)
    run(db, box, storage, settings)
    done = reload(db, target.id)
    assert done.status == TargetStatus.PUBLISHED.value
    assert [(a.number, a.outcome) for a in attempts(db, target.id)] == [(1, "retry"), (2, "published")]
    # The retry asked first, found nothing, then sent.
    assert connector.calls["find"] == [target.idempotency_key]
    assert len(connector.calls["publish"]) == 2


def test_a_rate_limit_waits_for_the_platform_and_the_last_attempt_fails(
    db, tenant_id, box, storage, settings, use_connector
):
    use_connector(FlowConnector(publish=[RateLimited("slow down", retry_after=900)] * service.MAX_ATTEMPTS))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)

    before = utcnow()
    run(db, box, storage, settings)
    assert reload(db, target.id).due_at >= before + timedelta(seconds=900)
    for _ in range(service.MAX_ATTEMPTS - 1):
        make_due(db, target.id)
        run(db, box, storage, settings)

    failed = reload(db, target.id)
    assert failed.status == TargetStatus.FAILED.value
    assert failed.last_error == "slow down"
    history = attempts(db, target.id)
    assert [a.outcome for a in history] == ["retry"] * (service.MAX_ATTEMPTS - 1) + ["failed"]
    assert {a.error_kind for a in history} == {"RateLimited"}
    assert history[-1].retry_at is None


def test_a_retry_that_finds_the_earlier_post_does_not_send_again(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(FlowConnector(publish=[went_out_then(Transient("502 after the post was made"))]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)
    make_due(db, target.id)
    run(db, box, storage, settings)

    done = reload(db, target.id)
    [publication] = publications(db, target.idempotency_key)
    assert done.status == TargetStatus.PUBLISHED.value
    assert done.platform_post_id == str(publication.id)
    assert len(connector.calls["publish"]) == 1
    assert [(a.outcome, a.platform_post_id) for a in attempts(db, target.id)] == [
        ("retry", None),
        ("already_published", done.platform_post_id),
    ]


# ---- final errors ---------------------------------------------------------------------------------------------


def test_invalid_content_fails_with_the_platforms_reason(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(FlowConnector(publish=[Invalid("You are not allowed to create a duplicate post.")]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    failed = reload(db, target.id)
    assert failed.status == TargetStatus.FAILED.value
    assert failed.last_error == "You are not allowed to create a duplicate post."
    [attempt] = attempts(db, target.id)
    assert (attempt.outcome, attempt.error_kind, attempt.message) == ("failed", "Invalid", failed.last_error)
    assert len(connector.calls["publish"]) == 1
    assert db.get(SocialAccount, failed.account_id).status == AccountStatus.ACTIVE.value


@pytest.mark.parametrize("error", [AuthRevoked("token revoked"), PermissionMissing("missing pages_manage_posts")])
def test_a_dead_grant_flags_the_account_and_fails_the_target(
    db, tenant_id, box, storage, settings, use_connector, refresh_calls, error
):
    use_connector(FlowConnector(publish=[error]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    failed = reload(db, target.id)
    assert failed.status == TargetStatus.FAILED.value
    assert failed.last_error == error.message
    account = db.get(SocialAccount, failed.account_id)
    assert (account.status, account.status_reason) == (AccountStatus.NEEDS_RECONNECT.value, error.message)
    [attempt] = attempts(db, target.id)
    assert (attempt.outcome, attempt.error_kind) == ("needs_reconnect", type(error).__name__)
    assert refresh_calls == []  # nothing to refresh: a person must reconnect


# ---- token refresh --------------------------------------------------------------------------------------------


def test_an_expired_token_is_refreshed_once_and_the_call_retried(
    db, tenant_id, box, storage, settings, use_connector, refresh_calls
):
    connector = use_connector(FlowConnector(publish=[AuthExpired("token expired")]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    done = reload(db, target.id)
    assert done.status == TargetStatus.PUBLISHED.value
    assert done.attempts == 1
    [call] = refresh_calls
    assert call["account_id"] == done.account_id
    assert call["settings"] is settings and call["box"] is box and call["http"] is not None
    # First with the stale token, then with the one the refresh returned.
    assert connector.credentials_seen == [{"access_token": "stale"}, {"access_token": "fresh"}]
    assert [a.outcome for a in attempts(db, target.id)] == ["published"]


def test_a_token_still_expired_after_the_refresh_needs_a_reconnect(
    db, tenant_id, box, storage, settings, use_connector, refresh_calls
):
    connector = use_connector(FlowConnector(publish=[AuthExpired("token expired"), AuthExpired("still expired")]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    failed = reload(db, target.id)
    assert failed.status == TargetStatus.FAILED.value
    assert len(refresh_calls) == 1
    assert len(connector.calls["publish"]) == 2
    account = db.get(SocialAccount, failed.account_id)
    assert account.status == AccountStatus.NEEDS_RECONNECT.value
    assert attempts(db, target.id)[0].outcome == "needs_reconnect"


def test_a_refresh_the_platform_refuses_needs_a_reconnect(
    db, tenant_id, box, storage, settings, use_connector, refresh_calls
):
    refresh_calls.outcomes.append(AuthRevoked("invalid_grant: refresh token was revoked"))
    connector = use_connector(FlowConnector(publish=[AuthExpired("token expired")]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    failed = reload(db, target.id)
    assert failed.status == TargetStatus.FAILED.value
    assert failed.last_error == "invalid_grant: refresh token was revoked"
    assert db.get(SocialAccount, failed.account_id).status == AccountStatus.NEEDS_RECONNECT.value
    assert len(connector.calls["publish"]) == 1


def test_a_refresh_that_hits_a_transient_error_retries_later(
    db, tenant_id, box, storage, settings, use_connector, refresh_calls
):
    refresh_calls.outcomes.append(Transient("token endpoint answered 503"))
    use_connector(FlowConnector(publish=[AuthExpired("token expired")]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    retried = reload(db, target.id)
    assert retried.status == TargetStatus.SCHEDULED.value
    assert retried.last_error == "attempt 1 failed, will retry: token endpoint answered 503"
    assert db.get(SocialAccount, retried.account_id).status == AccountStatus.ACTIVE.value


# ---- unknown outcomes -----------------------------------------------------------------------------------------


def test_an_unknown_outcome_the_platform_cannot_confirm_needs_review_and_is_never_resent(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(FlowConnector(publish=[OutcomeUnknown("POST /statuses was sent but no answer came")]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    review = reload(db, target.id)
    assert review.status == TargetStatus.NEEDS_REVIEW.value
    assert review.last_error.startswith("request sent at ")
    assert "no answer" in review.last_error
    assert review.last_error.endswith("check the account before retrying")
    assert connector.calls["find"] == [target.idempotency_key]
    [attempt] = attempts(db, target.id)
    assert (attempt.outcome, attempt.error_kind) == ("needs_review", "OutcomeUnknown")

    # Nothing picks it up again: no second publish call, ever, without a person.
    db.execute(update(PostTarget).where(PostTarget.id == target.id).values(due_at=utcnow() - timedelta(hours=1)))
    db.commit()
    assert run(db, box, storage, settings) == 0
    assert (
        service.reconcile_stuck_targets(db=db, box=box, storage=storage, settings=settings, older_than=timedelta(0))
        == 0
    )
    assert len(connector.calls["publish"]) == 1


def test_an_unknown_outcome_found_on_the_platform_is_published(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(FlowConnector(publish=[went_out_then(OutcomeUnknown("read timeout"))]))
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    done = reload(db, target.id)
    [publication] = publications(db, target.idempotency_key)
    assert done.status == TargetStatus.PUBLISHED.value
    assert done.platform_post_id == str(publication.id)
    assert len(connector.calls["publish"]) == 1
    [attempt] = attempts(db, target.id)
    assert (attempt.outcome, attempt.platform_post_id) == ("published", done.platform_post_id)


def test_an_unknown_outcome_whose_lookup_fails_needs_review(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(
        FlowConnector(publish=[OutcomeUnknown("read timeout")], find=[Transient("timeline answered 503")])
    )
    target = scheduled_target(db, tenant_id)
    make_due(db, target.id)
    run(db, box, storage, settings)

    review = reload(db, target.id)
    assert review.status == TargetStatus.NEEDS_REVIEW.value
    assert "timeline answered 503" in review.last_error
    assert len(connector.calls["publish"]) == 1


# ---- first comment --------------------------------------------------------------------------------------------


def test_the_first_comment_goes_under_the_post(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(FlowConnector())
    target = scheduled_target(db, tenant_id, first_comment="Link in the first comment: https://example.com")
    make_due(db, target.id)
    run(db, box, storage, settings)

    done = reload(db, target.id)
    [post] = publications(db, target.idempotency_key)
    [comment] = publications(db, target.idempotency_key + "-c1")
    assert comment.in_reply_to_id == post.id
    assert comment.text == "Link in the first comment: https://example.com"
    assert done.first_comment_platform_id == str(comment.id)
    assert done.first_comment_error is None
    assert connector.calls["comment"] == [target.idempotency_key + "-c1"]


def test_the_post_id_is_committed_before_a_crashing_first_comment(
    database, db, tenant_id, box, storage, settings, use_connector
):
    seen_from_outside = {}

    def crash(ctx, request):
        with database.session() as other:
            stored = other.get(PostTarget, target.id)
            seen_from_outside.update(status=stored.status, platform_post_id=stored.platform_post_id)
        raise RuntimeError("bug in the comment code")

    use_connector(FlowConnector(comment=[crash]))
    target = scheduled_target(db, tenant_id, first_comment="first!")
    make_due(db, target.id)
    run(db, box, storage, settings)

    done = reload(db, target.id)
    assert seen_from_outside == {"status": TargetStatus.PUBLISHED.value, "platform_post_id": done.platform_post_id}
    assert done.platform_post_id is not None
    assert done.status == TargetStatus.PUBLISHED.value
    assert done.first_comment_error == "internal error: RuntimeError"
    assert done.first_comment_platform_id is None
    assert [a.outcome for a in attempts(db, target.id)] == ["published"]


def test_a_transient_first_comment_failure_is_retried_once_in_the_same_run(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(FlowConnector(comment=[Transient("HTTP 503")]))
    target = scheduled_target(db, tenant_id, first_comment="first!")
    make_due(db, target.id)
    run(db, box, storage, settings)

    done = reload(db, target.id)
    assert len(connector.calls["comment"]) == 2
    assert done.first_comment_platform_id is not None
    assert done.first_comment_error is None


@pytest.mark.parametrize(
    ("script", "calls", "error"),
    [
        ([Transient("HTTP 503"), Transient("HTTP 504")], 2, "HTTP 504"),
        ([Invalid("comments are off for this post")], 1, "comments are off for this post"),
        ([OutcomeUnknown("read timeout")], 1, "no answer (read timeout)"),
    ],
    ids=["transient-twice", "invalid", "unknown"],
)
def test_a_failed_first_comment_is_recorded_and_the_post_stays_published(
    db, tenant_id, box, storage, settings, use_connector, script, calls, error
):
    connector = use_connector(FlowConnector(comment=script))
    target = scheduled_target(db, tenant_id, first_comment="first!")
    make_due(db, target.id)
    run(db, box, storage, settings)

    done = reload(db, target.id)
    assert done.status == TargetStatus.PUBLISHED.value
    assert done.platform_post_id is not None
    assert done.first_comment_error.startswith(error)
    assert len(connector.calls["comment"]) == calls
    assert len(connector.calls["publish"]) == 1
    assert publications(db, target.idempotency_key + "-c1") == []


# ---- on time --------------------------------------------------------------------------------------------------


def test_nothing_due_costs_one_indexed_read(db, tenant_id, box, storage, settings, use_connector):
    use_connector(FlowConnector())
    scheduled_target(db, tenant_id)  # due in an hour
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert run(db, box, storage, settings) == 0
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(statements) == 1, statements
    assert statements[0].lstrip().upper().startswith("SELECT")


def test_the_in_process_runner_publishes_within_about_a_second_of_the_due_time(settings, database, db):
    tenant = create_tenant(db, "On time")
    account = create_account(db, tenant.id)
    runner = LocalDispatcher(database, BEAT)
    runner.start()
    try:
        scheduled_at = utcnow() + timedelta(seconds=2)
        target = posts_service.get_post(
            db=db,
            workspace_id=tenant.id,
            post_id=create_post(db, tenant.id, [account.id], scheduled_at=scheduled_at).id,
        ).targets[0]
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            state = reload(db, target.id)
            if state.status == TargetStatus.PUBLISHED.value:
                break
            time.sleep(0.05)
        assert state.status == TargetStatus.PUBLISHED.value
        # Beat ticks every second; allow for one tick plus a slow CI machine.
        lateness = (state.published_at - scheduled_at).total_seconds()
        assert 0 <= lateness < 2.0, lateness
    finally:
        runner.stop()
