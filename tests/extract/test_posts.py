"""A channel's or an account's posts saved as one JSON document: a post an article.

The layouts are the platforms' own (Telegram Desktop's ``result.json``, a Mastodon
archive's ActivityPub ``outbox.json``, Mastodon's API statuses); the texts are ours.
``benchmarks/posts.py`` measures the same on real API responses.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from revtrack.extract import extract_capture
from tests.support import cli

WHEN = datetime(2026, 3, 1, tzinfo=UTC)


def _telegram(second: str) -> dict:
    return {
        "name": "Harbour City News",
        "type": "public_channel",
        "id": 1234567890,
        "messages": [
            {
                "id": 101,
                "type": "message",
                "date": "2026-02-27T14:30:00",
                "from": "Harbour City News",
                "text": [
                    {"type": "bold", "text": "Ferry service suspended."},
                    "\n\nThe harbour authority halted all crossings on Friday after a ",
                    {"type": "italic", "text": "collision"},
                    " near the north pier. Passengers were asked to wait for updates.",
                ],
            },
            {
                "id": 102,
                "type": "service",
                "date": "2026-02-27T14:31:00",
                "actor": "Harbour City News",
                "action": "pin_message",
                "text": "",
            },
            {"id": 103, "type": "message", "date": "2026-02-27T15:10:00", "text": second},
        ],
    }


FIRST = (
    "Update: Harbour master Ines Moreau said two crew members were hurt in the collision."
    " Crossings stay suspended until the pier is inspected, she told reporters."
)
EDITED = (
    "Update: Harbour master Ines Moreau said two crew members and one passenger were hurt in"
    " the collision. Crossings stay suspended until the pier is inspected, she told reporters."
)


def test_a_telegram_export_is_its_posts_not_its_json():
    """Read as text, the export was one article headed `"name": "Harbour City News",`. Each
    message is an article now: its formatted pieces joined as written, headed by its short
    first line, dated, under the channel's name; the pinned-message notice is counted."""
    extraction = extract_capture(json.dumps(_telegram(FIRST), indent=1), WHEN, "result.json")
    assert extraction.layout == "posts"
    first, second = extraction.articles
    assert first.headline == "Ferry service suspended."
    assert "after a collision near the north pier." in first.body
    assert (first.outlet, first.published.iso()) == ("Harbour City News", "2026-02-27T14:30:00Z")
    assert second.body == FIRST and second.headline.startswith("Update: Harbour master Ines Moreau")
    assert '"' not in first.body + second.body
    [note] = extraction.notes
    assert "result.json" in note and "1 object(s) beside the posts hold no text" in note


def test_an_edited_post_in_a_later_export_is_a_revision_of_its_story(tmp_path):
    """What a researcher tracks: the channel edited a post between two exports."""
    db = tmp_path / "s.db"
    for day, text in (("2026-02-27", FIRST), ("2026-02-28", EDITED)):
        path = tmp_path / day / "result.json"
        path.parent.mkdir()
        path.write_text(json.dumps(_telegram(text)))
        assert cli(db, "ingest", "--captured-at", day, str(path)).exit_code == 0
    stories = json.loads(cli(db, "stories", "--json").output)
    assert sorted(story["revisions"] for story in stories) == [1, 2]


def test_an_activitypub_outbox_reads_each_activity_s_post():
    """A Mastodon archive's outbox: each Create activity holds its Note as ``object`` (HTML);
    a boost names another's post by its address only and holds no words."""
    outbox = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "OrderedCollection",
        "orderedItems": [
            {
                "type": "Create",
                "published": "2026-02-27T09:00:00Z",
                "object": {
                    "type": "Note",
                    "published": "2026-02-27T09:00:00Z",
                    "url": "https://social.example/@harbour/1",
                    "content": "<p>Ferry crossings resume at noon.</p><p>Expect delays at the north pier.</p>",
                },
            },
            {"type": "Announce", "published": "2026-02-27T10:00:00Z", "object": "https://x.example/2"},
        ],
    }
    extraction = extract_capture(json.dumps(outbox), WHEN, "outbox.json")
    [post] = extraction.articles
    assert (post.headline, post.url) == (
        "Ferry crossings resume at noon.",
        "https://social.example/@harbour/1",
    )
    assert post.body == "Ferry crossings resume at noon.\n\nExpect delays at the north pier."
    assert "<p>" not in post.body


def test_a_status_saved_alone_is_its_own_text_not_its_link_card_nor_empty():
    """A status fetched by its address, on one line: its link's preview card has a title and
    a description, and was taken for the article; a boost (no text of its own) was refused."""
    status = {
        "id": "1",
        "created_at": "2026-02-27T09:00:00.000Z",
        "content": "<p>Our report on the pier collision: https://news.example/pier</p>",
        "card": {"title": "Pier collision", "description": "What the harbour authority knew."},
    }
    [article] = extract_capture(json.dumps(status), WHEN, "status.json").articles
    assert article.body == "Our report on the pier collision: https://news.example/pier"
    boost = {"id": "2", "created_at": "2026-02-27T10:00:00.000Z", "content": "", "reblog": status}
    [article] = extract_capture(json.dumps(boost), WHEN, "boost.json").articles
    assert article.body.startswith("Our report on the pier collision")


