"""Where spaCy's parse runs (thread, side process, inline) never changes the brief."""

from __future__ import annotations

import pytest

from manysides.config import BriefConfig
from manysides.errors import UsageError
from manysides.parse import Analyser
from manysides.pipeline import Pipeline


def _what_the_parse_gives(brief) -> tuple:
    return (tuple(repr(q) for q in brief.quotes),
            tuple(repr(e) for e in brief.entities),
            tuple(repr(f) for f in brief.framing))


@pytest.fixture(scope="module")
def briefs_by_place(example_dir):
    out = {}
    for place in ("thread", "process", "inline"):
        pipeline = Pipeline(BriefConfig(parse_in=place))
        try:
            out[place] = (pipeline.run([str(example_dir)]), pipeline.analyser.place)
        finally:
            pipeline.close()
    return out


def test_every_placement_gives_the_same_quotes_entities_and_framing(briefs_by_place) -> None:
    thread = _what_the_parse_gives(briefs_by_place["thread"][0])
    assert thread[0] and thread[1]
    for place in ("process", "inline"):
        assert briefs_by_place[place][1] == place  # it really ran there, no silent fallback
        assert _what_the_parse_gives(briefs_by_place[place][0]) == thread


def test_the_side_process_keeps_spacy_out_of_this_process(example_dir) -> None:
    """A fresh interpreter (this one has spaCy already) briefs with parse_in="process"."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from manysides.pipeline import Pipeline\n"
        "from manysides.config import BriefConfig\n"
        "p = Pipeline(BriefConfig(parse_in='process'))\n"
        f"b = p.run([{str(example_dir)!r}])\n"
        "print(p.analyser.place, 'spacy' in sys.modules, any('Marisol Vega' in q.speaker for q in b.quotes))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["process", "False", "True"]


def test_a_dead_side_process_falls_back_to_a_thread(example_brief, caplog) -> None:
    analyser = Analyser("process")
    try:
        analyser._side._process.kill()
        analyser._side._process.wait(10)
        quotes, entities = analyser.start(list(example_brief.articles))()
        assert analyser.place == "thread"
        assert [q.text for q in quotes] == [q.text for q in example_brief.quotes]
        assert "parse process ended" in caplog.text
    finally:
        analyser.close()


def test_an_unknown_place_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="parse_in"):
        BriefConfig(parse_in="gpu")
    with pytest.raises(UsageError, match="parse_in"):
        Analyser("gpu")


def test_overlapping_briefs_on_one_side_process_get_their_own_answers(example_brief) -> None:
    analyser = Analyser("process")
    try:
        articles = list(example_brief.articles)
        first = analyser.start(articles)
        second = analyser.start(articles[:2])  # the side process is busy: this one uses a thread
        two = second()
        all_ = first()
        assert [q.text for q in all_[0]] == [q.text for q in example_brief.quotes]
        assert {a for q in two[0] for a in q.sources} <= {a.id for a in articles[:2]}
        assert analyser.place == "process"
    finally:
        analyser.close()


def test_errors_cross_the_pipe_intact() -> None:
    """The parse process and batch workers send errors back pickled: they must arrive whole."""
    import pickle

    from manysides.errors import DependencyError, FetchError, InputError

    for error in (InputError("a.txt", "is empty", "pass an article"), FetchError("https://x.test/", "refused"), DependencyError("pip install x")):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error) and back.exit_code == error.exit_code
