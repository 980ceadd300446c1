"""Report writers: Markdown and HTML render every part; HTML escapes everything untrusted."""

from __future__ import annotations

import html as htmllib
import json

from manysides import Brief
from manysides.records import Article, Divergence, Fact, Framing, Quote, RemovedLine, SummarySentence, TermContrast

XSS = '<script>window.__xss=1</script><img src=x onerror="alert(1)">'


def _brief(payload: str = "plain") -> Brief:
    a = Article(id="a1", source=f"Outlet {payload}", title=f"Title {payload}", text=f"First sentence {payload}.\n\nSecond one here.", removed=(RemovedLine(3, f"Share {payload}", "social prompt"),))
    b = Article(id="b2", source="Other", title="", text=f"First sentence {payload}. Another.")
    s = SummarySentence(f"First sentence {payload}.", ("a1",), {"a1": f"First sentence {payload}."}, disputed={"b2": f"{payload} weeks"})
    return Brief(
        articles=(a, b),
        summary=(s,),
        facts=(Fact(f"Fact {payload}", ("a1", "b2"), {"a1": f"Fact {payload}", "b2": "Fact"}, 2, disputed={"b2": f"{payload} days"}),),
        divergences=(Divergence("conflict", f"Numbers differ {payload}", ("a1", "b2"), {"a1": f"x {payload}", "b2": "y"}, "number", {"a1": "1", "b2": "2"}),),
        quotes=(Quote(f"Speaker {payload}", f"Quote {payload}", ("a1",), f"Title {payload}"),),
        framing=(Framing("a1", f"Outlet {payload}", (TermContrast(f"term {payload}", "neutral", 1, (f"s {payload}",)),), 0.5, (f"opinion {payload}",), f"lead {payload}"),),
    )


def test_html_escapes_every_untrusted_field() -> None:
    page = _brief(XSS).to_html()
    assert "<script>" not in page and "onerror=" not in page.replace("onerror=&#34;", "")
    assert "<img" not in page
    assert htmllib.escape(XSS, quote=True).replace("&#x27;", "&#39;")[:20] in page or "&lt;script&gt;" in page


def test_html_is_self_contained_with_csp() -> None:
    page = _brief().to_html()
    assert "Content-Security-Policy" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_html_citation_links_to_highlighted_sentence() -> None:
    page = _brief().to_html()
    assert 'href="#a1-s0"' in page and '<mark id="a1-s0">' in page


def test_markdown_cites_with_numbers_and_lists_removed_on_request() -> None:
    md = _brief().to_markdown(show_removed=True)
    assert "First sentence plain. [1] — *[2] gives “plain weeks”*" in md
    assert "line 3: Share plain — *social prompt*" in md
    assert "Removed clutter" not in _brief().to_markdown()


def test_json_roundtrip() -> None:
    b = _brief()
    again = Brief.from_dict(json.loads(b.to_json()))
    assert again.to_dict() == b.to_dict()


def test_markdown_shortens_a_long_lead_at_a_word() -> None:
    lead = "Governor " + " ".join(["immigration"] * 40) + " memo."
    md = _brief(lead).to_markdown()
    line = next(x for x in md.splitlines() if x.startswith("- Leads with: "))
    assert line.endswith("immigration …") and len(line) <= len("- Leads with: ") + 242
    assert "- Leads with: lead short" in _brief("short").to_markdown()  # short leads are whole, unmarked


def test_the_brief_is_titled_by_the_headline_the_agreed_facts_bear_out() -> None:
    def article(aid: str, title: str) -> Article:
        return Article(id=aid, source=aid, title=title, text="Body.")

    facts = (Fact("Inspectors closed the Orrin Bridge after finding a cracked beam.", ("a1", "a2", "a3"), {}, 3),
             Fact("Buses will replace the bridge crossing from Wednesday.", ("a2", "a3"), {}, 3))
    arts = (article("a1", "Mayor's office answers critics"), article("a2", "Another crumbling bridge fiasco"),
            article("a3", "Orrin Bridge closed after inspectors find cracked beam"))
    assert Brief(articles=arts, facts=facts).title == "Orrin Bridge closed after inspectors find cracked beam"
    # A loaded headline ("fiasco") does not name the brief while a plain one is there; with
    # no facts to decide, the first headline does.
    assert Brief(articles=arts[:2], facts=facts).title == "Mayor's office answers critics"
    assert Brief(articles=arts[::-1]).title == arts[2].title


