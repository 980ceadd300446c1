"""Framing per outlet on an invented story with planted framing, and on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from manysides.align import SentenceIndex, align_facts
from manysides.framing import frame_articles
from manysides.text.loaded import loaded_hits, loaded_words
from manysides.text.cues import OPINION_CUTOFF, opinion_score
from manysides.records import Article, Quote
from manysides.text.embeddings import get_encoder
from manysides.text.sentences import sentences_of

# An invented immigration story: a wire report, a paper, and a partisan blog.
STORY = {
    "wire": (
        "Governor Elena Marsh criticized the federal plan on Monday, saying it would strain county jails.\n\n"
        "The plan would let federal agents hold undocumented immigrants in county jails for up to 48 hours.\n\n"
        "\"We will follow state law,\" Marsh said at a press conference in Dover.\n\n"
        "The county sheriff, Tom Baker, said his office had not received the new guidance."
    ),
    "paper": (
        "Governor Elena Marsh criticized the federal plan on Monday, saying it would put a strain on county jails.\n\n"
        "Under the plan, federal agents could hold undocumented immigrants in county jails for up to 48 hours.\n\n"
        "Sheriff Tom Baker said his office had not received the new guidance.\n\n"
        "\"It is a disaster for our budget,\" said Ruth Ames, a county commissioner."
    ),
    "blog": (
        "Governor Elena Marsh slammed the federal plan on Monday, saying it would strain county jails.\n\n"
        "The plan would let federal agents hold illegal aliens in county jails for up to 48 hours.\n\n"
        "Of course, the governor cares more about illegal aliens than about the taxpayers of Dover.\n\n"
        "Ask yourself who pays for this mess.\n\n"
        "Why should anyone be surprised?"
    ),
}
QUOTES = [
    Quote("Elena Marsh", "We will follow state law", ("wire",)),
    Quote("Ruth Ames", "It is a disaster for our budget", ("paper",)),
    Quote("Marsh", "We will follow state law", ("wire",), kind="reported"),
]


def _articles(texts: dict[str, str]) -> list[Article]:
    return [Article(id=k, source=k, title="", text=v) for k, v in texts.items()]


def _frame(articles: list[Article], quotes=()):
    sentences = {a.id: sentences_of(a.id, a.text) for a in articles}
    flat = [s for a in articles for s in sentences[a.id]]
    index = SentenceIndex(tuple(flat), get_encoder("auto").encode([s.text for s in flat]))
    facts = align_facts(index, len(articles))
    return {f.article_id: f for f in frame_articles(articles, sentences, facts, list(quotes))}, facts


@pytest.fixture(scope="module")
def framed():
    return _frame(_articles(STORY), QUOTES)


def test_contested_term_gets_the_neutral_term_others_use(framed) -> None:
    framing, _ = framed
    terms = {t.term: t for t in framing["blog"].loaded_terms}
    assert terms["illegal aliens"].neutral == "undocumented immigrants"
    assert terms["illegal aliens"].count == 2
    assert all("illegal aliens" in s for s in terms["illegal aliens"].sentences)


def test_neutral_counterpart_is_learned_from_the_same_fact(framed) -> None:
    framing, facts = framed
    assert any("slammed" in w for f in facts for w in f.wordings.values())  # the blog's wording is aligned
    slammed = next(t for t in framing["blog"].loaded_terms if t.term == "slammed")
    assert slammed.neutral == "criticized"
    assert "slammed the federal plan" in slammed.sentences[0]


def test_neutral_outlets_have_no_loaded_terms_and_quotes_do_not_count(framed) -> None:
    framing, _ = framed
    assert framing["wire"].loaded_terms == ()
    # "disaster" is the commissioner's word, inside quotation marks, not the paper's
    assert framing["paper"].loaded_terms == ()


def test_opinion_share_and_its_sentences(framed) -> None:
    framing, _ = framed
    blog = framing["blog"]
    # "Why should anyone be surprised?" is a rhetorical question, but a question alone is as
    # often a subheading or an interviewer's: the brief calls only the unmistakable commentary
    assert blog.opinion_share == pytest.approx(2 / 5)
    assert framing["wire"].opinion_share == 0.0 and framing["paper"].opinion_share == 0.0
    assert any(s.startswith("Of course") for s in blog.opinion_sentences)
    assert "Ask yourself who pays for this mess." in blog.opinion_sentences


def test_lead_and_how_much_of_it_is_agreed_fact(framed) -> None:
    framing, _ = framed
    assert framing["wire"].lead.startswith("Governor Elena Marsh criticized")
    # paper: all three lead sentences are agreed; wire: its third is a quote no one else carries;
    # blog: its third is commentary
    assert framing["paper"].lead_fact_share == 1.0
    assert framing["wire"].lead_fact_share == pytest.approx(2 / 3, abs=0.001)
    assert framing["blog"].lead_fact_share == pytest.approx(2 / 3, abs=0.001)


def test_quoted_speakers_fold_short_names(framed) -> None:
    framing, _ = framed
    assert framing["wire"].quoted_speakers == {"Elena Marsh": 2}
    assert framing["paper"].quoted_speakers == {"Ruth Ames": 1}
    assert framing["blog"].quoted_speakers == {}


@pytest.mark.parametrize(
    "sentence",
    [
        "I would not call it fair.",
        "Ask yourself who really pays for this mess.",
        "Where was that concern when the council cut the budget?",
        "Of course, this has nothing to do with politics.",
        "Don't expect the council to fix it.",
        "Yeah, right, as if the council cares.",
        "Thanks for nothing, City Hall.",
        "The memo is purely a political move.",
        "But perhaps that view will change after the discovery of a design flaw.",  # the writer's guess, in a brief's voice
    ],
)
def test_commentary_scores_as_opinion(sentence: str) -> None:
    assert opinion_score(sentence) >= OPINION_CUTOFF


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge was closed on Tuesday after inspectors found a cracked steel beam.",
        "Repairs could take up to six weeks, according to the department.",
        '"I will not reopen the bridge until it is safe," the commissioner said.',
        "The council agreed on Tuesday to fund repairs.",
        "Critics say the plan is a disaster.",
        # a quotation that runs on into the next sentence, opened or closed here
        'In an interview, the mayor said, "We have a pattern now of closures that we cannot ignore.',
        'Obama said: “We have a pattern now.',
        'We will not reopen it until we know it is safe," the commissioner said.',
        "The us has also stationed warships in the area.",  # lower-cased text's "the US"
    ],
)
def test_reporting_scores_below_the_cutoff(sentence: str) -> None:
    assert opinion_score(sentence) < OPINION_CUTOFF


def test_a_lower_case_us_is_no_writers_voice_in_a_text_that_writes_names_in_lower_case() -> None:
    """Multi-News writes names in lower case: "us forces in japan", "us$ 61.1 million" are the
    country's, and the brief's commentary check had left such lines out. In a text that writes
    names as names, "us" is the writer's."""
    line = "The head of us forces in japan said on thursday that the launch threatens the region."
    assert opinion_score(line, names_cased=False) < OPINION_CUTOFF
    assert opinion_score("The report told us nothing new about the launch.") >= OPINION_CUTOFF
    assert opinion_score("We have seen nothing like it, the report says.", names_cased=False) >= OPINION_CUTOFF


