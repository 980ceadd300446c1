"""The web app through its HTTP interface: API, pages, storage (SQLite and PostgreSQL), caps."""

from __future__ import annotations

import os
import re

import pytest

from tests.pg_fixture import postgres_url  # noqa: F401  (fixture)
from tests.web_fixtures import (  # noqa: F401  (fixtures)
    EXAMPLE, client, example_articles, example_brief_id, wait_for_job, web_db,
)


def _ws(text: str) -> str:
    return " ".join(text.split())


# -- the API ------------------------------------------------------------------------------

def test_api_brief_of_the_example_story(client, example_brief_id):
    data = client.get(f"/api/brief/{example_brief_id}").json()
    brief = data["brief"]
    assert [a["number"] for a in brief["articles"]] == [1, 2, 3, 4]
    assert {"Harbor Wire", "Valley Voice Blog", "City Press Release"} <= {a["source"] for a in brief["articles"]}
    ids = {a["id"] for a in brief["articles"]}
    sources = _ws(" ".join(p.read_text(encoding="utf-8") for p in EXAMPLE.iterdir()))
    assert brief["summary"], "the example story has a summary"
    for s in brief["summary"]:
        assert s["sources"] and set(s["sources"]) <= ids
        assert _ws(s["text"]) in sources  # extractive: quoted from an article
    assert data["page_url"] == f"/briefs/{example_brief_id}"


def test_identical_request_reuses_the_stored_brief(client, example_brief_id):
    again = example_articles()
    again[0]["text"] = "\r\n" + again[0]["text"].replace("\n", "\r\n") + "   \n"  # same article, other line endings
    response = client.post("/api/brief", json={"articles": again})
    assert response.status_code == 200
    assert response.json()["status"] == "done" and response.json()["brief_id"] == example_brief_id
    other = client.post("/api/brief", json={"articles": example_articles(), "words": 60})
    assert other.json()["brief_id"] != example_brief_id  # another length is another brief


def test_a_job_that_cannot_be_briefed_fails_with_a_reason(client):
    response = client.post("/api/brief", json={"articles": [{"text": "Too short to brief."}]})
    assert response.status_code == 202
    job = wait_for_job(client, response.json())
    assert job["status"] == "failed"
    assert "too short" in job["error"]


def test_a_small_brief_is_not_queued_behind_a_large_one(client):
    """Issue #26: a request near the size cap runs in a lane of its own."""
    from manysides.web.jobs import LARGE_JOB_CHARS, BriefInput, is_large

    assert is_large([BriefInput(text="x" * (LARGE_JOB_CHARS + 1))]) and not is_large([BriefInput(text="x" * 1000)])
    line = "The county said crews would inspect the bridge deck before the ferry resumed, notice {n}."
    page = "\n\n".join(line.format(n=n) for n in range(9_000))
    large = client.post("/api/brief", json={"articles": [{"text": page[:990_000], "source": "Huge Page"}, example_articles()[0]]})
    small_articles = example_articles()
    small_articles[0]["text"] += "\n\nEditor's note: a lane test."
    small = client.post("/api/brief", json={"articles": small_articles})
    assert large.status_code == small.status_code == 202
    assert wait_for_job(client, small.json())["status"] == "done"
    assert client.get(large.json()["status_url"]).json()["status"] in ("queued", "running")  # still at it
    finished = wait_for_job(client, large.json(), timeout=300)
    assert finished["status"] == "done", finished.get("error")  # a failure says why (a worker's memory, its deadline)


def test_a_large_brief_past_its_time_is_stopped_and_says_so(client, monkeypatch):
    """Issue #26: a large brief runs in a worker process that is ended at its time limit."""
    from manysides.web import jobs

    monkeypatch.setattr(jobs, "LARGE_JOB_SECONDS", 1.0)
    page = "\n\n".join(f"The council met on Tuesday about the ferry timetable, item {n}." for n in range(6_000))
    response = client.post("/api/brief", json={"articles": [{"text": page, "source": "Slow Page"}, example_articles()[0]]})
    job = wait_for_job(client, response.json())
    assert job["status"] == "failed" and "took longer than 1 s" in job["error"]