def test_a_headline_a_later_article_overtook_does_not_name_the_brief() -> None:
    """A reader found "Race to reach boy trapped in Hebei" over a brief whose summary says the boy
    was found dead three days later: a headline of an earlier day that awaits its outcome gives
    way; undated, or on the same day, it stays."""
    def article(aid: str, title: str, date: str) -> Article:
        return Article(id=aid, source=aid, title=title, text="Body.", date=date)

    early = article("a1", "Race to reach boy trapped in village well", "2016-11-08T12:00:00")
    late = article("a2", "Boy found dead in village well after four-day search", "2016-11-11T03:00:00")
    assert Brief(articles=(early, late)).title == late.title
    same_day = Article(id="a2", source="a2", title=late.title, text="Body.", date="2016-11-08T20:00:00")
    assert Brief(articles=(early, same_day)).title == early.title


def test_an_agreed_fact_promises_only_the_outlets_it_cites() -> None:
    """Issue #21: readers found "k of n" too low in half the agreed facts (an outlet saying it in other
    words is not always joined), so the brief says "at least k of n", or "all n" when every outlet is cited."""
    assert Fact("The bridge closed.", ("a", "b"), n_articles=4).support_label == "at least 2 of 4"
    assert Fact("The bridge closed.", ("a", "b", "c"), n_articles=3).support_label == "all 3"
    # three copies of one wire story and one outlet's own: counted by report, and said so
    wire = Fact("The bridge closed.", ("a", "b", "c", "d"), n_articles=4, reports=2, n_reports=2)
    assert wire.support_label == "all 2 reports"
    assert Fact("The bridge closed.", ("a", "b"), n_articles=2, reports=2, n_reports=2).support_label == "all 2"


def test_a_declared_column_says_so_in_every_report() -> None:
    from dataclasses import replace

    b = _brief(XSS)
    b = replace(b, framing=(replace(b.framing[0], declared_commentary=f"The opinions expressed in this commentary are hers. {XSS}"),))
    assert "Commentary: the article says it is (“The opinions expressed in this commentary are hers." in b.to_markdown()
    page = b.to_html()
    assert "the article says it is (" in page and "<script>" not in page
    assert Brief.from_dict(json.loads(b.to_json())).framing[0].declared_commentary == b.framing[0].declared_commentary
    filed = replace(b, framing=(replace(b.framing[0], declared_commentary="https://news.example/opinion/the-bridge-we-deserve"),))
    assert "Commentary: its address files it so (“https://news.example/opinion/" in filed.to_markdown()
    assert "its address files it so (" in filed.to_html() and "the article says it is" not in filed.to_html()


def test_no_share_of_commentary_is_promised_where_none_was_flagged() -> None:
    """Readers found "Opinion/commentary: 0% of sentences" beside an editorial and two columns: the
    cues miss some writers' voices, so a report shows a share only where sentences were flagged."""
    from dataclasses import replace

    b = _brief(XSS)
    none = replace(b, framing=(replace(b.framing[0], opinion_share=0.0, declared_commentary=""),))
    some = replace(b, framing=(replace(b.framing[0], opinion_share=0.25, declared_commentary=""),))
    for text in (none.to_markdown(), none.to_html()):
        assert "0% of" not in text and "Commentary:" not in text
    assert "Opinion/commentary: 25% of sentences" in some.to_markdown() and "25% of sentences" in some.to_html()