def test_lexicon_is_learned_and_shipped() -> None:
    weights = loaded_words()
    assert len(weights) >= 50 and weights["slammed"] > 4.0
    assert "said" not in weights and "bridge" not in weights
    assert loaded_hits("The plan would let agents hold illegal aliens, a so-called reform.") == ["illegal aliens", "so-called"]


# --- the seeds: the partisan blog's vocabulary ---------------------------------------------


@pytest.fixture(scope="module")
def seeds_framing(seeds_dir: Path):
    from manysides.clean import clean_story
    from manysides.config import BriefConfig
    from manysides.ingest import load_inputs

    articles, _ = load_inputs([str(seeds_dir)], BriefConfig())
    articles = clean_story(articles)
    framing, _ = _frame(articles)
    return {Path(a.origin).name[:3]: framing[a.id] for a in articles}


@pytest.mark.shared
def test_seeds_blog_loaded_term_is_contrasted_with_the_neutral_one(seeds_framing) -> None:
    blog = {t.term: t for t in seeds_framing["003"].loaded_terms}
    illegal = [t for term, t in blog.items() if term.startswith("illegal")]
    assert illegal and all("undocumented" in t.neutral for t in illegal)
    network = {t.term: t for t in seeds_framing["000"].loaded_terms}
    assert "undocumented" in network["illegal immigrants"].neutral


@pytest.mark.shared
def test_seeds_blog_reads_as_more_opinion_than_the_news_sites(seeds_framing) -> None:
    assert seeds_framing["003"].opinion_share > max(seeds_framing[k].opinion_share for k in ("000", "001"))
    assert any("nothing to do with racism" in s for s in seeds_framing["003"].opinion_sentences)


