"""Facts and divergences on invented clusters with known answers, the example story and the seeds.

The hand-made stories below are written for these tests: each fact, omission and
conflict is planted, so precision and recall can be counted exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from manysides.align import SentenceIndex, align_facts, disputes_of, find_divergences, readable_facts
from manysides.text.values import compatible, disagreeing_slots, values_of
from manysides.text.cues import tells_a_report
from manysides.records import Article
from manysides.text.embeddings import get_encoder
from manysides.text.sentences import sentences_of

# --- an invented warehouse fire, four outlets ---------------------------------------------
FIRE = {
    "wire": (
        "A fire destroyed a warehouse on Dock Road in Harlow on Wednesday night, the fire department said.\n\n"
        "Twelve firefighters were treated for smoke inhalation.\n\n"
        "The blaze started shortly after 9 p.m. and burned for three hours before crews brought it under control.\n\n"
        "Fire Chief Anna Kowalski said the cause of the fire was under investigation.\n\n"
        "The warehouse, owned by Brightline Logistics, stored paper goods and cardboard.\n\n"
        "Damage was estimated at $2.3 million."
    ),
    "paper": (
        "Fire tore through a Dock Road warehouse in Harlow on Wednesday night, according to the fire department.\n\n"
        "Fourteen firefighters were treated for smoke inhalation, officials said.\n\n"
        "The cause of the fire is still under investigation, Fire Chief Anna Kowalski said.\n\n"
        "Brightline Logistics owns the warehouse, which stored paper goods and cardboard.\n\n"
        "Residents of nearby Mill Lane were evacuated for two hours as a precaution while smoke drifted east."
    ),
    "blog": (
        "A warehouse on Dock Road in Harlow burned down on Wednesday night.\n\n"
        "The fire burned for four hours before crews brought it under control.\n\n"
        "Of course, this has nothing to do with the city's failure to inspect these old buildings.\n\n"
        "I have been warning the council about this warehouse for years!\n\n"
        "Why does the council keep ignoring fire safety on Dock Road?\n\n"
        "Ask your councillor what they plan to do about the cause of the fire, which is under investigation."
    ),
    "release": (
        "Harlow Fire Department crews responded to a warehouse fire on Dock Road on Wednesday night.\n\n"
        "Damage is estimated at $3.2 million.\n\n"
        "Chief Anna Kowalski said investigators are working to determine the cause of the fire.\n\n"
        "The department thanks the Harlow Red Cross for bringing water and food to crews at the scene."
    ),
}
#: (articles that carry it, a phrase each carrying sentence contains)
FIRE_FACTS = [
    ({"wire", "paper", "blog", "release"}, "Dock Road"),
    ({"wire", "paper", "release"}, "Kowalski"),
    ({"wire", "paper"}, "paper goods"),
]
#: (slot, {article: value as written})
FIRE_CONFLICTS = [
    ("count", {"wire": "Twelve firefighters", "paper": "Fourteen firefighters"}),
    ("count", {"wire": "three hours", "blog": "four hours"}),
    ("amount", {"wire": "$2.3 million", "release": "$3.2 million"}),
]

# --- an invented storm: a weekday, a death toll and a name spelled two ways ---------------
STORM = {
    "north": (
        "Governor Katherine Olsen declared a state of emergency on Wednesday as the storm reached the coast.\n\n"
        "The storm killed 12 people in the coastal towns of Avery and Lisle, officials said.\n\n"
        "Power was cut to about 40,000 homes across the county."
    ),
    "south": (
        "Governor Kathrine Olsen declared a state of emergency on Thursday as the storm reached the coast.\n\n"
        "The storm killed 94 people in the coastal towns of Avery and Lisle, officials said.\n\n"
        "Power was cut to about 40,000 homes across the county."
    ),
    "east": (
        "Schools in Avery and Lisle will stay closed until Monday, the district said.\n\n"
        "Power was cut to about 40,000 homes across the county, the utility said."
    ),
}


def _index(stories: dict[str, str]) -> tuple[SentenceIndex, list[str]]:
    sentences = [s for aid, text in stories.items() for s in sentences_of(aid, text)]
    vectors = get_encoder("auto").encode([s.text for s in sentences])
    return SentenceIndex(tuple(sentences), vectors), list(stories)


def _matches(fact, support: set[str], phrase: str) -> bool:
    return set(fact.support) == support and all(phrase in w for w in fact.wordings.values())


@pytest.fixture(scope="module")
def fire():
    index, ids = _index(FIRE)
    facts = align_facts(index, len(ids))
    return index, ids, facts, find_divergences(index, facts, ids)


@pytest.fixture(scope="module")
def storm():
    index, ids = _index(STORM)
    facts = align_facts(index, len(ids))
    return index, ids, facts, find_divergences(index, facts, ids)


def test_fact_precision_and_recall_on_the_fire(fire) -> None:
    _, _, facts, _ = fire
    found = [any(_matches(f, support, phrase) for f in facts) for support, phrase in FIRE_FACTS]
    correct = [f for f in facts if any(_matches(f, support, phrase) for support, phrase in FIRE_FACTS)]
    recall = sum(found) / len(FIRE_FACTS)
    precision = len(correct) / len(facts)
    assert recall == 1.0, [f.text for f in facts]
    assert precision >= 0.75, [f.text for f in facts]


def test_facts_say_k_of_n_and_keep_each_wording(fire) -> None:
    _, _, facts, _ = fire
    everywhere = next(f for f in facts if _matches(f, {"wire", "paper", "blog", "release"}, "Dock Road"))
    assert everywhere.n_articles == 4
    assert everywhere.wordings["paper"].startswith("Fire tore through")
    assert everywhere.text in everywhere.wordings.values()
    assert facts[0] is everywhere  # the most supported first


def test_conflicting_values_are_never_one_fact(fire) -> None:
    _, _, facts, _ = fire
    for fact in facts:
        joined = " ".join(fact.wordings.values())
        assert not ("Twelve" in joined and "Fourteen" in joined)
        assert not ("three hours" in joined and "four hours" in joined)
        assert not ("$2.3" in joined and "$3.2" in joined)


def test_conflict_precision_and_recall_on_the_fire(fire) -> None:
    _, _, _, divergences = fire
    conflicts = [d for d in divergences if d.kind == "conflict"]

    def hit(d, slot, values) -> bool:
        return d.slot == slot and all(a in d.values and v.lower() in d.values[a].lower() for a, v in values.items())

    recall = sum(any(hit(d, s, v) for d in conflicts) for s, v in FIRE_CONFLICTS) / len(FIRE_CONFLICTS)
    precision = sum(any(hit(d, s, v) for s, v in FIRE_CONFLICTS) for d in conflicts) / max(1, len(conflicts))
    assert recall == 1.0, [d.text for d in conflicts]
    assert precision == 1.0, [d.text for d in conflicts]
    for d in conflicts:  # both sides quoted, from the articles that disagree
        assert len(d.evidence) >= 2 and set(d.evidence) == set(d.values)
        for article, sentence in d.evidence.items():
            assert sentence in FIRE[article]


def test_a_fact_is_worded_by_an_outlet_whose_sentence_stands_alone() -> None:
    """Issue #21: an agreed fact is read out of its articles, so "They identified them as…"
    loses to another outlet's wording that names the people itself."""
    index, ids = _index({
        "wire": "Police named the two pilots on Tuesday.\n\nThey identified them as Anna Berg and Tomas Lind, both of Riverton.",
        "paper": "The pilots were Anna Berg and Tomas Lind, both of Riverton, police said on Tuesday.",
        "radio": "Police spoke on Tuesday.\n\nThey identified them as Anna Berg and Tomas Lind, both from Riverton.",
    })
    facts = [f for f in align_facts(index, len(ids)) if "Berg" in f.text]
    assert facts and set(facts[0].support) == {"wire", "paper", "radio"}
    assert not facts[0].text.startswith("They")
    # with no wording that stands alone, the agreement is not shown as a fact
    index, ids = _index({k: v for k, v in (("wire", "Police named the two pilots.\n\nThey identified them as Anna Berg and Tomas Lind."),
                                            ("radio", "Police spoke on Tuesday.\n\nThey identified them as Anna Berg and Tomas Lind, of Riverton."))})
    assert not [f for f in readable_facts(align_facts(index, len(ids))) if "Berg" in f.text]


