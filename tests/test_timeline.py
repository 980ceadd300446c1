"""Timeline: dates read, resolved against the article's date, merged across outlets, in order."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np

import pytest

from manysides.text.sentences import sentences_of
from manysides.text.timeline import apart_in_time, date_contradicted, dates_in, parse_date, timeline_of

MONDAY = date(2017, 2, 27)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("In a memo sent Wednesday, the governor said so.", "2017-02-22"),
        ("The guidelines, issued Tuesday, direct agencies.", "2017-02-21"),
        ("Extra buses will run starting Wednesday.", "2017-03-01"),
        ("He spoke in January.", "2017-01"),
        ("A state law passed in 2013 requires it.", "2013"),
        ("The letters went out on Feb. 22.", "2017-02-22"),
        ("Published on February 27, 2017.", "2017-02-27"),
        ("The council met last week.", "2017-W08"),
        ("The mayor spoke yesterday.", "2017-02-26"),
        ("It closed three days ago.", "2017-02-24"),
        # "would have been" tells what did not happen, in the past (a reader found last night's game put a week ahead)
        ("Considering Sunday's game was held in Denver, skipping the tribute would've been a mistake.", "2017-02-26"),
        ("The team would have to play again on Sunday.", "2017-03-05"),
    ],
)
def test_dates_resolve_against_the_article_date(text: str, iso: str) -> None:
    assert dates_in(text, MONDAY)[0].iso == iso


def test_relative_dates_stay_unresolved_without_an_article_date() -> None:
    assert dates_in("The mayor spoke on Wednesday.")[0].iso == ""
    assert dates_in("It was built in 1962.")[0].iso == "1962"


def test_parse_date_reads_common_formats() -> None:
    assert parse_date("2017-02-27T10:00:00Z") == MONDAY
    assert parse_date("February 27, 2017") == MONDAY
    assert parse_date("") is None


def test_timeline_merges_outlets_and_orders_events() -> None:
    a = sentences_of("a", "The Pinewood Bridge was closed on Tuesday after inspectors found a crack.\n\n"
                          "The Pinewood Bridge was built in 1962 and repaired in 2011.\n\n"
                          "It will reopen next month, weather permitting.\n\n"
                          "\"I waited three days ago for a bus,\" a commuter said to reporters.")
    b = sentences_of("b", "Officials closed the Pinewood Bridge on Tuesday after inspectors found a crack in a beam.\n\n"
                          "Extra buses will run on the route starting Wednesday, Mayor Varnhold said.")
    events = timeline_of(a + b, {"a": "2026-03-05", "b": "March 5, 2026"})
    assert [e.iso for e in events] == ["1962", "2026-03-03", "2026-03-11"]  # 5 March 2026 is a Thursday
    closed = events[1]
    assert closed.sources == ("a", "b") and closed.date == "on Tuesday"
    assert not any("commuter" in e.text for e in events)  # a date inside a quote is no event
    assert not any(e.text.startswith("It ") for e in events)  # out of its article, "it" is anything
    caption = sentences_of("c", "File - In this Thursday, March 5, 2026 file photo, the bridge is closed to traffic after the inspection.")
    assert not timeline_of(caption, {"c": "2026-03-06"})  # a photo's date is no event of the story


def test_timeline_without_dates_lists_unresolved_events_last() -> None:
    s = sentences_of("a", "The Lisle council voted on Thursday to fund the repairs.\n\nThe Pinewood Bridge opened in March 1962 to traffic.")
    events = timeline_of(s)
    assert [e.iso for e in events] == ["1962-03", ""]


def test_an_undated_article_is_read_against_the_story_date_and_commentary_is_no_event() -> None:
    dated = sentences_of("a", "The Pinewood Bridge was closed on Tuesday after inspectors found a crack in a beam.")
    undated = sentences_of("b", "Officials closed the Pinewood Bridge on Tuesday after inspectors found a crack.\n\n"
                                "Where was that concern when the council cut the budget two years ago?\n\n"
                                "Frankly, I think the council wrecked this bridge two years ago.")
    events = timeline_of(dated + undated, {"a": "2026-03-05"})
    assert [(e.iso, e.sources) for e in events] == [("2026-03-03", ("a", "b"))]  # one event, both outlets


def test_unresolved_dates_follow_a_rough_day_scale() -> None:
    s = sentences_of("a", "Mayor Ilse Varnhold opened a new ferry terminal today on the east bank.\n\n"
                          "The Lisle council voted on Tuesday to fund the repairs to the bridge.\n\n"
                          "The state of Tessaly cut the maintenance budget two years ago by a third.\n\n"
                          "Inspectors first reported rust on the Pinewood Bridge last month, records show.")
    assert [e.date for e in timeline_of(s)] == ["two years ago", "last month", "on Tuesday", "today"]
    # A month named without a date comes before "earlier this month" (it is most often an
    # earlier month of the same year), whichever the articles state first.
    s = sentences_of("a", "Earlier this month the Lisle council closed the ferry terminal for repairs.\n\n"
                          "Mayor Varnhold had promised the new terminal in January, aides said.")
    assert [e.date for e in timeline_of(s)] == ["in January", "Earlier this month"]


def test_one_days_events_that_say_the_same_thing_merge_once_the_vectors_are_there() -> None:
    from manysides.text.embeddings import get_encoder
    from manysides.text.timeline import merge_same_events

    a = sentences_of("a", "On Wednesday, Mayor Ilse Varnhold and other city officials sent a letter to school "
                          "principals with guidance on the new parking rules.\n\n"
                          "Police Chief Tom Arlen said Wednesday that officers would start to enforce the new parking rules in March.")
    b = sentences_of("b", "The letters with the guidance on parking were sent to every school principal in the Lisle district on Wednesday.")
    flat = a + b
    events = timeline_of(flat)
    assert len(events) == 3  # the words alone do not tell that the letters are the letter
    merged = merge_same_events(events, flat, get_encoder("minilm").encode([s.text for s in flat]))
    assert [(e.text[:20], e.sources) for e in merged] == [("On Wednesday, Mayor ", ("a", "b")), ("Police Chief Tom Arl", ("a",))]
    vectors = get_encoder("minilm").encode([s.text for s in flat])
    assert [e.sources for e in merge_same_events(events, flat, vectors, limit=1)] == [("a", "b")]  # the most reported


@pytest.mark.parametrize("text", [
    "The Long March 9 rocket is due to fly in the next decade.",
    "Prime Minister Theresa May 10 minutes later left the room.",
    "Sales may 5 percent higher this quarter.",
])
def test_a_month_inside_a_name_or_in_lower_case_is_no_date(text: str) -> None:
    """A reader found a "March 9" row in a timeline, read from the rocket "Long March 9"."""
    assert not [m for m in dates_in(text) if "9" in m.surface or "10" in m.surface or "5" in m.surface]


@pytest.mark.parametrize("text", ["On March 9, the rocket flew.", "It flew Tuesday, March 9.", "It flew on Tuesday March 9.", "WASHINGTON, March 9 - It flew."])
def test_a_month_after_a_preposition_a_weekday_or_a_dateline_is_a_date(text: str) -> None:
    assert any(m.surface == "March 9" for m in dates_in(text))


def test_articles_dated_far_from_the_median_are_apart_in_time() -> None:
    middle, apart = apart_in_time(["2016-02-07", "2016-02-06", "2015-09-15", "2016-02-08", ""])
    assert middle == date(2016, 2, 7) and apart == [(2, date(2015, 9, 15))]
    assert apart_in_time(["2016-02-07", "2015-01-01"]) == (None, [])  # two dates: no majority to be apart from


def test_a_list_of_years_dates_no_event_and_said_monday_is_past() -> None:
    """A reader found a 2016 launch in an "in 2006" row ("three other tests in 2006, 2009 and
    2013"), and "said Monday it will launch next month" placed on the following Monday."""
    assert not dates_in("It followed three other tests in 2006, 2009 and 2013.")
    assert dates_in("The plant opened in 2006 and employs 300.")[0].iso == "2006"
    published = date(2015, 9, 15)  # a Tuesday
    assert dates_in("The agency said Monday it will launch a satellite next month.", published)[0].iso == "2015-09-14"
    assert dates_in("The agency will launch a satellite on Monday.", published)[0].iso == "2015-09-21"


def test_a_weekday_after_a_past_verb_is_past_whatever_the_words_announce() -> None:
    """A reader found an announcement tweeted last Friday placed on the Friday after (the
    tweet said what "will" happen)."""
    published = date(2015, 9, 15)  # a Tuesday
    announced = "The ferry will sail from the old harbour in March, the operator's chief tweeted late Friday."
    def friday(text: str) -> str:
        return next(m.iso for m in dates_in(text, published) if "Friday" in m.surface)

    assert friday(announced) == "2015-09-11"
    assert friday("She made the announcement on Friday, saying the ferry will sail in March.") == "2015-09-11"
    assert friday("The ferry, which was repaired twice, will sail on Friday.") == "2015-09-18"
    assert friday("The mayor promised extra ferries starting Friday.") == "2015-09-18"  # what was promised
    december = date(2017, 12, 27)  # a month gone by this year that the words put ahead is next year's
    assert dates_in("The yard has three more ferries scheduled in January.", december)[0].iso == "2018-01"
    assert dates_in("The yard was founded in January.", december)[0].iso == "2017-01"
    assert dates_in("The yard held $3 billion abroad as of the end of 2016.")[0].surface == "2016"  # not "of 2016"


def test_the_future_is_read_in_the_dates_own_clause_and_a_paper_named_today_is_no_date() -> None:
    """Readers found a Saturday placed after every article's date ("stepping up since the
    beginning of time" in a quotation read as "beginning Saturday") and "TODAY" read from a
    "USA TODAY request for comment"."""
    published = date(2018, 2, 5)  # a Monday
    quoted = 'Singers objected ("we have been stepping up since the beginning of time") and one wore a shirt at a concert Saturday.'
    assert dates_in(quoted, published)[0].iso == "2018-02-03"
    assert dates_in("The team will play Saturday.", published)[0].iso == "2018-02-10"
    assert dates_in("Buses run starting Wednesday.", published)[0].iso == "2018-02-07"
    assert not dates_in("The company has not yet responded to a USA TODAY request for comment.", published)
    assert dates_in("Today, the council voted.", published)[0].iso == "2018-02-05"


def test_january_in_a_late_december_article_is_next_years_unless_told_in_the_past() -> None:
    """A reader found a year-end sky guide's January ("the second full moon Jan. 31") dated a
    year back."""
    published = date(2017, 12, 30)
    assert dates_in("The lunar cycle brings a second full moon Jan. 31.", published)[0].iso == "2018-01-31"
    assert dates_in("He was arrested on Feb. 2.", published)[0].iso == "2017-02-02"
    assert dates_in("Officials met on Dec. 30.", date(2018, 1, 5))[0].iso == "2017-12-30"


def test_a_month_of_last_or_next_year_takes_the_year_it_says() -> None:
    """A reader found "In May of last year, … had plans to …" dated May of the coming year."""
    published = date(2018, 1, 1)
    assert dates_in("In May of last year, it emerged that the cabinet had plans to expand the port.", published)[0].iso == "2017-05"
    assert dates_in("Sometime in late March of next year, the station will fall back to Earth.", date(2017, 12, 31))[0].iso == "2018-03"


def test_a_day_of_last_or_next_year_takes_the_year_it_says() -> None:
    """A reader found "opens fire … in Orlando on June 12 last year" dated June 12 of the article's year."""
    october = date(2017, 10, 3)
    assert dates_in("A gunman opens fire inside a nightclub in Orlando on June 12 last year and kills 49 people.", october)[0].iso == "2016-06-12"
    assert dates_in("The fair will return on March 3 of next year, organisers said.", october)[0].iso == "2018-03-03"
    assert dates_in("The fair ran on June 12, organisers said.", october)[0].iso == "2017-06-12"
    # "of that year" names a year told in another sentence: no date can be given
    assert dates_in("Other reports say the incident began in late January of that year.", october) == []
    assert dates_in("It reopened on June 12 of the following year.", october) == []
    assert dates_in("They fled after the fireworks for Bastille Day, France's equivalent to July 4.", october) == []
    # a year in a relative clause is that person's past, not the line's event; a weekday there stays
    assert dates_in("The Cubs played seven games against the Indians, who last won the title in 1948.", october) == []
    assert [m.iso for m in dates_in("Smith, who resigned on Monday, said the board had known.", october)] == ["2017-10-02"]
    # ... and so is "last year" there (a reader found the girls' release dated by the president's taking office)
    assert dates_in("Ilse Varnhold, who took office last year, said the girls were freed.", october) == []


def test_pages_of_one_outlet_stamped_to_the_same_minute_are_undated() -> None:
    """Three pages of one outlet, stamped eight weeks after the shooting at one minute, were
    read as another moment of the story: the stamp is when they were captured. A date alone
    (midnight) is shared by every page of a day and stays."""
    from manysides.api import brief

    lead = "A gunman fired on a festival crowd from a hotel on Sunday night, killing dozens of people, police said. "
    rows = [
        {"text": lead * 3, "source": "Daily", "date": "2017-10-02T09:12:27"},
        {"text": ("Police said a gunman fired on a festival crowd from a hotel on Sunday night, killing dozens. " * 3), "source": "Wire", "date": "2017-10-02T00:00:00"},
        {"text": ("Dozens of people were killed when a gunman fired on a festival crowd from a hotel on Sunday night. " * 3), "source": "Post", "date": "2017-10-02T00:00:00"},
        {"text": ("On Sunday night a gunman fired on a festival crowd from a hotel, killing dozens, police said. " * 3), "title": "Crowd shot",
         "source": "Channel", "date": "2017-11-27T12:15:00"},
        {"text": ("Police believe the gunman who fired on the festival crowd on Sunday night acted alone. " * 3), "title": "Gunman alone",
         "source": "Channel", "date": "2017-11-27T12:15:00"},
    ]
    b = brief(rows)
    assert [a.date for a in b.articles if a.source == "Channel"] == ["", ""]
    assert [a.date for a in b.articles if a.source == "Post"] == ["2017-10-02T00:00:00"]
    assert any("2017-11-27 12:15" in n and "captured" in n for n in b.notes)
    assert not any("Dated a month or more" in n for n in b.notes)


@pytest.mark.parametrize(
    ("sentence", "contradicts"),
    [
        ("Re-entry was delayed in September 2017 so the wreckage would fall into the sea.", True),
        ("The station was launched in September 2011.", False),  # before the date line
        ("The agency expects it to come down between October 2017 and April 2018.", False),  # ahead
        ("She had to pay the entire amount by November 2018, the paper reported.", False),  # a deadline
        ("The museum was due to open in March 2018.", False),  # ahead, from the past
        ("It will launch in March 2018.", False),
        ("The trial was moved on Friday.", False),  # no year: read against the date line itself
    ],
)
def test_a_date_line_is_contradicted_only_by_a_later_event_told_as_past(sentence: str, contradicts: bool) -> None:
    """A page dated 2016 that tells of September 2017 as past has a wrong date line; plans,
    deadlines and earlier events do not say so."""
    assert (date_contradicted([sentence], date(2016, 9, 21)) is not None) is contradicts
    assert date_contradicted([sentence], None) is None


def test_a_brief_does_not_use_a_date_line_its_article_contradicts() -> None:
    """The article is undated for the brief (not "another moment of the story"), and a note says why."""
    from manysides.api import brief

    body = ("Engineers said the orbiting lab would fall to Earth within months, and the agency tracked it daily. "
            "Re-entry was delayed in September 2017 so the wreckage would fall into the ocean, officials said. ")
    b = brief([
        {"text": body * 3, "source": "Old Page", "date": "2016-09-21"},
        {"text": ("Engineers say the orbiting lab will fall to Earth within months, and the agency is tracking it daily. " * 3),
         "source": "Daily", "date": "2018-01-02"},
        {"text": ("The orbiting lab will fall to Earth within months, engineers say, as the agency tracks it daily. " * 3),
         "source": "Wire", "date": "2018-01-03"},
    ])
    old = next(a for a in b.articles if a.source == "Old Page")
    assert old.date == ""
    assert any("dated 2016-09-21" in n and "September 2017" in n for n in b.notes)
    assert not any("Dated a month or more" in n for n in b.notes)


def test_a_relative_date_with_its_date_written_out_is_that_date() -> None:
    """"in effect beginning today, October 24, 2017" in a December article is October 24, not the
    article's day (a reader found an advisory dated the day of the incident it preceded)."""
    late_december = date(2017, 12, 27)
    assert [m.iso for m in dates_in("The advisory is in effect beginning today, October 24, 2017.", late_december)] == ["2017-10-24"]
    assert [m.iso for m in dates_in("The board met on Monday, Oct. 23, to vote.", late_december)] == ["2017-10-23"]
    assert [m.iso for m in dates_in("The mayor spoke today about the bridge.", late_december)] == ["2017-12-27"]


def test_a_date_that_bounds_a_span_is_not_the_day_of_the_event() -> None:
    """Readers found "since November" dating a February crash, and "today's biggest tech
    companies" made a row of the day."""
    assert dates_in("Prices are at their lowest level since November.", MONDAY) == []
    assert dates_in("The club won its first title since 1908 on a rainy night.", MONDAY) == []
    assert dates_in("Other coins have lost 40 percent over the last month.", MONDAY) == []
    assert dates_in("It was founded by veterans of today's biggest tech companies.", MONDAY) == []
    assert [m.surface for m in dates_in("Today's vote was put off until the spring.", MONDAY)] == ["Today"]
    assert [m.surface for m in dates_in("He was arrested last month in Ohio.", MONDAY)] == ["last month"]


def test_today_after_in_service_or_available_means_nowadays() -> None:
    assert dates_in("It is the most capable rocket in service today.", MONDAY) == []
    assert dates_in("It is twice as powerful as any rocket available today, the company said.", MONDAY) == []
    assert [m.iso for m in dates_in("The rocket is flying today from Florida's coast.", MONDAY)] == ["2017-02-27"]  # can be either: a day
    assert [m.iso for m in dates_in("The council meets today to vote.", MONDAY)] == ["2017-02-27"]


def test_an_article_updated_after_its_date_tells_of_the_days_after_it() -> None:
    """Readers found "investigators said Monday" in a report dated Sunday Dec. 31, of a crash
    that Sunday, dated the Monday before the crash: the page was updated and kept its stamp."""
    report = sentences_of("a", "A small plane crashed on Sunday in the hills above Riverton, killing all 12 aboard.\n\n"
                               "Investigators said Monday that strong winds most likely caused the crash of the plane.")
    later = sentences_of("b", "Relatives gathered in Riverton on Tuesday to mourn the 12 people killed in the plane crash.")
    rows = {e.text[:12]: e.iso for e in timeline_of(report + later, {"a": "2017-12-31", "b": "2018-01-02"})}
    assert rows["Investigator"] == "2018-01-01" and rows["A small plan"] == "2017-12-31"
    # with no later report, nothing says the page was updated: a Monday told in the past is the one before
    alone = {e.text[:12]: e.iso for e in timeline_of(report, {"a": "2017-12-31"})}
    assert alone["Investigator"] == "2017-12-25"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # a reader found both put in the year the article was published (January 1)
        ("In January, the agency announced plans to launch two probes.", "2017-01"),  # a month just begun has no past yet
        ("In February, the council asked the state to look into it, expected to cost $2 million.", "2017-02"),
        ("In February, the agency will launch a probe.", "2018-02"),
        ("In March, the company is expected to open a plant.", "2018-03"),
    ],
)
def test_a_month_that_opens_the_sentence_takes_the_tense_of_its_clause(text: str, iso: str) -> None:
    assert dates_in(text, date(2018, 1, 1))[0].iso == iso