def test_a_line_that_leans_on_the_one_before_is_told_from_one_that_stands_alone() -> None:
    from manysides.text.standalone import leans_on_previous

    assert leans_on_previous("He can't order a sheriff or a police chief to do anything.")
    assert leans_on_previous("“But the bridge stays shut,” the mayor said.")
    assert not leans_on_previous("So far, 12 homes have been reconnected, the utility said.")
    assert not leans_on_previous("Helen Park, the mayor, said the bridge stays shut.")  # "He" only as a word
    assert leans_on_previous("Park added that the crossing would reopen in spring.")  # the rest of what she said is elsewhere
    assert leans_on_previous("The county also said that the detour would stay.")
    assert leans_on_previous("The bigger repair, however, is the north ramp.")
    assert not leans_on_previous("The county said the detour added ten minutes to the commute.")  # "added" as a plain verb
    assert leans_on_previous("Previously, the ferry had only run in summer.")
    # a result or a turn of what a line before told (a reader met both as timeline entries)
    assert leans_on_previous("As a result, the Lisle ferry will likely run at a loss for the last quarter of 2025.")
    assert leans_on_previous("Even as it made the repairs the inspectors had asked for after the crack, however, the county kept the ramp shut.")
    assert not leans_on_previous("Thus far, the county has reopened two of the three lanes.")
    assert leans_on_previous("Two weeks later, the county reopened the ramp.")
    assert leans_on_previous("Three days ago, the county closed the ramp.")  # ago: from which day?
    assert leans_on_previous("The new timetable will also add a late ferry on Fridays.")  # also: beside what?
    assert not leans_on_previous("The ferry ran late and also skipped a stop, the county said.")  # both items given
    assert not leans_on_previous("Later reports put the delay at two hours.")


def test_a_lead_full_of_names_is_a_sentence_and_a_title_case_line_a_headline() -> None:
    from manysides.text.cues import is_headline

    # invented lines: a dateline lead heavy with names and titles, and headline shapes
    lead = "RIVERTON -- City Council President Ana Ruiz called out Mayor Tom Hale during Monday's council meeting."
    assert not is_headline(lead)
    assert is_headline("Mayor Hale Vows to Fight Council on Bridge Funding.")
    assert is_headline("Council Rejects Bridge Plan")
    wire = sentences_of("wire", lead + "\n\nThe council voted five to two against the bridge plan on Monday evening.")
    assert frame_articles([Article("wire", "wire", "", lead)], {"wire": wire}, [], [])[0].lead.startswith("RIVERTON")


# --- issue #21: a flag is a claim; ordinary reporting is never flagged -----------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Thank you for subscribing.",
        "SHAPIRO: What are the latest details you can give us about what happened tonight?",
        "She told the BBC: \"I was in bed watching the election when I heard a big crash.",
        "It's now illegal to hold your phone on public roads even when you're pulled over.",
        "On our blue planet's annual tour around the sun, we will be a mere 91.4 million miles from it.",
        "— Can you feel it?",
        "Critics say the plan is purely a political move.",
        "The bill reached $28,000 over the holiday period.",  # "period." ends a sentence, not an argument
        "The county released a photo clearly showing the ferry's name on its hull.",
        "Shocking video footage caught the moment the ferry hit the pier.",
        "The truck, perhaps 45 feet long, was parked by the pier.",  # a figure's hedge
    ],
)
def test_reporting_prompts_and_quotes_are_not_called_commentary(sentence: str) -> None:
    from manysides.text.cues import is_commentary

    assert not is_commentary(sentence)


def test_a_quote_running_over_sentences_is_the_speakers_not_the_writers() -> None:
    from manysides.text.cues import quoted_speech

    assert quoted_speech(['He said: "I was in bed.', "Frankly I was scared.", 'It was loud," he said.', "The tram left."]) == [False, True, True, False]


def test_a_loaded_word_needs_a_counterpart_in_the_story_and_is_never_a_name() -> None:
    story = {
        "a": "North Korean dictator Kim Jong-un fired a missile over Japan on Tuesday, officials said.\n\n"
        "Police seized drugs under the Dangerous Drugs Act, and officials threatened to appeal.",
        "b": "North Korean leader Kim Jong-un fired a missile over Japan on Tuesday, the military said.\n\n"
        "The launch doubled the number of tests this year.",
        "c": "North Korean leader Kim Jong-un launched a missile that flew over northern Japan.",
    }
    framing, _ = _frame(_articles(story))
    terms = {t.term: t for t in framing["a"].loaded_terms}
    assert terms["dictator"].neutral == "leader"  # the story's own contrast, from the same slot
    assert "dangerous" not in terms  # a law's title
    assert all(t.neutral for f in framing.values() for t in f.loaded_terms)  # no bare word-list flags


