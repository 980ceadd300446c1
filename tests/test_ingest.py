"""Ingest: every kind of input becomes Articles, or a clear InputError, or a Skipped entry."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from manysides.config import BriefConfig
from manysides.errors import InputError
from manysides.ingest import article_id, load_inputs, split_multinews
from manysides.ingest.decode import decode_bytes

STORY = "The council voted on Monday to fund a new library in the east district of the town."


def test_plain_text_file_uses_file_name_as_source(tmp_path: Path) -> None:
    p = tmp_path / "gazette.txt"
    p.write_text(STORY)
    articles, skipped = load_inputs([str(p)])
    assert [a.source for a in articles] == ["gazette"]
    assert articles[0].raw_text.strip() == STORY and not skipped


def test_article_id_is_stable_and_distinguishes_outlets() -> None:
    assert article_id(STORY, "a") == article_id(STORY, "a")
    assert article_id(STORY, "a") != article_id(STORY, "b")


def test_html_file_keeps_title_and_site_name(tmp_path: Path) -> None:
    body = " ".join([STORY] * 4)
    html = f"""<!doctype html><html><head><title>Library vote | Town Post</title>
    <meta property="og:site_name" content="Town Post"><meta property="og:title" content="Library vote"></head>
    <body><nav>Home News</nav><article><h1>Library vote</h1><p>{body}</p><p>{body}</p></article></body></html>"""
    p = tmp_path / "post.html"
    p.write_text(html)
    [a], _ = load_inputs([str(p)])
    assert a.source == "Town Post"
    assert a.title == "Library vote"
    # ingest only reads: the page itself, for the clean stage to extract
    assert a.html == html and a.text == "" and a.raw_text == ""


def test_jsonl_clean_flag_is_carried_not_applied(tmp_path: Path) -> None:
    p = tmp_path / "bodies.jsonl"
    p.write_text(json.dumps({"text": STORY, "source": "Gazette", "clean": True}) + "\n" + json.dumps({"text": STORY.replace("Monday", "Friday"), "source": "Other"}))
    clean, flat = load_inputs([str(p)])[0]
    assert clean.already_clean and clean.raw_text == STORY and clean.text == ""
    assert not flat.already_clean and flat.text == ""


@pytest.mark.parametrize(
    "text,name,content_type,expected",
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "", "", True),
        ("<p>A pasted paragraph.</p>", "", "", True),
        ("Plain words about a <b>bold</b> plan.", "", "", False),
        ("Plain words, no markup.", "page.HTM", "", True),
        ("Plain words, no markup.", "", "text/html; charset=utf-8", True),
        ("Plain words, no markup.", "notes.txt", "text/plain", False),
    ],
)
def test_one_looks_html_rule_for_ingest_and_the_web_app(text: str, name: str, content_type: str, expected: bool) -> None:
    from manysides import ingest
    from manysides.ingest import looks_html as ingest_rule
    from manysides.web import app, jobs

    assert ingest_rule(text, name=name, content_type=content_type) is expected
    assert app.looks_html is ingest_rule  # one rule, not a copy
    assert jobs.fetch_page is ingest.fetch_page  # the web app reads a URL as ingest does


def test_multinews_line_splits_articles_and_reports_empty_parts(tmp_path: Path) -> None:
    p = tmp_path / "cluster.src"
    p.write_text(f"{STORY} ||||| ||||| A second outlet wrote about the library vote too, at length.")
    articles, skipped = load_inputs([str(p)])
    assert len(articles) == 2
    assert [s.reason for s in skipped] == ["empty article in the Multi-News line"]
    assert split_multinews("a ||||| b") == ["a", "b"]


def test_multinews_file_with_many_lines_says_to_use_batch(tmp_path: Path) -> None:
    p = tmp_path / "many.src"
    p.write_text("a ||||| b\nc ||||| d\n")
    with pytest.raises(InputError, match="manysides batch"):
        load_inputs([str(p)])


def test_jsonl_records_and_bad_lines_are_skipped_with_reasons(tmp_path: Path) -> None:
    p = tmp_path / "story.jsonl"
    lines = [
        json.dumps({"text": STORY, "source": "Gazette", "title": "Vote"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"source": "Nothing"}),
    ]
    p.write_text("\n".join(lines))
    articles, skipped = load_inputs([str(p)])
    assert [(a.source, a.title) for a in articles] == [("Gazette", "Vote")]
    reasons = [s.reason for s in skipped]
    assert any("not valid JSON" in r for r in reasons)
    assert any("not a JSON object" in r for r in reasons)
    assert any('no "text"' in r for r in reasons)


def test_stdin_text() -> None:
    articles, _ = load_inputs(["-"], stdin=io.BytesIO(STORY.encode()))
    assert articles[0].origin == "stdin"


def test_folder_reads_supported_files_and_lists_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY.replace("Monday", "Tuesday"))
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    articles, skipped = load_inputs([str(tmp_path)])
    assert [a.source for a in articles] == ["a", "b"]
    assert skipped[0].origin.endswith("photo.jpg")


def test_duplicate_articles_are_counted_once_and_said(tmp_path: Path) -> None:
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(STORY)
    articles, skipped = load_inputs([str(tmp_path)])
    assert len(articles) == 1
    assert len(skipped) == 2 and all("same text as" in s.reason for s in skipped)


@pytest.mark.parametrize(
    "data,problem",
    [
        (b"\x00\x01\x02\x03binary" * 100, "binary"),
        (b"x" * 11_000_000, "too large"),
    ],
)
def test_unusable_bytes_raise_a_clear_error(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as info:
        decode_bytes(data, "in.txt")
    assert str(info.value).startswith("in.txt:")


def test_encodings_are_decoded() -> None:
    text = "Café owners said the bridge “matters”."
    assert decode_bytes(text.encode("utf-16"), "x") == text
    assert decode_bytes(text.encode("utf-16-le"), "x") == text
    assert decode_bytes(text.encode("utf-8-sig"), "x") == text
    assert decode_bytes("Café owners said it matters.".encode("cp1252"), "x") == "Café owners said it matters."


def test_missing_path_and_unsupported_scheme() -> None:
    with pytest.raises(InputError, match="no such file"):
        load_inputs(["/no/such/file.txt"])
    with pytest.raises(InputError, match="scheme is not supported"):
        load_inputs(["ftp://example.org/a.txt"])


def test_empty_file_is_an_error_alone_and_skipped_in_a_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n ")
    with pytest.raises(InputError, match="is empty"):
        load_inputs([str(empty)])
    (tmp_path / "good.txt").write_text(STORY)
    articles, skipped = load_inputs([str(tmp_path)])
    assert len(articles) == 1 and skipped[0].reason == "is empty"


def test_max_articles_cap_is_reported(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"{STORY} Number {i} of the series.")
    articles, skipped = load_inputs([str(tmp_path)], BriefConfig(max_articles=3))
    assert len(articles) == 3
    assert sum("over the limit" in s.reason for s in skipped) == 2


def test_a_tagged_fragment_is_read_as_html_whatever_it_came_through(tmp_path: Path) -> None:
    """One test for markup: a file, stdin and the web app's pasted text agree (the web app had its own)."""
    fragment = "<p>The county reopened the Pinewood bridge on Friday after six weeks of repairs.</p><p>Traffic was light.</p>"
    p = tmp_path / "pasted.txt"
    p.write_text(fragment, encoding="utf-8")
    (article,), _ = load_inputs([str(p)])
    (from_stdin,), _ = load_inputs(["-"], stdin=io.StringIO(fragment))
    assert article.html == fragment and from_stdin.html == fragment  # read as a page, extracted by the clean stage
    from manysides.clean import clean_story

    (cleaned,) = clean_story([article])
    assert "<p>" not in cleaned.text and "six weeks of repairs" in cleaned.text
