"""A Mastodon account of a test workspace wired to the loopback fake of tests/publishing/connectors, with
helpers to put mention notifications in it: the inbox tests fetch and reply through a real connector."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import respx
from sqlalchemy.orm import Session

from heraldo.core.clock import utcnow
from heraldo.posts.models import SocialAccount
from heraldo.publishing.platforms import Platform
from tests.factories import create_account
from tests.publishing.connectors.test_mastodon import ACCOUNT_ID, INSTANCE, TOKEN, FakeMastodon, iso

HOST = INSTANCE.removeprefix("https://")


def mastodon_account(db: Session, workspace_id: int, handle: str = "acme") -> SocialAccount:
    account = create_account(
        db, workspace_id, handle=handle, platform=Platform.MASTODON, credentials={"access_token": TOKEN}
    )
    account.platform_account_id = ACCOUNT_ID
    account.instance_url = INSTANCE + "/"
    db.commit()
    return account


def mention(
    fake: FakeMastodon,
    text: str,
    *,
    minutes_ago: float = 5,
    acct: str = "fan@else.where",
    name: str = "Fan",
    parent: str | None = None,
) -> dict[str, Any]:
    """A mention notification (a reply to us when `parent` is one of our statuses), added to the fake."""
    created = utcnow() - timedelta(minutes=minutes_ago)
    status = fake._status(fake.new_id(), text, created, account="555")
    status.update(in_reply_to_id=parent, account={"id": "555", "acct": acct, "display_name": name})
    fake.statuses[status["id"]] = status
    notification = {
        "id": fake.new_id(),
        "type": "mention",
        "created_at": iso(created),
        "account": status["account"],
        "status": status,
    }
    # The API lists notifications newest first.
    fake.notifications.insert(0, notification)
    fake.notifications.sort(key=lambda n: n["created_at"], reverse=True)
    return notification


@contextmanager
def serving(fake: FakeMastodon) -> Iterator[respx.MockRouter]:
    """Every httpx call to the fake instance, from any client, answered by `fake`."""
    with respx.mock(assert_all_called=False) as router:
        router.route(host=HOST).mock(side_effect=fake)
        yield router
