"""Claiming due targets and recording publish outcomes: exactly once, also with many workers at once."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from heraldo.core.clock import utcnow
from heraldo.core.security.crypto import SecretBox
from heraldo.posts.media import LocalMediaStorage
from heraldo.posts.models import AccountStatus, PostTarget, SocialAccount, TargetStatus
from heraldo.publishing import service
from heraldo.publishing.connectors import registry
from heraldo.publishing.connectors.base import ConnectorContext, PublishRequest, PublishResult
from heraldo.publishing.connectors.sandbox import SandboxConnector
from heraldo.publishing.errors import AuthRevoked, Invalid, RateLimited, Transient
from heraldo.publishing.models import SandboxPublication
from heraldo.publishing.platforms import Platform
from tests.factories import TEST_SECRET, create_account, create_post, create_tenant

LATER = timedelta(hours=1)


class ScriptedSandbox(SandboxConnector):
    """The sandbox, but every publish call is recorded and may first play a scripted error."""

    def __init__(self, *errors: Exception):
        self.errors = list(errors)
        self.publish_calls: list[str] = []
        self.lookups: list[str] = []
        self._lock = threading.Lock()

    def publish(self, ctx: ConnectorContext, request: PublishRequest) -> PublishResult:
        with self._lock:
            self.publish_calls.append(request.idempotency_key)
            error = self.errors.pop(0) if self.errors else None
        if error is not None:
            raise error
        return super().publish(ctx, request)

    def find_published(self, ctx: ConnectorContext, request: PublishRequest, since) -> PublishResult | None:
        self.lookups.append(request.idempotency_key)
        return super().find_published(ctx, request, since)


@pytest.fixture
def use_connector(monkeypatch):
    """Put a connector in the registry for this test only (the registry is restored afterwards)."""
    monkeypatch.setattr(registry, "_CONNECTORS", dict(registry._CONNECTORS))

    def install(connector):
        connector.platform = Platform.SANDBOX.value
        return registry.register(connector)

    return install


@pytest.fixture
def box() -> SecretBox:
    return SecretBox(TEST_SECRET)


@pytest.fixture
def storage(tmp_path) -> LocalMediaStorage:
    return LocalMediaStorage(tmp_path / "media")


@pytest.fixture
def tenant_id(db) -> int:
    return create_tenant(db, "Claims").id


def make_due(db, target_ids=None) -> None:
    """Move the given (or every) scheduled target's due time into the past."""
    statement = update(PostTarget).where(PostTarget.status == TargetStatus.SCHEDULED.value)
    if target_ids is not None:
        statement = statement.where(PostTarget.id.in_(target_ids))
    db.execute(statement.values(due_at=utcnow() - timedelta(seconds=1)))
    db.commit()


def scheduled_target(db, workspace_id: int, handle: str = "acme") -> PostTarget:
    account = create_account(db, workspace_id, handle)
    post = create_post(db, workspace_id, [account.id], scheduled_at=utcnow() + LATER)
    return post.targets[0]


def reload(db, target_id: int) -> PostTarget:
    db.expire_all()
    return db.get(PostTarget, target_id)


def publications(db, key: str) -> int:
    return db.scalar(
        select(func.count()).select_from(SandboxPublication).where(SandboxPublication.idempotency_key == key)
    )


# ---- claims -------------------------------------------------------------------------------------------


def test_claim_takes_only_due_scheduled_targets_once(db, tenant_id):
    due = scheduled_target(db, tenant_id, "due")
    future = scheduled_target(db, tenant_id, "future")
    draft_account = create_account(db, tenant_id, "draft")
    draft = create_post(db, tenant_id, [draft_account.id]).targets[0]
    make_due(db, [due.id])
    now = utcnow()

    assert service.claim_due_targets(db=db, now=now) == [due.id]
    assert service.claim_due_targets(db=db, now=now) == []

    claimed = reload(db, due.id)
    assert claimed.status == TargetStatus.PUBLISHING.value
    assert claimed.attempts == 1
    assert claimed.claimed_at is not None
    assert reload(db, future.id).status == TargetStatus.SCHEDULED.value
    assert reload(db, draft.id).status == TargetStatus.DRAFT.value