def test_the_article_s_own_month_told_in_the_past_later_in_the_month_is_this_year_s() -> None:
    assert dates_in("In January, sales rose 5 percent.", date(2018, 1, 20))[0].iso == "2018-01"


SATURDAY = date(2017, 12, 30)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # no tense says whether these are ahead or gone: a sky guide's coming week was dated back a week
        ("The meteor shower peaks on Wednesday night over the lake.", ""),
        ("Sunday's launch also falls on the founder's birthday.", ""),
        ("The planet returns to the evening sky in March.", ""),
        ("The club typically pays its bonuses in January.", ""),
        # the article's own day needs no tense
        ("The exhibition opens on Saturday at the old station.", "2017-12-30"),
        # a past form anywhere in the sentence, irregular or negated, dates it back
        ("The ferry was hit while leaving the harbour around 7 p.m. Tuesday.", "2017-12-26"),
        ("The river rose on Thursday and flooded two streets.", "2017-12-28"),
        ("Heading into the final on Sunday night, the team wasn't at its best.", "2017-12-24"),
        ("One person died, in contrast with Thursday's crash on the same road.", "2017-12-28"),
        ("The council met in March to approve the plan.", "2017-03"),
        ("The minister called Thursday's vote a mistake.", "2017-12-28"),
        # a participle that names is no past
        ("The comet comes closest, an event called perihelion, on Wednesday.", ""),
        # a tense ahead keeps the date ahead
        ("The bridge will reopen on Wednesday morning.", "2018-01-03"),
    ],
)
def test_a_weekday_or_month_in_no_tense_stays_unresolved(text: str, iso: str) -> None:
    assert dates_in(text, SATURDAY)[0].iso == iso


