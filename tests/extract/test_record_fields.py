"""Articles saved as JSON by other tools: each tool's field names, nothing dropped unnamed.

The layouts are those the tools write (news-please's ``examples/sample.json``,
trafilatura's ``output_format="json"``, newspaper4k's metadata records, WordPress's REST
API, NewsAPI's responses, Scrapy's JSON export, schema.org's NewsArticle); the texts are
ours. ``benchmarks/json_records.py`` measures the same on real records.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from revtrack.errors import InputError
from revtrack.extract import extract_capture
from revtrack.extract.jsonl import iter_jsonl
from tests.support import PARAGRAPHS, cli

WHEN = datetime(2026, 3, 1, tzinfo=UTC)
BODY = "\n".join(PARAGRAPHS)


def _export(db) -> list[dict]:
    return [json.loads(line) for line in cli(db, "export", "--format", "jsonl").output.splitlines()]


def _ingest(tmp_path, name: str, text: str) -> tuple[object, list[dict]]:
    path = tmp_path / name
    path.write_text(text)
    result = cli(tmp_path / "s.db", "ingest", "--captured-at", "2026-03-01", str(path))
    return result, _export(tmp_path / "s.db")


def test_a_news_please_file_keeps_its_maintext_date_and_outlet(tmp_path):
    """news-please writes one indented object a file: ``maintext``, ``date_publish``,
    ``source_domain``. It was read as plain text: the headline `"authors": [],`, the
    body JSON; read as JSON Lines by our names, the body was empty."""
    record = {
        "authors": ["Jo Roe"],
        "date_download": None,
        "date_publish": "2026-02-27 17:03:00",
        "description": PARAGRAPHS[0][:60],
        "language": "en",
        "maintext": BODY,
        "source_domain": "www.gazette.example",
        "title": "Council passes harbour budget",
        "title_page": None,
        "url": "https://www.gazette.example/budget",
    }
    result, rows = _ingest(tmp_path, "budget.json", json.dumps(record, indent=2, sort_keys=True))
    assert result.exit_code == 0, result.output
    [row] = rows
    assert row["headline"] == "Council passes harbour budget"
    assert row["body"].split() == BODY.split()  # the description repeats the lede: read, not added
    sighting = row["sightings"][0]
    assert sighting["outlet"] == "www.gazette.example"
    assert sighting["published"].startswith("2026-02-27T17:03")
    assert sighting["url"] == "https://www.gazette.example/budget"
    assert "not read" not in result.output


def test_trafilatura_records_as_lines_take_the_site_name_and_keep_quoted_markup(tmp_path):
    """trafilatura's ``text`` is plain text: markup quoted in it stays words. Its
    ``source`` is the page's address, ``source-hostname`` the site's name."""
    text = "Write <a href=x>a link</a> as the guide says.\n" + BODY
    lines = [
        {
            "title": f"Story {k}",
            "author": "Jo Roe",
            "hostname": "gazette.example",
            "date": "2026-02-2" + str(k),
            "source": f"https://gazette.example/{k}",
            "source-hostname": "Harbour Gazette",
            "text": text if k == 1 else PARAGRAPHS[k],
            "raw_text": text if k == 1 else PARAGRAPHS[k],
            "comments": "What a great decision for the town, said every reader in the comment box today.",
            "tags": "harbour;budget",
            "fingerprint": "f4972a18b20b49ab",
        }
        for k in (1, 2)
    ]
    result, rows = _ingest(tmp_path, "t.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    assert result.exit_code == 0, result.output
    by_headline = {row["headline"]: row for row in rows}
    assert by_headline["Story 1"]["body"].split() == text.split()
    assert {row["sightings"][0]["outlet"] for row in rows} == {"Harbour Gazette"}
    assert (
        by_headline["Story 2"]["sightings"][0]["url"] == "https://gazette.example/2"
    )  # "source", an address
    assert "not read" not in result.output  # comments and tags are no article words


def test_wordpress_posts_are_read_from_their_rendered_html(tmp_path):
    posts = [
        {
            "id": 7,
            "date": "2026-02-27T09:00:00",
            "link": "https://gazette.example/budget",
            "title": {"rendered": "Council&#8217;s budget passes"},
            "content": {"rendered": "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS), "protected": False},
            "excerpt": {"rendered": f"<p>{PARAGRAPHS[0]}</p>"},
        },
        {
            "id": 8,
            "date": "2026-02-28T09:00:00",
            "link": "https://gazette.example/storm",
            "title": {"rendered": "Storm &amp; floods"},
            "content": {"rendered": "<p>A storm closed the port.</p>"},
        },
    ]
    result, rows = _ingest(tmp_path, "posts.json", json.dumps(posts))
    assert result.exit_code == 0, result.output
    by_headline = {row["headline"]: row for row in rows}
    assert set(by_headline) == {"Council\u2019s budget passes", "Storm & floods"}
    assert by_headline["Council\u2019s budget passes"]["body"] == "\n\n".join(PARAGRAPHS)
    assert by_headline["Storm & floods"]["sightings"][0]["position"] == 1


def test_a_newsapi_response_on_one_line_gives_each_article_and_its_description(tmp_path):
    """A response saved as it came is one line: streamed as JSON Lines, each article is
    read. NewsAPI's ``content`` is cut short; its ``description`` says something else and
    opens the body, as a standfirst does above a page's text."""
    response = {
        "status": "ok",
        "totalResults": 2,
        "articles": [
            {
                "source": {"id": None, "name": "Harbour Gazette"},
                "author": "Jo Roe",
                "title": "Council passes harbour budget",
                "description": "Dockers cheered outside city hall as the long night ended.",
                "url": "https://gazette.example/budget",
                "publishedAt": "2026-02-27T09:00:00Z",
                "content": PARAGRAPHS[0] + " [+1200 chars]",
            },
            {
                "source": {"name": "Coast News"},
                "title": "Storm closes port",
                "content": "A storm closed the port.",
            },
        ],
    }
    result, rows = _ingest(tmp_path, "news.json", json.dumps(response))
    assert result.exit_code == 0, result.output
    by_headline = {row["headline"]: row for row in rows}
    budget = by_headline["Council passes harbour budget"]
    assert budget["body"].split("\n\n") == [
        response["articles"][0]["description"],
        PARAGRAPHS[0] + " [+1200 chars]",
    ]
    assert budget["sightings"][0]["outlet"] == "Harbour Gazette"
    assert {row["sightings"][0]["position"] for row in rows} == {0, 1}


