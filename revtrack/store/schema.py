"""The store's tables (schema version 11)."""

from __future__ import annotations

SCHEMA_VERSION = 11
#: ``PRAGMA application_id`` marking a revtrack store ("revt").
APPLICATION_ID = 0x72657674

SCHEMA = """
CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    captured_at TEXT NOT NULL,
    captured_at_source TEXT NOT NULL,
    layout TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    raw BLOB,
    encoding TEXT,
    site TEXT,
    extraction TEXT,
    layout_choice TEXT NOT NULL DEFAULT 'auto'
);
CREATE TABLE revisions (
    id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    headline TEXT NOT NULL,
    body TEXT NOT NULL,
    words INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL,
    first_published TEXT,
    first_captured TEXT NOT NULL,
    sketch_id INTEGER,
    opening INTEGER
);
CREATE INDEX revisions_story ON revisions(story_id);
CREATE INDEX revisions_change ON revisions(coalesce(first_published, first_captured));
CREATE INDEX revisions_seen ON revisions(first_captured);
CREATE INDEX revisions_headline ON revisions(headline);
CREATE INDEX revisions_opening ON revisions(opening) WHERE opening IS NOT NULL;
CREATE TABLE inner_openings (
    -- the opening words of each later paragraph of a revision
    -- (grouping.fingerprint.inner_opening_keys): where another revision's opening is looked for
    key INTEGER NOT NULL,
    revision_id TEXT NOT NULL,
    PRIMARY KEY (key, revision_id)
) WITHOUT ROWID;
CREATE TABLE sketches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    revision_id TEXT NOT NULL,
    sketch BLOB NOT NULL
);
CREATE TABLE snapshots (
    capture_id INTEGER NOT NULL REFERENCES captures(id),
    position INTEGER NOT NULL,
    revision_id TEXT NOT NULL REFERENCES revisions(id),
    captured_at TEXT NOT NULL,
    outlet TEXT,
    section TEXT,
    date_text TEXT,
    published TEXT,
    published_precision TEXT,
    url TEXT,
    headline TEXT,
    body TEXT,
    byline TEXT,
    PRIMARY KEY (capture_id, position)
);
CREATE INDEX snapshots_revision ON snapshots(revision_id);
CREATE INDEX snapshots_url ON snapshots(url, revision_id) WHERE url IS NOT NULL;
CREATE TABLE story_aliases (
    alias TEXT PRIMARY KEY,
    story_id TEXT NOT NULL
);
CREATE INDEX story_aliases_story ON story_aliases(story_id);
CREATE TABLE story_edges (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    strength REAL NOT NULL,
    near INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX story_edges_b ON story_edges(b);
CREATE TABLE story_overrides (
    kind TEXT NOT NULL CHECK (kind IN ('must', 'cannot')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, a, b)
) WITHOUT ROWID;
CREATE INDEX story_overrides_b ON story_overrides(b);
CREATE TABLE site_lines (
    site TEXT NOT NULL,
    line_key INTEGER NOT NULL,
    story_id TEXT NOT NULL,
    PRIMARY KEY (site, line_key, story_id)
) WITHOUT ROWID;
CREATE TABLE site_chrome (
    site TEXT NOT NULL,
    line_key INTEGER NOT NULL,
    stories INTEGER NOT NULL,
    PRIMARY KEY (site, line_key)
) WITHOUT ROWID;
CREATE TABLE fetched (
    url TEXT PRIMARY KEY,
    feed TEXT,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    first_fetched TEXT NOT NULL,
    last_fetched TEXT NOT NULL,
    last_changed TEXT NOT NULL,
    next_check TEXT,
    kind TEXT NOT NULL DEFAULT 'page'
);
CREATE INDEX fetched_next ON fetched(next_check);
"""
# sketches: each revision's MinHash sketch (LSH band keys, then values), in a
# table of its own (v5) so that loading the band keys of a million revisions
# reads about 1 GB, not every stored body; ids only grow (AUTOINCREMENT), so a
# process's index catches up on what others stored by reading ids above its last.
# A revision points at its sketch (sketch_id): an index on sketches.revision_id
# would cost every insert a random B-tree write.
# story_edges: verified pairs of revisions (a < b), how strongly they hold and
# whether they are one text (near copies, or a long document amended: their headlines
# may name other dates or versions); stories are clustered from them.
# story_overrides: manual merges ('must') and splits ('cannot') as revision pairs.
# captures.raw: the capture's bytes, zlib-compressed (NULL for captures stored by
# revtrack before schema v3). site_lines: which stories each short line of a
# site's pages was seen with; site_chrome: how many stories that is, so a line
# seen with several stories is that site's chrome.
# fetched: every URL revtrack fetched itself (v4): its validators for a
# conditional GET, the hash of the bytes last stored, when it was first fetched
# and last changed, and when it was due next by the schedule of its last fetch
# (NULL: no longer; `watch` works it out again from the schedule it runs with);
# feed is the feed it came from, if any; kind is 'feed' or 'page' (v8).
# revisions_seen: stories listed by their last change, the capture time of their
# newest wording (v8). revisions_headline and snapshots_url: revisions with one
# headline, or seen at one address, are candidate versions of one story (v9).