def test_ago_without_a_number_is_no_date() -> None:
    """"converted to Islam months ago" read as the date "Islam months ago", a month back."""
    assert dates_in("He had moved to the city months ago.", SATURDAY) == []
    assert dates_in("He moved to the city three months ago.", SATURDAY)[0].iso == "2017-10"


def test_a_year_that_names_a_work_is_no_date_of_the_line() -> None:
    """"allowing her to drive on the set of 2003 film Kill Bill is one of my biggest regrets"
    was dated 2003: the film's year, not when the director said it."""
    assert dates_in("He said letting her drive on the set of 2003 film Night Road was his worst mistake.", SATURDAY) == []
    assert dates_in("The bridge opened in 2003 and closed in 2010.", SATURDAY)[0].iso == "2003"


def test_an_event_only_an_article_of_another_moment_states_is_not_the_storys() -> None:
    """A reader found a year-old article's launches filling a third of this month's timeline;
    readers of the labelled timelines judged 6 of 19 such events right (an old article's dispute,
    another case's dates): the timeline, like the summary, is told from the other articles."""
    now = sentences_of("a", "The Pinewood Bridge was closed on Tuesday after inspectors found a crack in a beam.\n\n"
                            "The Lisle council voted on Thursday to fund the repairs to the bridge.")
    old = sentences_of("b", "The Lisle Ferry company added a second boat in June 2025 to carry more riders.")
    dates = {"a": "2026-03-05", "b": "2025-06-20"}
    kept = timeline_of(old + now, dates, limit=3, apart={"b"})
    assert [e.sources for e in kept] == [("a",), ("a",)]  # room or not
    assert ("b",) in [e.sources for e in timeline_of(old + now, dates, limit=2)]  # without it, the old one is taken


