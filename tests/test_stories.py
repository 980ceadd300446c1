"""Stories: features, dedup, online assignment, feed reading (invented articles only)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from manysides.config import FetchLimits
from manysides.errors import FetchError
from manysides.stories import OnlineClusterer, StoryConfig, featurize
from manysides.stories.cluster import StoryState
from manysides.stories.features import DocumentFrequencies, _h, weigh
from manysides.stories.dedup import NearDuplicates, content_hash, minhash_of
from manysides.stories.feeds import PoliteFetcher

# Two invented earthquakes in the same week: same vocabulary, different places, names, numbers.
QUAKE_A = [
    ("Daily Ledger", "Quake of magnitude 6.8 strikes Valdoria province",
     "A magnitude 6.8 earthquake struck Valdoria province early on Tuesday, killing at least 12 people and toppling houses in the town of Morrosco. "
     "Governor Ana Ferreira said rescue teams from Lisantra were searching the rubble of a collapsed school. "
     "The quake hit at 4:12 am at a depth of 10 km, the Valdoria Seismic Institute said, and was followed by aftershocks."),
    ("Coastal Times", "Twelve dead as earthquake hits Valdoria",
     "At least 12 people died when an earthquake of magnitude 6.8 shook Valdoria on Tuesday before dawn. "
     "In Morrosco, the worst-hit town, a school and dozens of homes collapsed, and Governor Ana Ferreira asked for tents and water. "
     "Seismologists at the Valdoria Seismic Institute placed the epicentre 10 km under the hills north of Morrosco."),
    ("Northern Post", "Valdoria earthquake: rescuers dig through rubble in Morrosco",
     "Rescuers in Morrosco kept digging through the rubble of a school on Tuesday after a 6.8 magnitude earthquake killed 12 people across Valdoria province. "
     "Ana Ferreira, the province's governor, said the death toll could rise as crews reached villages cut off by landslides."),
]
QUAKE_B = [
    ("Daily Ledger", "Magnitude 5.9 quake rattles Kestrel Bay",
     "An earthquake of magnitude 5.9 rattled Kestrel Bay on Thursday afternoon, injuring three people and cracking the old harbour wall. "
     "Mayor Tom Whitcombe said the ferry to Gullholm Island was suspended while engineers inspected the pier."),
    ("Harbour Herald", "Kestrel Bay shaken by 5.9 earthquake, three hurt",
     "Three people were hurt when a 5.9 magnitude earthquake shook Kestrel Bay on Thursday. "
     "Mayor Tom Whitcombe closed the harbour wall promenade and the Gullholm Island ferry until engineers check the damage."),
]
# Two invented shootings written from one wire template: only the anchors differ.
SHOOTING_TEMPLATE = (
    "Police said a gunman opened fire at a shopping centre in {town} on Friday evening, killing {dead} people and wounding {hurt} others "
    "before he was arrested. Chief Constable {chief} said officers arrived within minutes and that the motive was not yet known. "
    "Shoppers described hiding in storerooms as shots rang out across the centre."
)
SHOOTING_1 = SHOOTING_TEMPLATE.format(town="Brantmoor", dead=4, hurt=9, chief="Helen Osei")
SHOOTING_2 = SHOOTING_TEMPLATE.format(town="Quillford", dead=2, hurt=5, chief="Marcus Dunleavy")


WIRE_BACKGROUND = (
    "Valdoria sits on the junction of two plates and has recorded four quakes above magnitude six since 1990. "
    "Building codes were tightened after the last of them, but many older houses in the hill towns were never refitted, "
    "engineers from the provincial university have warned for years. The regional hospital in Lisantra said it had "
    "received 40 injured people by midday and had called in staff from neighbouring districts to cope with the arrivals."
)


def _assign(clusterer: OnlineClusterer, articles) -> list[int]:
    return [clusterer.add(featurize(text, title)).story_id for _, title, text in articles]


def test_features_keep_names_numbers_and_dates_as_anchors() -> None:
    f = featurize("The mayor met Ana Ferreira in Morrosco on March 3 after the 6.8 quake.")
    assert {"e:ana ferreira", "e:ferreira", "e:morrosco", "n:6.8", "d:mar 3"} <= f.anchors
    assert "e:the" not in f.anchors and f.n_words > 5


def test_names_come_from_the_articles_own_use_of_case() -> None:
    # A Title-Case headline and sentence-initial words: only words the article writes
    # capitalised mid-sentence are names, wherever they stand.
    f = featurize(
        "Lindsay Lohan Checks Into Rehab In Newport Beach\n"
        "Lohan arrived on Thursday, her lawyer Shawn Holley said. "
        "Holley added that Lindsay Lohan would stay for 90 days near Newport Beach."
    )
    assert {"e:lindsay lohan", "e:lohan", "e:holley", "e:shawn holley", "e:newport beach"} <= f.anchors
    assert not any(a.startswith("e:") and ("checks" in a or "rehab" in a) for a in f.anchors), sorted(f.anchors)
    # ...and "Arrived"-style capitals at a sentence start are not names.
    assert "e:arrived" not in f.anchors and "e:her" not in f.anchors


def test_url_lines_are_skipped_and_date_forms_meet() -> None:
    pasted = featurize("http : / / www . gossipsite . com / 2013 / 05 / lohan - rehab\nLohan checked into rehab on May 03 , 2013 .")
    assert _h("gossipsite") not in pasted.counts and "n:05" not in pasted.anchors
    assert {"d:may 3", "y:2013"} <= pasted.anchors
    for text in ("The strike came on 3 May.", "The strike came on May 3rd.", "The strike came on May 3, 2013."):
        assert "d:may 3" in featurize(text).anchors, text


def test_lead_words_weigh_more_than_tail_words() -> None:
    filler = " ".join(f"Sentence {i} is about weather." for i in range(6))
    lead = featurize(f"Dam breaks near the town. {filler}")
    tail = featurize(f"Town holds a fair. {filler} Dam breaks near the town.")
    assert lead.counts[_h("dam")] > tail.counts[_h("dam")]  # words are hashed as they are
    assert lead.counts[_h("weather")] == tail.counts[_h("weather")]


def test_story_centroid_sums_vectors_and_scores_like_a_dict() -> None:
    df = DocumentFrequencies()
    vectors = []
    for _, title, text in QUAKE_A:
        f = featurize(text, title)
        df.add(f)
        vectors.append(weigh(f, df))
    story = StoryState(1)
    expected: dict[int, float] = {}
    for keys, values in vectors[:2]:
        story.add(keys.astype("int64"), values.astype("float64"))
        for k, v in zip(keys.tolist(), values.tolist()):
            expected[k] = expected.get(k, 0.0) + v
    assert story.centroid == pytest.approx(expected)
    assert story.norm2 == pytest.approx(sum(v * v for v in expected.values()))
    keys, values = vectors[2]
    assert story.dot(keys.astype("int64"), values.astype("float64")) == pytest.approx(
        sum(v * expected.get(k, 0.0) for k, v in zip(keys.tolist(), values.tolist())), rel=1e-5)
    assert StoryState(2).dot(keys, values) == 0.0


def test_a_restored_clusterer_decides_like_the_original() -> None:
    original = OnlineClusterer()
    stored = []
    for _, title, text in QUAKE_A[:2] + QUAKE_B[:1]:
        f = featurize(text, title)
        a = original.add(f, timestamp=0.0)
        keys, values = weigh(f, original.df)
        stored.append((a.story_id, keys, values, f.anchors))
    resumed = OnlineClusterer(df=DocumentFrequencies(original.df.df.copy(), original.df.n_docs))
    for story_id, keys, values, anchors in stored:
        resumed.restore(story_id, keys, values, anchors, 0.0)
    for _, title, text in (QUAKE_A[2], QUAKE_B[1]):
        f = featurize(text, title)
        assert resumed.add(f, 3600.0).story_id == original.add(f, 3600.0).story_id
    assert resumed.add(featurize(SHOOTING_1), 3600.0).new_story


def test_quiet_stories_close_in_time_and_leave_the_index() -> None:
    clusterer = OnlineClusterer(StoryConfig(quiet_hours=10, window_hours=10))
    hour = 3600.0
    quake = clusterer.add(featurize(QUAKE_A[0][2]), timestamp=0.0).story_id
    shooting = clusterer.add(featurize(SHOOTING_1), timestamp=5 * hour).story_id
    clusterer.add(featurize(QUAKE_A[1][2]), timestamp=8 * hour)  # keeps the quake story open
    closing = clusterer.add(featurize(QUAKE_B[0][2]), timestamp=16 * hour)  # shooting quiet for 11 h: closed
    assert closing.closed == (shooting,)  # the add reports what it closed
    assert shooting not in clusterer.open_story_ids() and quake in clusterer.open_story_ids()
    assert all(shooting not in postings for postings in clusterer._index.values())
    late = clusterer.add(featurize(SHOOTING_1), timestamp=16.5 * hour)
    assert late.new_story and late.story_id != shooting


def test_undated_stories_close_after_quiet_articles_and_dated_ones_do_not() -> None:
    config = StoryConfig(quiet_articles=2)
    undated = OnlineClusterer(config)
    quake = undated.add(featurize(QUAKE_A[0][2])).story_id
    undated.add(featurize(QUAKE_A[1][2]))  # joins: the quake's group was heard from, count starts again
    undated.add(featurize(SHOOTING_1))
    undated.add(featurize(QUAKE_B[0][2]))
    assert quake in undated.open_story_ids()  # two articles have passed it: it closes before the next
    late = undated.add(featurize(QUAKE_A[2][2]))
    assert late.closed == (quake,) and quake not in undated.open_story_ids()
    assert late.new_story and late.story_id != quake
    # A dated group closes by its time alone, however many articles pass.
    dated = OnlineClusterer(config)
    quake = dated.add(featurize(QUAKE_A[0][2]), 0.0).story_id
    for n, text in enumerate((SHOOTING_1, SHOOTING_2, QUAKE_B[0][2], QUAKE_B[1][2]), start=1):
        assert dated.add(featurize(text), n * 60.0).closed == ()
    assert dated.add(featurize(QUAKE_A[2][2]), 300.0).story_id == quake


def test_an_article_is_scored_against_the_groups_sharing_most_of_its_features_only() -> None:
    from manysides.stories.cluster import MAX_CANDIDATES
    from manysides.stories.features import ArticleFeatures

    def article(*features: int) -> ArticleFeatures:
        return ArticleFeatures({f: 1.0 for f in features}, frozenset(), len(features))

    clusterer = OnlineClusterer()
    # 40 unrelated groups that all share feature 1 (a common word) and nothing else.
    groups = [clusterer.add(article(1, *range(100 + 10 * g, 108 + 10 * g))).story_id for g in range(40)]
    assert len(set(groups)) == 40
    query = article(1, 7, *range(170, 178))  # shares group 7's own words
    keys, values = weigh(query, clusterer.df)
    candidates = clusterer._candidates(keys.astype("int64"), values.astype("float64"), None)
    assert len(candidates) == MAX_CANDIDATES < 40
    assert groups[7] in {g.id for g in candidates}
    assert clusterer.add(query).story_id == groups[7]


def test_same_story_articles_join_and_look_alike_events_stay_apart() -> None:
    labels = _assign(OnlineClusterer(), QUAKE_A + QUAKE_B)
    assert len(set(labels[:3])) == 1, labels
    assert len(set(labels[3:])) == 1, labels
    assert labels[0] != labels[3]


def test_template_shootings_are_told_apart_by_their_anchors() -> None:
    clusterer = OnlineClusterer()
    first = clusterer.add(featurize(SHOOTING_1))
    second = clusterer.add(featurize(SHOOTING_2))
    assert second.new_story and second.story_id != first.story_id
    # The wording puts them in one topic group; the story level (anchors and words that
    # differ within the group) keeps them apart: with one story per group they merge.
    assert len(clusterer.groups) == 1 and len(clusterer.open_story_ids()) == 2
    loose = OnlineClusterer(StoryConfig(story_cut=1.0))
    loose.add(featurize(SHOOTING_1))
    assert not loose.add(featurize(SHOOTING_2)).new_story


def test_years_weigh_more_than_other_anchors_at_the_story_level() -> None:
    # Two look-alike events of one topic are most often told apart by their year.
    from manysides.stories.features import anchor_key

    features = featurize("Governor Ana Ferreira said the 2013 flood in Morrosco was worse than the one in 2009.")
    assert {"y:2013", "y:2009", "e:ana ferreira"} <= features.anchors
    config = StoryConfig(anchor_boost=6.0, year_boost=12.0)
    plain = OnlineClusterer(StoryConfig(anchor_boost=1.0, year_boost=1.0))
    boosted = OnlineClusterer(config)
    plain.add(features)
    boosted.add(features)
    (m0,) = next(iter(plain.groups.values())).members
    (m1,) = next(iter(boosted.groups.values())).members
    ratio = dict(zip(m1.keys.tolist(), (m1.weights / m0.weights).tolist()))
    assert ratio[anchor_key("y:2013")] == pytest.approx(12.0) and ratio[anchor_key("y:2009")] == pytest.approx(12.0)
    assert ratio[anchor_key("e:ana ferreira")] == pytest.approx(6.0)
    assert ratio[_h("flood")] == pytest.approx(1.0)


# The two shootings again, each with more reports (issue #7: revisable stories).
SHOOTING_1B = ("Four people were killed and nine wounded when a gunman opened fire in a shopping centre in Brantmoor on Friday evening, police said. "
               "Chief Constable Helen Osei said the suspect was arrested inside the centre and that officers were still looking for a motive.")
SHOOTING_2_VAGUE = ("Police said a gunman opened fire at a shopping centre on Friday evening, killing people and wounding others before he was arrested. "
                    "The chief constable said officers arrived within minutes and that the motive was not yet known. "
                    "Shoppers described hiding in storerooms as shots rang out across the Larchgate centre.")
SHOOTING_2B = ("Police said a gunman opened fire at a shopping centre on Friday evening, killing two people and wounding others before he was arrested. "
               "Officers arrived within minutes and the motive was not yet known, police in Quillford said. Shoppers described hiding in storerooms as shots rang out.")
SHOOTING_2C = ("Quillford mourns two shoppers shot dead at the Larchgate centre. Chief Constable Marcus Dunleavy named the suspect as a 31-year-old Quillford man "
               "and said five wounded people were treated at St Aldric hospital. Mayor Priya Nandra called a vigil at Larchgate on Sunday.")
SHOOTING_2D = ("A vigil for the two victims of the Larchgate shooting in Quillford drew hundreds on Sunday, Mayor Priya Nandra said. "
               "Marcus Dunleavy, the chief constable, said the 31-year-old suspect would appear in court on Monday; St Aldric hospital still treats five wounded.")
#: In this order the vague second report of the Quillford shooting first starts a story of
#: its own; the later Quillford reports share its "Larchgate" and pull it into theirs.
SHOOTINGS = [("a1", SHOOTING_1), ("a2", SHOOTING_1B), ("b1", SHOOTING_2), ("b2", SHOOTING_2_VAGUE),
             ("b3", SHOOTING_2B), ("b4", SHOOTING_2C), ("b5", SHOOTING_2D)]


def test_a_revision_moves_an_earlier_article_and_keeps_the_majoritys_ids() -> None:
    clusterer = OnlineClusterer()
    arrival, moves = {}, []
    for key, text in SHOOTINGS:
        assignment = clusterer.add(featurize(text), key=key)
        arrival[key] = assignment.story_id
        moves += assignment.moved
    assert arrival["b2"] not in (arrival["a1"], arrival["b1"])  # at first a story of its own
    assert [(m.key, m.old_story, m.new_story) for m in moves] == [("b2", arrival["b2"], arrival["b1"])]
    final = {m.key: m.story for group in clusterer.groups.values() for m in group.members}
    assert final == {"a1": arrival["a1"], "a2": arrival["a1"], **{k: arrival["b1"] for k in ("b1", "b2", "b3", "b4", "b5")}}
    assert clusterer.open_story_ids() == sorted({arrival["a1"], arrival["b1"]})  # the emptied story is gone


def test_an_add_reports_the_stories_a_split_starts() -> None:
    # In this order the arrival of b1 splits the earlier b2 off into a story of its own,
    # while b1 joins an existing story: the split-off story is one this add created.
    text = dict(SHOOTINGS)
    clusterer = OnlineClusterer(StoryConfig(small_group=0))  # the split happens in a group of six: the calibrated cut there
    created = {k: clusterer.add(featurize(text[k]), key=k).created for k in ("a2", "b4", "b5", "b3", "b2")}
    assert [k for k, ids in created.items() if ids] == ["a2", "b4", "b3"]  # each started its own story
    last = clusterer.add(featurize(text["b1"]), key="b1")
    assert not last.new_story and len(last.created) == 1 and last.created[0] != last.story_id
    assert [(m.key, m.new_story) for m in last.moved] == [("b2", last.created[0])]
    assert last.created[0] in clusterer.open_story_ids()


def test_ingest_stores_what_a_revision_moved(tmp_path: Path) -> None:
    from manysides.records import Article
    from manysides.stories import ingest, list_stories, show_story
    from manysides.store import open_store

    articles = [Article(id=key, source=f"Outlet {n}", title="", text="", raw_text=text, date=f"2025-03-07T{8 + n:02d}:00:00Z")
                for n, (key, text) in enumerate(SHOOTINGS)]
    # A copy of the vague report, stored before the revision moves it: the copy must move too.
    articles.insert(4, Article(id="b2-copy", source="Echo", title="", text="", raw_text=SHOOTING_2_VAGUE, date="2025-03-07T20:00:00Z"))
    store = open_store(tmp_path / "s.db")
    report = ingest(articles, store, commit_every=2)  # the move lands in a later batch than the article
    members = sorted(sorted(a.id for a in show_story(store, s.id).articles + show_story(store, s.id).copies) for s in list_stories(store))
    assert members == [["a1", "a2"], ["b1", "b2", "b2-copy", "b3", "b4", "b5"]]
    assert sorted((s.n_articles, s.n_copies) for s in list_stories(store)) == [(2, 0), (5, 1)]
    assert store.story_ids() == sorted(s.id for s in list_stories(store))
    assert report.closed_stories == 0


def test_a_revision_drops_the_stale_brief_of_every_story_it_touched(tmp_path: Path) -> None:
    from manysides.records import Article
    from manysides.stories import ingest
    from manysides.store import open_store

    articles = [Article(id=key, source=f"Outlet {n}", title="", text="", raw_text=text, date=f"2025-03-07T{8 + n:02d}:00:00Z")
                for n, (key, text) in enumerate(SHOOTINGS)]
    store = open_store(tmp_path / "s.db")
    ingest(articles[:4], store)  # a1 a2 b1 b2: the vague b2 still has a story of its own
    by_article = {aid: sid for sid in store.story_ids() for aid in (a.id for a in store.articles_of(sid))}
    assert by_article["b2"] != by_article["b1"]
    for sid in store.story_ids():
        store.save_brief(sid, "{}", 1, 0)
    ingest(articles[4:], store)  # the later Quillford reports pull b2 into b1's story
    moved_from, moved_to = by_article["b2"], by_article["b1"]
    assert store.get_brief_json(moved_to) is None and store.get_brief_json(moved_from) is None
    assert store.get_brief_json(by_article["a1"]) == ("{}", 1)  # untouched story: its brief stands


def test_the_story_cut_matches_scipys_fcluster() -> None:
    # _cut is fcluster(criterion="distance") without its validation cost: same partitions,
    # ties at the cut included (distances from a coarse grid repeat).
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage

    from manysides.stories.cluster import _cut

    rng = np.random.default_rng(7)
    for trial in range(200):
        n = int(rng.integers(2, 40))
        condensed = np.round(rng.random(n * (n - 1) // 2), 1 if trial % 2 else 6)
        merges = linkage(condensed, method="average")
        for cut in (0.0, 0.3, 0.5, float(condensed.min()), float(np.median(condensed)), 0.89, 1.0):
            ours, theirs = _cut(merges, n, cut), fcluster(merges, cut, criterion="distance")
            pairs = {(a, b) for a, b in zip(ours, theirs.tolist())}
            assert len(pairs) == len(set(ours)) == len(set(theirs.tolist())), (n, cut)


def test_bcubed_scores_a_split_and_a_merge() -> None:
    from manysides.bench.stories import bcubed

    assert bcubed([1, 1, 2, 2], ["a", "a", "b", "b"]) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed([1, 1, 1, 1], ["a", "a", "b", "b"])  # everything merged
    assert (p, r) == (0.5, 1.0)
    p, r, _ = bcubed([1, 2, 3, 4], ["a", "a", "b", "b"])  # everything split
    assert (p, r) == (1.0, 0.5)


def test_stories_bench_runs_on_a_small_corpus_and_reports_speed(tmp_path: Path) -> None:
    import json

    from manysides.bench.stories import render, run

    rows = []
    for topic in (1, 30):  # one tuning topic, one held-out topic, each with two look-alike quakes
        for event, articles in (("a", QUAKE_A), ("b", QUAKE_B)):
            for i, (_, title, body) in enumerate(articles):
                rows.append({"doc_id": f"{topic}_{event}{i}", "topic": topic, "subtopic": f"{topic}_{event}", "text": f"{title}\n{body}"})
    path = tmp_path / "ecb.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = run(path, seeds=2, baseline_distance=0.8)
    assert result["held_out"]["f1"] == pytest.approx(1.0) and result["tune"]["f1"] == pytest.approx(1.0)
    assert result["all"]["cpu_articles_per_s"] > 0 and result["all"]["featurize_ms"] > 0
    text = render(result)
    assert "held-out topics 23-45" in text and "cpu art/s" in text and "features" in text


@pytest.mark.shared
def test_ecbplus_held_out_topics_cluster_above_the_floor(shared_dir: Path) -> None:
    # Quality gate (issue #7: look-alike events must stay apart): held-out ECB+ topics 23-45,
    # one shuffled order, stories at the end of the stream. This order scores 0.920 (0.914
    # before years weighed twice the other anchors, 0.893 before the revisable two-level
    # stories); the offline TF-IDF + average-link baseline
    # scores 0.852 on the same topics (python -m manysides.bench.stories).
    import random

    from manysides.bench.stories import TUNE_TOPICS, bcubed, load_ecbplus, stream_online

    path = shared_dir / "data" / "ecbplus" / "ecbplus_docs.jsonl"
    if not path.exists():
        pytest.skip("ECB+ is not in ../shared/data")
    docs = [d for d in load_ecbplus(path) if d["topic"] not in TUNE_TOPICS]
    random.Random(0).shuffle(docs)
    labels, _ = stream_online(docs, StoryConfig())
    precision, recall, f1 = bcubed(labels, [d["subtopic"] for d in docs])
    assert f1 >= 0.895, (precision, recall, f1)


def test_a_story_closes_after_its_quiet_period() -> None:
    clusterer = OnlineClusterer(StoryConfig(quiet_hours=24, window_hours=24))
    day = 86400.0
    first = clusterer.add(featurize(QUAKE_A[0][2]), timestamp=0.0)
    late = clusterer.add(featurize(QUAKE_A[1][2]), timestamp=3 * day)
    assert late.new_story and late.story_id != first.story_id
    assert first.story_id not in clusterer.open_story_ids()


def test_exact_and_near_duplicates_are_found() -> None:
    original = QUAKE_A[0][2] + " " + WIRE_BACKGROUND
    assert content_hash(original) == content_hash("  " + original.upper().replace(" ", "  "))
    assert content_hash(original) != content_hash(QUAKE_A[1][2])
    syndicated = "From our wire partners. " + original.replace("early on Tuesday", "early Tuesday") + " Copyright Wire Service. All rights reserved."
    index = NearDuplicates()
    index.add("orig", minhash_of(original))
    index.add("other", minhash_of(QUAKE_A[1][2]))
    assert index.find(minhash_of(syndicated)) == "orig"
    assert index.find(minhash_of(QUAKE_A[2][2])) is None


# -- polite feed reading, against a server on loopback --------------------------------------------
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Valdoria Wire</title>
<item><title>Quake strikes Valdoria</title><link>{base}/a1.html</link><pubDate>Tue, 04 Mar 2025 06:00:00 GMT</pubDate></item>
<item><title>Twelve dead in Valdoria</title><link>{base}/a2.html</link><pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate></item>
<item><title>Hidden page</title><link>{base}/private/a3.html</link></item>
</channel></rss>"""