def test_scrapy_export_with_paragraph_lists_and_json_ld_articles(tmp_path):
    scrapy = (
        "[\n"
        + ",\n".join(
            json.dumps({"url": f"https://g.example/{k}", "title": f"Item {k}", "body": PARAGRAPHS[k : k + 2]})
            for k in range(2)
        )
        + "\n]"
    )
    result, rows = _ingest(tmp_path, "items.json", scrapy)
    assert result.exit_code == 0, result.output
    assert {row["headline"]: row["body"] for row in rows} == {
        "Item 0": f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}",
        "Item 1": f"{PARAGRAPHS[1]}\n\n{PARAGRAPHS[2]}",
    }
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour budget approved",
        "datePublished": "2026-02-27T08:00:00+01:00",
        "publisher": {"@type": "Organization", "name": "Harbour Gazette"},
        "articleBody": BODY,
    }
    (tmp_path / "ld.json").write_text(json.dumps(ld, indent=1))
    extraction = extract_capture((tmp_path / "ld.json").read_text(), WHEN, "ld.json")
    [article] = extraction.articles
    assert (extraction.layout, article.headline, article.outlet) == (
        "json",
        "Harbour budget approved",
        "Harbour Gazette",
    )
    assert article.published.iso() == "2026-02-27T07:00:00Z"