def test_a_fact_an_outlet_runs_twice_is_listed_once() -> None:
    """Issue #21: a page that repeats its lead (a dateline copy and a plain one) gave the
    facts list the same fact twice, "all 2" each time."""
    lead = "Ferry service resumed at the north pier on Monday after a week of hull repairs, the county said."
    index, ids = _index({
        "wire": f"RIVERTON — {lead}\n\nThe ferry carried 40 passengers.\n\n{lead}",
        "paper": f"{lead}\n\nCommuters cheered at the pier.\n\nRIVERTON (AP) - {lead}",
    })
    facts = [f for f in align_facts(index, len(ids)) if "hull repairs" in f.text]
    assert len(facts) == 1 and set(facts[0].support) == {"wire", "paper"}


def test_two_pieces_of_one_outlet_are_not_outlets_agreeing() -> None:
    """Issue #21: a reader of a real brief found "at least 2 of 5" resting on a site's Monday
    and Tuesday reports from one wire: that site's word twice. The same two lines from two
    outlets are a fact."""
    lead = "The ferry's captain, Ana Ruiz, retires in June after 31 years on the route."
    stories = {"monday": f"{lead}\n\nThe ferry carried 40 passengers.", "tuesday": f"Commuters cheered at the pier.\n\n{lead}",
               "radio": "Ferry fares rise next spring, the county said."}
    index, ids = _index(stories)
    same_site = {"monday": "example-post.com", "tuesday": "example-post.com", "radio": "radio.example"}
    assert [f for f in align_facts(index, len(ids)) if "Ruiz" in f.text]
    assert not [f for f in align_facts(index, len(ids), outlets=same_site) if "Ruiz" in f.text]


def test_a_report_whose_names_and_figures_another_outlet_gives_is_not_that_outlets_alone() -> None:
    """Issue #21: "only [2] reports" is false when the other outlets name the same people,
    places and figures, even spread over their sentences: a one-outlet item names something
    no other outlet's article names."""
    from manysides.align.divergence import _anchors, _names_something_new

    line = "The ferry's captain, Ana Ruiz, has sailed the route for 31 years and retires in June."
    assert _anchors(line) == {"Ana", "Ruiz", "31", "June"}
    texts = {"wire": line, "paper": "Ana Ruiz will retire.\nShe started 31 years ago.\nHer last crossing is in June."}
    assert not _names_something_new(line, "wire", texts)
    assert _names_something_new(line, "wire", {"wire": line, "paper": "Ana Ruiz will retire in June."})  # "31": only the wire
    assert not _names_something_new("Fares on the ferry will be waived.", "wire", {"wire": "", "paper": "Ferry news."})  # nothing to tell it by