def test_a_relative_date_shows_the_date_it_resolves_to() -> None:
    """A reader could not place timeline rows dated "Monday" or "Dec. 12"; every report now
    gives the resolved date beside them (a full date as written is left as it is)."""
    from manysides.records import TimelineEvent
    from manysides.report.html import render_html
    from manysides.report.markdown import render_markdown

    brief = Brief(articles=_brief().articles, timeline=(
        TimelineEvent("Monday", "2015-09-14", "The agency said Monday it was ready.", ("a1",)),
        TimelineEvent("April 5, 2009", "2009-04-05", "On April 5, 2009, a launch failed.", ("b2",)),
    ))
    md, page = render_markdown(brief), render_html(brief)
    assert "**Monday (2015-09-14)**" in md and "**April 5, 2009**" in md
    assert "Monday (2015-09-14)" in page and "April 5, 2009 (" not in page


def test_an_article_of_another_moment_does_not_title_the_brief() -> None:
    """Issue #21: a year-old report's headline named a brief of this week's launch."""
    def article(aid: str, title: str, day: str) -> Article:
        return Article(id=aid, source=aid, title=title, text="Body.", date=day)

    facts = (Fact("The agency said it was ready to launch satellites next month.", ("old", "a2"), {}, 2),)
    arts = (article("old", "Agency says it is ready to launch satellites next month", "2015-09-15"),
            article("a2", "Agency launches a satellite, drawing condemnation", "2016-02-07"),
            article("a3", "Neighbours condemn the satellite launch", "2016-02-08"))
    undated = tuple(Article(id=a.id, source=a.source, title=a.title, text=a.text) for a in arts)
    assert Brief(articles=undated, facts=facts).title == arts[0].title  # the facts' words name it
    assert Brief(articles=arts, facts=facts).title != arts[0].title


def test_the_quotes_of_this_moment_are_listed_before_those_only_an_article_dated_apart_carries() -> None:
    """A reader found a later analysis piece's voices filling most of a breach's quote list."""
    from manysides.pipeline import _of_this_moment_first

    old = Quote("Lena Ortiz", "It will all work out.", ("d4",))
    both = Quote("Tomas Reyes", "We welcome the talks.", ("a1", "d4"))
    new = Quote("Ana Ruiz", "We are ready.", ("b2",))
    assert _of_this_moment_first([old, both, new], {"d4"}) == [both, new, old]
    assert _of_this_moment_first([old, both, new], set()) == [old, both, new]


def test_a_quote_from_an_article_of_another_moment_says_its_date() -> None:
    """A reader took last month's "it will all work out" for a reaction to this week's speech."""
    dates = {"a1": "2018-01-02", "b2": "2018-01-01", "c3": "2018-01-03", "d4": "2017-11-07"}
    articles = tuple(Article(id=k, source=f"Outlet {k}", title="", text="Text.", date=d) for k, d in dates.items())
    old = Quote("Lena Ortiz", "It will all work out.", ("d4",))
    new = Quote("Tomas Reyes", "We welcome the talks.", ("a1", "d4"))
    brief = Brief(articles=articles, quotes=(new, old))
    assert brief.another_moment(("d4",)) == "2017-11-07" and brief.another_moment(("a1", "d4")) == ""
    md = brief.to_markdown()
    assert "It will all work out.” [4] — *from an article dated 2017-11-07" in md
    assert "We welcome the talks.” [1][4]\n" in md
    assert "from an article dated 2017-11-07, apart from the others" in brief.to_html()



def test_outlets_that_lead_with_the_same_words_are_shown_once() -> None:
    """A reader found one wire report's lead three times under "Framing by outlet"."""
    from dataclasses import replace

    base = _brief()
    copy = Framing("b2", "Other", (), 0.0, (), "lead  plain")
    b = replace(base, framing=base.framing + (copy,))
    md = b.to_markdown()
    assert "- Leads with: lead plain" in md and "- Leads with the same words as [1]" in md
    assert "the same words as [1]" in b.to_html() and b.same_leads() == {"b2": 1}