def test_claim_respects_the_limit_and_takes_the_oldest_first(db, tenant_id):
    targets = [scheduled_target(db, tenant_id, f"acct{i}") for i in range(5)]
    base = utcnow() - timedelta(minutes=10)
    for offset, target in enumerate(reversed(targets)):
        db.execute(update(PostTarget).where(PostTarget.id == target.id).values(due_at=base + timedelta(seconds=offset)))
    db.commit()

    first = service.claim_due_targets(db=db, now=utcnow(), limit=2)
    assert sorted(first) == sorted(t.id for t in targets[-2:])
    rest = service.claim_due_targets(db=db, now=utcnow(), limit=10)
    assert sorted(first + rest) == sorted(t.id for t in targets)


def test_publish_target_is_a_no_op_unless_claimed(db, tenant_id, box, storage, use_connector):
    connector = use_connector(ScriptedSandbox())
    target = scheduled_target(db, tenant_id)
    make_due(db, [target.id])

    # Not claimed yet: nothing happens.
    service.publish_target(db=db, box=box, storage=storage, target_id=target.id)
    assert reload(db, target.id).status == TargetStatus.SCHEDULED.value

    [claimed] = service.claim_due_targets(db=db, now=utcnow())
    service.publish_target(db=db, box=box, storage=storage, target_id=claimed)
    # A second call for the same claim (a redelivered task) must not publish again.
    service.publish_target(db=db, box=box, storage=storage, target_id=claimed)

    done = reload(db, target.id)
    assert done.status == TargetStatus.PUBLISHED.value
    assert connector.publish_calls == [done.idempotency_key]
    assert publications(db, done.idempotency_key) == 1


def test_concurrent_workers_publish_every_target_exactly_once(database, db, tenant_id, use_connector, tmp_path):
    workers = 8
    connector = use_connector(ScriptedSandbox())
    accounts = [create_account(db, tenant_id, f"acct{i}") for i in range(10)]
    for number in range(20):
        create_post(db, tenant_id, [a.id for a in accounts], content=f"post {number}", scheduled_at=utcnow() + LATER)
    make_due(db)
    keys = set(db.scalars(select(PostTarget.idempotency_key)))
    assert len(keys) == 200

    box, storage = SecretBox(TEST_SECRET), LocalMediaStorage(tmp_path / "media")
    start = threading.Barrier(workers)
    handled: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with database.session() as session:
                start.wait(timeout=10)
                # Small batches make the workers come back for more claims while the others are mid-batch.
                handled.append(service.publish_due(db=session, box=box, storage=storage, batch=7))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker thread hung"
    assert errors == []

    assert sum(handled) == 200
    calls = Counter(connector.publish_calls)
    assert set(calls) == keys
    assert max(calls.values()) == 1, [key for key, n in calls.items() if n > 1]
    per_key = dict(
        db.execute(
            select(SandboxPublication.idempotency_key, func.count()).group_by(SandboxPublication.idempotency_key)
        ).all()
    )
    assert per_key == dict.fromkeys(keys, 1)
    db.expire_all()
    rows = db.execute(select(PostTarget.status, PostTarget.attempts, PostTarget.published_at)).all()
    assert len(rows) == 200
    assert {(status, attempts) for status, attempts, _ in rows} == {(TargetStatus.PUBLISHED.value, 1)}
    assert all(published_at is not None for _, _, published_at in rows)


# ---- outcomes -----------------------------------------------------------------------------------------