def _page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, str] = {}
    log: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.log.append((self.path, self.headers.get("If-None-Match", "")))
        if self.path == "/robots.txt":
            return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            return self._send(200, self.pages["/feed.xml"], "application/rss+xml", etag='"v1"')
        if self.path in self.pages:
            return self._send(200, self.pages[self.path], "text/html; charset=utf-8")
        self._send(404, "not found", "text/plain")

    def _send(self, status: int, body: str, ctype: str, etag: str = "") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture()
def feed_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Handler.pages = {"/feed.xml": FEED.format(base=base), "/a1.html": _page(QUAKE_A[0][1], QUAKE_A[0][2]),
                      "/a2.html": _page(QUAKE_A[1][1], QUAKE_A[1][2]), "/private/a3.html": _page("x", QUAKE_B[0][2])}
    _Handler.log = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


LOOPBACK = FetchLimits(allow_private=True, timeout_s=5)


def test_polite_fetcher_respects_robots_and_waits_per_host(feed_server: str) -> None:
    waits: list[float] = []
    fetcher = PoliteFetcher(LOOPBACK, min_interval_s=0.5, sleep=waits.append)
    assert fetcher.get(feed_server + "/a1.html").status == 200
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.get(feed_server + "/private/a3.html")
    fetcher.get(feed_server + "/a2.html")
    assert waits and all(0 < w <= 0.5 for w in waits)  # asked to wait its turn between requests
    assert ("/private/a3.html", "") not in _Handler.log