def test_a_verdict_or_a_pejorative_label_is_shown_without_a_counterpart() -> None:
    """"farce", "despot": no report writes them in its own voice, so they need no other
    outlet's plainer word; someone's word in single quotes or in reported speech is theirs."""
    story = {
        "a": "The Grand Prix descended into farce when it was stopped for a second time on Sunday.\n\n"
        "Race director Tom Hale dismissed the drivers' complaint, calling it a 'blunder'.",
        "b": "The Grand Prix was stopped for a second time on Sunday after a crash in heavy rain.\n\n"
        "Kim Jong-un, the dumpy despot, watched a missile test on Monday, state media said.\n\n"
        "The funds add weight to the prime minister's expansionist policies, which critics oppose.",
        "c": "The race in heavy rain was stopped twice before Lewis Hamilton won it on Sunday.\n\n"
        "Driver Ana Ruiz says the second stop was a fiasco and the rules must change.",
    }
    framing, _ = _frame(_articles(story))
    a_terms = {t.term: t for t in framing["a"].loaded_terms}
    assert a_terms["farce"].neutral == "" and "blunder" not in a_terms
    assert {"despot", "expansionist"} <= {t.term for t in framing["b"].loaded_terms}
    assert not framing["c"].loaded_terms


def test_a_loaded_role_noun_gets_the_plain_one_others_give_the_same_referent() -> None:
    story = {
        "a": "Seoul proposed talks in response to an olive branch from the North Korean dictator.\n\n"
        "SpaceX builds rockets that blast out of the atmosphere and land again.",
        "b": "South Korean President Moon Jae-in welcomed the offer from the North Korean leader on Tuesday.",
        "c": "The North Korean leader offered talks, and South Korean President Moon Jae-in agreed to them.",
    }
    framing, _ = _frame(_articles(story))
    terms = {t.term: t for t in framing["a"].loaded_terms}
    assert terms["dictator"].neutral == "leader"  # "North Korean" leader, not "(South) Korean President"
    assert "blast" not in terms  # a rocket's lift-off is no criticism


def test_a_mob_or_a_fanatic_gets_the_plain_noun_others_give_the_same_people() -> None:
    story = {
        "a": "Police said a mob of young men attacked shoppers near the station on Saturday night.\n\n"
        "The fanatic Omar Vance drove the van into the market before officers stopped him.",
        "b": "Police said a crowd of young men attacked shoppers near the station on Saturday.\n\n"
        "The attacker Omar Vance drove the van into the market, police said.",
        "c": "A group of young men attacked shoppers near the station, and the driver Omar Vance hit the market.",
    }
    framing, _ = _frame(_articles(story))
    terms = {t.term: t for t in framing["a"].loaded_terms}
    assert terms["mob"].neutral in ("crowd", "group") and terms["fanatic"].neutral in ("attacker", "driver")
    assert not framing["b"].loaded_terms


def test_a_gallerys_captions_are_told_from_reporting() -> None:
    """A slideshow's title run into each caption opens three different sentences alike."""
    from manysides.records import Sentence
    from manysides.text.cues import gallery_captions
    from manysides.text.sentences import sentences_of

    text = (
        "The county reopened the Pinewood bridge on Friday after six weeks of repairs. "
        "Photos: Pinewood bridge through the years The first span opened in 1931 to horse carts. "
        "Photos: Pinewood bridge through the years A flood closed the crossing for a month in 1972. "
        "Photos: Pinewood bridge through the years Crews lifted the new deck into place in March. "
        "The county said the bridge would be inspected again in the spring."
    )
    sentences = sentences_of("a", text)
    flags = gallery_captions(sentences)
    assert [s.text.startswith("Photos:") for s in sentences] == flags
    one_each = [Sentence("b", i, s.text, 0, 0) for i, s in enumerate(sentences[1:3])]
    assert not any(gallery_captions(one_each))  # two alike are not a gallery


