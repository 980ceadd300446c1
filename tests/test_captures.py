"""Captures that are not an article (issues #21, #25): a page of navigation with no article
text is skipped as such, not as a foreign language; a search or listing page that tells the
story in a few words among other matter is left out of the comparison; every skip names its
input; a short real wire item is kept. All pages here are written for the tests."""

from __future__ import annotations

import numpy as np

from manysides.align import SentenceIndex
from manysides.clean.prose import has_prose, not_an_article, page_shape, prose_words, unbriefable
from manysides.pipeline import input_name, little_on_story
from manysides.records import Article, Sentence

NAV_PAGE = "\n".join([
    "Home", "News", "Local", "Sport", "Weather", "Subscribe to Updates", "EXAM PREP SERIES 2019 (ONLINE + CLASSROOM)",
    ("Categories Select Category ARCHIVES BOOK REVIEWS BUSINESS CULTURE CURRENT AFFAIRS DAILY QUIZ EDITORIALS "
     "ENVIRONMENT GEOGRAPHY HISTORY INTERVIEW GUIDANCE MAGAZINE MOCK TESTS Prelims Revision Plan SCIENCE AND "
     "TECHNOLOGY STRATEGY TOPPERS VIDEOS WEEKEND DEBATES World History"),
    "Archives Select Month March 2019 February 2019 January 2019 December 2018 November 2018",
    "Contact Us", "About Us", "Privacy Policy",
])

SEARCH_PAGE = (
    "Search results for: Kestrel Bay ferry\n"
    "... the festival drew record crowds to the harbour in 2009 ... tickets for the ...\n"
    "Council votes to repave Mill Lane after years of complaints from residents. ...\n"
    "... a ferry fire in Kestrel Bay ...\n"
    "Ten tips for planting tulips before the first frost, from our garden columnist ...\n"
    "... the school board meets on Thursday to discuss the new lunch menu and ...\n"
    "Archive: the town's oldest bakery closes its doors after 80 years of trading."
)

FERRY_A = (
    "KESTREL BAY — A fire broke out in the engine room of the passenger ferry Gull Star on Tuesday morning, "
    "forcing the evacuation of 140 passengers, the coast guard said.\n\n"
    "No one was seriously hurt. Two crew members were treated for smoke inhalation at Kestrel Bay hospital.\n\n"
    "The ferry was towed back to port and the crossing to Fenwick Island is suspended until Friday, the operator said."
)
FERRY_B = (
    "All 140 passengers were taken off the Gull Star ferry after a fire started in its engine room on Tuesday, "
    "the coast guard reported.\n\n"
    "Two crew members were treated for smoke inhalation; no passenger was injured.\n\n"
    "The operator suspended the Fenwick Island crossing until Friday while the ferry is inspected in port."
)
WIRE_ITEM = "RIVERTON (AP) — The Pinewood Bridge was closed on Tuesday after inspectors found a cracked steel beam, officials said."


# --- the page: is there article text at all? ---------------------------------------------

def test_a_navigation_page_has_no_sentence_of_prose() -> None:
    assert not has_prose(NAV_PAGE) and prose_words(NAV_PAGE) == 0
    assert "navigation/links only" in page_shape(NAV_PAGE)


def test_articles_and_a_caption_with_no_final_stop_have_prose() -> None:
    assert has_prose(WIRE_ITEM) and has_prose(FERRY_A)
    assert has_prose("A gunman killed more than 50 people at an open-air concert, firing down on them from a hotel across the street")


def test_a_navigation_page_is_skipped_as_no_article_text_not_as_a_language() -> None:
    reason = unbriefable(NAV_PAGE)
    assert reason and reason.startswith("no article text found") and "navigation/links only" in reason
    assert "language" not in reason


def test_a_real_foreign_language_article_is_still_skipped_as_a_language() -> None:
    german = ("Die Brücke über den Fluss wurde am Dienstag gesperrt, nachdem Prüfer einen Riss in einem Stahlträger "
              "gefunden hatten. Der Verkehr wird über die Cedar Street umgeleitet, und die Stadt setzt mehr Busse ein.")
    assert unbriefable(german) == "language 'de' is not supported yet (English only)"
    russian = ("Мост через реку закрыли во вторник после того, как инспекторы обнаружили трещину в стальной балке. "
               "Движение направлено в объезд, а город добавил автобусы на девятом маршруте.")
    assert "language 'other'" in unbriefable(russian)
    assert unbriefable(FERRY_A) is None and unbriefable(WIRE_ITEM) is None


def test_a_skip_note_names_its_input() -> None:
    a = Article(id="x", source="www.example-prep.org", title="Ferry fire", text="", url="https://www.example-prep.org/ferry", origin="input")
    assert input_name(a, 2) == "www.example-prep.org “Ferry fire” (https://www.example-prep.org/ferry)"
    f = Article(id="y", source="de", title="", text="", origin="/tmp/story/de.txt")
    assert input_name(f, 3) == "de (/tmp/story/de.txt)"
    bare = Article(id="z", source="Wire", title="", text="", origin="input")
    assert input_name(bare, 4) == "Wire (input 4 as given)"  # nothing else tells it apart


# --- the story: how much of a capture tells it? ------------------------------------------

def _index(articles: dict[str, list[tuple[str, list[float]]]]) -> SentenceIndex:
    sentences, vectors = [], []
    for aid, rows in articles.items():
        for k, (text, v) in enumerate(rows):
            sentences.append(Sentence(aid, k, text, 0, len(text)))
            v = np.asarray(v, dtype=np.float32)
            vectors.append(v / np.linalg.norm(v))
    return SentenceIndex(tuple(sentences), np.stack(vectors))