def test_the_polite_fetcher_fetches_through_the_transport_it_is_given() -> None:
    """Issue #20, one transport for every fetch: feeds too go through an injected transport
    (a mock here), robots.txt and the conditional headers included."""
    import httpx

    seen: list[tuple[str, str]] = []

    def serve(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.path, request.headers.get("If-None-Match", "")))
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/")
        return httpx.Response(304 if request.headers.get("If-None-Match") == '"v1"' else 200, text="<rss/>", headers={"ETag": '"v1"'})

    fetcher = PoliteFetcher(min_interval_s=0.0, transport=httpx.MockTransport(serve))
    first = fetcher.get("http://93.184.216.34/feed.xml")
    assert first.status == 200 and first.etag == '"v1"'
    assert fetcher.get("http://93.184.216.34/feed.xml", etag=first.etag).status == 304
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.get("http://93.184.216.34/private/a.html")
    assert seen == [("/robots.txt", ""), ("/feed.xml", ""), ("/feed.xml", '"v1"')]


def test_feed_ingest_is_conditional_and_skips_disallowed_pages(feed_server: str, tmp_path: Path) -> None:
    from manysides.stories import ingest, show_story
    from manysides.store import open_store

    store = open_store(tmp_path / "s.db")
    fetcher = PoliteFetcher(LOOPBACK, min_interval_s=0.0)
    report = ingest([feed_server + "/feed.xml"], store, fetcher=fetcher, limits=LOOPBACK)
    assert report.added == 2 and any("robots.txt" in s.reason for s in report.skipped)
    sid = store.story_ids()[0]
    assert {a.url.rsplit("/", 1)[1] for a in show_story(store, sid).articles} == {"a1.html", "a2.html"}
    _Handler.log.clear()
    again = ingest([feed_server + "/feed.xml"], store, fetcher=fetcher, limits=LOOPBACK)
    assert again.added == 0 and _Handler.log.count(("/feed.xml", '"v1"')) == 1  # one conditional GET, answered 304
    assert not again.skipped  # "not modified" is no error (it was read as a redirect to itself, six times)
    assert not any(p.endswith(".html") for p, _ in _Handler.log)


