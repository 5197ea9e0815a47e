"""What every connector shares when answering an interaction: the ReplyTo built from its stored extra."""

import json

from heraldo.publishing.connectors.base import (
    InteractionRef,
    InteractionSample,
    comment_interaction_extra,
    interaction_reply_to,
)


def test_an_interaction_without_root_is_its_own_root():
    reply_to = interaction_reply_to(InteractionRef("at://did:plc:fan/app.bsky.feed.post/1", "mention", {"cid": "c1"}))

    assert reply_to.parent.platform_post_id == "at://did:plc:fan/app.bsky.feed.post/1"
    assert reply_to.parent.extra == {"cid": "c1"}
    assert reply_to.root is reply_to.parent


def test_the_root_comes_from_root_id_and_root_extra_and_stays_out_of_the_parent():
    extra = {
        "uri": "at://fan/p/2",
        "cid": "c2",
        "root_id": "at://us/p/1",
        "root_extra": {"uri": "at://us/p/1", "cid": "c1"},
    }
    stored = json.loads(json.dumps(extra))  # what a JSON column gives back

    reply_to = interaction_reply_to(InteractionRef("at://fan/p/2", "reply", stored))

    assert reply_to.parent.extra == {"uri": "at://fan/p/2", "cid": "c2"}
    assert (reply_to.root.platform_post_id, reply_to.root.extra) == ("at://us/p/1", {"uri": "at://us/p/1", "cid": "c1"})
    assert stored == extra, "the stored extra is not changed"


def test_missing_extra_is_an_empty_one():
    sample = InteractionSample("1", "comment", "fan", "hi", received_at=None)  # type: ignore[arg-type]
    assert sample.extra == {}
    assert InteractionRef("1", "comment").extra == {}
    assert interaction_reply_to(InteractionRef("1", "comment", None)).parent.extra == {}  # type: ignore[arg-type]


def test_comments_nest_one_level():
    assert comment_interaction_extra("c1", post_id="p", parent_comment_id=None) == {
        "kind": "comment",
        "post_id": "p",
        "top_comment_id": "c1",
    }
    assert comment_interaction_extra("c2", post_id="p", parent_comment_id="c1")["top_comment_id"] == "c1"
