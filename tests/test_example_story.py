"""The example story end to end: what a new user sees from `make demo`."""

from __future__ import annotations


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_every_summary_sentence_is_verbatim_in_a_cited_article(example_brief) -> None:
    texts = {a.id: _norm(a.text) for a in example_brief.articles}
    assert example_brief.summary
    for s in example_brief.summary:
        assert s.sources
        assert all(_norm(s.source_sentences[a]) in texts[a] for a in s.sources)
        assert _norm(s.source_text) in texts[s.sources[0]]


def test_summary_reports_the_closure_and_avoids_the_blog_commentary(example_brief) -> None:
    summary = " ".join(s.text for s in example_brief.summary)
    assert "cracked steel beam" in summary
    assert "rusting wreck" not in summary and "band-aid" not in summary.lower()


def test_clutter_is_gone_and_body_kept(example_brief) -> None:
    everything = "\n".join(a.text for a in example_brief.articles)
    for clutter in ("Sign up for our morning newsletter", "Be the first to comment!", "Leave a Reply", "sort by: newest", "Please disable your ad blocker", "My commute just doubled"):
        assert clutter not in everything
    for body in ("Repairs could take up to six weeks", "Fares on the route will be waived", "Half my customers come over that bridge"):
        assert body in everything


def test_the_repair_time_conflict_is_found(example_brief) -> None:
    conflicts = [d for d in example_brief.divergences if d.kind == "conflict"]
    assert any("six" in " ".join(d.evidence.values()) and "eight" in " ".join(d.evidence.values()) for d in conflicts)


def test_the_contested_repair_time_is_marked_where_the_brief_states_it(example_brief) -> None:
    daily = next(a.id for a in example_brief.articles if a.source == "Riverton Daily")  # it says eight weeks
    stated = [x for x in (*example_brief.summary, *example_brief.facts) if "six weeks" in x.text]
    assert stated and all(x.disputed == {daily: "eight weeks"} for x in stated)
    assert not any(x.disputed for x in (*example_brief.summary, *example_brief.facts) if "weeks" not in x.text)
    assert "gives “eight weeks”" in example_brief.to_markdown()


def test_commissioner_quote_is_merged_across_outlets(example_brief) -> None:
    quote = next(q for q in example_brief.quotes if "until we are certain it is safe" in q.text)
    assert "Marisol Vega" in quote.speaker
    assert len(quote.sources) >= 3


def test_the_pipeline_summarizes_with_the_summarizer_it_is_given(example_dir, example_brief) -> None:
    """Components are injected: a summarizer with other settings changes the brief's summary."""
    from dataclasses import replace

    from manysides.pipeline import Pipeline
    from manysides.summarize import Summarizer

    assert min(len(s.text.split()) for s in example_brief.summary) < 25
    long_lines_only = Summarizer(config=replace(Summarizer.packaged().config, min_words=25))
    with Pipeline(summarizer=long_lines_only) as pipeline:
        assert pipeline.summarizer is long_lines_only
        brief = pipeline.run([str(example_dir)])
    assert brief.summary and all(len(s.text.split()) >= 25 for s in brief.summary)


def test_a_capture_that_shares_nothing_with_the_story_is_left_out_and_listed(example_dir) -> None:
    """A banner or another story's page among the articles is not an outlet that "leaves out"
    every fact: it is listed as skipped, with the reason, and counts in no "k of n"."""
    from manysides import brief

    banner = ("Welcome to the Lakeside visitor guide. Find places to eat, shop and stay this weekend. "
              "Our guide to the farmers market lists every stall and its opening hours. "
              "Sign up to hear about summer concerts in the park and the autumn craft fair.")
    b = brief([str(example_dir), {"text": banner, "source": "Lakeside Guide"}])
    assert "Lakeside Guide" not in {a.source for a in b.articles}
    assert any("shares no statement with the other articles" in s.reason for s in b.skipped)
    assert b.facts and all(f.n_articles == len(b.articles) for f in b.facts)
    assert not any("Lakeside" in d.text for d in b.divergences)