def test_stream_bench_reads_multinews_lines_and_scores_both_settings(tmp_path: Path) -> None:
    from manysides.bench import stream

    lines = [" ||||| ".join(text for _, _, text in events) for events in (QUAKE_A, QUAKE_B)] + [SHOOTING_1]
    src = tmp_path / "tiny.src"
    src.write_text("\n".join(line.replace("\n", " NEWLINE_CHAR ") for line in lines) + "\n")
    texts, gold = stream.load_multinews_articles(src, min_words=20)
    assert gold == [0, 0, 0, 1, 1, 2] and len(texts) == 6
    assert stream.load_multinews_articles(src)[1] == [0, 0, 2]  # stubs of 50 words or fewer are left out
    result = stream.run(src, min_words=20)
    assert [(r["order"], r["setting"]) for r in result["rows"]] == [
        ("shuffled", "every candidate"), ("shuffled", "at most 16 (shipped)"), ("file order", "every candidate"), ("file order", "at most 16 (shipped)")]
    assert all(r["f1"] == 1.0 for r in result["rows"])  # three events, told apart in either order
    assert "Undated stream: 6 Multi-News articles, 3 lines" in stream.render(result)


def test_a_story_picked_up_again_after_days_joins_it_and_a_look_alike_does_not() -> None:
    """Issue #24: a story's later development (days after its last article, within the window)
    joins it when it clearly continues it (the same quake, province and governor); a look-alike
    event a week later starts its own story."""
    day = 86_400.0
    clusterer = OnlineClusterer(StoryConfig())
    first = [clusterer.add(featurize(text, title), 0.0 + n * 3600).story_id for n, (_, title, text) in enumerate(QUAKE_A)]
    assert len(set(first)) == 1
    later = ("Valdoria quake: Governor Ana Ferreira opens first rebuilt school in Morrosco",
             "Ten days after the magnitude 6.8 earthquake that killed 12 people in Valdoria province, Governor Ana Ferreira "
             "opened a temporary school in Morrosco, where the old school collapsed. The Valdoria Seismic Institute said "
             "aftershocks had eased.")
    assert clusterer.add(featurize(later[1], later[0]), 10 * day).story_id == first[0]
    _, title, text = QUAKE_B[0]
    assert clusterer.add(featurize(text, title), 11 * day).story_id != first[0]