def test_a_slideshows_counted_captions_are_a_gallery() -> None:
    """Captions that open with a slide counter ("2/30 …") and nothing else alike are a gallery
    too; a list of two, or a score like "3/4 of voters", is not."""
    from manysides.text.cues import gallery_captions
    from manysides.text.sentences import sentences_of

    text = (
        "The old station will fall back to Earth within weeks, engineers said on Monday.\n\n"
        "1/30 Earth from orbit An astronaut took this photograph of the gulf at sunset in 2014.\n\n"
        "2/30 Frosty slopes This image shows frosted gullies on a slope within a crater on Mars.\n\n"
        "3/30 Launch of a shuttle The shuttle lifted off from Florida at dawn on a mission in 1984.\n\n"
        "The agency said the debris would most likely fall into the ocean."
    )
    sentences = sentences_of("a", text)
    flags = gallery_captions(sentences)
    assert [s.text[:1].isdigit() for s in sentences] == flags
    assert not any(gallery_captions(sentences_of("b", "1/2 The first of two notes is here for all to read. 2/2 The second of the two notes follows it closely.")))
    run_in = sentences_of("c", (
        "The station will fall back to Earth within weeks, engineers said on Monday.\n"
        "1/30 Earth from orbit An astronaut took this photograph of the gulf at sunset Nasa\n"
        "2/30 Frosty slopes This image shows frosted gullies on a slope. The image was taken by a camera on Mars Nasa\n"
        "3/30 Launch of a shuttle The shuttle lifted off from Florida at dawn on a mission in 1984 Nasa\n"
        "The agency said the debris would most likely fall into the ocean."
    ))  # one paragraph: its lines end with no full stop
    assert gallery_captions(run_in) == [False, True, True, True, True, False]


def test_a_follow_this_topic_widget_is_a_site_prompt() -> None:
    from manysides.text.cues import is_site_prompt

    assert is_site_prompt("Add Storms as an interest to stay up to date on the latest Storms news, video, and analysis.")
    assert not is_site_prompt("The storm is expected to add another foot of snow by Friday, forecasters said.")