def test_a_figure_converted_in_brackets_is_the_same_figure_for_one_outlet_items() -> None:
    """A reader found "adverts worth up to $50 million (£36 million)" listed as one outlet's
    news beside two others' "$50m": the pounds restate the dollars."""
    from manysides.align.divergence import _values_found_elsewhere
    from manysides.text.values import converted

    line = "The campaign will run adverts worth up to $50 million (£36 million) in schools."
    assert [v.surface for v in converted(line, values_of(line))] == ["£36 million"]
    assert [v.surface for v in converted("The 101 meter (330 foot) vessel", values_of("The 101 meter (330 foot) vessel"))] == ["330 foot"]
    assert converted("It cost $5 million and 20 jobs.", values_of("It cost $5 million and 20 jobs.")) == ()
    others = {"paper": {(v.slot, v.value) for v in values_of("Partners donated $50m in airtime.")}}
    assert _values_found_elsewhere(line, values_of(line), "wire", others)
    assert not _values_found_elsewhere("Adverts worth $50 million and 20 jobs.", values_of("Adverts worth $50 million and 20 jobs."), "wire", others)

def test_commentary_never_becomes_a_fact(fire) -> None:
    _, _, facts, divergences = fire
    wordings = [w for f in facts for w in f.wordings.values()] + [d.text for d in divergences if d.kind == "only_one"]
    for commentary in ("nothing to do with", "warning the council", "keep ignoring", "Ask your councillor"):
        assert not any(commentary in w for w in wordings)


def test_one_outlet_reports_and_omissions(fire) -> None:
    _, _, _, divergences = fire
    only = {(d.articles[0], d.text) for d in divergences if d.kind == "only_one"}
    assert any(a == "paper" and "Mill Lane" in t for a, t in only)
    # a release's courtesy ("The department thanks the Red Cross …") tells no event: not news only it has
    assert not any("Red Cross" in t for _, t in only)
    assert not any("Dock Road" in t for _, t in only)  # everyone reports the fire itself
    omitted = [d for d in divergences if d.kind == "omitted"]
    kowalski = [d for d in omitted if "Kowalski" in d.text]
    assert kowalski and kowalski[0].articles == ("blog",)


def test_an_outlet_whose_other_article_carries_a_fact_does_not_leave_it_out(fire) -> None:
    """Two pieces of one site: what one carries, the site does not leave out (a reader: "the
    Daily Mail has it verbatim", of the Mail's second article listed as omitting it)."""
    index, ids, facts, _ = fire
    outlets = {"wire": "harlow news", "blog": "harlow news", "paper": "paper", "release": "release"}
    omitted = [d for d in find_divergences(index, facts, ids, outlets=outlets) if d.kind == "omitted"]
    assert not any("blog" in d.articles for d in omitted if "Kowalski" in d.text)


def test_a_count_conflicts_but_a_weekday_or_a_spelling_does_not_on_the_storm(storm) -> None:
    """Issue #21: a weekday one outlet resolves in another time zone, or from another day's
    report, is no contradiction, and a misspelt name is at most a spelling slip."""
    _, _, facts, divergences = storm
    conflicts = {d.slot: d for d in divergences if d.kind == "conflict"}
    assert set(conflicts) == {"count"}
    assert set(conflicts["count"].values.values()) == {"12 people", "94 people"}
    # a different date or count is not the same fact; the shared power cut is one
    assert not any("emergency" in f.text or "killed" in f.text for f in facts)
    power = [f for f in facts if "40,000" in f.text]
    assert len(power) == 1 and set(power[0].support) == {"north", "south", "east"}


def test_a_line_is_disputed_by_another_count_not_by_another_weekday(storm) -> None:
    _, _, _, divergences = storm
    north = STORM["north"].split("\n\n")
    assert disputes_of({"north": north[0]}, divergences) == {}
    assert disputes_of({"north": north[1]}, divergences) == {"south": "94 people"}


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("Repairs could take up to six weeks.", "count:week", "6"),
        ("Repairs could take up to eight weeks.", "count:week", "8"),
        ("Twenty-five people were hurt.", "count:people", "25"),
        ("It cost $2.3 million.", "amount:million", "2300000"),
        ("It cost $70 a share.", "amount", "70"),
        ("Profit was expected at $2.07 billion.", "amount:billion", "2070000000"),  # not 2.07e+09
        ("It happened on March 10.", "day", "03-10"),
        ("It happened on Thursday.", "weekday", "thursday"),
    ],
)
def test_values_are_read_into_slots(text: str, slot: str, value: str) -> None:
    assert any(v.slot == slot and v.value == value for v in values_of(text)), values_of(text)


@pytest.mark.parametrize("text", [
    "Extra buses will run on Route 9 from 9:00 p.m.",
    "He crashed out on lap 20 of a dramatic race.",  # not 20 "dramatic"
    "The Cubs won game 7 in extra innings.",
    "Goldman posted its fourth-quarter results.",  # an ordinal: not four "th-quarter"
])
def test_labels_ordinals_and_times_are_not_counts(text: str) -> None:
    assert not any(v.slot.startswith("count") for v in values_of(text)), values_of(text)


def test_a_place_in_a_sequence_fills_its_own_slot() -> None:
    """"lap 13" and "lap 14" are two accounts of one moment, not one fact to cite to both."""
    (a,), (b,) = values_of("Ericsson brought the safety car out on lap 13."), values_of("Ericsson crashed on lap 14.")
    assert (a.slot, a.value, b.value) == ("position:lap", "13", "14")
    assert not compatible((a,), (b,))