def test_url_inputs_are_fetched_through_the_transport_the_pipeline_is_given(example_dir) -> None:
    """One transport for every fetch: a URL among the inputs goes through the injected one
    (here a mock serving the Riverton Daily's page), not the network."""
    import httpx

    from manysides.parse import Analyser
    from manysides.pipeline import Pipeline

    page = (example_dir / "2-riverton-daily.html").read_bytes()
    asked: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, content=page, headers={"Content-Type": "text/html; charset=utf-8"})

    url = "http://93.184.216.34/news/bridge"  # a public literal address: no name to resolve
    others = [str(p) for p in sorted(example_dir.iterdir()) if p.name != "2-riverton-daily.html"]
    analyser = Analyser("inline")
    with Pipeline(transport=httpx.MockTransport(serve), analyser=analyser) as pipeline:
        assert pipeline.analyser is analyser
        brief = pipeline.run([url, *others])
    assert asked == [url]
    fetched = next(a for a in brief.articles if a.url == url)
    assert "Riverton Daily" in fetched.source and "eight weeks" in fetched.text
    assert any("Marisol Vega" in q.speaker for q in brief.quotes)  # the given analyser parsed


def test_the_timeline_puts_a_promised_day_ahead_and_tells_it_once(example_brief) -> None:
    """The blog's "promised extra buses on Route 9 starting Wednesday" is the Wednesday after
    the closure, as the wire and the release say: one event, not a past Wednesday of its own."""
    buses = [e for e in example_brief.timeline if "bus" in e.text]
    assert len(buses) == 1 and buses[0].iso == "2026-03-11" and len(buses[0].sources) == 4


def test_a_fact_read_alone_introduces_its_family_name_and_the_summary_only_once(example_brief) -> None:
    """Agreed facts are read one by one: "Mayor Grant" gets his given name in each; the summary,
    read in order, introduces him once (its earlier line names "Mayor Tobias Grant")."""
    fact = next(f for f in example_brief.facts if "we will make sure they can" in f.text)
    assert "Mayor [Tobias] Grant said" in fact.text
    lines = [s.text for s in example_brief.summary]
    first = next(k for k, t in enumerate(lines) if "Tobias Grant" in t)
    assert all("[Tobias]" not in t for t in lines[first:])
    assert "Tessaly" not in " ".join(s.text for s in example_brief.summary if "[" in s.text)  # a river is no one's family name


def test_the_summary_reads_the_same_whatever_order_the_articles_come_in(example_dir, example_brief) -> None:
    """A stored story lists its articles otherwise than the command line: two lines at the same
    place in their articles must not swap between the two briefs."""
    from manysides.pipeline import Pipeline

    files = sorted(str(p) for p in example_dir.iterdir())
    with Pipeline() as pipeline:
        backwards = pipeline.run(files[::-1])
    assert [s.text for s in backwards.summary] == [s.text for s in example_brief.summary]


def test_a_line_of_an_older_report_says_which_year_its_next_year_is() -> None:
    """The brief reads as of its latest report: a December article's "next year", shown in a
    January brief, says [2018] (a reader took it for the year after)."""
    from manysides.pipeline import Pipeline
    from manysides.records import Article

    december = Article(id="a", source="Harbour Gazette", title="Old ferry to be scrapped", date="2017-12-29", text="",
                       already_clean=True,
                       raw_text=("The old Tessaly ferry will be scrapped in late March of next year, the harbour board said on Friday.\n\n"
                             "The board said the ferry had carried passengers across the bay for forty years.\n\n"
                             "Engineers found rust in the hull during an inspection in the autumn."))
    january = Article(id="b", source="Bay Herald", title="Harbour board confirms ferry's end", date="2018-01-03", text="",
                      already_clean=True,
                      raw_text=("The harbour board on Wednesday chose a shipyard in Lorvik to build a new ferry for the bay, to sail in the spring.\n\n"
                            "A new ferry ordered from a shipyard in the north will enter service in the summer.\n\n"
                            "Passengers said they would miss the old boat and its wooden benches."))
    with Pipeline() as pipeline:
        brief = pipeline.run_articles([december, january])
    lines = [s.text for s in brief.summary]
    assert any("next year [2018]" in line for line in lines), lines


def test_the_blogs_own_verdicts_are_its_framing_and_the_reports_have_none(example_brief) -> None:
    """The blog's "rusting wreck" and "mess" are its own words, which no report writes: shown
    as its framing with no other outlet's counterpart; the wire, the paper and the city's
    release use no loaded term."""
    terms = {f.source: {t.term for t in f.loaded_terms} for f in example_brief.framing}
    blog = next(s for s in terms if "blog" in s)
    assert {"rusting wreck", "mess"} <= terms[blog]
    assert not any(terms[s] for s in terms if s != blog)