def test_a_retryable_error_reschedules_until_the_last_attempt_then_fails(db, tenant_id, box, storage, use_connector):
    connector = use_connector(ScriptedSandbox(*(Transient("HTTP 503") for _ in range(service.MAX_ATTEMPTS))))
    target = scheduled_target(db, tenant_id)
    make_due(db, [target.id])

    for attempt in range(1, service.MAX_ATTEMPTS):
        before = utcnow()
        assert service.publish_due(db=db, box=box, storage=storage) == 1
        retried = reload(db, target.id)
        assert retried.status == TargetStatus.SCHEDULED.value
        assert retried.attempts == attempt
        assert retried.due_at >= before
        assert retried.last_error == f"attempt {attempt} failed, will retry: HTTP 503"
        # Not due again before its backoff is over.
        assert service.claim_due_targets(db=db, now=before) == []
        make_due(db, [target.id])

    assert service.publish_due(db=db, box=box, storage=storage) == 1
    failed = reload(db, target.id)
    assert failed.status == TargetStatus.FAILED.value
    assert failed.attempts == service.MAX_ATTEMPTS
    assert failed.last_error == "HTTP 503"
    assert failed.published_at is None
    assert len(connector.publish_calls) == service.MAX_ATTEMPTS
    # Every retry first asked the platform whether the earlier attempt went out after all.
    assert connector.lookups == [target.idempotency_key] * (service.MAX_ATTEMPTS - 1)
    assert publications(db, target.idempotency_key) == 0
    # A failed target is never claimed again.
    make_due(db)
    assert service.claim_due_targets(db=db, now=utcnow() + LATER * 24) == []


def test_a_retry_after_a_transient_error_publishes_once(db, tenant_id, box, storage, use_connector):
    connector = use_connector(ScriptedSandbox(Transient("connection reset")))
    target = scheduled_target(db, tenant_id)
    make_due(db, [target.id])

    service.publish_due(db=db, box=box, storage=storage)
    make_due(db, [target.id])
    service.publish_due(db=db, box=box, storage=storage)

    done = reload(db, target.id)
    assert done.status == TargetStatus.PUBLISHED.value
    assert done.attempts == 2
    assert done.last_error is None
    assert done.platform_post_id is not None
    assert publications(db, target.idempotency_key) == 1
    assert connector.lookups == [target.idempotency_key]


def test_a_retry_finds_a_post_that_went_out_and_does_not_send_again(db, tenant_id, box, storage, use_connector):
    # The first attempt reached the platform but the answer was lost as a retryable error.
    class LostAnswer(ScriptedSandbox):
        def publish(self, ctx, request):
            self.publish_calls.append(request.idempotency_key)
            if len(self.publish_calls) == 1:
                SandboxConnector.publish(self, ctx, request)
                ctx.db.commit()
                raise Transient("gateway timeout after the post was created")
            return SandboxConnector.publish(self, ctx, request)

    connector = use_connector(LostAnswer())
    target = scheduled_target(db, tenant_id)
    make_due(db, [target.id])
    service.publish_due(db=db, box=box, storage=storage)
    make_due(db, [target.id])
    service.publish_due(db=db, box=box, storage=storage)

    done = reload(db, target.id)
    assert done.status == TargetStatus.PUBLISHED.value
    assert connector.publish_calls == [target.idempotency_key]
    assert publications(db, target.idempotency_key) == 1


def test_auth_revoked_fails_the_target_and_flags_the_account(db, tenant_id, box, storage, use_connector):
    connector = use_connector(ScriptedSandbox(AuthRevoked("token revoked by the user")))
    account = create_account(db, tenant_id, "revoked")
    first = create_post(db, tenant_id, [account.id], content="one", scheduled_at=utcnow() + LATER).targets[0]
    second = create_post(db, tenant_id, [account.id], content="two", scheduled_at=utcnow() + LATER).targets[0]
    make_due(db, [first.id])

    service.publish_due(db=db, box=box, storage=storage)
    failed = reload(db, first.id)
    assert failed.status == TargetStatus.FAILED.value
    assert failed.attempts == 1
    assert failed.last_error == "token revoked by the user"
    flagged = db.get(SocialAccount, account.id)
    assert flagged.status == AccountStatus.NEEDS_RECONNECT.value
    assert flagged.status_reason == "token revoked by the user"

    # Later posts to that account fail without calling the platform.
    make_due(db, [second.id])
    service.publish_due(db=db, box=box, storage=storage)
    blocked = reload(db, second.id)
    assert blocked.status == TargetStatus.FAILED.value
    assert "needs reconnect" in blocked.last_error
    assert connector.publish_calls == [first.idempotency_key]