def test_a_line_a_reader_cannot_take_alone_needs_its_context() -> None:
    from manysides.text.cues import is_furniture
    from manysides.text.standalone import needs_its_context

    assert needs_its_context("They identified them as the ferry's two pilots.")  # leans on the line before
    assert needs_its_context("“We failed our passengers on this crossing,” it said.")  # "it": which body?
    assert needs_its_context("'Ferry service to resume next month from the north pier.")  # a quote never closed
    assert not needs_its_context("'We failed our passengers,' the ferry company said.")  # closed and attributed
    assert not needs_its_context("The ferry company said it doesn't expect more delays.")
    assert is_furniture("Photos: Ferry runs aground near Riverton A diver checks the hull.")  # a gallery's header
    assert is_furniture("Hide Caption 3 of 12 Photos: Ferry aground")
    assert is_furniture("Facebook Twitter Pinterest The ferry at the north pier.")  # share buttons
    assert not is_furniture("Photos taken by a passenger show the ferry tilting.")
    assert needs_its_context(", said in a note on Friday that the ferry was late.")  # its subject cut off
    assert needs_its_context("FERRY TIMETABLE If all goes to plan, the ferry runs hourly.")  # a box's heading run in
    assert needs_its_context("MISTAKE OF THE DAY: The ferry left the pier without its pilot.")  # a box's label
    assert needs_its_context("SHAPIRO: What did the pilots say?")  # a transcript's speaker
    assert is_furniture("File - In this Thursday, Dec. 28, 2017 file photo, the ferry leaves the pier.")  # a wire caption
    assert not needs_its_context("US FDA Commissioner Ana Ruiz said the ferry was safe.")
    assert is_furniture("(Courtesy of Riverton Ferry Company)")
    assert is_furniture("Nov. 2, 2016 The ferry at the north pier.")  # a gallery's dated caption
    assert not is_furniture("Nov. 2, 2016 was the ferry's last day.")
    assert needs_its_context("Moments later, the ferry hit the pier.")  # later than what?
    assert needs_its_context("The north pier, for instance, stays shut.")  # an example of what?
    assert needs_its_context("Before this, they say no ferry had crossed in winter.")  # who are "they"?
    assert not needs_its_context("Before Ana Ruiz spoke, she checked the timetable.")
    assert needs_its_context("'Stupid. What this crossing needs is a second ferry.'")  # whose words?
    assert is_furniture("Riverton forward Ana Ruiz (10) reaches for the ball at the north pier.")  # a sports photo's caption
    assert not is_furniture("Ana Ruiz (10) scored twice.")
    # a wire caption: the present, and the date with its year at the end (a reader found one as an agreed fact)
    assert is_furniture("The Kestrel-2 rocket lifts off from the north pier in Riverton, Aldshire, July 2, 2017.")
    assert not is_furniture("The new ferry timetable takes effect on July 2, 2017.")  # a schedule
    assert not is_furniture("The ferry company said it closed the north pier on July 2, 2017.")
    # one more of something told before, and a thing a line before named (a reader: "'this link'", "'another advantage'")
    assert needs_its_context("Once this link is established, the ferry can cross at night.")
    assert needs_its_context("Another advantage of the north pier is its depth.")
    assert needs_its_context("Another 24.5 inches fell by Tuesday night, bringing the total to 62.9.")  # more of an amount told before
    assert not needs_its_context("Another storm is expected on Friday in the north.")
    assert not needs_its_context("After this week, the north pier reopens.")
    # a statement announced, not given (a reader: "the statement's content missing")
    assert needs_its_context("On Monday afternoon, Ruiz responded with a brief statement, per the Times.")
    assert not needs_its_context("The ferry company said in a statement on Monday it was reviewing the crossing.")
    assert not needs_its_context("Two pilots died in the crossing, harbour master Ana Ruiz said in a statement.")
    assert is_furniture("© REUTERS/ Stringer The ferry leaves the north pier.")  # a picture's credit run into its caption
    assert not is_furniture("An AP/NORC poll found most riders want a second ferry.")
    # an agency's caption: the present tense, with the day, the date and the year; reporting tells it in the past
    assert is_furniture("Riverton residents dig out on Tuesday, Dec. 26, 2017, after a record snowfall.")
    assert not is_furniture("The ferry company said Friday, Dec. 29, 2017, that two crossings were cancelled.")
    assert needs_its_context("In the end, that was all the ferry needed.")  # what was?
    assert needs_its_context("Harbour master Ana Ruiz says that will let the ferry run at night.")
    assert needs_its_context("The company did not confirm these details.")  # which details?
    assert not needs_its_context("Ana Ruiz said that the ferry was late.")  # "that" joins a clause
    assert not needs_its_context("The ferry will be late this week, Ana Ruiz said.")
    assert needs_its_context("Will have twice the seats of the old ferry.")  # a post's line, no subject
    assert not needs_its_context("Will the ferry run tomorrow? Nobody knows.")
    assert is_furniture("In this Sept. 30, 2016, file photo, the ferry leaves the north pier.")
    assert not is_furniture("In this town, the ferry is the only link.")
    assert is_furniture("FILE - In this May 18, 2017 file photo, the ferry leaves the north pier.")
    assert is_furniture("The ferry company did not immediately respond to a request for comment.")  # the errand
    assert is_furniture("Riverton Daily has reached out to the harbour master.")
    assert is_furniture("(Editing by Ana Ruiz)")
    assert is_furniture("Ana Ruiz is a transport columnist for the Riverton Daily.")
    assert is_furniture("Passengers waited here NORTH PIER TICKET OFFICE Some boarded late.")  # a map's labels
    assert not is_furniture("The ferry reached the north pier at noon.")
    assert is_furniture("NORTH PIER FERRY TERMINAL CAR PARK Ticket office The ferry leaves at noon.")
    assert not is_furniture("RIVERTON, Ore. (AP) — The ferry leaves at noon.")
    assert not is_furniture("Passengers said the NTSB and the FAA were on site.")
    from manysides.text.standalone import turns_to_another_matter

    assert turns_to_another_matter("In a separate case, a ferry captain was fined for speeding.")
    assert not turns_to_another_matter("In the case of the north pier, repairs start Monday.")
    from manysides.text.sentences import dateline_end

    for line in ("-- Between tears, the ferry's captain said goodbye.", "— A Riverton woman says the ferry left without her."):
        assert line[dateline_end(line):].startswith(("Between", "A Riverton"))  # a dateline's dash left behind


def test_a_column_that_says_so_is_shown_as_commentary() -> None:
    """An opinion page's disclaimer ("The opinions expressed in this commentary are hers.")
    is the article's own word that it is commentary: the brief says so beside its share of
    evaluative sentences (a reader saw a declared column shown as "0% opinion"), and the
    disclaimer and the writer's "Follow her @handle" never lead the outlet's framing."""
    column = ("Ana Pell is a columnist for the Valley Voice. Follow her @AnaPell . The opinions expressed in this commentary are hers.\n\n"
              + STORY["wire"])
    framing, _ = _frame(_articles({"column": column, "paper": STORY["paper"]}))
    assert framing["column"].declared_commentary == "The opinions expressed in this commentary are hers."
    assert framing["paper"].declared_commentary == ""
    assert "Follow her" not in framing["column"].lead and "opinions expressed" not in framing["column"].lead