def test_a_price_and_a_total_are_two_measures() -> None:
    """"$82 a share … or $105 billion" states one billions figure: "$103 billion" elsewhere disputes it."""
    a = "Broadcom raised its offer to $82 a share, up from its initial offer of $70 a share, or $105 billion."
    b = "Broadcom made an initial $103 billion offer for its rival."
    assert disagreeing_slots(values_of(a), values_of(b), a, b) == ["amount:billion"]
    assert compatible(values_of("It bid $70 a share."), values_of("It bid $105 billion."))


# --- real stories: the example and the seeds (through the cleaner once it exists) ---------


def _cleaned(paths: list[str]) -> list[Article]:
    from manysides.clean import clean_story
    from manysides.config import BriefConfig
    from manysides.ingest import load_inputs

    articles, _ = load_inputs(paths, BriefConfig())
    return clean_story(articles)


def _brief_parts(articles: list[Article]):
    sentences = {a.id: sentences_of(a.id, a.text) for a in articles}
    flat = [s for a in articles for s in sentences[a.id]]
    index = SentenceIndex(tuple(flat), get_encoder("auto").encode([s.text for s in flat]))
    facts = align_facts(index, len(articles))
    return sentences, facts, find_divergences(index, facts, [a.id for a in articles])


@pytest.fixture(scope="module")
def example(example_dir: Path):
    articles = _cleaned([str(example_dir)])
    return (articles, *_brief_parts(articles))


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path):
    articles = _cleaned([str(seeds_dir)])
    return (articles, *_brief_parts(articles))


def test_example_six_vs_eight_weeks_quotes_both_articles(example) -> None:
    articles, _, _, divergences = example
    by_origin = {a.id: Path(a.origin).name for a in articles}
    weeks = [d for d in divergences if d.kind == "conflict" and {"six weeks", "eight weeks"} <= {v.lower() for v in d.values.values()}]
    assert len(weeks) == 1
    d = weeks[0]
    eight = [a for a, v in d.values.items() if v.lower() == "eight weeks"]
    assert [by_origin[a] for a in eight] == ["2-riverton-daily.html"]
    assert "eight weeks" in d.evidence[eight[0]]
    assert any("six weeks" in d.evidence[a] for a in d.values if a not in eight)
    assert "six weeks" in d.text and "eight weeks" in d.text


def test_example_agreements_and_one_outlet_facts(example) -> None:
    articles, _, facts, divergences = example
    agreed = " ".join(f.text for f in facts if len(f.support) >= 3)
    assert "cracked steel beam" in agreed and "Route 9" in agreed
    only = " ".join(d.text for d in divergences if d.kind == "only_one")
    assert "bakery" in only or "Half my customers" in only
    # "Fares on the route will be waived": one outlet's line too, but it names no one and no
    # figure, so nothing tells it from another outlet's words for the same; the brief says less
    assert "waived" not in only
    assert not any("rusting wreck" in w or "band-aid" in w for f in facts for w in f.wordings.values())


@pytest.mark.shared
def test_seeds_memo_recommendations_are_carried_by_several_outlets(seeds) -> None:
    _, _, facts, _ = seeds
    recommendations = [f for f in facts if len(f.support) >= 2 and any(k in f.text for k in ("immigration law", "immigration status", "jails", "superintendent", "ICE"))]
    assert len(recommendations) >= 2, [f.text for f in facts]


@pytest.mark.shared
def test_seeds_danbury_mayor_is_one_outlets_report(seeds) -> None:
    articles, _, facts, divergences = seeds
    danbury = [d for d in divergences if d.kind == "only_one" and "Danbury" in d.text and "Boughton" in d.text]
    assert danbury and len(danbury[0].articles) == 1
    assert Path(next(a.origin for a in articles if a.id == danbury[0].articles[0])).name.startswith("003_")
    assert not any("Boughton" in f.text for f in facts)


@pytest.mark.shared
def test_seeds_commentary_and_reader_comments_are_never_agreed_facts(seeds) -> None:
    _, _, facts, _ = seeds
    wordings = [w for f in facts for w in f.wordings.values()]
    for commentary in ("nothing to do with racism", "common sense", "political move", "not the issue", "Leave a Reply", "illegal alien", "Andy", "give me a break"):
        assert not any(commentary in w for w in wordings), commentary


# --- issue #21: two values conflict only when they answer the same question -------------
@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("Repairs could take up to six weeks, the department said.", "The department said repairs could take up to eight weeks.", True),
        ("The storm killed 12 people in the towns.", "The storm killed 94 people in the towns.", True),
        ("The bridge was built in 1950-53.", "The bridge was built in 1953.", False),  # a range and its end
        ("About 500 people were evacuated.", "527 people were evacuated.", False),  # an approximation
        ("The attack wounded 100 people.", "The attack wounded 120 people.", False),  # one estimate rounded two ways
        ("The attack killed 50 people.", "The attack killed 59 people.", True),  # 59 rounds to 60, not 50
        # a toll that rose, and two estimates apart: figures that differ (shown as such, not as a contradiction)
        ("A gunman killed at least 50 people at the festival.", "At least 59 people were killed at the festival.", True),
        ("Police evacuated about 300 residents from flooded homes.", "Police evacuated nearly 600 residents from flooded homes.", True),
        ("About 950 German troops are based in the north.", "Nearly 1,000 German troops are based in the north.", False),
        ("A first offence carries a fine of $2,000.", "A repeat offence carries a fine of $5,000.", False),  # two questions
        ("The rocket was launched on Sunday.", "The rocket was launched on Monday.", False),  # time zones, report dates
        ("The shares were priced at $110.", "The shares were priced at $121 billion.", False),  # two measures
        ("The rover drove 229 feet.", "The rover drove 200 feet.", False),  # a measure outlets round and convert
    ],
)
def test_values_disagree_only_on_the_same_exact_measure(a, b, conflict) -> None:
    from manysides.text.values import disagreeing_slots

    assert bool(disagreeing_slots(values_of(a), values_of(b), a, b)) is conflict


