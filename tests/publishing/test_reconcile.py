"""Targets a dead worker left in 'publishing': the platform is asked, nothing is ever resent blindly."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from heraldo.core.clock import utcnow
from heraldo.core.dispatch import registered_jobs, run_job
from heraldo.core.security.crypto import SecretBox
from heraldo.posts.media import LocalMediaStorage
from heraldo.posts.models import PostTarget, TargetStatus
from heraldo.publishing import service
from heraldo.publishing.connectors import registry
from heraldo.publishing.connectors.sandbox import SandboxConnector
from heraldo.publishing.errors import Transient
from heraldo.publishing.models import PublishAttempt, SandboxPublication
from heraldo.publishing.platforms import Platform
from heraldo.worker import BEAT, load_jobs
from tests.factories import TEST_SECRET, create_account, create_post, create_tenant

LATER = timedelta(hours=1)
LONG_AGO = timedelta(minutes=10)


class WorkerKilled(BaseException):
    """What the process sees of a SIGKILL: nothing after it runs (not even `except Exception`)."""


class WatchedSandbox(SandboxConnector):
    def __init__(self, *, die_after_publishing: bool = False, lookup_error: Exception | None = None):
        self.die_after_publishing = die_after_publishing
        self.lookup_error = lookup_error
        self.publish_calls: list[str] = []
        self.lookups: list[tuple[str, object]] = []

    def publish(self, ctx, request):
        self.publish_calls.append(request.idempotency_key)
        result = super().publish(ctx, request)
        if self.die_after_publishing:
            ctx.db.commit()  # the platform has it...
            raise WorkerKilled  # ...and the worker dies before recording the answer
        return result

    def find_published(self, ctx, request, since):
        self.lookups.append((request.idempotency_key, since))
        if self.lookup_error is not None:
            raise self.lookup_error
        return super().find_published(ctx, request, since)


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
    return create_tenant(db, "Reconcile").id


def claimed_target(
    db, workspace_id: int, handle: str = "acme", age: timedelta = LONG_AGO, sending: bool = True
) -> PostTarget:
    """A target claimed `age` ago by a worker that never came back (after it started sending, or before)."""
    account = create_account(db, workspace_id, handle)
    target = create_post(db, workspace_id, [account.id], scheduled_at=utcnow() + LATER).targets[0]
    db.execute(update(PostTarget).where(PostTarget.id == target.id).values(due_at=utcnow() - timedelta(seconds=1)))
    db.commit()
    assert target.id in service.claim_due_targets(db=db, now=utcnow())
    age_claim(db, target.id, age, sending=sending)
    return target


def age_claim(db, target_id: int, age: timedelta, sending: bool = True) -> None:
    """Move the claim `age` into the past; `sending` says whether the worker had marked it as sending."""
    claimed = utcnow() - age
    touched = claimed + timedelta(seconds=1) if sending else claimed
    db.execute(update(PostTarget).where(PostTarget.id == target_id).values(claimed_at=claimed, updated_at=touched))
    db.commit()


def killed_after_the_platform_answered(db, workspace_id: int, box, storage, settings) -> PostTarget:
    """A due target whose worker dies right after the platform created the post (the connector must be one
    with `die_after_publishing`): left in 'publishing', the post on the platform."""
    account = create_account(db, workspace_id)
    target = create_post(db, workspace_id, [account.id], scheduled_at=utcnow() + LATER).targets[0]
    db.execute(update(PostTarget).where(PostTarget.id == target.id).values(due_at=utcnow() - timedelta(seconds=1)))
    db.commit()
    with pytest.raises(WorkerKilled):
        service.publish_due(db=db, box=box, storage=storage, settings=settings)
    db.rollback()
    return target


def reconcile(db, box, storage, settings, older_than=timedelta(minutes=5)) -> int:
    return service.reconcile_stuck_targets(db=db, box=box, storage=storage, settings=settings, older_than=older_than)


def reload(db, target_id: int) -> PostTarget:
    db.expire_all()
    return db.get(PostTarget, target_id)


def publication_count(db, key: str) -> int:
    return db.scalar(
        select(func.count()).select_from(SandboxPublication).where(SandboxPublication.idempotency_key == key)
    )


def test_a_worker_that_died_after_the_platform_answered_is_reconciled_to_published(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(WatchedSandbox(die_after_publishing=True))
    target = killed_after_the_platform_answered(db, tenant_id, box, storage, settings)
    assert reload(db, target.id).status == TargetStatus.PUBLISHING.value

    # Too fresh to be called stuck: a live worker could still be at it.
    assert reconcile(db, box, storage, settings) == 0
    age_claim(db, target.id, LONG_AGO)
    connector.die_after_publishing = False
    assert reconcile(db, box, storage, settings) == 1

    done = reload(db, target.id)
    [publication] = db.scalars(select(SandboxPublication))
    assert done.status == TargetStatus.PUBLISHED.value
    assert done.platform_post_id == str(publication.id)
    assert done.published_at == publication.published_at
    assert connector.publish_calls == [target.idempotency_key]  # never sent again
    [attempt] = db.scalars(select(PublishAttempt).where(PublishAttempt.target_id == target.id))
    assert (attempt.number, attempt.outcome, attempt.platform_post_id) == (1, "published", done.platform_post_id)
    assert attempt.started_at == done.claimed_at
    # The lookup window starts before the claim.
    [(_, since)] = connector.lookups
    assert since <= done.claimed_at


def test_a_stuck_target_the_platform_cannot_confirm_needs_review(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(WatchedSandbox())
    target = claimed_target(db, tenant_id)
    db.execute(update(PostTarget).where(PostTarget.id == target.id).values(progress={"container_id": "17"}))
    age_claim(db, target.id, LONG_AGO)

    assert reconcile(db, box, storage, settings) == 1
    review = reload(db, target.id)
    assert review.status == TargetStatus.NEEDS_REVIEW.value
    assert review.last_error.startswith("publishing started at ")
    assert "worker stopped" in review.last_error
    assert "container_id" in review.last_error  # what is known goes to the person who reviews
    assert review.last_error.endswith("check the account before retrying")
    assert connector.publish_calls == []
    [attempt] = db.scalars(select(PublishAttempt).where(PublishAttempt.target_id == target.id))
    assert (attempt.outcome, attempt.error_kind) == ("needs_review", "WorkerLost")
    # Settled: neither the publisher nor the next reconciliation touches it.
    assert service.claim_due_targets(db=db, now=utcnow() + LATER) == []
    assert reconcile(db, box, storage, settings, older_than=timedelta(0)) == 0


def test_a_failed_lookup_also_needs_review(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(WatchedSandbox(lookup_error=Transient("timeline answered 503")))
    target = claimed_target(db, tenant_id)

    assert reconcile(db, box, storage, settings) == 1
    review = reload(db, target.id)
    assert review.status == TargetStatus.NEEDS_REVIEW.value
    assert "timeline answered 503" in review.last_error
    assert connector.publish_calls == []


def test_targets_claimed_recently_or_still_making_progress_are_left_alone(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(WatchedSandbox())
    fresh = claimed_target(db, tenant_id, "fresh", age=timedelta(minutes=1))
    busy = claimed_target(db, tenant_id, "busy")
    # The claim is old, but the worker saved progress a moment ago: it is alive.
    db.execute(update(PostTarget).where(PostTarget.id == busy.id).values(updated_at=utcnow()))
    db.commit()

    assert reconcile(db, box, storage, settings) == 0
    assert {reload(db, t.id).status for t in (fresh, busy)} == {TargetStatus.PUBLISHING.value}
    assert connector.lookups == []


def test_two_reconcilers_at_once_settle_each_target_once(database, db, tenant_id, box, settings, use_connector):
    use_connector(WatchedSandbox())
    targets = [claimed_target(db, tenant_id, f"acct{i}") for i in range(6)]
    storage = LocalMediaStorage(settings.media_dir)
    start = threading.Barrier(2)
    settled: list[int] = []
    errors: list[BaseException] = []

    def reconciler() -> None:
        try:
            with database.session() as session:
                start.wait(timeout=10)
                settled.append(reconcile(session, box, storage, settings))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=reconciler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(settled) == len(targets)
    rows = db.scalars(select(PublishAttempt.target_id)).all()
    assert sorted(rows) == sorted(t.id for t in targets)


def test_the_job_runs_every_minute_and_takes_a_threshold(database, db, tenant_id, settings, use_connector):
    load_jobs()
    assert "reconcile_stuck_publishing" in registered_jobs()
    [entry] = [entry for entry in BEAT if entry.job == "reconcile_stuck_publishing"]
    assert entry.every_seconds == 60

    use_connector(WatchedSandbox())
    target = claimed_target(db, tenant_id, age=timedelta(seconds=90))
    # The default threshold is longer than the slowest honest publish: 90 s is not stuck yet.
    assert run_job(database, "reconcile_stuck_publishing") == 0
    assert run_job(database, "reconcile_stuck_publishing", {"older_than_seconds": 30}) == 1
    assert reload(db, target.id).status == TargetStatus.NEEDS_REVIEW.value


# ---- claims that never sent anything ---------------------------------------------------------------------


def test_a_claim_that_never_sent_goes_back_to_the_queue_and_publishes_normally(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(WatchedSandbox())
    target = claimed_target(db, tenant_id, age=timedelta(seconds=30), sending=False)
    # Younger than the release threshold: a live worker may be about to send it.
    assert reconcile(db, box, storage, settings) == 0
    age_claim(db, target.id, timedelta(minutes=2), sending=False)

    assert reconcile(db, box, storage, settings) == 1
    released = reload(db, target.id)
    assert released.status == TargetStatus.SCHEDULED.value
    assert released.attempts == 0  # nothing was attempted
    assert released.due_at <= utcnow()
    assert connector.lookups == [] and connector.publish_calls == []
    assert db.scalars(select(PublishAttempt)).all() == []

    assert service.publish_due(db=db, box=box, storage=storage, settings=settings) == 1
    done = reload(db, target.id)
    assert (done.status, done.attempts) == (TargetStatus.PUBLISHED.value, 1)
    assert connector.publish_calls == [target.idempotency_key]
    assert publication_count(db, target.idempotency_key) == 1


def test_a_worker_whose_claim_was_released_does_not_send(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(WatchedSandbox())
    target = claimed_target(db, tenant_id, age=timedelta(minutes=2), sending=False)
    assert reconcile(db, box, storage, settings) == 1
    # The slow worker finally gets to it: the claim is no longer its own.
    service.publish_target(db=db, box=box, storage=storage, target_id=target.id, settings=settings)
    assert connector.publish_calls == []
    assert reload(db, target.id).status == TargetStatus.SCHEDULED.value


def test_a_redelivered_task_for_a_claim_already_sending_does_not_send_again(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(WatchedSandbox())
    target = claimed_target(db, tenant_id, age=timedelta(0), sending=False)
    assert service._mark_sending(db, reload(db, target.id))  # the first delivery is mid-call
    service.publish_target(db=db, box=box, storage=storage, target_id=target.id, settings=settings)
    assert connector.publish_calls == []
    assert reload(db, target.id).status == TargetStatus.PUBLISHING.value


class KeyedSandbox(WatchedSandbox):
    """A platform that remembers idempotency keys for an hour, like Mastodon, and has no way to look posts up."""

    resend_safe_within = timedelta(minutes=50)

    def find_published(self, ctx, request, since):
        self.lookups.append((request.idempotency_key, since))
        return None


def test_within_the_key_window_a_lost_send_is_resent_with_the_same_key(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(KeyedSandbox())
    target = claimed_target(db, tenant_id)  # the worker died before its request reached the platform

    assert reconcile(db, box, storage, settings) == 1
    done = reload(db, target.id)
    assert done.status == TargetStatus.PUBLISHED.value
    assert connector.publish_calls == [target.idempotency_key]
    assert publication_count(db, target.idempotency_key) == 1
    [attempt] = db.scalars(select(PublishAttempt).where(PublishAttempt.target_id == target.id))
    assert attempt.outcome == "published" and "same idempotency key" in attempt.message


def test_a_resend_of_a_post_that_did_go_out_returns_it_and_creates_nothing(
    db, tenant_id, box, storage, settings, use_connector
):
    connector = use_connector(KeyedSandbox(die_after_publishing=True))
    target = killed_after_the_platform_answered(db, tenant_id, box, storage, settings)
    [first] = db.scalars(select(SandboxPublication))
    age_claim(db, target.id, LONG_AGO)
    connector.die_after_publishing = False

    assert reconcile(db, box, storage, settings) == 1
    done = reload(db, target.id)
    assert done.status == TargetStatus.PUBLISHED.value and done.platform_post_id == str(first.id)
    assert publication_count(db, target.idempotency_key) == 1


def test_after_the_key_window_a_lost_send_needs_review(db, tenant_id, box, storage, settings, use_connector):
    connector = use_connector(KeyedSandbox())
    target = claimed_target(db, tenant_id, age=timedelta(minutes=55))

    assert reconcile(db, box, storage, settings) == 1
    review = reload(db, target.id)
    assert review.status == TargetStatus.NEEDS_REVIEW.value
    assert "too late to re-send safely" in review.last_error
    assert connector.publish_calls == []