def test_a_large_brief_past_its_memory_is_stopped_and_says_so(client, monkeypatch):
    """Issue #26: the server watches the worker's resident memory and ends it past the limit."""
    from manysides.web import jobs

    monkeypatch.setattr(jobs, "LARGE_JOB_MEMORY_MB", 60)  # the worker's interpreter and models alone need more
    page = "\n\n".join(f"The council met on Tuesday about the ferry timetable, item {n}." for n in range(6_000))
    response = client.post("/api/brief", json={"articles": [{"text": page, "source": "Big Page"}, example_articles()[0]]})
    job = wait_for_job(client, response.json(), timeout=120)
    assert job["status"] == "failed" and "needed more than 60 MB of memory" in job["error"]
    assert job["worker_mb"] > 60  # the job reports what the server watched


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="the idle scheduling class is Linux's")
def test_a_large_brief_yields_the_cpu_to_the_small_ones(client, monkeypatch):
    """Issue #26: the large lane's worker runs at the lowest priority, so on a small machine the
    small briefs beside it keep their pace."""
    import multiprocessing
    import time

    from manysides.web import jobs

    monkeypatch.setattr(jobs, "LARGE_JOB_CHARS", 1_000)  # the example story counts as large here
    articles = example_articles()
    articles[0]["text"] += "\n\nEditor's note: a priority test."
    response = client.post("/api/brief", json={"articles": articles})
    seen: set[tuple[int, int]] = set()  # (nice value, scheduling policy) of the worker
    low = (jobs.LARGE_JOB_NICENESS, os.SCHED_IDLE)
    deadline = time.monotonic() + 120
    while low not in seen and time.monotonic() < deadline:
        for child in multiprocessing.active_children():
            try:
                seen.add((os.getpriority(os.PRIO_PROCESS, child.pid), os.sched_getscheduler(child.pid)))
            except OSError:  # it ended between the listing and the look
                pass
        time.sleep(0.05)
    assert wait_for_job(client, response.json(), timeout=120)["status"] == "done"
    assert low in seen


@pytest.mark.parametrize("body, fragment", [
    ({"articles": []}, "at least 1"),
    ({"articles": [{"text": "a", "url": "https://example.org/"}]}, "exactly one of text, html or url"),
    ({"articles": [{"text": f"Article {n} text."} for n in range(21)]}, "at most 20"),
    ({"articles": [{"text": "x" * 1_000_001}]}, "at most 1000000"),
    ({"articles": [{"text": "fine"}], "words": 3}, "greater than or equal to 10"),
    ({"articles": [{"text": "fine", "colour": "red"}]}, "Extra inputs"),
])
def test_api_refuses_bad_requests_with_a_message(client, body, fragment):
    response = client.post("/api/brief", json=body)
    assert response.status_code == 422
    assert fragment in response.json()["detail"]