# --- a figure answers one question in two differently told sentences -------------------
def _one(text: str, slot: str):
    (v,) = [v for v in values_of(text) if v.slot == slot]
    return v


@pytest.mark.parametrize(
    ("a", "b", "slot", "same"),
    [
        ("A coach crashed on the ring road near Lyon and 25 people were injured, police said Monday.",
         "Police say 27 people are injured.", "count:people", True),
        ("Harbour Ltd shares fell 1.5 percent to $65 at 9:30 a.m.", "Harbour Ltd shares fell 4 percent to $63 in the afternoon.",
         "amount", False),  # two moments of one price
        ("The boy fell down the 40m dry well in the village on Sunday morning.",
         "The six-year-old fell into the 80m-deep well in the village while picking vegetables.", "length", True),  # when it happened
        ("Harbour Ltd shares fell 1.5 percent in the morning.", "Harbour Ltd shares fell 4 percent in the afternoon.",
         "percent", False),  # two parts of one day
        ("North Korea launched three missiles in the latest round.",
         "Ever since North Korea fired two missiles over the town, fishermen have worried.", "count:missile", False),  # only names shared
        ("Rescuers reached a 3-year-old boy who fell into the enclosure.", "A 4-year-old boy climbed into the moat.", "age", True),
        ("Rescuers reached a 3-year-old girl who fell into the enclosure.", "A 4-year-old boy climbed into the moat.", "age", False),
        ("Their 14-year-old son was with them.", "His wife and 13-year-old son were also killed in the attack.", "age", False),  # whose son?
    ],
)
def test_same_question_by_the_words_around_the_figure(a, b, slot, same) -> None:
    from manysides.text.values import same_question

    assert same_question(a, _one(a, slot), b, _one(b, slot)) is same


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("The boy fell down the 40m dry well.", "length", "40"),
        ("The well is 130ft deep.", "length", "40"),  # converted: 130 ft is 40 m to two figures
        ("A 40-metre-deep well.", "length", "40"),
        ("The firm raised $40m.", "amount:million", "40000000"),  # a bare "m" after a currency is millions
        ("It sold 40m phones.", "count:phone", "40000000"),
        ("She ran 5 miles.", "length", "8000"),  # "miles" is not "m"
        ("A 3 mm crack.", "length", "0.003"),
        ("Zhao, aged 5, fell.", "age", "5"),
        ("The six-year-old fell.", "age", "6"),
    ],
)
def test_lengths_and_ages_are_read_as_measures(text, slot, value) -> None:
    assert _one(text, slot).value == value


def test_lengths_conflict_only_beyond_rounding_and_conversion() -> None:
    from manysides.text.values import disagreeing_slots

    deep40, deep80, feet131 = "The well is 40 metres deep.", "The well is 80 metres deep.", "The well is 131 feet deep."
    assert disagreeing_slots(values_of(deep40), values_of(deep80), deep40, deep80) == ["length"]
    assert disagreeing_slots(values_of(deep40), values_of(feet131), deep40, feet131) == []


def test_a_lead_and_a_short_line_can_conflict_on_one_count() -> None:
    """A lead that tells the whole event and a line that gives only the count are far apart
    as sentences, but the figure answers one question in both."""
    story = {
        "wire": "A coach left the ring road near Lyon on Monday and 25 people were injured, police said. "
                "The driver was taken to hospital for tests.",
        "daily": "Police say 27 people are injured. The coach was carrying a school choir home from a concert.",
        "radio": "A coach carrying a school choir crashed near Lyon on Monday. Emergency crews worked through the night.",
    }
    index, ids = _index(story)
    divergences = find_divergences(index, align_facts(index, len(ids)), ids)
    conflicts = [d for d in divergences if d.kind == "conflict"]
    assert [sorted(d.values.values()) for d in conflicts] == [["25 people", "27 people"]]


def test_one_value_written_two_ways_is_one_side_of_a_conflict() -> None:
    """"3-year-old" and "three-year-old" agree: one side, and neither disputes the other."""
    story = {
        "wire": "A 3-year-old boy fell into the gorilla enclosure at the city zoo on Saturday, officials said.",
        "daily": "A three-year-old boy fell into the gorilla enclosure at the city zoo on Saturday.",
        "post": "A 4-year-old boy fell into the gorilla enclosure at the city zoo on Saturday, officials said.",
    }
    index, ids = _index(story)
    divergences = find_divergences(index, align_facts(index, len(ids)), ids)
    (conflict,) = [d for d in divergences if d.kind == "conflict"]
    assert conflict.text.count(" vs ") == 1 and "(2 articles)" in conflict.text
    from manysides.align import disputes_of

    assert set(disputes_of({"wire": story["wire"]}, [conflict])) == {"post"}