STORY, OTHER_1, OTHER_2 = [1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]
TWELVE = "one two three four five six seven eight nine ten eleven twelve"


def test_a_capture_that_tells_the_story_in_a_few_words_among_other_items_is_left_out() -> None:
    index = _index({
        "a": [(TWELVE, STORY), (TWELVE, STORY)],
        "b": [(TWELVE, STORY), (TWELVE, [1.0, 0.1, 0.0, 0.0])],
        # a search page: one short snippet on the story (cosine 1), the rest other items
        "search": [("a ferry fire", STORY)] + [(TWELVE, OTHER_1), (TWELVE, OTHER_2), (TWELVE, [0.0, 0.0, 0.0, 1.0])],
    })
    found = little_on_story(index, ["a", "b", "search"])
    assert set(found) == {"search"} and "3 of its 39 words" in found["search"]


def test_a_short_item_all_on_the_story_is_kept_and_two_articles_are_never_judged() -> None:
    index = _index({
        "a": [(TWELVE, STORY)] * 3,
        "b": [(TWELVE, STORY)] * 3,
        "short": [("The ferry caught fire on Tuesday", STORY)],  # 6 words, all on the story
    })
    assert little_on_story(index, ["a", "b", "short"]) == {}
    two = _index({"a": [(TWELVE, STORY)], "search": [(TWELVE, OTHER_1)] * 4})
    assert little_on_story(two, ["a", "search"]) == {}


# --- end to end ----------------------------------------------------------------------------

def test_a_navigation_page_beside_the_story_is_skipped_and_named(example_dir) -> None:
    from manysides import brief

    # "clean": the page as it reaches the language stage (a store's text, or what the clutter
    # model kept of a page: on a real story, a 372-word category index)
    nav = {"text": NAV_PAGE, "source": "www.example-prep.org", "title": "Bridge closed", "url": "https://www.example-prep.org/bridge",
           "clean": True}
    b = brief([str(example_dir), nav])
    assert "www.example-prep.org" not in {a.source for a in b.articles}
    (skip,) = [s for s in b.skipped if "example-prep" in s.origin]
    assert skip.origin == "www.example-prep.org “Bridge closed” (https://www.example-prep.org/bridge)"
    assert skip.reason.startswith("no article text found (the page is navigation/links only")


def test_a_search_page_beside_two_articles_is_counted_nowhere() -> None:
    from manysides import brief

    b = brief([
        {"text": FERRY_A, "source": "Harbour Times"},
        {"text": SEARCH_PAGE, "source": "Bay Radio", "title": "Search: Bay Radio", "url": "https://bayradio.example/search?q=ferry"},
        {"text": FERRY_B, "source": "Coast Daily"},
    ])
    assert {a.source for a in b.articles} == {"Harbour Times", "Coast Daily"}
    (skip,) = b.skipped
    assert skip.origin.startswith("Bay Radio")
    assert "left out of the comparison" in skip.reason
    assert b.facts and all(f.n_articles == 2 for f in b.facts)
    assert not any("Bay Radio" in a or "bayradio" in a for d in b.divergences for a in d.articles)
    assert not any(s.sources and set(s.sources) - {a.id for a in b.articles} for s in b.summary)


def test_a_short_real_wire_item_is_kept(example_dir) -> None:
    from manysides import brief

    b = brief([str(example_dir), {"text": WIRE_ITEM, "source": "Valley AP"}])
    assert "Valley AP" in {a.source for a in b.articles}
    assert not any("Valley AP" in s.origin for s in b.skipped)


# --- the site talking about the page: a dead link, a cookie wall, a paywall (issue #24) ------

SITE_MESSAGES = {
    "dead link": "Page not found\nSorry, the page you are looking for does not exist or has been moved. Please check the address and try again.\nReturn to the homepage",
    "cookie wall": ("We value your privacy\nWe and our partners use cookies and similar technologies to store and access information on your "
                    "device, to measure performance and to show you content. By clicking Accept you consent to this use.\nAccept all"),
    "paywall": ("Subscribe to continue reading\nYou have reached your limit of free articles this month. Subscribe today for unlimited "
                "access to local news, from as little as $1 a week.\nAlready a subscriber? Log in"),
    "browser check": ("Please enable JavaScript to view this website. Your browser does not support the features this site needs; "
                      "update it or switch to a modern browser to continue."),
    # a reader found this one briefed as an outlet's article, its "lead" the zipcode message
    "delivery area": ("Sorry, this zipcode is not in our deliverable area for this subscription service.\n"
                      "Re-enter zip code or sign up for digital access.\nGet digital access"),
}


def test_a_page_that_is_the_sites_message_is_no_article() -> None:
    for name, page in SITE_MESSAGES.items():
        assert "the site's message" in (not_an_article(page) or ""), name
        assert unbriefable(page) == not_an_article(page)


def test_a_paywalled_teaser_and_an_all_capitals_wire_are_articles() -> None:
    teaser = FERRY_A.split("\n\n")[0] + "\n\nSubscribe to continue reading. You have reached your limit of free articles this month."
    assert not_an_article(teaser) is None  # its news is kept; the prompt is the clean stage's to drop
    capitals = FERRY_A.upper()
    assert has_prose(capitals) and not_an_article(capitals) is None
    assert not has_prose("HOME\nNEWS\nLOCAL NEWS AND SPORT\nCONTACT US")  # a menu in capitals is still a menu