def test_a_weekday_whose_own_verb_is_past_is_the_last_one_whatever_a_later_clause_puts_ahead() -> None:
    # a reader found "Moon on Tuesday welcomed …" in an article of Wednesday Jan 3 dated Tuesday Jan 9
    wednesday = date(2018, 1, 3)
    welcomed = "The mayor on Tuesday welcomed the offer as a sign that the games would be a chance for peace."
    assert [m.iso for m in dates_in(welcomed, wednesday)] == ["2018-01-02"]
    assert [m.iso for m in dates_in("The council on Tuesday will vote on the plan.", wednesday)] == ["2018-01-09"]


def test_a_year_in_a_clause_of_another_time_is_not_the_lines_date() -> None:
    # a reader found "had been sentenced to 45 years … after the military ousted him in 2013" dated 2013
    assert dates_in("The former mayor had been sentenced to 12 years in two trials after the council ousted him in 2013.", SATURDAY) == []
    assert dates_in("More than 2,500 have been built since the aircraft entered service in 1984.", SATURDAY) == []
    assert dates_in("On its first call since it disclosed a breach in September, the firm detailed its costs.", SATURDAY) == []
    assert [m.iso for m in dates_in("The agency has since said it expects the station down in October 2017.", SATURDAY)] == ["2017-10"]
    assert [m.iso for m in dates_in("The bridge opened in 2003 after the old one collapsed.", SATURDAY)] == ["2003"]


