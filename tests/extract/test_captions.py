"""Subtitles and captions are read as what is said: cue numbers and timings never reach a diff."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from click.testing import CliRunner

from revtrack.cli import main
from revtrack.diffing import compare
from revtrack.extract import extract_capture

CAPTURED = datetime(2026, 3, 1, tzinfo=UTC)
WORD = re.compile(r"\w+")
CUES = [
    ("Good evening. The city council voted tonight", "to close the old ferry pier for two years."),
    ("Engineers found that the timber piles", "under the waiting room had rotted through."),
    ("Traders on the front asked for a walkway.",),
]


def _srt(cues, first: float = 1.0, gap: float = 0.2) -> str:
    """A SubRip file of these cues, each shown three seconds, ``gap`` seconds apart."""

    def stamp(seconds: float) -> str:
        ms = round(seconds * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    blocks, at = [], first
    for number, lines in enumerate(cues, 1):
        blocks.append(f"{number}\n{stamp(at)} --> {stamp(at + 3)}\n" + "\n".join(lines))
        at += 3 + gap
    return "\n\n".join(blocks) + "\n"


def _read(text: str, name: str = "evening-news.en.srt"):
    extraction = extract_capture(text, CAPTURED, name)
    assert extraction.layout == "captions"
    (article,) = extraction.articles
    return extraction, article


def test_a_retimed_copy_differs_only_where_the_words_do():
    """A sentence added re-times and renumbers every cue after it: read as text, each of those
    lines changed; read as captions, the diff holds the added sentence and the edited word only."""
    old = _srt(CUES)
    new = _srt([(*CUES[0][:1], CUES[0][1].replace("two", "three")), ("Our reporter was there.",), *CUES[1:]])
    (_, before), (extraction, after) = _read(old), _read(new)
    assert before.headline == after.headline == "evening-news"
    said = " ".join(line for cue in CUES for line in cue)
    assert before.body == said  # one paragraph: no speaker change, no pause
    changed = [(s.op, s.text) for s in compare(before.body, after.body).segments if s.op != "="]
    assert changed == [("-", "two"), ("+", "three"), ("+", "Our reporter was there. ")]
    # every timing line and cue number is accounted for, by name
    dropped = extraction.accounting.dropped
    assert {d.reason for d in dropped} == {"captions"} and len(dropped) == 2 * 4
    assert all("-->" in d.text or d.text.isdigit() for d in dropped)
    assert not set(WORD.findall(said)) - set(WORD.findall(before.body))


def test_webvtt_header_notes_styles_voices_and_rolled_up_lines():
    vtt = (
        "WEBVTT - evening bulletin\nKind: captions\nLanguage: en\n\n"
        "NOTE made from the broadcast\n\nSTYLE\n::cue { color: white; }\n\n"
        "intro\n00:01.000 --> 00:03.000 align:start\n<v Jane Doe>Good evening, the council <i>voted</i>.\n\n"
        "00:03.000 --> 00:05.000\nGood evening, the council voted.\nThe pier &amp; its piles\n\n"
        "00:06.000 --> 00:08.000\n<v Bo Li>This<00:06.500><c> is</c> a scandal.\n\n"
        "00:12.000 --> 00:14.000\n>> In sport tonight, a win.\n"
    )
    extraction, article = _read(vtt, "bulletin.vtt")
    assert article.body.split("\n\n") == [
        "Jane Doe: Good evening, the council voted. The pier & its piles",
        "Bo Li: This is a scandal.",
        ">> In sport tonight, a win.",
    ]
    dropped = {d.text for d in extraction.accounting.dropped}
    # the second cue starts as the first ends and shows its line again: still on screen, not said
    assert "Good evening, the council voted." in dropped
    assert {
        "WEBVTT - evening bulletin",
        "NOTE made from the broadcast",
        "intro",
        "::cue { color: white; }",
    } <= dropped
    assert "1 line(s) shown again" in extraction.accounting.why


def test_broken_timings_keep_their_text_and_plain_text_stays_plain():
    """A cue whose timing line is missing or garbled keeps its words; a file named .srt with no
    cue, and --layout plain, read as any text is, every line kept."""
    broken = (
        "1\n00:00:00,500 --> 00:00:07,000\nCaption one.\n\n2\nCaption two.\n\n"
        "3\n00:00:07,000 --> 00:00:1d,890\nCaption three.\n\n4\n00:00:11,890 --> 00:00:16,320\nCaption four.\n"
    )
    _, article = _read(broken, "broken.srt")
    assert article.body == "Caption one. Caption two. Caption three. Caption four."
    notes = "Council notes\n\nThe council met on Tuesday and voted on the harbour budget.\n"
    assert extract_capture(notes, CAPTURED, "notes.srt").layout != "captions"
    plain = extract_capture(_srt(CUES), CAPTURED, "news.srt", layout="plain")
    assert plain.layout == "plain" and "-->" in plain.articles[0].body
    # a caption file not named so is known by its first cue
    assert extract_capture(_srt(CUES), CAPTURED, "news.txt").layout == "captions"


def test_ingest_names_no_caption_file_thin_and_show_lists_the_timings(tmp_path):
    path = tmp_path / "evening-news.srt"
    path.write_text(_srt(CUES))
    db = tmp_path / "s.db"
    run = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), "--captured-at", "2026-03-01"])
    assert run.exit_code == 0 and "words kept" not in run.output, run.output
    (story,) = json.loads(CliRunner().invoke(main, ["stories", "--json", "--db", str(db)]).output)
    shown = CliRunner().invoke(main, ["show", story["id"], "--dropped", "--db", str(db)]).output
    assert "layout captions (read as captions: the text of 3 cues" in shown
    assert "00:00:01,000 --> 00:00:04,000" in shown and "captions: a caption file's" in shown


def test_ttml_and_sami_captions_are_read_as_what_is_said():
    """Broadcast captions written as markup: before, the body was their XML (styling, regions,
    ``begin`` attributes). A TTML file that is not well-formed (a bare "<<") is read too."""
    ttml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml" '
        'xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata">\n'
        "<head><metadata><ttm:title>Evening bulletin</ttm:title></metadata>"
        '<styling><style xml:id="s1" tts:color="white"/></styling></head>\n<body><div>\n'
        '<p begin="00:00:01.000" end="00:00:04.000" style="s1">Good evening. The council<br/>'
        '<span tts:fontStyle="italic">voted</span> tonight.</p>\n'
        '<p begin="4.5s" end="7s">Traders &amp; engineers object.</p>\n</div></body></tt>\n'
    )
    extraction, article = _read(ttml, "bulletin.dfxp")
    assert article.headline == "Evening bulletin"
    assert article.body == "Good evening. The council voted tonight. Traders & engineers object."
    assert "read as captions (TTML)" in extraction.accounting.why
    loose = ttml.replace("Traders &amp;", "&gt;&gt; Traders <<")
    assert _read(loose, "bulletin.dfxp")[1].body.endswith(">> Traders << engineers object.")
    sami = (
        "<SAMI><HEAD><TITLE>Evening bulletin</TITLE><STYLE><!-- .ENCC {lang: en-US;} .FRCC {lang: fr-FR;} --></STYLE>"
        "</HEAD><BODY>\n<SYNC Start=1000><P Class=ENCC>Good evening.<br>The council voted."
        "<P Class=FRCC>Bonsoir.\n<SYNC Start=4000><P Class=ENCC>&nbsp;\n"
        "<SYNC Start=9000><P Class=ENCC>&gt;&gt; In sport, a win.\n</BODY></SAMI>\n"
    )
    extraction, article = _read(sami, "bulletin.smi")
    assert (article.headline, article.body.split("\n\n")) == (
        "Evening bulletin",
        ["Good evening. The council voted.", ">> In sport, a win."],
    )
    assert "SYNC" not in article.body and "Bonsoir" not in article.body  # one language's captions


def test_a_cue_of_many_lines_is_read_in_one_pass():
    """A cue of 30,000 lines (a transcript pasted into one cue, or a SAMI sync of as many
    paragraphs) took minutes: each line rebuilt a table of the cue's lines to find its voice."""
    lines = "".join(f"Line {k} of the transcript.\n" for k in range(30_000))
    _, article = _read(f"1\n00:00:01,000 --> 00:10:00,000\n{lines}", "long.srt")
    assert article.body.count("of the transcript.") == 30_000
    sami = "<SAMI><BODY><SYNC Start=1000>" + "".join(f"<P Class=A>Line {k}." for k in range(30_000))
    assert _read(sami, "long.smi")[1].body.count("Line") == 30_000