def test_request_body_is_capped(client):
    response = client.post("/api/brief", content=b"{" + b" " * 21_000_000 + b"}", headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "larger than 20 MB" in response.json()["detail"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_unknown_ids_are_404_with_a_message(client, example_brief_id):
    assert client.get("/api/brief/nope").status_code == 404
    assert client.get("/api/jobs/nope").json()["detail"].startswith("no such job")
    page = client.get("/briefs/nope")
    assert page.status_code == 404 and "no brief with this id" in page.text
    assert client.get(f"/briefs/{example_brief_id}/articles/9").status_code == 404


def test_openapi_documents_the_api(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/brief", "/api/jobs/{job_id}", "/api/brief/{brief_id}"} <= set(schema["paths"])
    post = schema["paths"]["/api/brief"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/BriefRequest")
    assert {"BriefRequest", "ArticleIn", "JobOut", "BriefOut", "BriefData", "SummarySentence", "Fact"} <= set(schema["components"]["schemas"])
    assert not any(p.startswith("/briefs") for p in schema["paths"])  # pages are not API


# -- pages ---------------------------------------------------------------------------------

def test_form_with_boxes_makes_a_brief(client, example_brief_id):
    articles = example_articles()
    items = [a.get("text") or a.get("html") for a in articles]
    sources = [a.get("source", "") for a in articles]
    response = client.post("/briefs", data={"item": items + [""], "source": sources + [""], "words": "150"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/briefs/{example_brief_id}"  # same story as the API call: reused
    page = client.get(response.headers["location"]).text
    brief = client.get(f"/api/brief/{example_brief_id}").json()["brief"]
    first = brief["summary"][0]["text"]
    assert _ws(first).replace("'", "&#39;").replace('"', "&#34;") in _ws(page)
    assert page.count('class="cite ') == sum(len(s["sources"]) for s in brief["summary"])
    assert 'id="compare"' in page and page.count("outlet-card") == 4


def test_uploaded_files_are_briefed(client):
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(EXAMPLE.iterdir()) if p.suffix in (".txt", ".html")]
    response = client.post("/briefs", data={"item": [""], "source": [""], "words": "80"}, files=files, follow_redirects=False)
    assert response.status_code == 303
    target = response.headers["location"]
    if target.startswith("/jobs/"):
        job = wait_for_job(client, client.get("/api/jobs/" + target.rsplit("/", 1)[1]).json())
        target = job["page_url"]
    brief = client.get("/api" + target.replace("/briefs/", "/brief/")).json()["brief"]
    sources = {a["source"] for a in brief["articles"]}
    assert {"1-harbor-wire", "3-valley-voice-blog", "Riverton Daily"} <= sources  # file names; the page's own name
    assert brief["meta"]["words"] == 80


def test_form_errors_keep_what_was_typed(client):
    too_many = {"item": [f"Article {n}: a line of text." for n in range(21)], "source": [""] * 21}
    page = client.post("/briefs", data=too_many)
    assert page.status_code == 400 and "one brief takes at most 20" in page.text
    assert "Article 20: a line of text." in page.text
    empty = client.post("/briefs", data={"item": ["", ""], "source": ["", ""]})
    assert empty.status_code == 400 and "paste at least one" in empty.text
    big = client.post("/briefs", data={"item": [""], "source": [""]}, files=[("files", ("big.txt", b"word " * 1_100_000, "text/plain"))])
    assert big.status_code == 400 and "big.txt: larger than 5 MB" in big.text


def test_article_page_highlights_each_cited_sentence(client, example_brief_id):
    brief = client.get(f"/api/brief/{example_brief_id}").json()["brief"]
    summary_page = client.get(f"/briefs/{example_brief_id}").text
    for n, article in enumerate(brief["articles"], 1):
        cited = {_ws(s["source_sentences"][article["id"]]) for s in brief["summary"] if article["id"] in s["source_sentences"]}
        page = client.get(f"/briefs/{example_brief_id}/articles/{n}").text
        marks = dict(re.findall(rf'<mark id="(a{n}-s\d+)" tabindex="-1">(.*?)</mark>', page, flags=re.S))
        assert {_ws(t) for t in marks.values()} == {_ws(t).replace("'", "&#39;").replace('"', "&#34;") for t in cited}
        links = set(re.findall(rf'href="/briefs/{example_brief_id}/articles/{n}#(a{n}-s\d+)"', summary_page))
        assert links == set(marks)  # every citation lands on a marked sentence, every mark is cited


def test_removed_clutter_is_listed_on_the_article_page(client, example_brief_id):
    brief = client.get(f"/api/brief/{example_brief_id}").json()["brief"]
    n, article = next((n, a) for n, a in enumerate(brief["articles"], 1) if a["removed"])
    page = client.get(f"/briefs/{example_brief_id}/articles/{n}").text
    assert f"{len(article['removed'])} line(s) of clutter removed" in page
    assert f"line {article['removed'][0]['line_no']}:" in page


def test_report_download_is_the_cli_html_report(client, example_brief_id):
    from manysides import Brief

    response = client.get(f"/briefs/{example_brief_id}/report.html")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    stored = client.get(f"/api/brief/{example_brief_id}").json()["brief"]
    assert response.text == Brief.from_dict(stored).to_html()


def test_job_page_redirects_once_done(client, example_brief_id):
    job = client.post("/api/brief", json={"articles": example_articles()}).json()
    response = client.get(f"/jobs/{job['id']}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/briefs/{example_brief_id}"


def test_outlet_colors_reuse_the_report_palette(client):
    from manysides.report.html import OUTLET_COLORS

    css = client.get("/assets/outlets.css").text
    for n, color in enumerate(OUTLET_COLORS):
        assert f".o{n}{{--oc:{color};" in css


# -- storage -------------------------------------------------------------------------------

def test_briefs_survive_a_restart(web_db, example_brief_id):
    from fastapi.testclient import TestClient

    from manysides.web import create_app

    with TestClient(create_app(str(web_db))) as restarted:
        assert restarted.get(f"/briefs/{example_brief_id}").status_code == 200
        assert restarted.get(f"/api/brief/{example_brief_id}").json()["id"] == example_brief_id


def test_database_url_choices(tmp_path, monkeypatch):
    from manysides.errors import UsageError
    from manysides.web.storage import database_url

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("MANYSIDES_DATABASE", raising=False)
    assert database_url(None) == f"sqlite:///{tmp_path / 'xdg' / 'manysides' / 'briefs.sqlite3'}"
    assert (tmp_path / "xdg" / "manysides").is_dir()
    monkeypatch.setenv("MANYSIDES_DATABASE", str(tmp_path / "env.db"))
    assert database_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(UsageError, match="postgresql://"):
        database_url("mysql://u@h/db")


def test_schema_version_is_recorded_and_newer_databases_are_refused(tmp_path):
    from manysides.errors import UsageError
    from manysides.web.storage import SCHEMA_VERSION, BriefStore

    path = str(tmp_path / "v.db")
    store = BriefStore(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert BriefStore(path).migrate() == SCHEMA_VERSION  # reopening migrates nothing
    with store.engine.begin() as conn:
        conn.execute(store.version_table.update().values(version=SCHEMA_VERSION + 1))
    with pytest.raises(UsageError, match="newer than this manysides"):
        BriefStore(path)


@pytest.mark.postgres
def test_postgresql_stores_and_serves_briefs(postgres_url, client, example_brief_id):  # noqa: F811
    from fastapi.testclient import TestClient

    from manysides.web import create_app
    from manysides.web.storage import SCHEMA_VERSION, BriefStore

    data = client.get(f"/api/brief/{example_brief_id}").json()["brief"]
    store = BriefStore(postgres_url)
    assert store.url.startswith("postgresql+psycopg://")
    assert store.schema_version() == SCHEMA_VERSION
    brief_id = store.save(data, content_hash="h" * 64)
    assert store.find_by_hash("h" * 64) == brief_id
    with TestClient(create_app(postgres_url)) as pg:
        assert pg.get(f"/api/brief/{brief_id}").json()["brief"]["summary"] == data["summary"]
        page = pg.get(f"/briefs/{brief_id}")
        assert page.status_code == 200 and 'class="cite ' in page.text


def test_stories_from_the_store_are_listed_shown_and_briefed(tmp_path):
    """A store filled by ``stories ingest`` is browsable: two look-alike quakes stay two stories."""
    import json

    from fastapi.testclient import TestClient

    from manysides.stories import ingest
    from manysides.store import open_store
    from manysides.web import create_app
    from tests.test_stories import QUAKE_A, QUAKE_B

    feed = tmp_path / "wire.jsonl"
    feed.write_text("".join(json.dumps({"source": s, "title": t, "text": x}) + "\n" for s, t, x in QUAKE_A + QUAKE_B), encoding="utf-8")
    stories_db = tmp_path / "stories.db"
    ingest([str(feed)], open_store(str(stories_db)))
    with TestClient(create_app(str(tmp_path / "briefs.db"), stories=str(stories_db))) as c:
        listing = c.get("/stories?sort=biggest")
        assert listing.status_code == 200
        links = re.findall(r'href="/stories/(\d+)"', listing.text)
        assert len(links) == 2, "the two earthquakes are two stories"
        story = c.get(f"/stories/{links[0]}")
        assert story.status_code == 200 and "Brief this story" in story.text
        posted = c.post(f"/stories/{links[0]}/brief", follow_redirects=False)
        assert posted.status_code == 303
        target = posted.headers["location"]
        if target.startswith("/jobs/"):
            job = wait_for_job(c, c.get("/api" + target).json())
            assert job["status"] == "done", job
            target = job["page_url"]
        page = c.get(target)
        assert page.status_code == 200 and "Valdoria" in page.text
        assert c.get("/stories?sort=loudest").status_code == 400
        assert c.get("/stories/99999").status_code == 404
    with TestClient(create_app(str(tmp_path / "briefs.db"))) as c:
        assert "manysides serve --stories" in c.get("/stories").text


def test_a_pasted_pages_removed_lines_are_listed_and_its_html_is_not_stored(client, example_brief_id):
    """The web app sends a page as HTML; the clean stage extracts it and keeps what it took out."""
    brief = client.get(f"/api/brief/{example_brief_id}").json()["brief"]
    n, page = next((n, a) for n, a in enumerate(brief["articles"], 1) if a["source"] == "Riverton Daily")
    removed = {r["text"]: r["reason"] for r in page["removed"]}
    assert "Home Local Sports Opinion" in removed and removed["Most read"]  # its menu and teasers
    assert not {"html", "raw_text", "already_clean"} & set(page)  # what was read stays out of the stored brief
    assert "line(s) of clutter removed" in client.get(f"/briefs/{example_brief_id}/articles/{n}").text