def test_an_outlet_that_gives_another_figure_is_not_cited_for_this_one() -> None:
    """A reader's "the brief contradicts itself": "25 people were injured" cited to the outlet
    whose own report says 27, while the conflicts list 25 vs 27. The fact is told in that
    outlet's words, which leave the figure out; the summary line drops the citation and
    says who disputes it."""
    from manysides.align import facts_with_disputes, lines_with_disputes
    from manysides.records import Divergence, Fact, SummarySentence

    wire = "BERLIN - A tourist ship struck a bridge on the Rhine and 25 people were injured, police said."
    mail = "A tourist ship has struck a bridge on the Rhine."
    conflict = Divergence(kind="conflict", text="Outlets disagree on the number of people", articles=("wire", "mail"),
                          evidence={"wire": wire, "mail": "Police say 27 people are injured."}, slot="count",
                          values={"wire": "25 people", "mail": "27 people"})
    fact = Fact(text=wire.removeprefix("BERLIN - "), support=("wire", "mail"), wordings={"wire": wire, "mail": mail}, n_articles=3)
    (told,) = facts_with_disputes([fact], [conflict])
    assert told.text == mail and set(told.support) == {"wire", "mail"} and told.disputed == {}
    line = SummarySentence(fact.text, ("wire", "mail"), {"wire": wire, "mail": mail})
    (shown,) = lines_with_disputes([line], [conflict])
    assert shown.sources == ("wire",) and shown.disputed == {"mail": "27 people"}
    # an outlet in no conflict stays cited; the one outside the line still disputes it
    agreeing = SummarySentence(fact.text, ("wire", "post"), {"wire": wire, "post": "Police said 25 people were hurt."})
    (kept,) = lines_with_disputes([agreeing], [conflict])
    assert kept.sources == ("wire", "post") and kept.disputed == {"mail": "27 people"}


def test_a_line_set_years_before_its_article_is_background_not_one_outlet_news() -> None:
    """"Only [2] reports" is news only one outlet has: a line about a year before the article
    was published is the story's background, once the article's date is known."""
    story = {
        "wire": "A coach carrying a school choir crashed near Lyon on Monday and 25 people were injured. "
                "The driver was taken to hospital for tests, police said.",
        "daily": "A coach carrying a school choir crashed near Lyon on Monday, injuring 25 people. "
                 "In July 2012, a lorry carrying steel crashed at the same bend near Lyon and the ring road was closed for two days. "
                 "The choir's director, Ana Ruiz, said the children had been singing at a festival in Vienne.",
    }
    index, ids = _index(story)
    facts = align_facts(index, len(ids))

    def only_one(published: dict[str, str] | None) -> list[str]:
        return [d.text for d in find_divergences(index, facts, ids, published=published) if d.kind == "only_one"]

    assert any("July 2012" in t for t in only_one(None))  # no date: nothing says it is old
    dated = only_one({"wire": "2017-05-08T09:00:00", "daily": "2017-05-08"})
    assert not any("July 2012" in t for t in dated)
    assert any("Vienne" in t for t in dated)  # this year's detail is still listed


@pytest.mark.parametrize("line, report", [
    ("The harbour master said the ferry had been overloaded.", True),  # someone's statement
    ("According to the coastguard, the ferry turned back at noon.", True),
    ("The operator has confirmed that both engines failed.", True),
    ("A passenger called the crossing \"the worst hour of my life.\"", True),  # a quotation
    ("The ferry left the island on Tuesday with a delay.", True),  # set at a moment
    ("Forty passengers were taken to hospital in Skála.", True),  # a past event with its figure
    ("The island is popular with walkers for its quiet coves and old chapels.", False),  # renown
    ("A catamaran hull rides higher in rough water than a single hull.", False),  # how things work
    ("The harbour's lighthouse can be seen in the background.", False),  # a picture's scene
])
def test_a_one_outlet_item_must_be_a_report(line: str, report: bool) -> None:
    assert tells_a_report(line) is report


def test_a_fact_told_out_of_its_place_is_not_left_out() -> None:
    """"[radio] leaves out: They searched the cabin …": who searched? A line that leans on the
    one before it is no omission a reader can weigh."""
    story = {
        "wire": "A bird flew into the cockpit of a Delta flight from Atlanta on Monday, the airline said. "
                "They searched the cabin for almost an hour after the plane landed in Detroit. "
                "The crew was praised by passengers for its calm.",
        "daily": "A bird got into the cockpit of a Delta flight from Atlanta on Monday, the airline said. "
                 "They searched the cabin for almost an hour after the plane landed in Detroit. "
                 "Passengers said the crew stayed calm.",
        "radio": "A bird flew into the cockpit of a Delta flight from Atlanta on Monday. "
                 "The airline is looking into how it happened, a spokesman said.",
    }
    index, ids = _index(story)
    facts = align_facts(index, len(ids))
    assert any(f.text.startswith("They searched") and len(f.support) == 2 for f in facts)
    assert not [d for d in find_divergences(index, facts, ids) if d.kind == "omitted"]