# OutcomeUnknown is not final: it becomes needs_review (tests/publishing/test_publish_flow.py).
@pytest.mark.parametrize(
    "error",
    [Invalid("duplicate content"), RuntimeError("bug")],
    ids=lambda error: type(error).__name__,
)
def test_a_final_error_fails_at_once(db, tenant_id, box, storage, use_connector, error):
    connector = use_connector(ScriptedSandbox(error))
    target = scheduled_target(db, tenant_id)
    make_due(db, [target.id])

    assert service.publish_due(db=db, box=box, storage=storage) == 1
    failed = reload(db, target.id)
    assert failed.status == TargetStatus.FAILED.value
    assert failed.attempts == 1
    expected = "internal error: RuntimeError" if isinstance(error, RuntimeError) else str(error)
    assert failed.last_error == expected
    assert len(connector.publish_calls) == 1
    assert publications(db, target.idempotency_key) == 0
    assert db.get(SocialAccount, failed.account_id).status == AccountStatus.ACTIVE.value


def test_a_crash_that_breaks_the_session_fails_the_target_and_the_batch_goes_on(
    db, tenant_id, box, storage, use_connector
):
    class BrokenFlush(ScriptedSandbox):
        def publish(self, ctx, request):
            self.publish_calls.append(request.idempotency_key)
            if len(self.publish_calls) == 1:
                # A bug that makes the flush fail (NOT NULL): the session must be rolled back to be usable.
                ctx.db.add(SandboxPublication(workspace_id=ctx.account.workspace_id, account_id=ctx.account.id))
                ctx.db.flush()
            return SandboxConnector.publish(self, ctx, request)

    connector = use_connector(BrokenFlush())
    first = scheduled_target(db, tenant_id, "first")
    second = scheduled_target(db, tenant_id, "second")
    make_due(db)

    assert service.publish_due(db=db, box=box, storage=storage) == 2
    states = {target.id: reload(db, target.id) for target in (first, second)}
    crashed_id = db.scalar(select(PostTarget.id).where(PostTarget.idempotency_key == connector.publish_calls[0]))
    crashed = states.pop(crashed_id)
    [other] = states.values()
    assert crashed.status == TargetStatus.FAILED.value
    assert crashed.last_error.startswith("internal error: ")
    assert other.status == TargetStatus.PUBLISHED.value
    assert publications(db, other.idempotency_key) == 1


def test_a_platform_without_a_connector_fails_the_target(db, tenant_id, box, storage, monkeypatch):
    monkeypatch.setattr(registry, "_CONNECTORS", {})
    target = scheduled_target(db, tenant_id)
    make_due(db, [target.id])

    service.publish_due(db=db, box=box, storage=storage)
    failed = reload(db, target.id)
    assert failed.status == TargetStatus.FAILED.value
    assert "not available" in failed.last_error


def test_a_rate_limit_waits_at_least_as_long_as_the_platform_asks(db, tenant_id, box, storage, use_connector):
    use_connector(ScriptedSandbox(RateLimited("slow down", retry_after=900)))
    target = scheduled_target(db, tenant_id)
    make_due(db, [target.id])

    before = utcnow()
    service.publish_due(db=db, box=box, storage=storage)
    retried = reload(db, target.id)
    assert retried.status == TargetStatus.SCHEDULED.value
    assert retried.due_at >= before + timedelta(seconds=900)
    assert retried.due_at <= utcnow() + timedelta(seconds=901)


def test_retry_delay_backs_off_exponentially_and_honours_retry_after(monkeypatch):
    monkeypatch.setattr(service.random, "uniform", lambda low, high: high)
    base = service.BASE_BACKOFF_SECONDS
    assert service.retry_delay(1, None) == timedelta(seconds=base)
    assert service.retry_delay(2, None) == timedelta(seconds=base * 2)
    assert service.retry_delay(3, None) == timedelta(seconds=base * 4)
    # Never sooner than the platform asked, whatever the jitter drew.
    assert service.retry_delay(1, 600) == timedelta(seconds=600)
    monkeypatch.setattr(service.random, "uniform", lambda low, high: low)
    assert service.retry_delay(3, None) == timedelta(0)
    assert service.retry_delay(3, 45.5) == timedelta(seconds=45.5)


def test_retry_delay_stays_within_the_jitter_window():
    for attempt in (1, 2, 3):
        ceiling = timedelta(seconds=service.BASE_BACKOFF_SECONDS * 2 ** (attempt - 1))
        for _ in range(200):
            assert timedelta(0) <= service.retry_delay(attempt, None) <= ceiling
