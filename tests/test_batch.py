"""manysides batch: JSONL output that survives a crash, reruns that skip what is done, Ray."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from manysides.batch import done_keys, iter_jobs, job_keys, jobs_from, record_line, run_batch
from manysides.errors import UsageError

from .test_stories import QUAKE_A, QUAKE_B


def _multinews(path: Path, stories: list[list[tuple[str, str, str]]]) -> Path:
    lines = [" ||||| ".join(text.replace("\n", " NEWLINE_CHAR ") for _, _, text in story) for story in stories]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jobs_come_one_per_multinews_line(tmp_path: Path) -> None:
    src = _multinews(tmp_path / "in.src", [QUAKE_A, QUAKE_B, QUAKE_A[:1]])
    jobs = jobs_from(str(src))
    assert [j.key for j in jobs] == ["line:1", "line:2", "line:3"]
    assert [len(j.inputs) for j in jobs] == [3, 2, 1]
    assert [j.key for j in jobs_from(str(src), limit=2)] == ["line:1", "line:2"]


def test_a_torn_last_record_is_cut_and_not_counted_done(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"key": "line:1", "line": 1, "brief": {}}) + "\n" + '{"key": "line:2", "brief": {"summ', encoding="utf-8")
    assert done_keys(out) == {"line:1"}
    assert out.read_text(encoding="utf-8").endswith("}\n")  # appends start on a fresh line


def test_done_keys_are_read_from_record_heads_and_failed_stories_are_not_done(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    lines = [
        record_line({"key": "line:1", "line": 1, "brief_json": json.dumps({"summary": []})}),
        record_line({"key": "line:2", "line": 2, "error": 'odd input, "brief": {' + "x" * 10}),  # failed: rerun it
        json.dumps({"line": 3, "brief": {}, "key": "line:3"}),  # another key order, still valid
        record_line({"key": 'story:"7"', "story_id": 7, "brief_json": "{}"}),
        "not json",
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert done_keys(out) == {"line:1", "line:3", 'story:"7"'}


def test_jobs_stream_and_skip_what_is_done(tmp_path: Path) -> None:
    src = _multinews(tmp_path / "in.src", [QUAKE_A, QUAKE_B, QUAKE_A[:1]])
    src.write_text(src.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")  # a blank line is no story
    assert job_keys(str(src)) == ["line:1", "line:3", "line:4"]
    jobs = iter_jobs(str(src), skip={"line:3"})
    assert next(jobs).key == "line:1"  # one job at a time, not a list of them all
    assert [j.key for j in jobs] == ["line:4"]
    assert job_keys(str(src), limit=2) == ["line:1", "line:3"]


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    src = _multinews(tmp_path / "in.src", [QUAKE_A])
    with pytest.raises(UsageError):
        run_batch(str(src), tmp_path / "o.jsonl", engine="spark")
    with pytest.raises(UsageError):
        run_batch(str(src), tmp_path / "o.jsonl", engine="local", workers=0)


def test_local_engine_writes_jsonl_and_a_rerun_skips_done_lines(tmp_path: Path) -> None:
    src = _multinews(tmp_path / "in.src", [QUAKE_A, QUAKE_B])
    out = tmp_path / "out.jsonl"
    first = run_batch(str(src), out, engine="local", limit=1)
    assert (first.briefed, first.done_before) == (1, 0)
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert records[0]["line"] == 1 and len(records[0]["brief"]["articles"]) == 3
    second = run_batch(str(src), out, engine="local")
    assert (second.briefed, second.done_before) == (1, 1)
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in records] == [1, 2] and "Kestrel" in json.dumps(records[1]["brief"]["summary"])


def test_ray_engine_briefs_two_stories(tmp_path: Path) -> None:
    src = _multinews(tmp_path / "in.src", [QUAKE_A, QUAKE_B])
    out = tmp_path / "out.jsonl"
    report = run_batch(str(src), out, engine="ray", workers=1)
    assert report.briefed == 2 and report.failed == 0
    assert sorted(json.loads(x)["line"] for x in out.read_text(encoding="utf-8").splitlines()) == [1, 2]