def _warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))


def _warc_page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{body} Paragraph {n} adds more detail about what happened and who said it.</p>" for n in range(6))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>".encode()


def test_one_bad_warc_record_is_skipped_with_its_reason_and_the_rest_is_read(tmp_path: Path) -> None:
    """Issue #26: a record over the size cap, or binary content labelled HTML, ended the reading
    of its WARC (2 of 9 records read, exit 0); a damaged WARC gave a traceback."""
    from manysides.stories.sources import iter_source

    good_a = _warc_page("Quake strikes Valdoria", "A magnitude 6.8 earthquake struck Valdoria province on Tuesday.")
    good_b = _warc_page("Ferry suspended in Kestrel Bay", "An earthquake rattled Kestrel Bay on Thursday, cracking the harbour wall.")
    huge = b"<html><body><p>" + b"word " * 1_300_000 + b"</p></body></html>"  # 6.5 MB
    binary = bytes(range(256)) * 400
    warc = tmp_path / "crawl.warc"
    _warc(warc, [("https://a.example/1", good_a), ("https://a.example/2", huge), ("https://a.example/3", binary), ("https://a.example/4", good_b)])
    items = list(iter_source(str(warc), store=None, fetcher=None, limits=FetchLimits()))
    articles = [i for i in items if not hasattr(i, "reason")]
    skipped = [i for i in items if hasattr(i, "reason")]
    assert {a.url for a in articles} == {"https://a.example/1", "https://a.example/4"}
    assert {s.origin.split()[-1] for s in skipped} == {"https://a.example/2", "https://a.example/3"}

    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(warc.read_bytes() + bytes(range(256)) * 4)  # a crawl cut off mid-write, then junk
    items = list(iter_source(str(damaged), store=None, fetcher=None, limits=FetchLimits()))
    assert {getattr(i, "url", "") for i in items} >= {"https://a.example/1", "https://a.example/4"}
    assert any("damaged" in getattr(i, "reason", "") for i in items)


