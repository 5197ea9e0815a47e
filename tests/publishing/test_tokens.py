"""Token refresh: one refresh per account at a time, rotated tokens committed before use, reconnect only on
a dead grant, and the periodic job that renews tokens before they expire."""

import threading
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from heraldo.core.clock import utcnow
from heraldo.core.dispatch import registered_jobs, run_job
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import get_settings
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing import tokens
from heraldo.publishing.errors import AuthRevoked, Invalid, RateLimited, Transient
from heraldo.publishing.oauth.grants import Grant
from heraldo.publishing.oauth.service import save_grant
from heraldo.worker import BEAT, load_jobs
from tests.factories import TEST_SECRET, create_account, create_tenant
from tests.publishing.oauth.fakes import CLIENTS, configure, mounted_providers, oauth_error


@pytest.fixture
def settings(settings):
    return configure(settings)


@pytest.fixture
def box() -> SecretBox:
    return SecretBox(TEST_SECRET)


@pytest.fixture
def providers():
    with mounted_providers() as fakes:
        yield fakes


@pytest.fixture
def workspace_id(db) -> int:
    return create_tenant(db, "Tokens").id


def _x_account(db, box, fake, workspace_id, *, expires_in=timedelta(minutes=5), handle="acmebakery", n=0):
    """An X account whose stored refresh token the fake X considers valid."""
    fake.refresh_tokens.add(f"x-refresh-seed-{n}")
    return save_grant(
        db=db,
        box=box,
        workspace_id=workspace_id,
        grant=Grant(
            platform="x",
            platform_account_id=f"22449949{n}",
            handle=handle,
            display_name=handle,
            credentials={"access_token": f"x-access-seed-{n}", "refresh_token": f"x-refresh-seed-{n}"},
            expires_at=utcnow() + expires_in,
        ),
    )


def _stored(database, box, account_id) -> tuple[SocialAccount, dict]:
    """The account as another connection sees it (what is committed)."""
    with database.sessionmaker() as other:
        account = other.get(SocialAccount, account_id)
        return account, box.decrypt(account.credentials_encrypted)


def test_two_workers_refreshing_one_account_call_x_once_and_share_the_new_token(
    database, db, box, settings, workspace_id, providers
):
    providers.x.delay = 0.5  # the token endpoint is slow: both workers are surely in flight together
    account_id = _x_account(db, box, providers.x, workspace_id).id
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        session = database.sessionmaker()
        try:
            account = session.get(SocialAccount, account_id)
            with httpx.Client() as http:
                barrier.wait()
                results.append(
                    tokens.refresh_account(
                        db=session, settings=settings, box=box, http=http, account=account, poll_seconds=0.05
                    )
                )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            session.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors, errors
    assert providers.x.refresh_calls == 1
    assert [r["access_token"] for r in results] == ["x-access-1", "x-access-1"]
    stored, credentials = _stored(database, box, account_id)
    assert credentials["refresh_token"] == "x-refresh-1"
    assert stored.status == AccountStatus.ACTIVE.value
    assert stored.refresh_lock_owner is None and stored.refresh_lock_until is None


def test_the_rotated_refresh_token_is_committed_before_the_access_token_is_returned(
    database, db, box, settings, workspace_id, providers
):
    account = _x_account(db, box, providers.x, workspace_id)
    seen_during_call = {}

    def look_from_another_connection():
        stored, credentials = _stored(database, box, account.id)
        seen_during_call.update(lease=stored.refresh_lock_owner, refresh_token=credentials["refresh_token"])

    providers.x.during_refresh = look_from_another_connection
    with httpx.Client() as http:
        new = tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
        # Right after the call, before the access token is used anywhere: already committed.
        stored, credentials = _stored(database, box, account.id)
    assert seen_during_call["lease"] is not None  # the lease was committed before the call went out
    assert seen_during_call["refresh_token"] == "x-refresh-seed-0"
    assert credentials == new
    assert credentials["refresh_token"] == "x-refresh-1" and new["access_token"] == "x-access-1"
    assert stored.token_expires_at > utcnow() + timedelta(minutes=110)
    assert stored.token_refreshed_at is not None and stored.refresh_lock_owner is None
    assert account.credentials_encrypted == stored.credentials_encrypted  # the caller's object is current


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (503, Transient),
        (500, Transient),
        (429, RateLimited),
        (httpx.ReadTimeout("timed out"), Transient),
        (httpx.ConnectError("refused"), Transient),
    ],
)
def test_5xx_timeouts_and_429_leave_the_account_active(
    database, db, box, settings, workspace_id, providers, fault, error
):
    account = _x_account(db, box, providers.x, workspace_id)
    before = account.credentials_encrypted
    providers.x.fail_next = [fault]
    with httpx.Client() as http:
        with pytest.raises(error):
            tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
        stored, _ = _stored(database, box, account.id)
        assert stored.status == AccountStatus.ACTIVE.value and stored.status_reason is None
        assert stored.credentials_encrypted == before
        assert stored.refresh_lock_owner is None  # the lease is given back
        # The next try simply works.
        assert tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)["access_token"]