def test_objects_with_text_but_no_date_are_no_posts():
    """Structure, not names: a list of texts with no time (strings of an app) stays text."""
    data = {"strings": [{"id": k, "text": f"Button label number {k} for the menu"} for k in range(5)]}
    assert extract_capture(json.dumps(data, indent=1), WHEN, "strings.json").layout != "posts"


def test_a_twitter_archive_s_script_is_read_as_its_tweets():
    """A Twitter archive's ``tweets.js`` assigns its JSON to a name; each item holds its post
    as ``tweet``, dated in Twitter's own form; its ``source`` (the app's link) is no outlet."""
    tweets = [
        {
            "tweet": {
                "id_str": "1",
                "created_at": "Wed Oct 12 11:00:00 +0000 2022",
                "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
                "full_text": "Polls close at 8pm tonight in the county election. Turnout was 41% by noon.",
            }
        }
    ]
    text = "window.YTD.tweets.part0 = " + json.dumps(tweets, indent=2)
    extraction = extract_capture(text, WHEN, "tweets.js")
    [tweet] = extraction.articles
    assert tweet.body.startswith("Polls close at 8pm") and "window" not in tweet.body
    assert (tweet.published.iso(), tweet.outlet) == ("2022-10-12T11:00:00Z", None)


def test_a_whole_telegram_account_export_reads_every_chat_under_its_name():
    """ "Export Telegram data" writes every chat under ``chats.list``: each chat's messages are
    posts, each under its own chat's name."""
    account = {
        "about": "Here is the data you requested.",
        "chats": {
            "about": "This is the list of all your chats.",
            "list": [
                _telegram(FIRST),
                {
                    "name": "Port Authority",
                    "type": "public_channel",
                    "id": 42,
                    "messages": [{"id": 1, "type": "message", "date": "2026-02-28T08:00:00", "text": EDITED}],
                },
            ],
        },
    }
    extraction = extract_capture(json.dumps(account, indent=1), WHEN, "result.json")
    assert [a.outlet for a in extraction.articles] == ["Harbour City News"] * 2 + ["Port Authority"]
    assert extraction.articles[2].body == EDITED


def test_a_chat_export_and_a_bluesky_feed_are_their_posts():
    """DiscordChatExporter dates a message by ``timestamp``; Bluesky's feed holds each post two
    levels down (``post.record``), beside the parent it replies to (three levels down)."""
    discord = {
        "guild": {"id": "1", "name": "Newsroom"},
        "channel": {"id": "2", "name": "breaking"},
        "messages": [
            {
                "id": "10",
                "timestamp": "2026-02-27T14:30:00+00:00",
                "content": "Council vote on the harbour budget delayed to Thursday, clerk says.",
                "author": {"id": "3", "name": "desk-bot"},
            }
        ],
    }
    [message] = extract_capture(json.dumps(discord), WHEN, "breaking.json").articles
    assert (message.published.iso(), message.byline) == ("2026-02-27T14:30:00Z", "desk-bot")
    record = {"createdAt": "2026-02-27T21:00:00.000Z", "text": "Results: Lopez wins the county seat."}
    parent = {"uri": "at://p", "record": {"createdAt": "2026-02-27T11:00:00Z", "text": "Polls close at 8."}}
    feed = {"feed": [{"post": {"uri": "at://x", "record": record}, "reply": {"parent": parent}}]}
    [post] = extract_capture(json.dumps(feed), WHEN, "feed.json").articles
    assert post.body == "Results: Lopez wins the county seat."


def test_a_video_page_saved_by_yt_dlp_keeps_its_date_channel_and_address():
    """yt-dlp's ``.info.json``: a compact ``upload_date``, the ``channel``, the ``webpage_url``."""
    info = {
        "id": "abc",
        "title": "Council meeting, February 27",
        "description": "Full recording of the council meeting on the harbour budget.",
        "upload_date": "20260227",
        "channel": "City Council",
        "webpage_url": "https://video.example/watch?v=abc",
    }
    [video] = extract_capture(json.dumps(info), WHEN, "meeting.info.json").articles
    assert (video.published.iso(), video.outlet, video.url) == (
        "2026-02-27",
        "City Council",
        "https://video.example/watch?v=abc",
    )


def test_a_channel_post_whose_figures_were_edited_is_one_story_by_its_link(tmp_path):
    """A short post whose figures changed shares too few facts for the short-item rule (2 ->
    5 killed, 12 injured added): its link, made of the channel's and the message's ids, and
    the words it kept keep it one story."""
    db = tmp_path / "s.db"
    texts = (
        "Update: 2 killed in Odesa strike, governor says.",
        "Update: 5 killed, 12 injured in Odesa strike.",
    )
    for day, text in zip(("2026-02-27", "2026-02-28"), texts, strict=True):
        path = tmp_path / day / "result.json"
        path.parent.mkdir()
        path.write_text(json.dumps(_telegram(text)))
        result = cli(db, "ingest", "--captured-at", day, str(path))
        assert result.exit_code == 0, result.output
    stories = json.loads(cli(db, "stories", "--json").output)
    assert sorted(story["revisions"] for story in stories) == [1, 2]
    [edited] = [story for story in stories if story["revisions"] == 2]
    first, second = (r["id"] for r in json.loads(cli(db, "log", edited["id"], "--json").output))
    said = cli(db, "why", first, second).output
    assert "one address (https://t.me/c/1234567890/103) and 67% of the shorter text's words kept" in said