# A story that starts as two (the breach, then days later the chief executive's exit, in other
# words: too few of the first reports' names for a late join), and the report that bridges them.
BREACH = [  # (day, title, text)
    (0.0, "Corvane Bank says hackers stole customer records",
     "Corvane Bank said on Monday that hackers broke into its card servers and stole the names, addresses and card numbers "
     "of about 2.4 million customers. The lender, based in Ostrava Falls, said it found the intrusion on 2 June and called in "
     "investigators from the firm Halberd Security. Customers were told to watch their statements."),
    (0.2, "2.4 million Corvane customers hit by data breach",
     "Card numbers and addresses of 2.4 million Corvane Bank customers were stolen in a cyberattack, the bank said. "
     "Halberd Security, hired to investigate, said the attackers had been inside the servers for weeks before the bank noticed. "
     "Corvane is offering free credit monitoring."),
    (5.0, "Corvane chief executive Lise Marchetti resigns",
     "Lise Marchetti stepped down as chief executive of Corvane on Saturday, days after the lender admitted the hack. "
     "The board named finance director Owen Tabb interim chief and promised an independent review. Shares fell 9 per cent."),
    (5.1, "Marchetti quits Corvane as shares slide",
     "Corvane's board accepted the resignation of Lise Marchetti, its chief executive, and appointed Owen Tabb in her place "
     "until a successor is found. Shares slid 9 per cent in Ostrava Falls trading."),
]
BREACH_BRIDGE = (5.5, "After the breach, Corvane's new chief Owen Tabb promises customers answers",
                 "Owen Tabb, who replaced Lise Marchetti as chief executive of Corvane Bank, said on Sunday the lender would repay any customer "
                 "who lost money after hackers stole the card numbers and addresses of 2.4 million customers. "
                 "Halberd Security is still investigating how the attackers got into the card servers.")