def test_a_loaded_word_after_a_quotation_is_read_where_it_stands() -> None:
    """The writer's loaded words were read at offsets of the sentence with its quotations
    blanked out, but sliced from the sentence as written: after a quotation they came out as
    fragments ("et up", "orth k") and the real word was lost."""
    from manysides.framing.frame import _hits

    sentence = 'The South vowed to "exterminate" the dumpy despot as its jets bombed the border.'
    assert _hits(sentence) == ["despot"]
    assert _hits('Officials said "the despot must go" on Monday.') == []  # a speaker's word, not the writer's


def test_waking_up_is_no_loaded_word() -> None:
    from manysides.text.loaded import loaded_hits

    assert loaded_hits("People in Tokyo woke to news of the launch and woke up early.") == []
    assert loaded_hits("He railed against a woke agenda.") == ["woke"]


def test_a_caption_that_opens_its_paragraph_takes_the_paragraph() -> None:
    """A slideshow of other couples' splits gave a brief eight timeline rows: each caption's
    second sentence ("The couple, who were married in 2002, …") opens like nothing else."""
    from manysides.text.cues import gallery_captions
    from manysides.text.sentences import sentences_of

    text = "\n\n".join([
        "The singer said on Monday that the couple had split after four years together.",
        "Photos: Famous splits of the decade An actor and a chef ended their marriage. The couple, who were married in 2002, have a son.",
        "Photos: Famous splits of the decade Two musicians called off their engagement. They had announced it in April 2013.",
        "Photos: Famous splits of the decade A comedian and a writer parted in 2015. Both have since moved on to new partners.",
        "Her representative declined to comment further on the split.",
    ])
    sentences = sentences_of("a", text)
    flags = dict(zip((s.text for s in sentences), gallery_captions(sentences)))
    assert flags["The couple, who were married in 2002, have a son."]
    assert flags["They had announced it in April 2013."]
    assert not flags["The singer said on Monday that the couple had split after four years together."]
    assert not flags["Her representative declined to comment further on the split."]


def test_a_quotation_mark_left_open_for_many_sentences_is_a_stray() -> None:
    """A page whose paragraph breaks were lost had one stray mark put most of its sentences,
    its writer's own "despot" among them, in someone else's mouth."""
    from manysides.text.cues import MAX_OPEN_SENTENCES, quoted_speech

    narration = [f"The council met for the {n}th time this year and approved the budget." for n in range(MAX_OPEN_SENTENCES + 3)]
    flags = quoted_speech(['The mayor called the plan "a good start.', *narration, '"We will do more," she said.'])
    assert not any(flags[1:-1]) and flags[-1]
    speech = ['She said: "I was in bed.', "I heard a crash.", "Then the lights went out.", 'It was terrifying," she said.']
    assert quoted_speech(speech) == [False, True, True, True]  # a quote of a few sentences still runs on


def test_an_outlet_does_not_lead_with_a_wire_photos_caption() -> None:
    """Issue #21: a reader found an outlet "Leads with" a wire photo's caption paragraph ("FILE -
    In this … file photo, …" and the story retold for the picture desk), one line a paragraph."""
    from manysides.framing.frame import body_sentences

    text = ("FILE - In this Dec. 20, 2015, file photo, the ferry Aurora leaves the north pier in Riverton. "
            "The ferry service resumes on Monday after a week of hull repairs.\n"
            "RIVERTON — Ferry service resumed at the north pier on Monday after a week of repairs, the county said.\n"
            "Commuters cheered as the first boat docked just after seven in the morning.")
    body = body_sentences(sentences_of("wire", text))
    assert body[0].text.startswith("RIVERTON") and not any("hull repairs" in s.text for s in body)