def test_invalid_grant_marks_the_account_needs_reconnect(database, db, box, settings, workspace_id, providers):
    account = _x_account(db, box, providers.x, workspace_id)
    providers.x.fail_next = [oauth_error(400, "invalid_grant", "Refresh token revoked by the user")]
    with httpx.Client() as http, pytest.raises(AuthRevoked):
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    stored, _ = _stored(database, box, account.id)
    assert stored.status == AccountStatus.NEEDS_RECONNECT.value
    assert "revoked by the user" in stored.status_reason
    assert stored.refresh_lock_owner is None
    # Once marked, nobody refreshes it again until a person reconnects it.
    with httpx.Client() as http, pytest.raises(AuthRevoked):
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert providers.x.refresh_calls == 1


def test_a_bad_client_secret_is_not_blamed_on_the_account(database, db, box, settings, workspace_id, providers):
    account = _x_account(db, box, providers.x, workspace_id)
    settings.x_client_secret = "wrong"
    with httpx.Client() as http, pytest.raises(Invalid, match="client"):
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert _stored(database, box, account.id)[0].status == AccountStatus.ACTIVE.value


def test_a_lease_held_elsewhere_is_waited_for_then_its_result_is_used(
    database, db, box, settings, workspace_id, providers
):
    account = _x_account(db, box, providers.x, workspace_id)
    db.execute(
        update(SocialAccount)
        .where(SocialAccount.id == account.id)
        .values(refresh_lock_owner="other-worker", refresh_lock_until=utcnow() + timedelta(minutes=1))
    )
    db.commit()

    def other_worker_finishes():
        with database.sessionmaker() as other:
            other.execute(
                update(SocialAccount)
                .where(SocialAccount.id == account.id)
                .values(
                    credentials_encrypted=box.encrypt({"access_token": "from-other", "refresh_token": "r-other"}),
                    refresh_lock_owner=None,
                    refresh_lock_until=None,
                )
            )
            other.commit()

    timer = threading.Timer(0.3, other_worker_finishes)
    timer.start()
    with httpx.Client() as http:
        result = tokens.refresh_account(
            db=db, settings=settings, box=box, http=http, account=account, wait_seconds=10, poll_seconds=0.05
        )
    timer.join()
    assert result == {"access_token": "from-other", "refresh_token": "r-other"}
    assert providers.x.refresh_calls == 0


def test_a_held_lease_times_out_as_transient_and_a_lapsed_one_is_taken_over(
    database, db, box, settings, workspace_id, providers
):
    account = _x_account(db, box, providers.x, workspace_id)
    hold = update(SocialAccount).where(SocialAccount.id == account.id)
    db.execute(hold.values(refresh_lock_owner="stuck", refresh_lock_until=utcnow() + timedelta(minutes=1)))
    db.commit()
    with httpx.Client() as http:
        with pytest.raises(Transient, match="another worker"):
            tokens.refresh_account(
                db=db, settings=settings, box=box, http=http, account=account, wait_seconds=0.2, poll_seconds=0.05
            )
        assert providers.x.refresh_calls == 0
        # The holder crashed: its lease lapses and the next refresh goes ahead.
        db.execute(hold.values(refresh_lock_until=utcnow() - timedelta(seconds=1)))
        db.commit()
        assert tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert providers.x.refresh_calls == 1
    assert _stored(database, box, account.id)[0].refresh_lock_owner is None