BREACH_LOOKALIKE = (6.0, "Hackers steal card data from Pellham Credit Union",
                    "Pellham Credit Union said hackers had stolen the card numbers of 310,000 members from its servers in Dunmore. "
                    "The credit union found the intrusion on 28 May and hired investigators. Members were told to watch their statements.")


def _stream(config: StoryConfig, articles) -> tuple[list[int], list]:
    """Each article's final story (moves applied) and the assignments, streamed with their dates."""
    clusterer, stories, assignments = OnlineClusterer(config), [], []
    for day, title, text in articles:
        assignment = clusterer.add(featurize(text, title), day * 86_400.0, key=len(stories))
        stories.append(assignment.story_id)
        for move in assignment.moved:
            stories[move.key] = move.new_story
        assignments.append(assignment)
    return stories, assignments


def test_the_merge_pass_joins_a_split_story_once_an_article_bridges_it() -> None:
    """Issue #24: the exit, five days on, shares too few names with the breach reports to join
    them late and starts its own story; the report naming both bridges the two, and the merge
    pass moves the exit's reports into the breach story (the store is told by ``moved``). A
    look-alike breach at another lender the next day stays apart."""
    split, _ = _stream(StoryConfig(merge_cosine=2.0), [*BREACH, BREACH_BRIDGE])  # no merge pass
    assert split[:2] == [split[0]] * 2 and split[2:] == [split[2]] * 3 and split[0] != split[2]
    stories, assignments = _stream(StoryConfig(), [*BREACH, BREACH_BRIDGE, BREACH_LOOKALIKE])
    assert stories[:5] == [stories[0]] * 5  # one story
    bridge = assignments[4]
    assert bridge.story_id == stories[0] and sorted(m.key for m in bridge.moved) == [2, 3]
    assert {m.old_story for m in bridge.moved} == {split[2] - split[0] + stories[0]} and not bridge.created
    assert stories[5] not in stories[:5]


