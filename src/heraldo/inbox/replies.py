"""Replying to an interaction through its platform, by a person or automatically.

Every reply is a row of `interaction_replies`, written (status 'sending', with its idempotency key) before the
call goes out and updated with what the platform answered: that table is the reply history and the auto-reply
log. An interaction counts as responded only once the platform has accepted a reply.
"""

import uuid
from datetime import timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.core.errors import Conflict, HeraldoError, InvalidInput, TooManyRequests, UpstreamUnavailable
from heraldo.core.logging import get_logger
from heraldo.core.security.crypto import SecretBox
from heraldo.core.settings import Settings
from heraldo.inbox import response_templates
from heraldo.inbox.models import InboxSettings, Interaction, InteractionReply
from heraldo.inbox.service import NEVER_AUTOMATIC, get_interaction
from heraldo.posts.models import AccountStatus, SocialAccount
from heraldo.publishing.account_calls import AccountCalls, AccountStop
from heraldo.publishing.connectors.base import InteractionRef, PublishRequest
from heraldo.publishing.connectors.registry import ConnectorUnavailable, get_connector
from heraldo.publishing.errors import AuthExpired, AuthRevoked, OutcomeUnknown, RateLimited, Transient
from heraldo.publishing.text.counting import count

log = get_logger(__name__)

# A reply still 'sending' after this long was cut off (a crash); a new one may be sent.
SENDING_TIMEOUT = timedelta(minutes=2)


class ReplyStatus:
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the request went out and no answer came back: look on the platform before resending


def check_reply_text(platform: str, text: str, sent: str | None = None) -> None:
    """Non-empty, and within the platform's limit counted the platform's way; `sent` is the text as the
    connector will send it (Mastodon adds the author's @acct) when it differs."""
    if not text.strip():
        raise InvalidInput("text must not be empty", field="text")
    counted = count(platform, sent or text)
    if not counted.valid:
        reason = counted.problem or f"{counted.length} characters, {platform} allows {counted.limit}"
        raise InvalidInput(f"text is too long for {platform}: {reason}", field="text")


def _answer_for(stop: AccountStop) -> HeraldoError:
    """What the person who pressed 'send' is told when the platform did not take the reply."""
    cause = stop.__cause__
    if isinstance(cause, RateLimited):
        return TooManyRequests(f"{stop.reason}; try again later", retry_after=int(stop.retry_after or 60))
    if isinstance(cause, AuthRevoked | AuthExpired):
        return Conflict(f"{stop.reason}; reconnect the account, then send again")
    if isinstance(cause, OutcomeUnknown):
        return UpstreamUnavailable(
            f"{stop.reason}; the reply may have gone out: check on the platform before sending again"
        )
    if isinstance(cause, Transient):
        return UpstreamUnavailable(f"{stop.reason}; nothing was sent, try again later")
    return Conflict(f"the platform refused the reply: {stop.reason}")


def send_reply(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    interaction: Interaction,
    text: str,
    user_id: int | None = None,
    automatic: bool = False,
    threshold: float | None = None,
) -> InteractionReply:
    """Send `text` as a reply to `interaction` through its account; raise a HeraldoError when it did not go out.

    The reply row is committed whatever happens, so the history shows failed attempts too.
    """
    account = db.get(SocialAccount, interaction.account_id)
    if account is None:
        raise Conflict("the account this interaction came to no longer exists")
    if account.status != AccountStatus.ACTIVE.value:
        raise Conflict(f"the account @{account.handle} needs reconnecting before it can reply")
    ref = InteractionRef(
        platform_id=interaction.platform_id, kind=interaction.kind, extra=dict(interaction.platform_extra or {})
    )
    try:
        connector = get_connector(account.platform)
    except ConnectorUnavailable as exc:
        raise Conflict(str(exc)) from exc
    check_reply_text(account.platform, text, connector.reply_text(text, ref))
    pending = db.scalar(
        select(InteractionReply.id).where(
            InteractionReply.interaction_id == interaction.id,
            InteractionReply.status == ReplyStatus.SENDING,
            InteractionReply.created_at > utcnow() - SENDING_TIMEOUT,
        )
    )
    if pending is not None:
        raise Conflict("a reply to this interaction is being sent right now")
    reply = InteractionReply(
        workspace_id=interaction.workspace_id,
        interaction_id=interaction.id,
        text=text,
        automatic=automatic,
        intent=interaction.intent if automatic else None,
        confidence=interaction.intent_confidence if automatic else None,
        threshold=threshold if automatic else None,
        sent_by_user_id=user_id,
        idempotency_key=uuid.uuid4().hex,
        status=ReplyStatus.SENDING,
    )
    db.add(reply)
    db.commit()  # the key is on record before the request goes out

    try:
        calls = AccountCalls(db=db, settings=settings, box=box, http=http, account=account, what="inbox reply")
        request = PublishRequest(text=text, idempotency_key=reply.idempotency_key)
        result = calls.call(lambda ctx: calls.connector.reply_to_interaction(ctx, request, ref))
    except AccountStop as stop:
        reply.status = ReplyStatus.UNKNOWN if isinstance(stop.__cause__, OutcomeUnknown) else ReplyStatus.FAILED
        reply.error = stop.reason
        db.commit()
        raise _answer_for(stop) from stop

    now = utcnow()
    reply.status = ReplyStatus.SENT
    reply.platform_reply_id = result.platform_post_id
    reply.sent_at = now
    interaction.responded = True
    interaction.responded_at = now
    interaction.response_text = text
    db.commit()
    log.info("inbox reply sent", interaction_id=interaction.id, automatic=automatic, reply_id=reply.id)
    return reply


def respond(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    workspace_id: int,
    interaction_id: int,
    text: str,
    user_id: int | None,
) -> InteractionReply:
    """A person's reply to an interaction of their workspace."""
    interaction = get_interaction(db=db, workspace_id=workspace_id, interaction_id=interaction_id)
    return send_reply(db=db, settings=settings, box=box, http=http, interaction=interaction, text=text, user_id=user_id)


def auto_reply_allowed(interaction: Interaction, inbox_settings: InboxSettings) -> bool:
    """Whether the workspace's settings let this interaction be answered unattended."""
    return (
        bool(inbox_settings.auto_reply_enabled)
        and interaction.intent not in NEVER_AUTOMATIC
        and interaction.intent in (inbox_settings.auto_reply_intents or [])
        and interaction.intent_confidence >= inbox_settings.auto_reply_threshold
        and not interaction.responded
        and not interaction.archived
        and interaction.kind != "direct_message"  # a private conversation deserves a person
    )


def auto_reply(
    *,
    db: Session,
    settings: Settings,
    box: SecretBox,
    http: httpx.Client,
    interaction: Interaction,
    inbox_settings: InboxSettings,
) -> InteractionReply | None:
    """Send the suggested reply unattended when the settings allow it; the reply row is the log entry."""
    if not auto_reply_allowed(interaction, inbox_settings):
        return None
    suggestion = response_templates.suggest(db=db, interaction=interaction)
    if suggestion is None:
        return None
    try:
        return send_reply(
            db=db,
            settings=settings,
            box=box,
            http=http,
            interaction=interaction,
            text=suggestion.text,
            automatic=True,
            threshold=inbox_settings.auto_reply_threshold,
        )
    except HeraldoError as exc:
        log.info("auto-reply not sent", interaction_id=interaction.id, reason=exc.message)
        return None
