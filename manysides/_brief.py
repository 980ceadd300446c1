"""The Brief: everything the pipeline found about one story, and its serialisations."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .text.standalone import headline_awaits_an_outcome
from .text.timeline import apart_in_time, overtaken
from .records import (
    Article, Divergence, Entity, Fact, Framing, Quote, RemovedLine, Skipped,
    SummarySentence, TermContrast, TimelineEvent, as_dict,
)

__all__ = ["Brief", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Brief:
    """One story's brief. ``to_json`` / ``to_markdown`` / ``to_html`` render it."""

    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    divergences: tuple[Divergence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    framing: tuple[Framing, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()  # honest caveats: "only one article", "TF-IDF fallback", ...
    meta: dict[str, Any] = field(default_factory=dict)

    # -- lookups used by the report writers -------------------------------------------------
    def number_of(self, article_id: str) -> int:
        """1-based citation number of an article, as shown in [1][3]."""
        for n, a in enumerate(self.articles, start=1):
            if a.id == article_id:
                return n
        raise KeyError(article_id)

    def article(self, article_id: str) -> Article:
        return self.articles[self.number_of(article_id) - 1]

    def citation(self, article_ids: tuple[str, ...] | list[str]) -> str:
        return "".join(f"[{self.number_of(a)}]" for a in article_ids)

    def another_moment(self, article_ids: tuple[str, ...] | list[str]) -> str:
        """The date of the articles given, when all of them are dated a month or more from
        most of the story's (``text.timeline.apart_in_time``), else "": a quote from last
        month's article is not a reaction to this week's event, and a report says so."""
        _, apart = apart_in_time([a.date for a in self.articles])
        dated = {self.articles[n].id: d for n, d in apart}
        if not article_ids or not all(a in dated for a in article_ids):
            return ""
        return min(dated[a] for a in article_ids).isoformat()

    def same_leads(self) -> dict[str, int]:
        """Article id -> the number of the outlet shown before it that leads with the same words:
        copies of one wire report lead alike, and a reader found three identical "Leads with"."""
        first: dict[str, str] = {}
        out = {}
        for f in self.framing:
            lead = " ".join(f.lead.split())
            if lead in first:
                out[f.article_id] = self.number_of(first[lead])
            elif lead:
                first[lead] = f.article_id
        return out

    @property
    def title(self) -> str:
        """The outlets' headline that best names the story: the one whose words the agreed
        facts use most (each fact counting by its support; longer headlines do not win by
        length alone), leaving out one in loaded terms while another is there; the first
        headline when there are no facts, else the first summary line. Articles dated far from
        the others (another moment of the story) name it only when no other has a headline, and
        so does a headline a later article overtook ("Race to reach boy trapped in Hebei", three
        days before "Chinese boy found dead in well")."""
        _, apart = apart_in_time([a.date for a in self.articles])
        elsewhere = {n for n, _ in apart}
        earlier = set(overtaken([a.date for a in self.articles]))
        elsewhere |= {n for n, a in enumerate(self.articles) if n in earlier and headline_awaits_an_outcome(a.title)}
        titles = [a.title for n, a in enumerate(self.articles) if a.title and n not in elsewhere]
        titles = titles or [a.title for a in self.articles if a.title]
        if not titles:
            return self.summary[0].text if self.summary else "Brief"
        if not self.facts or len(titles) == 1:
            return titles[0]
        from .text.words import content_words
        from .text.loaded import has_loaded_term

        weight: Counter[str] = Counter()
        for f in self.facts:
            for w in content_words(f.text):
                weight[w] += len(f.support)
        plain = [t for t in titles if not has_loaded_term(t)] or titles

        def naming(t: str) -> float:
            words = content_words(t)
            return sum(weight[w] for w in words) / max(1, len(words)) ** 0.5

        return max(plain, key=naming)  # the first of equals: max keeps the earliest

    # -- serialisations -----------------------------------------------------------------------
    def to_dict(self, *, include_raw: bool = False) -> dict[str, Any]:
        data = as_dict(self)
        data["schema_version"] = SCHEMA_VERSION
        for a, number in zip(data["articles"], range(1, len(self.articles) + 1)):
            a["number"] = number
            a.pop("already_clean", None)  # an instruction to the clean stage, not part of the brief
            if not include_raw:  # what was read: a page's HTML is often 100 times its article
                a.pop("raw_text", None)
                a.pop("html", None)
        return data

    def to_json(self, *, indent: int | None = 2, include_raw: bool = False) -> str:
        return json.dumps(self.to_dict(include_raw=include_raw), ensure_ascii=False, indent=indent)

    def to_markdown(self, *, show_removed: bool = False) -> str:
        from .report.markdown import render_markdown

        return render_markdown(self, show_removed=show_removed)

    def to_html(self, *, show_removed: bool = True) -> str:
        from .report.html import render_html

        return render_html(self, show_removed=show_removed)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Brief":
        """Rebuild a Brief from ``to_dict`` output (the web app stores briefs as JSON)."""
        articles = tuple(
            Article(**{k: v for k, v in a.items() if k not in ("number", "removed")},
                    removed=tuple(RemovedLine(**r) for r in a.get("removed", ())))
            for a in data["articles"]
        )
        framing = tuple(
            Framing(**{**f, "loaded_terms": tuple(TermContrast(**{**t, "sentences": tuple(t["sentences"])}) for t in f["loaded_terms"]),
                       "opinion_sentences": tuple(f["opinion_sentences"])})
            for f in data.get("framing", ())
        )
        def tup(record_cls, key, *fields):
            items = []
            for d in data.get(key, ()):
                d = dict(d)
                for f in fields:
                    d[f] = tuple(d[f])
                items.append(record_cls(**d))
            return tuple(items)
        return cls(
            articles=articles,
            summary=tup(SummarySentence, "summary", "sources"),
            facts=tup(Fact, "facts", "support"),
            divergences=tup(Divergence, "divergences", "articles"),
            quotes=tup(Quote, "quotes", "sources"),
            framing=framing,
            entities=tup(Entity, "entities", "sources"),
            timeline=tup(TimelineEvent, "timeline", "sources"),
            skipped=tup(Skipped, "skipped"),
            notes=tuple(data.get("notes", ())),
            meta=dict(data.get("meta", {})),
        )
