"""How long a text is, as each platform counts it, and whether it fits.

Posts are checked with these on create and update (posts.service) and again just before publishing
(publishing.service), so nothing goes out that the platform would refuse for its length.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from heraldo.core.errors import InvalidInput
from heraldo.posts.models import SocialAccount
from heraldo.publishing.platforms import TEXT_LIMITS, Platform
from heraldo.publishing.text import TextCount, count

# TODO(issue 4): X Premium accounts post up to 25,000 weighted characters and Mastodon servers set their own
# limit; once an account stores its limit, pass it as count(..., limit=...) here and in `count_for_accounts`.


def text_limit(platform: str) -> int:
    return TEXT_LIMITS[Platform(platform)]


def text_length(platform: str, text: str) -> int:
    """Length of `text` as `platform` counts it (X: weighted, URLs 23; Bluesky: graphemes...)."""
    return count(platform, text).length


def overflow(platform: str, text: str) -> int:
    """How many characters over the platform's limit `text` is (0 when it fits).

    At least 1 when the text breaks another of the platform's rules (31 hashtags on Instagram, a character X
    refuses), so that a non-zero answer always means "do not send"; `problem` says why.
    """
    counted = count(platform, text)
    return max(counted.length - counted.limit, 0 if counted.valid else 1)


def problem(platform: str, text: str) -> str | None:
    """Why `text` cannot go to `platform` as it is, in one sentence; None when it fits."""
    counted = count(platform, text)
    if counted.valid:
        return None
    if counted.problem:
        return counted.problem
    return f"{counted.length} characters where the limit is {counted.limit}"


def count_for_accounts(
    *, db: Session, workspace_id: int, text: str, account_ids: list[int]
) -> list[tuple[SocialAccount, TextCount]]:
    """`text` counted for each account (of this workspace), in the order given; unknown ids are an error."""
    wanted = list(dict.fromkeys(account_ids))
    found = {
        account.id: account
        for account in db.scalars(
            select(SocialAccount).where(SocialAccount.workspace_id == workspace_id, SocialAccount.id.in_(wanted))
        )
    }
    missing = [str(account_id) for account_id in wanted if account_id not in found]
    if missing:
        raise InvalidInput(f"no such account(s) in this workspace: {', '.join(missing)}", field="account_ids")
    return [(found[account_id], count(found[account_id].platform, text)) for account_id in wanted]