def test_a_merge_moves_every_member_of_the_absorbed_story_even_out_of_the_revision_window(monkeypatch) -> None:
    """When the merged group's window holds more of the later story, the breach story's id gives
    way, and its older members, frozen out of the window, follow the recent ones: nothing is left
    behind in a story that no longer exists. (A window of 6 members, so that 8 reports overflow
    it; one story a group, ``story_cut=1.0``, so that the story level joins what the merge pass
    joined; a looser ``merge_cosine``: one bridging report weighs less in a group of five.)"""
    from manysides.stories import cluster

    monkeypatch.setattr(cluster, "REVISE_WINDOW", 6)
    first = [(n / 100, *BREACH[n % 2][1:]) for n in range(8)]
    later = [(5.0 + n / 100, *BREACH[2 + n % 2][1:]) for n in range(4)]
    config = StoryConfig(story_cut=1.0, merge_cosine=0.2)
    stories, _ = _stream(config, [*first, *later])
    assert len(set(stories)) == 2  # the exit did not join the breach, days later
    stories, assignments = _stream(config, [*first, *later, BREACH_BRIDGE])
    assert len(set(stories)) == 1 and stories[0] == stories[8]  # the later story's id
    assert {m.key for m in assignments[-1].moved} == set(range(8))  # every breach report, the frozen ones too


def test_the_headline_counts_more_than_the_lead() -> None:
    """Issue #24: a real page's first lines are often leftovers ("Photo") or background; the
    headline names the event, so its words weigh more than the lead's."""
    f = featurize("Photo credits appear below the gallery. The harbour reopened on Monday.", "Ferry strike ends in Kestrel Bay")
    assert f.counts[_h("strike")] > f.counts[_h("gallery")] == f.counts[_h("harbour")]
    assert featurize("Ferry strike ends. Photo credits appear below the gallery.").counts[_h("strike")] == f.counts[_h("gallery")]


def test_a_late_development_with_new_names_joins_on_one_name_it_shares() -> None:
    """Issue #24: four days on, a hearing on the breach names new people (a tenth of its anchors
    were seen in the story, short of the late bar's 0.3) but still the bank: it joins on that
    name; without ``late_join_by_name`` it would start a story of its own."""
    later = (4.0, "Lawmakers summon Corvane Bank over stolen card numbers",
             "Senators Ilse Brandauer and Tomas Quint summoned Corvane Bank to a hearing on Thursday over the hackers who stole "
             "card numbers and addresses from its servers. Consumer group Fairpay Alliance, led by Rosa Lind, asked the bank to "
             "replace every stolen card at no cost to customers.")
    stories, assignments = _stream(StoryConfig(), [*BREACH[:2], later])
    assert stories == [stories[0]] * 3 and assignments[2].anchors < StoryConfig().late_join_anchors
    stories, _ = _stream(StoryConfig(late_join_by_name=False), [*BREACH[:2], later])
    assert stories[2] != stories[0]


def test_a_page_is_stored_as_its_clean_article_and_a_page_without_one_is_skipped(tmp_path: Path) -> None:
    """Ingest only reads a page; ``stories ingest`` has the clean stage extract it, and stores its
    article's paragraphs, never the HTML; a page with no article is skipped with the brief's reason."""
    from manysides.stories import ingest, show_story
    from manysides.store import open_store
    from tests.test_clean import OUR_PAGE

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "ledger.html").write_text(OUR_PAGE, encoding="utf-8")
    (tmp_path / "pages" / "wall.html").write_text("<!doctype html><html><body><script>showPaywall();</script></body></html>", encoding="utf-8")
    store = open_store(tmp_path / "s.db")
    report = ingest([str(tmp_path / "pages")], store, workers=1)
    assert report.added == 1
    assert [s.reason for s in report.skipped] == ["no article text found in the HTML (a paywall, cookie wall or a page with no article?)"]
    [article] = show_story(store, store.story_ids()[0]).articles
    assert "<p>" not in article.text and "Home" not in article.text.split("\n")
    assert "ferry board voted on Thursday" in article.text and "\n\n" in article.text  # its paragraphs
