"""Property-based tests (issue #5): invariants over generated inputs.

CI runs a few dozen examples per property; ``python bench/fuzz.py`` runs the same
properties with ``HYPOTHESIS_PROFILE=fuzz`` (thousands each, >= 10^4 in all).
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from manysides import Brief
from manysides.errors import InputError
from manysides.ingest import load_inputs
from manysides.ingest.decode import decode_bytes
from manysides.records import Article, SummarySentence
from manysides.text.sentences import sentences_of

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

WORD = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=10)
SENTENCE = st.builds(lambda ws, end: " ".join(ws) + end, st.lists(WORD, min_size=1, max_size=14), st.sampled_from([".", "!", "?", "", '."', " (AP)."]))
PARAGRAPH = st.builds(" ".join, st.lists(SENTENCE, min_size=1, max_size=5))
TEXT = st.builds("\n\n".join, st.lists(PARAGRAPH, min_size=1, max_size=5))
NASTY = st.lists(st.sampled_from(list("<>&\"'/=` ;:()[]{}") + ["script", "img", "onerror", "javascript:", "\u202e", "\x00", "é", "\n"]), max_size=30).map("".join)


@given(TEXT)
def test_sentence_spans_point_at_their_text(text: str) -> None:
    sents = sentences_of("a", text)
    last_end = 0
    for s in sents:
        assert text[s.start : s.end] == s.text
        assert s.start >= last_end
        last_end = s.end
    # Nothing is lost: every non-space character is inside some sentence.
    covered = "".join(s.text for s in sents).replace(" ", "").replace("\n", "")
    assert covered == text.replace(" ", "").replace("\n", "")


DATELINED = st.builds(lambda place, dash, text: f"{place}{dash}{text}", st.sampled_from(["", "RIVERTON", "SEOUL, South Korea", "(AP)", "U.S.", "COVID"]),
                      st.sampled_from([" -- ", " — ", "—", " - ", "-", " "]), TEXT)


@given(DATELINED)
def test_a_line_without_its_dateline_is_the_end_of_its_sentence(text: str) -> None:
    from manysides.text.sentences import without_dateline

    sents = sentences_of("a", text)
    for k, s in enumerate(sents):
        rest = without_dateline(sents, k)
        assert s.text.endswith(rest) and (rest.strip() or not s.text.strip())


@given(st.binary(max_size=3000))
def test_decoding_never_fails_with_anything_but_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzz.bin")
    except InputError as exc:
        assert str(exc).startswith("fuzz.bin:")
    else:
        assert isinstance(text, str) and "\r" not in text


@given(st.lists(st.one_of(st.text(max_size=80), st.dictionaries(st.sampled_from(["text", "html", "url", "source", "title", "x"]), st.one_of(st.text(max_size=40), st.integers(), st.none()), max_size=4).map(json.dumps)), max_size=6))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_jsonl_lines_become_articles_or_skips(lines: list[str]) -> None:
    blob = "\n".join(line.replace("\n", " ") for line in lines)
    try:
        articles, skipped = load_inputs([{"text": blob, "source": "x"}] if not blob.strip() else ["-"], stdin=_Stdin(blob))
    except InputError:
        return
    assert len(articles) + len(skipped) >= 1


class _Stdin:
    def __init__(self, text: str) -> None:
        self.buffer = self
        self._data = text.encode("utf-8", "surrogatepass")

    def read(self, size: int = -1) -> bytes:  # a file's read: at most ``size`` bytes
        return self._data if size < 0 else self._data[:size]


@given(NASTY, NASTY, NASTY)
def test_html_report_escapes_everything(title: str, source: str, body: str) -> None:
    marker = "<x-evil " + body
    a = Article(id="a", source=source + marker, title=title + marker, text=f"Sentence one {marker}.\n\nTwo.")
    s = SummarySentence(f"Sentence one {marker}.", ("a",), {"a": f"Sentence one {marker}."})
    page = Brief(articles=(a,), summary=(s,)).to_html()
    assert "<x-evil" not in page
    assert "<script" not in page.lower()


LINE = st.one_of(SENTENCE, PARAGRAPH, st.sampled_from(["", "Share this:", "Photo: J. Doe / Wire", "Leave a Reply", "Related", "Subscribe to our newsletter!", "1.", "Posted by jo_k 3 hours ago"]))


@given(st.lists(st.lists(LINE, max_size=25).map("\n".join), min_size=1, max_size=4))
def test_clean_text_is_a_subsequence_of_the_input_lines(raw_texts: list[str]) -> None:
    from manysides.clean import clean_articles

    for raw, result in zip(raw_texts, clean_articles(raw_texts)):
        lines = raw.split("\n")
        at = 0
        for kept in (x for x in result.text.split("\n") if x.strip()):
            at = lines.index(kept, at) + 1  # ValueError: a line that was not in the input
        removed_numbers = {r.line_no for r in result.removed}
        assert all(1 <= n <= len(lines) for n in removed_numbers)
        # Every non-blank input line is kept or listed as removed: nothing vanishes silently.
        kept_count = sum(1 for x in result.text.split("\n") if x.strip())
        assert kept_count + len(result.removed) == sum(1 for x in lines if x.strip())


@given(st.lists(TEXT, min_size=1, max_size=4), st.integers(min_value=1, max_value=120))
def test_summary_holds_its_budget_and_every_line_is_in_its_first_source(texts: list[str], words: int) -> None:
    from manysides.summarize import summarize

    by_article = [sentences_of(f"a{i}", t) for i, t in enumerate(texts)]
    summary = summarize(by_article, words=words)
    assert sum(len(s.text.split()) for s in summary) <= words
    source = {f"a{i}": " ".join(t.split()) for i, t in enumerate(texts)}
    for s in summary:
        assert s.sources and " ".join(s.text.split()) in source[s.sources[0]]
        for aid, sentence in s.source_sentences.items():
            assert " ".join(sentence.split()) in source[aid]