def test_a_caller_with_stale_credentials_uses_the_newer_ones_instead_of_refreshing(
    database, db, box, settings, workspace_id, providers
):
    account = _x_account(db, box, providers.x, workspace_id)
    with database.sessionmaker() as other:
        other.execute(
            update(SocialAccount)
            .where(SocialAccount.id == account.id)
            .values(credentials_encrypted=box.encrypt({"access_token": "newer", "refresh_token": "newer-r"}))
        )
        other.commit()
    with httpx.Client() as http:
        result = tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert result["access_token"] == "newer"
    assert providers.x.refresh_calls == 0


def test_sandbox_accounts_have_nothing_to_refresh(db, box, settings, workspace_id):
    account = create_account(db, workspace_id, credentials={"token": "t"})
    with httpx.Client() as http, pytest.raises(Invalid, match="no token to refresh"):
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    assert account.status == AccountStatus.ACTIVE.value and account.refresh_lock_owner is None


def test_fresh_credentials_refreshes_only_close_to_expiry(db, box, settings, workspace_id, providers):
    soon = _x_account(db, box, providers.x, workspace_id, expires_in=timedelta(seconds=30))
    later = _x_account(db, box, providers.x, workspace_id, expires_in=timedelta(hours=1), handle="later", n=1)
    with httpx.Client() as http:
        assert (
            tokens.fresh_credentials(db=db, settings=settings, box=box, http=http, account=later)["access_token"]
            == "x-access-seed-1"
        )
        assert (
            tokens.fresh_credentials(db=db, settings=settings, box=box, http=http, account=soon)["access_token"]
            == "x-access-1"
        )
    assert providers.x.refresh_calls == 1


def test_the_periodic_job_renews_what_expires_soon_and_checks_what_never_does(
    database, db, box, settings, workspace_id, providers
):
    due = _x_account(db, box, providers.x, workspace_id, expires_in=timedelta(minutes=5), handle="due", n=1)
    not_due = _x_account(db, box, providers.x, workspace_id, expires_in=timedelta(hours=1), handle="fresh", n=2)
    dead = _x_account(db, box, providers.x, workspace_id, expires_in=timedelta(minutes=1), handle="dead", n=3)
    dead.status = AccountStatus.NEEDS_RECONNECT.value
    page = save_grant(
        db=db,
        box=box,
        workspace_id=workspace_id,
        grant=Grant("facebook", "101", "acmebakery", "Acme", {"access_token": "page-token-101", "page_id": "101"}),
    )
    page.last_checked_at = utcnow() - timedelta(days=2)
    threads_day_45 = save_grant(
        db=db,
        box=box,
        workspace_id=workspace_id,
        grant=Grant("threads", "1789", "acme.threads", "Acme", {"access_token": "th-long-1", "user_id": "1789"}),
    )
    providers.threads.long["th-long-1"] = utcnow() - timedelta(days=45)
    threads_day_45.token_refreshed_at = utcnow() - timedelta(days=45)
    threads_day_45.token_expires_at = utcnow() + timedelta(days=15)
    create_account(db, workspace_id, handle="sandbox")
    db.commit()

    with httpx.Client() as http:
        done = tokens.refresh_expiring_accounts(db=db, settings=settings, box=box, http=http)
    assert done == 3
    assert providers.x.refresh_calls == 1 and providers.threads.refresh_calls == 1
    with database.sessionmaker() as other:
        stored = {a.handle: a for a in other.scalars(select(SocialAccount))}
    assert stored["due"].token_expires_at > utcnow() + timedelta(minutes=110)
    assert stored["fresh"].token_expires_at == not_due.token_expires_at
    assert stored["dead"].token_refreshed_at == dead.token_refreshed_at
    assert stored["acmebakery"].last_checked_at > utcnow() - timedelta(minutes=1)
    assert stored["acme.threads"].token_expires_at > utcnow() + timedelta(days=59)
    assert due.id != not_due.id


def test_the_job_is_registered_and_on_the_beat(database, db, box, settings, workspace_id, providers, monkeypatch):
    load_jobs()
    assert "refresh_expiring_tokens" in registered_jobs()
    assert any(entry.job == "refresh_expiring_tokens" for entry in BEAT)
    monkeypatch.setenv("HERALDO_X_CLIENT_ID", CLIENTS["x_client_id"])
    monkeypatch.setenv("HERALDO_X_CLIENT_SECRET", CLIENTS["x_client_secret"])
    get_settings.cache_clear()
    _x_account(db, box, providers.x, workspace_id)
    assert run_job(database, "refresh_expiring_tokens") == 1
    assert providers.x.refresh_calls == 1