def test_last_weekday_said_the_day_after_is_the_week_before() -> None:
    # a reader found "said last Wednesday", in an article of Thursday Feb 1, dated the day before
    thursday = date(2018, 2, 1)
    assert [m.iso for m in dates_in("The minister said last Wednesday that the plan was dead.", thursday)] == ["2018-01-24"]
    assert [m.iso for m in dates_in("The minister said last Monday that the plan was dead.", thursday)] == ["2018-01-29"]


def test_a_line_that_names_no_one_is_no_event_unless_it_speaks_of_the_storys_named_subject() -> None:
    """Readers judged "The firm made a similar move in 2012." and "The satellite is set to
    launch in 2018." dangling in timelines: whose move, which satellite. "The bridge was built in
    1962" in a story of the Pinewood Bridge is that bridge's line."""
    from manysides.text.timeline import subject_words

    lines = sentences_of("a", "The firm made a similar move in 2012 before the new rates.\n\n"
                              "The bridge was built in 1962 and was last repaired in 2011.\n\n"
                              "Inspectors closed the Pinewood Bridge on Tuesday.")
    dates = {"a": "2026-03-05"}
    assert [e.iso for e in timeline_of(lines, dates)] == ["2026-03-03"]
    subject = subject_words(["Pinewood Bridge closed after crack found", "Bridge closure: buses added"],
                            ["Inspectors closed the Pinewood Bridge on Tuesday."])
    assert subject == {"bridge"}
    assert [e.iso for e in timeline_of(lines, dates, subject=subject)] == ["1962", "2026-03-03"]
    # a headline's word the texts never write as a name's is no subject: "the firm" is anyone's
    assert subject_words(["Firm hit by tax bill", "Firm to pay $5bn"], ["The firm said it would pay."]) == frozenset()


def test_a_dated_line_that_writes_none_of_the_storys_names_is_no_event_of_it() -> None:
    """Readers found another case told as background ("In July 2012, a bank error caused a
    Nashville man to be charged $84,522 …") and "The flight was scheduled to take off at 11:55
    p.m. Sunday" in timelines; neither writes a name two of the story's articles open with."""
    from manysides.text.names import story_names

    titles = ["Erie woman billed $284 billion by Penelec", "Penelec sends Erie customer huge bill"]
    leads = [["An Erie woman, Mary Horomanski, got a bill from Penelec for $284 billion on Tuesday."],
             ["Mary Horomanski of Erie opened her Penelec bill on Tuesday and saw $284 billion."]]
    names = story_names(titles, leads)
    assert {"Erie", "Penelec", "Horomanski"} <= names
    assert not names & {"An", "Mary", "Tuesday"}  # an opening word (one lead opens with "Mary"), a weekday
    lines = sentences_of("a", "Penelec said on Wednesday that a wrong decimal point caused the bill.\n\n"
                              "In July 2012, a bank error caused a Nashville man to be charged $84,522 for a tank of gas.")
    dates = {"a": "2017-12-28"}
    assert [e.iso for e in timeline_of(lines, dates)] == ["2012-07", "2017-12-27"]
    assert [e.iso for e in timeline_of(lines, dates, names=names)] == ["2017-12-27"]


def test_two_lines_of_one_day_as_close_as_a_retelling_are_one_event_but_not_two_of_one_month() -> None:
    """Readers labelled 11 of 30 second entries of a day duplicates: "Two subway work trains
    collided early Wednesday" and the trains "bumped into each other" Wednesday morning. Two
    people's remarks "in November" are two events however close."""
    from manysides.text.timeline import merge_same_events

    a = sentences_of("a", "Two subway work trains collided in a tunnel early Wednesday, injuring one worker.\n\n"
                          "In November, council chair Ana Ruiz said the Astoria line was unsafe.")
    b = sentences_of("b", "The MTA said the trains bumped into each other Wednesday morning.\n\n"
                          "In November, former engineer Tom Bell said the Astoria tunnel was unsafe.")
    flat = a + b
    events = timeline_of(flat, {"a": "2017-12-27", "b": "2017-12-27"})
    assert len(events) == 4
    # vectors with a set cosine between the two lines of each date: 0.45 for both pairs
    other = (1 - 0.45 ** 2) ** 0.5
    vectors = np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0.45, other, 0, 0], [0, 0, 0.45, other]], dtype=np.float32)  # a's lines, then b's
    merged = merge_same_events(events, flat, vectors)
    assert sorted((e.iso, e.sources) for e in merged) == [("2017-11", ("a",)), ("2017-11", ("b",)), ("2017-12-27", ("a", "b"))]


def test_an_article_dated_alone_a_week_or_more_from_the_others_dates_no_weekday() -> None:
    """RT's copy of a flight's turnaround was dated eleven days after the other outlets' (the
    day its page was captured): its "on Tuesday" put the flight a week late in a reader's
    timeline. Its written-out dates still count; a story told over weeks keeps its weekdays."""
    near = sentences_of("a", "The Lisle Air flight left Los Angeles on Tuesday and came back hours later.")
    late = sentences_of("b", "The Lisle Air flight departed on Tuesday and turned around after four hours.\n\n"
                             "Lisle Air first flew the route on Dec. 1, 2016, the airline said.")
    dates = {"a": "2017-12-27", "b": "2018-01-07", "c": "2017-12-27"}
    events = {(e.iso, e.sources) for e in timeline_of(near + late, dates)}
    assert ("2017-12-26", ("a",)) in events and ("2016-12-01", ("b",)) in events
    assert not any(iso.startswith("2018") for iso, _ in events)
    # articles every few days over weeks: none is alone, each keeps its weekdays
    spread = {"a": "2017-12-27", "b": "2018-01-07", "c": "2018-01-05", "d": "2017-12-29"}
    assert any(iso == "2018-01-02" for iso, _ in {(e.iso, e.sources) for e in timeline_of(near + late, spread)})


