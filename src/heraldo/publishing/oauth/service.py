"""Connecting accounts: start an authorisation, finish it on the callback, choose Meta Pages, log in to
Bluesky. The rules live here; the provider modules only speak their endpoints.

An authorisation is an `OAuthState`: an unguessable state bound to one workspace and user, the PKCE
verifier (encrypted), the redirect URI, a 10-minute life, and single use. Tokens are encrypted before
they reach the database and never leave the server.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.core.errors import Conflict, HeraldoError, InvalidInput, NotFound, TooManyRequests
from heraldo.core.logging import get_logger
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing import tokens
from heraldo.publishing.connectors.http import client_for
from heraldo.publishing.errors import AuthRevoked, PublishError, RateLimited, Transient
from heraldo.publishing.models import MastodonApp, OAuthState
from heraldo.publishing.oauth import bluesky, linkedin, mastodon, meta, pkce, x
from heraldo.publishing.oauth.grants import Grant, public_https_base

log = get_logger(__name__)

STATE_TTL = timedelta(minutes=10)
# Finished or abandoned authorisations are deleted a while after they expire.
STATE_RETENTION = timedelta(days=1)
CALLBACK_PATH = "/api/accounts/connect/{platform}/callback"
# Where the callback leaves its one-line result for the Accounts page (the signed session cookie).
FLASH_SESSION_KEY = "accounts_flash"


class NotConfigured(HeraldoError):
    """This server has no app credentials for the platform: an administrator must set them."""

    status_code = 400


class InvalidState(HeraldoError):
    status_code = 400


class ProviderRefused(HeraldoError):
    status_code = 400


class ProviderUnavailable(HeraldoError):
    status_code = 502


@dataclass(frozen=True)
class Provider:
    """A way to connect accounts, as offered on the Accounts page and at /api/accounts/connect/{platform}."""

    platform: str
    label: str
    # Settings fields that must be set before anyone can connect this way.
    required_settings: tuple[str, ...]


PROVIDERS: dict[str, Provider] = {
    p.platform: p
    for p in [
        Provider("x", "X", ("x_client_id",)),
        Provider("linkedin", "LinkedIn", ("linkedin_client_id", "linkedin_client_secret")),
        Provider("facebook", "Facebook & Instagram", ("meta_app_id", "meta_app_secret")),
        Provider("instagram", "Instagram (Instagram Login)", ("meta_app_id", "meta_app_secret")),
        Provider("threads", "Threads", ("threads_app_id", "threads_app_secret")),
        # Registers itself on each instance: nothing to configure.
        Provider("mastodon", "Mastodon", ()),
    ]
}


def setting_env_name(settings: Settings, name: str) -> str:
    return f"{settings.model_config.get('env_prefix', 'HERALDO_')}{name}".upper()


def missing_settings(settings: Settings, platform: str) -> list[str]:
    """The HERALDO_* variables still to set before accounts of `platform` can be connected."""
    return [setting_env_name(settings, n) for n in PROVIDERS[platform].required_settings if not getattr(settings, n)]


def provider(settings: Settings, platform: str) -> Provider:
    if platform == "bluesky":
        raise InvalidInput("Bluesky connects with a handle and an app password, not a redirect", field="platform")
    if platform not in PROVIDERS:
        raise NotFound(f"accounts on {platform!r} cannot be connected this way")
    missing = missing_settings(settings, platform)
    if missing:
        raise NotConfigured(
            f"connecting {PROVIDERS[platform].label} accounts is not set up on this server: "
            f"set {' and '.join(missing)} (the app credentials from the platform's developer portal)",
            field="platform",
        )
    return PROVIDERS[platform]


def redirect_uri_for(settings: Settings, platform: str, base_url: str | None = None) -> str:
    """Where the provider sends the browser back: the public URL (else this request's) plus the callback."""
    base = (settings.public_url or base_url or "").rstrip("/")
    if not base:
        raise InvalidInput("set HERALDO_PUBLIC_URL so platforms know where to send users back", field="platform")
    return base + CALLBACK_PATH.format(platform=platform)


@contextmanager
def _provider_errors(label: str) -> Iterator[None]:
    """A provider's failure as an answer to the user: retry later, or what it refused."""
    try:
        yield
    except RateLimited as exc:
        raise TooManyRequests(
            f"{label} is rate limiting this server; try again in a moment", retry_after=int(exc.retry_after or 60)
        ) from exc
    except Transient as exc:
        raise ProviderUnavailable(f"{label} could not be reached ({exc.message}); try again") from exc
    except PublishError as exc:
        raise ProviderRefused(f"{label} refused the connection: {exc.message}") from exc


@contextmanager
def _http(http: httpx.Client | None, settings: Settings) -> Iterator[httpx.Client]:
    if http is not None:
        yield http
        return
    with client_for(settings.http_timeout_seconds) as own:
        yield own


# ---- authorisation code flows ------------------------------------------------------------------------


def start_authorization(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    workspace_id: int,
    user_id: int | None,
    platform: str,
    instance_url: str | None = None,
    base_url: str | None = None,
    http: httpx.Client | None = None,
) -> str:
    """Begin connecting an account: remember a single-use state for 10 minutes and return the URL of the
    provider's consent page. Mastodon needs `instance_url` (Heraldo registers itself there once)."""
    provider(settings, platform)
    redirect_uri = redirect_uri_for(settings, platform, base_url)
    now = utcnow()
    state, verifier = pkce.new_state(), pkce.new_verifier()
    challenge = pkce.challenge_s256(verifier)
    app = None
    if platform == "mastodon":
        if not instance_url:
            raise InvalidInput("enter the Mastodon instance the account lives on", field="instance_url")
        instance_url = mastodon.normalise_instance(instance_url)
        with _http(http, settings) as client, _provider_errors(mastodon.host_of(instance_url)):
            app, _secret = mastodon.app_for(
                db=db,
                http=client,
                box=box,
                instance_url=instance_url,
                redirect_uri=redirect_uri,
                website=settings.public_url,
            )
    else:
        instance_url = None
    db.execute(delete(OAuthState).where(OAuthState.expires_at < now - STATE_RETENTION))
    db.add(
        OAuthState(
            workspace_id=workspace_id,
            user_id=user_id,
            platform=platform,
            state=state,
            code_verifier_encrypted=box.encrypt(verifier),
            redirect_uri=redirect_uri,
            instance_url=instance_url,
            created_at=now,
            expires_at=now + STATE_TTL,
        )
    )
    db.commit()
    log.info("account connection started", platform=platform, workspace_id=workspace_id)
    options = {"state": state, "redirect_uri": redirect_uri, "code_challenge": challenge}
    if platform == "x":
        return x.authorize_url(settings, **options)
    if platform == "linkedin":
        return linkedin.authorize_url(settings, **options)
    if platform == "facebook":
        return meta.facebook_authorize_url(settings, **options)
    if platform == "instagram":
        return meta.instagram_authorize_url(settings, **options)
    if platform == "threads":
        return meta.threads_authorize_url(settings, **options)
    assert app is not None
    return mastodon.authorize_url(app, **options)


def _claim_state(db: Session, *, platform: str, state: str, workspace_id: int | None) -> OAuthState:
    """The state, if it exists for this platform, is unused and unexpired, and (when the caller is
    signed in) belongs to their workspace; marked used in the same step, so a replay finds it spent."""
    row = db.scalar(select(OAuthState).where(OAuthState.state == state))
    now = utcnow()
    if row is None or row.platform != platform:
        raise InvalidState("this connection attempt is unknown; start again from the Accounts page")
    if workspace_id is not None and row.workspace_id != workspace_id:
        raise InvalidState("this connection was started in another workspace; switch to it and start again")
    if row.consumed_at is not None:
        raise InvalidState("this connection link was already used; start again from the Accounts page")
    if row.expires_at <= now:
        raise InvalidState("this connection attempt expired (10 minutes); start again from the Accounts page")
    claimed = db.execute(
        update(OAuthState)
        .where(OAuthState.id == row.id, OAuthState.consumed_at.is_(None), OAuthState.expires_at > now)
        .values(consumed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.commit()
    if claimed != 1:
        raise InvalidState("this connection link was already used; start again from the Accounts page")
    db.refresh(row)
    return row


@dataclass
class ConnectResult:
    """Accounts connected by a callback; for Facebook Login, the state of the Page choice still to make."""

    platform: str
    accounts: list[SocialAccount] = field(default_factory=list)
    pending_state: str | None = None


def cancel_authorization(*, db: Session, platform: str, state: str, workspace_id: int | None = None) -> None:
    """The user declined on the provider's page: spend the state so it cannot be used later."""
    _claim_state(db, platform=platform, state=state, workspace_id=workspace_id)


def complete_authorization(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    platform: str,
    state: str,
    code: str,
    workspace_id: int | None = None,
) -> ConnectResult:
    """Finish an authorisation: check the state, exchange the code, and create or update the account.

    Facebook Login connects nothing yet: it lists the Pages and their Instagram accounts as `choices` on
    the state (the user token waits, encrypted) for `select_accounts`."""
    chosen = provider(settings, platform)
    row = _claim_state(db, platform=platform, state=state, workspace_id=workspace_id)
    verifier = box.decrypt(row.code_verifier_encrypted) if row.code_verifier_encrypted else ""
    options = {"code": code, "redirect_uri": row.redirect_uri}
    with _provider_errors(chosen.label):
        if platform == "facebook":
            user_token, user_expires_at = meta.facebook_user_token(http, settings, **options)
            choices, page_tokens = meta.facebook_choices(http, settings, user_token)
            if not choices:
                raise ProviderRefused(
                    "Facebook shared no Pages: connect again and allow Heraldo access to at least one Page"
                )
            row.pending_encrypted = box.encrypt(
                {
                    "user_token": user_token,
                    "user_token_expires_at": user_expires_at.isoformat() if user_expires_at else None,
                    "page_tokens": page_tokens,
                }
            )
            row.choices = choices
            # The choice gets its own 10 minutes from now.
            row.expires_at = utcnow() + STATE_TTL
            db.commit()
            log.info("facebook pages listed", workspace_id=row.workspace_id, choices=len(choices))
            return ConnectResult(platform=platform, pending_state=row.state)
        if platform == "mastodon":
            app = db.scalar(select(MastodonApp).where(MastodonApp.instance_url == row.instance_url))
            if app is None:
                raise InvalidState("Heraldo is no longer registered on this instance; start again")
            grant = mastodon.exchange_code(
                http,
                app=app,
                client_secret=box.decrypt(app.client_secret_encrypted),
                code_verifier=verifier,
                **options,
            )
        else:
            exchange = {
                "x": x.exchange_code,
                "linkedin": linkedin.exchange_code,
                "threads": meta.threads_exchange_code,
                "instagram": meta.instagram_exchange_code,
            }[platform]
            grant = exchange(http, settings, code_verifier=verifier, **options)
    account = save_grant(db=db, box=box, workspace_id=row.workspace_id, grant=grant)
    return ConnectResult(platform=platform, accounts=[account])


def get_pending(*, db: Session, workspace_id: int, state: str) -> OAuthState:
    """A Facebook Login waiting for the user to choose Pages, in this workspace and still fresh."""
    row = db.scalar(
        select(OAuthState).where(
            OAuthState.state == state,
            OAuthState.workspace_id == workspace_id,
            OAuthState.pending_encrypted.is_not(None),
        )
    )
    if row is None or row.expires_at <= utcnow():
        raise NotFound("no account choice is waiting under this id; connect again")
    return row


def select_accounts(
    *, db: Session, settings: Settings, box: SecretBox, workspace_id: int, state: str, choice_ids: list[str]
) -> list[SocialAccount]:
    """Connect the chosen Pages / Instagram accounts of a Facebook Login, once."""
    row = get_pending(db=db, workspace_id=workspace_id, state=state)
    by_id = {choice["id"]: choice for choice in row.choices or []}
    wanted = list(dict.fromkeys(choice_ids))
    if not wanted:
        raise InvalidInput("choose at least one Page or Instagram account", field="choice_ids")
    unknown = [choice_id for choice_id in wanted if choice_id not in by_id]
    if unknown:
        raise InvalidInput(f"not among the choices: {', '.join(unknown)}", field="choice_ids")
    pending = box.decrypt(row.pending_encrypted)
    # Clearing the pending token is the claim: a second submit of the same form connects nothing twice.
    claimed = db.execute(
        update(OAuthState)
        .where(OAuthState.id == row.id, OAuthState.pending_encrypted.is_not(None))
        .values(pending_encrypted=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.rollback()
        raise NotFound("no account choice is waiting under this id; connect again")
    grants = meta.facebook_grants(settings, [by_id[i] for i in wanted], pending["page_tokens"])
    accounts = [save_grant(db=db, box=box, workspace_id=workspace_id, grant=g, commit=False) for g in grants]
    db.commit()
    return accounts


# ---- Bluesky ------------------------------------------------------------------------------------------


def connect_bluesky(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    workspace_id: int,
    handle: str,
    app_password: str,
    pds_url: str | None = None,
) -> SocialAccount:
    """Log in to Bluesky with a handle and an app password and keep the session (and the app password,
    encrypted, to log in again should the session die)."""
    if not handle.strip().lstrip("@"):
        raise InvalidInput("enter the Bluesky handle, e.g. acme.bsky.social", field="handle")
    if not app_password.strip():
        raise InvalidInput(
            "enter an app password (Bluesky: Settings > Privacy and security > App passwords)", field="app_password"
        )
    if pds_url:
        pds_url = public_https_base(pds_url, field="pds_url", example="bsky.social")
    try:
        with _provider_errors("Bluesky"):
            try:
                grant = bluesky.connect(http, settings, handle=handle, app_password=app_password, pds_url=pds_url)
            except AuthRevoked as exc:
                raise InvalidInput(
                    f"Bluesky did not accept this handle and app password ({exc.message})", field="app_password"
                ) from exc
    except ProviderRefused as exc:
        raise InvalidInput(exc.message, field="app_password") from exc
    return save_grant(db=db, box=box, workspace_id=workspace_id, grant=grant)


# ---- accounts -----------------------------------------------------------------------------------------


def _handle_taken(db: Session, workspace_id: int, platform: str, handle: str, other_than: int | None) -> bool:
    query = select(SocialAccount.id).where(
        SocialAccount.workspace_id == workspace_id, SocialAccount.platform == platform, SocialAccount.handle == handle
    )
    if other_than is not None:
        query = query.where(SocialAccount.id != other_than)
    return db.scalar(query) is not None


def save_grant(*, db: Session, box: SecretBox, workspace_id: int, grant: Grant, commit: bool = True) -> SocialAccount:
    """Create the account a provider authorised, or bring an existing one up to date (a reconnect):
    found by its platform id, else by its handle. Credentials are encrypted; the account becomes active."""
    handle = (grant.handle.strip().lstrip("@") or grant.platform_account_id)[:255]
    base = select(SocialAccount).where(
        SocialAccount.workspace_id == workspace_id, SocialAccount.platform == grant.platform
    )
    account = db.scalar(base.where(SocialAccount.platform_account_id == grant.platform_account_id))
    if account is None:
        same_handle = db.scalar(base.where(SocialAccount.handle == handle))
        if same_handle is not None and same_handle.platform_account_id in (None, grant.platform_account_id):
            account = same_handle
    if _handle_taken(db, workspace_id, grant.platform, handle, account.id if account else None):
        # Two different accounts showing the same name (e.g. two Pages called "Acme"): keep both apart.
        handle = f"{handle} ({grant.platform_account_id})"[:255]
    now = utcnow()
    if account is None:
        account = SocialAccount(workspace_id=workspace_id, platform=grant.platform)
        db.add(account)
    account.handle = handle
    account.display_name = (grant.display_name or handle).strip()[:255] or handle
    account.platform_account_id = grant.platform_account_id
    account.instance_url = grant.instance_url
    account.credentials_encrypted = box.encrypt(grant.credentials)
    account.token_expires_at = grant.expires_at
    account.token_refreshed_at = now
    account.last_checked_at = now
    account.status = AccountStatus.ACTIVE.value
    account.status_reason = None
    if commit:
        db.commit()
    log.info("account connected", platform=grant.platform, workspace_id=workspace_id, handle=handle)
    return account


def refresh_now(
    *, db: Session, settings: Settings, box: SecretBox, http: httpx.Client, account: SocialAccount
) -> SocialAccount:
    """A refresh a person asked for, its failure as an answer: 409 when the account must be reconnected
    (it is now marked so) or has nothing to refresh, 429 when throttled, 502 when the platform is down."""
    try:
        tokens.refresh_account(db=db, settings=settings, box=box, http=http, account=account)
    except AuthRevoked as exc:
        raise Conflict(f"{exc.message}; reconnect the account") from exc
    except RateLimited as exc:
        raise TooManyRequests(exc.message, retry_after=int(exc.retry_after or 60)) from exc
    except Transient as exc:
        raise ProviderUnavailable(f"{exc.message}; the account is unchanged, try again later") from exc
    except PublishError as exc:
        raise Conflict(exc.message) from exc
    return account


def reconnect_platform(account: SocialAccount, settings: Settings) -> str | None:
    """How to connect this account again: its platform's flow (Instagram by the login it came with)."""
    if account.platform == "instagram":
        ig_login = settings.instagram_base_url.rstrip("/")
        return "instagram" if account.instance_url == ig_login else "facebook"
    if account.platform in PROVIDERS or account.platform == "bluesky":
        return account.platform
    return None


def choices_of(row: OAuthState) -> list[dict[str, Any]]:
    return list(row.choices or [])