def test_an_outlet_that_writes_every_name_and_figure_of_a_fact_does_not_leave_it_out() -> None:
    """Readers judged "[3] leaves out: A tourist ship has struck a highway bridge on the Rhine"
    not-omitted: [3] tells it in other words, across its lines. An outlet whose article writes
    every name and figure of the fact is not said to leave it out; one that writes none of a
    fact that names nothing still is."""
    story = {
        "wire": "A river cruise ship hit a bridge pillar on the Rhine near Duisburg on Tuesday night, police said. "
                "A second ship took the 103 passengers and 26 crew members to Duisburg, police said. "
                "Engineers closed the bridge overnight for checks.",
        "daily": "A cruise ship struck a pillar of a motorway bridge on the Rhine near Duisburg late on Tuesday. "
                 "A second ship took the 103 passengers and 26 crew members on to Duisburg, police said. "
                 "The bridge was shut overnight while engineers checked it.",
        "radio": "A cruise ship hit a bridge on the Rhine on Tuesday night. "
                 "On board were 103 guests and 26 staff. Later that night everyone was landed in Duisburg.",
    }
    index, ids = _index(story)
    facts = align_facts(index, len(ids))
    omitted = [d.text for d in find_divergences(index, facts, ids) if d.kind == "omitted"]
    assert omitted == ["Carried by 2 of 3 outlets: The bridge was shut overnight while engineers checked it."]


def test_an_embedded_posts_words_are_marked_and_never_a_fact() -> None:
    """A tweet the page embeds names its author only after its words: alone, out of the line,
    the words read as the outlet's own ("Biggest leak in the history of data journalism just
    went live" shown in the brief's voice)."""
    from manysides.align.facts import _features
    from manysides.text.sentences import sentences_of

    text = ("The council voted on Monday to close the Pinewood Bridge for repairs.\n"
            "The bridge is closed and it will stay closed for weeks, so plan your commute. "
            "pic.twitter.com/abc123 — Riverton Police (@RivertonPD) April 8, 2025\n"
            "Engineers found a cracked steel beam beneath the eastern span on Monday afternoon.")
    sentences = sentences_of("a", text)
    assert [s.post for s in sentences] == [False, True, True, False]
    assert not _features(sentences[1]).eligible and _features(sentences[0]).eligible


def test_an_article_dated_far_from_the_others_leaves_nothing_out_of_this_moment(fire) -> None:
    """Issue #21: an article of another moment of the story (dated a month or more from the
    others) is no outlet that "leaves out" this moment's facts, its figures are no conflict
    with this moment's, and what it alone reports is no news of this moment (a reader found an
    outlet's year-old, other story listed as "only [1] reports")."""
    index, ids, facts, _ = fire
    same_week = {"wire": "2024-03-02", "paper": "2024-03-02", "blog": "2024-03-03", "release": "2024-03-02"}
    blog_long_before = {**same_week, "blog": "2023-11-20"}
    now = find_divergences(index, facts, ids, published=same_week)
    before = find_divergences(index, facts, ids, published=blog_long_before)
    assert any("blog" in d.articles for d in now if d.kind == "omitted")
    assert not any("blog" in d.articles for d in before if d.kind in ("omitted", "conflict"))
    paper_long_before = {**same_week, "paper": "2023-11-20"}
    later = find_divergences(index, facts, ids, published=paper_long_before)
    assert any("paper" in d.articles for d in now if d.kind == "only_one")  # Mill Lane's evacuation
    assert not any("paper" in d.articles for d in later if d.kind == "only_one")



def test_a_line_an_outlet_runs_twice_is_listed_once() -> None:
    """A reader found one outlet's "only it reports" list giving one sighting twice (the page ran
    it again after "Now")."""
    index, ids = _index({
        "a": "SpaceX will launch its Falcon Heavy rocket from Cape Canaveral next month, the company said.\n\n"
             "The rocket will carry a red Tesla Roadster toward Mars, Elon Musk said on Twitter.\n\n"
             "Now the closed and sealed fairing was spotted being driven out of a SpaceX hangar by a passing tourist in Florida on Tuesday.\n\n"
             "The closed and sealed fairing was spotted being driven out of a SpaceX hangar by a passing tourist in Florida on Tuesday.",
        "b": "SpaceX will launch its Falcon Heavy rocket from Cape Canaveral next month, the company said on Friday.\n\n"
             "The rocket will carry a red Tesla Roadster toward Mars, Musk said.\n\nThe launch has been delayed several times since 2013.",
        "c": "SpaceX plans to launch the Falcon Heavy rocket from Cape Canaveral next month.\n\n"
             "Musk said the rocket will carry his red Tesla Roadster toward Mars.\n\n"
             "The company has landed dozens of boosters on drone ships in the Atlantic.",
    })
    only = [d.text for d in find_divergences(index, align_facts(index, len(ids)), ids) if d.kind == "only_one" and d.articles == ("a",)]
    assert len([t for t in only if "fairing" in t]) == 1


def test_two_accounts_are_one_fact_only_when_their_figures_agree() -> None:
    """Readers found "7 per cent bigger and 12 to 14 per cent brighter" cited to an outlet that
    says "14 percent bigger, and 30 percent brighter", and one outlet's 600,000 settlers cited
    to another's 430,000."""
    from manysides.text.values import compatible

    assert not compatible(values_of("The moon appears 7 per cent bigger and 14 per cent brighter."),
                          values_of("The moon appears about 14 percent bigger, and 30 percent brighter."))
    assert not compatible(values_of("More than 600,000 Jewish people live in the settlements."),
                          values_of("About 430,000 Israeli settlers live in the West Bank."))
    assert compatible(values_of("25 people were injured, 4 of them seriously, police said."),
                      values_of("Police say 25 passengers are hurt."))