@pytest.mark.parametrize("line", [
    "Buhari says 21 of the schoolgirls abducted by the militants more than two years ago have been released.",
    "The militants have freed 21 of the schoolgirls kidnapped more than two years ago, officials said Thursday.",
    "The 276 girls taken in April 2014 are still missing, their parents said.",
])
def test_a_date_of_the_subjects_past_or_of_another_clause_than_the_perfect_dates_no_event(line: str) -> None:
    """A reader found the girls' release dated two years back, at the head of a timeline: "more
    than two years ago" tells of their abduction. "Ago" does not go with a present perfect, and a
    year the line's verb follows ends its subject."""
    assert not [m for m in dates_in(line, date(2016, 10, 13)) if m.iso.startswith("2014")]  # Thursday is the story's
    assert [m.iso for m in dates_in("The girls were abducted two years ago from their school.", date(2016, 10, 13))] == ["2014"]
    assert [m.iso for m in dates_in("In April 2014, the militants took 276 girls.", date(2016, 10, 13))] == ["2014-04"]


@pytest.mark.parametrize("line", [
    "Arians revived a franchise mired in mediocrity -- with the exception of a Super Bowl run in 2009 -- and won twice.",
    "The missile was launched just before 6 a.m. (2100 GMT Monday) and flew 2,700 km.",
])
def test_a_date_in_an_aside_dates_the_aside_not_the_line(line: str) -> None:
    """A reader found a coach's revival dated by the Super Bowl year of a dash-set aside."""
    assert not dates_in(line, date(2017, 8, 29))
    assert [m.iso for m in dates_in("The jack stays — in 2017, both phones have it.", date(2017, 8, 29))] == ["2017"]  # one dash: no aside


def test_a_date_ahead_in_a_december_article_is_next_years_whatever_adjectives_and_present_tense_say() -> None:
    # readers found "could launch a classified satellite … as soon as Jan. 4" (a participle before its
    # noun read as the past) and "before the new law takes effect on Jan. 1" dated back a year
    december = date(2017, 12, 27)
    assert [m.iso for m in dates_in("The rocket could launch a classified U.S. government satellite as soon as Jan. 4.", december)] == ["2018-01-04"]
    assert [m.iso for m in dates_in("The bank was working to use the rules before the new tax law takes effect on Jan. 1.", december)] == ["2018-01-01"]
    assert [m.iso for m in dates_in("The man was arrested on Jan. 4.", december)] == ["2017-01-04"]
    assert [m.iso for m in dates_in("The old tax law took effect on Jan. 1.", december)] == ["2017-01-01"]


def test_last_week_in_a_sunday_article_is_the_week_just_ending() -> None:
    # a reader found a letter of Tuesday Jan. 30 told "last week" in a Sunday Feb. 4 article dated the week before
    assert [m.iso for m in dates_in("Experts called on the firm last week to drop the app.", date(2018, 2, 4))] == ["2018-W05"]
    assert [m.iso for m in dates_in("Experts called on the firm last week to drop the app.", date(2018, 2, 5))] == ["2018-W05"]
    assert [m.iso for m in dates_in("Experts called on the firm last week to drop the app.", date(2018, 2, 3))] == ["2018-W04"]


def test_a_same_day_report_that_names_its_own_weekday_keeps_the_past_days_of_its_week() -> None:
    # a reader found "informed Tuesday of its plan", in a report of a Sunday launch dated that Sunday, dated after it
    report = sentences_of("a", "The Tessaly rocket lifted off on Sunday morning from the coast, officials in Varno said.\n\n"
                               "Varno informed the Maritime Organization Tuesday of its plan to launch within two weeks.")
    later = sentences_of("b", "Officials in Ostrava on Monday condemned the launch of the Tessaly rocket from the coast.")
    rows = {e.text[:14]: e.iso for e in timeline_of(report + later, {"a": "2016-02-07", "b": "2016-02-08"})}
    assert rows["Varno informed"] == "2016-02-02" and rows["The Tessaly ro"] == "2016-02-07"


def test_a_dated_story_lists_no_line_that_no_date_places() -> None:
    """Readers judged every unresolved entry of a dated story's timeline wrong: "Earth reaches
    aphelion in July" (a habit, in no tense), a weekday sorted after a month it precedes."""
    s = sentences_of("a", "The Lisle council voted on Tuesday to fund the repairs to the Pinewood Bridge.\n\n"
                          "The Pinewood Bridge usually closes to lorries in July for its inspection.")
    assert [e.iso for e in timeline_of(s, {"a": "2026-03-06"})] == ["2026-03-03"]
    assert [e.iso for e in timeline_of(s)] == ["", ""]  # undated, both stay, unplaced


def test_a_past_date_told_in_no_tense_is_a_caption_or_a_chronology_not_an_event() -> None:
    """Readers found a photo's caption ("German riot police officers take their positions … on
    Dec. 31, 2016") and a list of earlier shootings ("In November 2009, a psychiatrist opens
    fire") among a story's events."""
    s = sentences_of("a", "Lisle police officers take their positions near the Pinewood Bridge on Dec. 31, 2025, in Lisle.\n\n"
                          "In March 2019, a barge strikes the Pinewood Bridge and damages a pier.\n\n"
                          "The Lisle council voted on Tuesday to fund the repairs to the Pinewood Bridge.\n\n"
                          "Inspectors will close the Pinewood Bridge on Friday for a week.")
    assert [e.iso for e in timeline_of(s, {"a": "2026-03-06"})] == ["2026-03-03", "2026-03-06"]


def test_two_months_written_with_one_year_share_it() -> None:
    """"launching two earlier flights in May and July 2016" was dated May of the article's year."""
    assert dates_in("The boosters flew two earlier missions in May and July 2016.", SATURDAY)[0].iso == "2016-05"
    assert dates_in("Rain closed the bridge on May 3 and June 5, 2016.", SATURDAY)[0].iso == "2016-05-03"
    assert dates_in("The council met in March and again in July.", SATURDAY)[0].iso == "2017-03"