def test_a_field_whose_words_are_read_as_nothing_is_named_once(tmp_path):
    """Nothing dropped without a word: a field of prose no role reads is named, with the
    number of records it held words on."""
    lines = [
        {
            "title": f"Story {k}",
            "text": PARAGRAPHS[k],
            "sidebar": PARAGRAPHS[(k + 2) % 4] + " " + PARAGRAPHS[3],
        }
        for k in range(2)
    ]
    result, rows = _ingest(tmp_path, "s.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    assert result.exit_code == 0
    assert len(rows) == 2
    [warning] = [line for line in result.output.splitlines() if "not read" in line]
    assert "s.jsonl" in warning and "'sidebar' on 2 record(s)" in warning


def test_a_json_document_that_holds_no_article_is_not_read_as_one(tmp_path):
    """A JSON file that is no article record (a config, a package manifest) stays text:
    its lines are not taken for records."""
    text = json.dumps({"name": "harbour", "version": "1.0", "dependencies": {"a": "1"}}, indent=2)
    assert extract_capture(text, WHEN, "package.json").layout != "json"


def test_own_names_still_refuse_a_value_that_is_not_text():
    lines = [(1, json.dumps({"headline": "H", "body": {"p": "x"}}))]
    with pytest.raises(InputError, match="'body' is an object, not text"):
        list(iter_jsonl(lines, WHEN, "f.jsonl"))
    lines = [(1, json.dumps({"title": "H", "content": {"protected": False}, "maintext": "Kept."}))]
    assert [a.body for a in iter_jsonl(lines, WHEN, "f.jsonl")] == [
        "Kept."
    ]  # another tool's name: passed over


def test_the_batch_refuses_a_line_of_several_articles_by_name():
    """The batch numbers a file's articles by its lines before reading them, so a line of
    several is named, not numbered wrong."""
    line = json.dumps({"articles": [{"title": "A", "text": "a"}, {"title": "B", "text": "b"}]})
    with pytest.raises(InputError, match="line 1: holds 2 articles"):
        list(iter_jsonl([(1, line)], WHEN, "f.jsonl", several_a_line=False))
    assert [a.headline for a in iter_jsonl([(1, line)], WHEN, "f.jsonl")] == ["A", "B"]


def test_unix_times_are_dates():
    lines = [
        (1, json.dumps({"title": "H", "text": "T", "date": 1772182800})),
        (2, json.dumps({"title": "I", "text": "U", "published_at": 1772182800000})),
    ]
    assert [a.published.iso() for a in iter_jsonl(lines, WHEN)] == ["2026-02-27T09:00:00Z"] * 2


# ---------------------------------------------------------------- tables (CSV, TSV)

KAGGLE = (
    ",id,title,publication,author,date,year,month,url,content\n"
    '0,17283,Council passes harbour budget,Harbour Gazette,Jo Roe,2026-02-27,2026.0,2.0,,"'
    + "\n\n".join(PARAGRAPHS)
    + '"\n'
    + f"1,17284,,Harbour Gazette,Al Li,2026-02-28,2026.0,2.0,,{PARAGRAPHS[1]}\n"
)


def test_a_dataset_in_csv_is_an_article_a_row(tmp_path):
    """A news dataset's CSV (a title, a publication, a date, the text) was read as one
    plain-text article headed by its header row. A row without a title keeps its article,
    headed by its opening words as a feed's untitled entry is."""
    result, rows = _ingest(tmp_path, "news.csv", KAGGLE)
    assert result.exit_code == 0, result.output
    by_position = {row["sightings"][0]["position"]: row for row in rows}
    assert by_position[0]["headline"] == "Council passes harbour budget"
    assert by_position[0]["body"] == "\n\n".join(PARAGRAPHS)  # the quoted cell's breaks kept
    assert by_position[0]["sightings"][0]["outlet"] == "Harbour Gazette"
    assert by_position[0]["sightings"][0]["published"].startswith("2026-02-27")
    assert by_position[1]["headline"].startswith("Union leaders said the vote was") and by_position[1][
        "headline"
    ].endswith("\u2026")
    # the batch and re-extraction read the same bytes through extract_capture: the same articles
    extraction = extract_capture(KAGGLE, WHEN, "news.csv")
    assert extraction.layout == "csv"
    assert [(a.headline, a.body) for a in extraction.articles] == [
        (by_position[k]["headline"], by_position[k]["body"]) for k in (0, 1)
    ]


def test_revtrack_reads_back_its_own_csv_export(tmp_path):
    first = tmp_path / "first.jsonl"
    first.write_text(
        json.dumps({"headline": "Council passes harbour budget", "body": BODY, "outlet": "Harbour Gazette"})
        + "\n"
    )
    cli(tmp_path / "a.db", "ingest", "--captured-at", "2026-03-01", str(first))
    exported = cli(tmp_path / "a.db", "export", "--format", "csv").output
    result, rows = _ingest(tmp_path, "revisions.csv", exported)
    assert result.exit_code == 0, result.output
    [row] = rows
    assert (row["headline"], row["body"]) == ("Council passes harbour budget", BODY)
    assert row["sightings"][0]["outlet"] == "Harbour Gazette"


def test_a_table_is_told_by_its_header_not_by_its_commas():
    tsv = "title\tbody\tdate\nVote held\tThe council voted.\t2026-02-27\n"
    assert extract_capture(tsv, WHEN, "export").layout == "csv"
    prose = "Title, body, and more: a guide\n\nThe council voted on Monday, late, after a debate.\n"
    assert extract_capture(prose, WHEN, "guide.txt").layout != "csv"


def test_a_csv_file_that_names_no_body_is_refused_by_name(tmp_path):
    result, _ = _ingest(tmp_path, "numbers.csv", "a,b\n1,2\n")
    assert result.exit_code == 2
    assert "numbers.csv: line 1: the header row names no article body" in result.output
    result, _ = _ingest(tmp_path, "bad.csv", 'title,text\nA,"one",two,three\n')
    assert result.exit_code == 2 and "bad.csv: line 2: 4 cells under a header of 2" in result.output


def test_an_iptc_ninjs_item_is_read_as_its_article():
    """IPTC's ninjs, the JSON news items of AP's API and of Superdesk: ``body_html``,
    ``description_text``, ``firstcreated``. It was read as text, headed by its ``"uri"`` line."""
    item = {
        "uri": "https://news.example/2026/02/27/harbour",
        "type": "text",
        "versioncreated": "2026-02-27T14:30:00Z",
        "firstcreated": "2026-02-27T09:00:00Z",
        "headline": "Harbour budget vote postponed",
        "byline": "By Ana Ruiz",
        "description_text": "Two members were absent, so the council waits.",
        "body_html": "<p>The council postponed its vote on the harbour budget.</p><p>It meets Thursday.</p>",
    }
    extraction = extract_capture(json.dumps(item, indent=2), WHEN, "item.json")
    [article] = extraction.articles
    assert (extraction.layout, article.headline, article.published.iso()) == (
        "json",
        "Harbour budget vote postponed",
        "2026-02-27T09:00:00Z",
    )
    assert article.body.split("\n\n") == [
        "Two members were absent, so the council waits.",
        "The council postponed its vote on the harbour budget.",
        "It meets Thursday.",
    ]
    assert (article.url, article.byline) == ("https://news.example/2026/02/27/harbour", "By Ana Ruiz")