def test_a_fact_is_cited_only_to_outlets_whose_articles_carry_its_detail_and_counted_by_report() -> None:
    """Readers found "at least 3 of 5 [5][2][3]" for a detail only [5] gave, and one wire story
    under two names counted as two outlets agreeing."""
    from manysides.align import cited_as_carried
    from manysides.text.copies import copied_groups, whose_word

    story = {
        "a": "The ferry operator suspended its Skala route on Monday after inspectors found a cracked hull plate on its largest vessel.",
        "b": "The ferry operator suspended its Skala route on Monday after inspectors found a cracked hull plate on the vessel, officials said.",
        "c": "The ferry operator suspended its Skala route on Monday over safety concerns, officials said.",
    }
    index, ids = _index(story)
    outlets = {"a": "harbour.example", "b": "daily.example", "c": "coast.example"}
    facts = cited_as_carried(index, readable_facts(align_facts(index, len(ids), outlets=outlets)), outlets)
    hull = [f for f in facts if "hull" in f.text]
    assert hull and "c" not in hull[0].support  # [c] says "safety concerns", not a cracked hull
    assert hull[0].support_label == "all 2" or hull[0].support_label.startswith("at least 2 of")

    # the same report under two names is one word: a fact needs a second outlet's own words
    wire = story["a"] + " Service will resume once the plate is replaced, the operator said."
    copies = {"a": wire, "b": wire.replace("largest vessel", "largest ship"), "c": story["c"]}
    index, ids = _index(copies)
    word = whose_word(ids, ["wire.example", "paper.example", "coast.example"], copied_groups(list(copies.values())))
    assert word["b"] == word["a"] == "wire.example"
    assert not [f for f in align_facts(index, len(ids), outlets=word) if "plate is replaced" in f.text]


def test_a_toll_that_rose_is_shown_as_figures_that_differ_only_in_one_statement_told_twice() -> None:
    """A reader found a summary giving "at least 50" killed beside outlets' 59, with no word of it.
    Bounded figures differ without contradicting: the brief says they differ, and only of one
    statement (a lead) told twice, not of a group's toll over years against one attack's."""
    story = {
        "a": "A gunman killed at least 50 people at a country music festival in Las Vegas on Sunday night, police said.",
        "b": "At least 59 people were killed at a country music festival in Las Vegas on Sunday night, police said.",
        "c": "The group has killed more than 20,000 people in attacks over the years. A suicide attack killed eight people in the city.",
    }
    index, ids = _index(story)
    conflicts = [d for d in find_divergences(index, [], ids) if d.kind == "conflict"]
    assert [d.text for d in conflicts] == [
        "Outlets give different figures for the number of people: 'at least 50 people' (1 article) vs 'At least 59 people' (1 article)"
    ]


def test_an_omission_is_counted_by_report_and_says_so(fire) -> None:
    """A reader found "Left out by [2] — Carried by 5 of 6 outlets" where three of the five were one
    wire story: "k of n" is counted by report, and the brief says "reports" where copies count once."""
    index, ids, facts, _ = fire
    apart = [d.text for d in find_divergences(index, facts, ids) if d.kind == "omitted"]
    copied = [d.text for d in find_divergences(index, facts, ids, copies={"wire": "wire", "paper": "wire", "blog": "blog", "release": "release"})
              if d.kind == "omitted"]
    assert any(t.startswith("Carried by 3 of 4 outlets: Fire Chief Anna Kowalski") for t in apart)
    assert any(t.startswith("Carried by 2 of 3 reports: Fire Chief Anna Kowalski") for t in copied)


def test_agreed_facts_do_not_say_one_thing_twice_in_other_words() -> None:
    """A reader found five agreed facts that each restated the win ("The Chicago Cubs have won the
    World Series - ending a 108-year drought." after "The Chicago Cubs ended their 108-year curse …")."""
    from manysides.align import without_restatements
    from manysides.records import Fact
    from manysides.text.embeddings import SAME_MEANING

    story = {
        "a": "The Chicago Cubs ended their 108-year curse to win the World Series on Wednesday night.",
        "b": "The Chicago Cubs have won the World Series, ending a 108-year drought.",
        "c": "Ben Zobrist was named the most valuable player of the World Series.",
    }
    index, ids = _index(story)
    facts = [Fact(story[k], (k,), {k: story[k]}, n_articles=3) for k in ("a", "b", "c")]
    kept = without_restatements(index, facts, SAME_MEANING)
    assert [f.text for f in kept] == [story["a"], story["c"]]


def test_a_fact_shown_alone_names_whose_words_it_gives() -> None:
    """Readers found agreed facts ending '…," the statement said.' and '…," the airline said.' in a
    story of two airlines: in a list of lines shown alone, a speaker named only by what it is
    belongs to a line that is not there. A named one stays ("the German foreign ministry said")."""
    from manysides.align import readable_facts
    from manysides.records import Fact

    unnamed = '"We failed our passengers on this flight," the airline said.'
    named = '"All consulate staff are safe," the German foreign ministry said.'
    kept = readable_facts([Fact(unnamed, ("a", "b")), Fact(named, ("a", "b"))])
    assert [f.text for f in kept] == [named]


def test_editions_of_one_site_are_one_outlet() -> None:
    """A reader found three China Daily editions counted as three outlets agreeing."""
    from manysides.records import Article

    def outlet(source: str) -> str:
        return Article(id="a1", source=source, title="", text="").outlet

    assert outlet("europe.harbourdaily.com.cn") == outlet("www.harbourdaily.com.cn") == outlet("harbourdaily.com.cn")
    assert outlet("edition.riverton.com") == outlet("Riverton.com")
    assert outlet("abcnews.go.com") != outlet("sports.go.com")  # another outlet of one host
    assert outlet("") == "a1"