def test_a_relative_year_or_month_is_dated_where_its_article_is_of_another() -> None:
    """A reader of a January brief took a December article's "late March of next year" for the
    year after; a line of the latest report's year and month says nothing more."""
    from manysides.text.timeline import with_periods_dated

    december, january = date(2017, 12, 30), date(2018, 1, 3)
    assert with_periods_dated("In late March of next year, the station will fall.", december, january) == \
        "In late March of next year [2018], the station will fall."
    assert with_periods_dated("It spun out of control earlier this month.", december, january) == \
        "It spun out of control earlier this month [December 2017]."
    assert with_periods_dated("It lost contact last year.", december, january) == "It lost contact last year [2016]."
    same = "It will fall next month, the agency said this year."
    assert with_periods_dated(same, january, january) == same
    assert with_periods_dated(same, None, january) == same
    # stamped too near the month's turn to tell the writer's month (a Seoul report of New Year's Day)
    assert with_periods_dated(same, datetime(2017, 12, 31, 23, 9), january) == same
    assert with_periods_dated(same, date(2017, 12, 1), january) == same  # a date alone, on the first of its month
    assert with_periods_dated("It fell last month.", datetime(2017, 12, 31, 14, 0), january) == "It fell last month [November 2017]."


def test_a_days_possessive_dates_its_noun_not_the_lines_event() -> None:
    """"Intel has launched … glasses, confirming last week's rumors" was dated a week before the
    launch; a day that opens the line or a clause of what came after it still dates the line."""
    def of_a_noun(text: str) -> list[bool]:
        return [m.of_another_thing for m in dates_in(text, SATURDAY)]

    assert of_a_noun("Intel has launched a set of smart glasses called Vaunt, confirming last week's rumors.") == [True]
    assert of_a_noun("Some politicians welcomed Sunday’s vote, while others warned of repercussions.") == [True]
    assert of_a_noun("Tuesday's launch was the first from the new pad in Kazakhstan.") == [False]
    assert of_a_noun("The satellite entered orbit after Tuesday's launch from Baikonur.") == [False]
    assert of_a_noun("Police said Tuesday the men were arrested.") == [False]
    assert of_a_noun("The press secretary criticised the governor at Thursday's briefing.") == [False]  # its occasion
    assert of_a_noun("Analysts expect earnings to rise by 13 percent next year.") == [True]  # a figure's period
    assert of_a_noun("Its population stood at 32 million as of Jan. 1, 2017.") == [True]  # a state's date
    assert of_a_noun("The bill said she had to pay the entire amount by November 2018.") == [True]  # a deadline
    assert of_a_noun("Orchard plans to build the first of them by the middle of next year.") == [True]
    assert of_a_noun("Shares fell by 10 percent on Tuesday.") == [False]  # a figure's "by"
    lines = sentences_of("a", "Intel has launched a set of smart glasses called Vaunt, confirming last week's rumors. "
                              "The Vaunt glasses were shown to reporters on Monday in a hotel in San Francisco.")
    assert [e.date for e in timeline_of(lines, {"a": "2017-12-30"})] == ["on Monday"]


def test_the_note_on_articles_of_another_moment_says_what_the_brief_does_with_them() -> None:
    """A reader found "the summary is told from the others" above summary lines that cite such an
    article (the others carried them too): the note now says what the brief does."""
    from manysides.pipeline import _out_of_time_notes
    from manysides.records import Article

    dates = ["2017-12-30", "2017-12-31", "2017-12-30", "2016-04-10"]
    articles = [Article(id=f"a{n}", source=f"Outlet {n}", title="", text="Text.", date=d) for n, d in enumerate(dates)]
    (note,) = _out_of_time_notes(articles)
    assert "[4] 2016-04-10" in note and "only what the others also report" in note and "quotes say so" in note


def test_an_article_dated_apart_that_carries_the_others_report_is_read_as_of_their_moment() -> None:
    """Readers found a December press release, dated April by its page (7 of its 8 sentences
    facts the others state), called "another moment of the story"; a year-old report that
    shares one fact with the others stays apart."""
    from manysides.align import SentenceIndex
    from manysides.pipeline import _misdated, _misdated_notes
    from manysides.records import Article, Fact, Sentence

    def lines(aid: str, n: int) -> list[Sentence]:
        return [Sentence(aid, k, f"Line {k} of {aid}.", 0, 1) for k in range(n)]

    sentences = lines("copy", 8) + lines("old", 20) + lines("a", 10) + lines("b", 10)
    index = SentenceIndex(tuple(sentences), np.zeros((len(sentences), 4), dtype=np.float32))
    facts = [Fact(f"Fact {k}.", ("a", "copy"), {"a": f"Line {k} of a.", "copy": f"Line {k} of copy."}) for k in range(5)]
    facts.append(Fact("Fact old.", ("a", "old"), {"a": "Line 9 of a.", "old": "Line 0 of old."}))
    assert _misdated({"copy", "old"}, index, facts) == {"copy"}
    articles = [Article(id=i, source=i, title="", text="", date=d) for i, d in
                (("a", "2017-12-11"), ("b", "2017-12-12"), ("c", "2017-12-10"), ("copy", "2017-04-10"), ("old", "2016-12-01"))]
    (note,) = _misdated_notes(articles, {"copy"})
    assert "[4] 2017-04-10" in note and "read as of their moment" in note and "[5]" not in note


def test_a_relative_year_that_a_figure_is_counted_over_dates_no_event() -> None:
    """Readers judged "next year (2018) — … will boost earnings per share by 13 percent next year"
    wrongly dated: the year is the forecast's period; the estimate has a day of its own. A year
    beside a name's number ("its Pixel 2 … last year") or with no figure still dates the line."""
    lines = sentences_of("a", "Analysts at Orchard Bank estimated that the law will boost earnings per share by 13 percent next year. "
                              "Orchard Bank said the change will cut its profit this year by about $5 billion. "
                              "Orchard Bank filed its estimate on Dec. 18 with the regulator. "
                              "When Orchard launched its Pixel 2 handset last year, it surprised the market. "
                              "Negotiations with the union failed last year after a long strike.")
    dates = [e.date for e in timeline_of(lines, {"a": "2017-12-30"})]
    assert "next year" not in dates and "this year" not in dates
    assert "Dec. 18" in dates and dates.count("last year") == 2