def test_an_outlet_does_not_lead_with_a_credited_caption_or_a_videos_blurb() -> None:
    """Readers found "Leads with" a photo's caption closed by its credit ("… Photograph: … for the
    Guardian") and a video player's blurb above the dateline ("CLOSE … has the story")."""
    from manysides.framing.frame import _from_the_dateline, body_sentences

    captioned = ("Research found commuters wait an average of nine minutes a day. Photograph: Ana Ruiz for the Courier\n"
                 "Riders have united to press the county to run the ferry every hour.\n"
                 "The campaign is backed by the harbour board.")
    body = body_sentences(sentences_of("a", captioned))
    assert body[0].text.startswith("Riders have united") and not any("nine minutes" in s.text for s in body)
    blurb = ("CLOSE The county's ferry chief gave us a look at the new boat. Ana Ruiz has the story.\n"
             "RIVERTON, Ore. — Can you feel it?\n"
             "The county has shown pictures of the new ferry that will start service next month.")
    lead = _from_the_dateline(body_sentences(sentences_of("b", blurb)))
    assert lead[0].text.startswith("RIVERTON, Ore.")
    plain = body_sentences(sentences_of("c", "The county ferry resumed service on Monday.\nRiders cheered on the north pier."))
    assert _from_the_dateline(plain) == plain  # no dateline: the lead is the body's start


def test_a_page_filed_as_opinion_or_review_is_shown_as_commentary() -> None:
    """A critic's review and an opinion section's page say what they are in their address:
    readers found a review's "clunky Americana rebrand" in the brief's own voice, and its
    framing told only "3 % of sentences"."""
    from manysides.text.cues import filed_as_commentary

    assert filed_as_commentary("https://www.valleyvoice.com/2026/03/06/opinion/the-bridge-we-deserve.html")
    assert filed_as_commentary("https://www.valleyvoice.com/culture/2026/mar/06/ferry-musical-review")
    assert not filed_as_commentary("https://www.valleyvoice.com/news/2026/03/06/bridge-budget-under-review")
    assert not filed_as_commentary("https://www.valleyvoice.com/news/2026/03/06/pinewood-bridge-closed")
    articles = _articles({"column": STORY["wire"], "paper": STORY["paper"]})
    articles[0] = Article(id="column", source="column", title="", text=STORY["wire"], url="https://www.valleyvoice.com/opinion/bridge")
    framing, _ = _frame(articles)
    assert framing["column"].declared_commentary == "https://www.valleyvoice.com/opinion/bridge"
    assert framing["paper"].declared_commentary == ""


def test_an_outlet_does_not_lead_with_a_photos_description_nor_one_line_twice() -> None:
    """A reader found "Leads with: The trail of a flying object … is seen from the Chinese border
    city of Dandong on Feb. 7", then the page's first line, which it runs twice, twice."""
    from manysides.framing.frame import _once_each, body_sentences
    from manysides.text.cues import is_furniture

    assert is_furniture("The new ferry is seen from the north pier of Riverton on Monday morning.")
    assert is_furniture("Commuters are pictured boarding the first boat after the repairs.")
    assert not is_furniture("The repair is seen as a test of the county's new budget.")
    assert not is_furniture("In the film, the ferry, which is seen in the last scene, sinks.")
    text = ("The new ferry is seen from the north pier of Riverton on Monday morning.\n"
            "Ferry service resumed on Monday after a week of repairs.\n"
            "Ferry service resumed on Monday after a week of repairs.\n"
            "Commuters cheered as the first boat docked just after seven in the morning.")
    lead = _once_each(body_sentences(sentences_of("a", text)))
    assert [s.text.split()[0] for s in lead] == ["Ferry", "Commuters"]


def test_a_line_that_goes_on_from_a_moment_or_a_question_not_given_needs_its_context() -> None:
    """Readers found "by 2023 — Since then it has been undertaking experiments …" in a timeline,
    and an interview's question run into its answer ("Can regulation solve these problems?
    "Regulation can help …") and an answer's "Not really." in a summary."""
    from manysides.text.standalone import needs_its_context

    assert needs_its_context("Since then it has been running tests, in large part to prepare a permanent station by 2023.")
    assert needs_its_context("\" Can rules solve these problems? \"Rules can help, and many governments are looking at this.")
    assert needs_its_context("Not really. Until this point, large lenders have stayed away from the coins.")
    assert not needs_its_context("Since 2016 the station has been running tests for a permanent one.")
    assert not needs_its_context("\"Why did the coins fall?\" Ian Dorr asked the panel of bankers on Friday.")
    assert not needs_its_context("Asked whether rules would help, Ian Dorr said: \"They can, and many governments are looking at this.\"")
    # "…, he revealed.": the names before the pronoun are what he said, not who he is (a reader, an agreed fact)
    assert needs_its_context("The girls were flown by helicopter to Maiduguri, the capital of Borno state, he revealed.")
    assert not needs_its_context("The girls were flown by helicopter to Maiduguri, the capital of Borno state, Ali Musa revealed.")