def test_a_wire_photos_caption_dates_no_event() -> None:
    """Readers found a timeline entry from an AP photo's caption ("FILE - In this Dec. 13, 2016, file
    photo, … The New York bank said Friday, Dec. 29, 2017, that …"), the story retold for the
    picture desk, beside the story's own entry of that Friday, and a caption's line with its verb lost."""
    text = ("FILE - In this Dec. 13, 2016, file photo, the logo of Orchard Bank appears above a trading post. "
            "Orchard Bank said Friday, Dec. 29, 2017, that two thirds of the charge are due to changes in taxes. (Ann Lee, File/Associated Press)\n\n"
            "NEW YORK — Orchard Bank on Friday became one of the first companies to say how the tax law will hit its profit.")
    entries = timeline_of(sentences_of("a", text), {"a": "2017-12-30"})
    assert len(entries) == 1 and "became one of the first" in entries[0].text


def test_the_date_a_state_or_a_ranking_holds_at_dates_no_event() -> None:
    """Readers judged "January 1, 2017 — … America, which stood at 324 million as of January 1,
    2017" and "2017 — … making it the best-performing asset of 2017" misdated: the date is when a
    state or a ranking holds, not the line's event. "The rest of 2017" is no ranking."""
    lines = sentences_of("a", "The Orchard breach hit a third of Arden, whose population stood at 32 million as of January 1, 2017. "
                              "Orchard Coin rose fast, making it the best-performing asset of 2017. "
                              "Orchard Bank raised its fees for the rest of 2017, the bank said.")
    assert [e.date for e in timeline_of(lines, {"a": "2018-02-06"})] == ["2017"]


def test_a_relative_month_or_week_of_a_report_stamped_at_its_turn_dates_no_event() -> None:
    """A reader found "proposed last month" of a Seoul report stamped "2017-12-31T23:09" dated
    November, and "Last week, the UN Security Council …" of one stamped "2018-01-01T01:14" dated the
    week after the vote: a stamp hours from a turn does not say which month or week its writer was
    in. The same lines stamped mid-month, or a weekday at the turn, keep their dates."""
    text = ("Arden's president proposed last month that the drills be postponed. "
            "Last week, the council adopted new sanctions on Arden. "
            "Arden's leader offered talks on Monday in a speech.")
    at_turn = {e.date for e in timeline_of(sentences_of("a", text), {"a": "2018-01-01T01:14:43"})}
    assert at_turn == {"on Monday"}
    mid = {e.date: e.iso for e in timeline_of(sentences_of("a", text), {"a": "2017-12-13T10:00:00"})}
    assert mid["last month"] == "2017-11" and mid["Last week"] == "2017-W49"
    assert {e.date for e in timeline_of(sentences_of("a", text), {"a": "2018-01-01"})} == {"last month", "Last week", "on Monday"}


def test_a_line_that_names_its_person_by_trade_alone_is_no_timeline_entry() -> None:
    """A reader found "Monday — The Grammy-nominated comedienne broke the news to her Twitter
    followers Monday" dangling: which comedienne, the timeline alone does not say."""
    text = ("Comedian Mara Quill announced on Monday that she and actor Tom Vale had split. "
            "The Grammy-nominated comedienne broke the news to her Twitter followers Monday. "
            "The comedian gushed over Vale to talk show host Jim Kell in June.")
    entries = [e.text for e in timeline_of(sentences_of("a", text), {"a": "2018-02-06"})]
    assert not any("Grammy-nominated" in t for t in entries)
    assert any(t.startswith("Comedian Mara Quill") for t in entries) and any("Jim Kell" in t for t in entries)


def test_a_line_that_names_its_thing_by_kind_alone_is_no_timeline_entry() -> None:
    """Readers found "Sunday — The flight was scheduled to take off at 11:55 p.m. Sunday" dangling
    (which flight) and "Tuesday — The accident happened late Tuesday on the Rhine" the lead's
    event told again. A line that names its thing ("The Arden Air flight") or qualifies it ("The
    price of Arden Lines shares") stays."""
    text = ("A ferry of Arden Lines struck a bridge pier on the Vale river on Tuesday, injuring 12 people. "
            "The accident happened late Tuesday near the Vale town of Orm. "
            "The flight was scheduled to leave Orm for Arden at 11:55 p.m. Sunday, but left late. "
            "The price of Arden Lines shares fell 3 percent on Wednesday after the crash.")
    entries = [e.text for e in timeline_of(sentences_of("a", text), {"a": "2017-12-27"})]
    assert not any(t.startswith(("The accident", "The flight")) for t in entries)
    assert any(t.startswith("A ferry of Arden Lines") for t in entries) and any(t.startswith("The price of Arden") for t in entries)


def test_a_line_that_says_it_belongs_to_another_case_is_no_timeline_entry() -> None:
    """A reader found "In May, six people in Seattle were placed under arrest … as part of another
    investigation" dated among the story's own events."""
    text = ("Police arrested the ring's leaders on Tuesday in Arden. "
            "In May, six people in Arden were placed under arrest as part of another investigation into brothels.")
    assert [e.date for e in timeline_of(sentences_of("a", text), {"a": "2018-01-11"})] == ["on Tuesday"]


def test_a_weekday_ahead_of_a_report_stamped_just_past_midnight_that_lands_six_days_on_dates_nothing() -> None:
    """A reader found "On Monday night, the full moon will reach …" of a page stamped 03:32 on
    Tuesday dated the Monday after: its writer may still have been in Monday. Stamped at noon, the
    same line is next Monday's; told in the past, last night's."""
    ahead = "On Monday night, the full moon over Arden will reach its closest point to Earth."
    assert timeline_of(sentences_of("a", ahead), {"a": "2018-01-02T03:32:53"}) == []
    assert [e.iso for e in timeline_of(sentences_of("a", ahead), {"a": "2018-01-02T12:00:00"})] == ["2018-01-08"]
    past = "On Monday night, the full moon over Arden reached its closest point to Earth."
    assert [e.iso for e in timeline_of(sentences_of("a", past), {"a": "2018-01-02T03:32:53"})] == ["2018-01-01"]
