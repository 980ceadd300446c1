"""The CLI as a user runs it: formats, options, help that teaches, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from manysides.cli import app

runner = CliRunner()


def test_brief_markdown_of_example(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# ")
    assert "## Summary" in out and "[1]" in out
    assert "Riverton Daily" in out  # the HTML page's site name became the outlet


def test_json_has_the_documented_keys(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "json", "--words", "60"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("articles", "summary", "facts", "divergences", "quotes", "framing", "entities", "timeline"):
        assert key in data
    assert {"id", "source", "title", "text"} <= set(data["articles"][0])
    assert {"text", "sources", "source_sentences"} <= set(data["summary"][0])
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 60


def test_sentences_budget(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "json", "--sentences", "2"])
    assert len(json.loads(result.stdout)["summary"]) == 2


def test_html_to_file(example_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = runner.invoke(app, ["brief", str(example_dir), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0
    html = out.read_text()
    assert html.startswith("<!doctype html>") and "<script" not in html


def test_show_removed_lists_clutter_with_reasons(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--show-removed"])
    assert "## Removed clutter" in result.stdout
    assert "Leave a Reply" in result.stdout  # the blog's comment widget, listed as removed


def test_bad_format_is_a_usage_error(example_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--format", "pdf"])
    assert result.exit_code == 64
    assert "choose one of md, json, html" in result.stderr


def test_too_short_words_budget() -> None:
    result = runner.invoke(app, ["brief", "x.txt", "--words", "3"])
    assert result.exit_code == 64 and "too short" in result.stderr


def test_help_teaches_with_examples() -> None:
    result = runner.invoke(app, ["brief", "--help"])
    assert "Examples" in result.stdout and "--show-removed" in result.stdout


def test_real_process_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    done = subprocess.run([sys.executable, "-m", "manysides.cli", "brief", str(missing)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert str(missing) in done.stderr and "Traceback" not in done.stderr


def test_bench_multinews_runs_on_any_file_of_that_format(tmp_path: Path, example_dir: Path) -> None:
    """The benchmark harness, through the CLI, on two clusters we write here (not Multi-News)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("*.txt"))]
    cluster = " ||||| ".join(t.replace("\n", " NEWLINE_CHAR ") for t in texts)
    (tmp_path / "x.src").write_text(cluster + "\n" + cluster + "\n", encoding="utf-8")
    reference = "The Pinewood Bridge was closed on Tuesday after inspectors found a cracked beam. Repairs could take weeks."
    (tmp_path / "x.tgt").write_text(f"– {reference}\n– {reference}\n", encoding="utf-8")
    result = runner.invoke(app, ["bench", "multinews", "--src", str(tmp_path / "x.src"), "--tgt", str(tmp_path / "x.tgt"), "--words", "40", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert scores["clusters"] == 2
    assert {"rouge1", "rouge2", "rougeLsum", "clusters_per_s"} <= scores.keys()
    assert 10 < scores["rouge1"] <= 100  # the summary shares words with the reference


def test_bench_without_its_data_says_what_is_missing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["bench", "multinews", "--src", str(tmp_path / "none.src"), "--tgt", str(tmp_path / "none.tgt")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output and "none.src" in result.output


def test_escape_sequences_in_untrusted_text_never_reach_the_terminal(tmp_path: Path, example_dir: Path) -> None:
    """Issue #26: an OSC 52 sequence in a title would set the reader's clipboard; a carriage
    return would rewrite the line. Both are shown as \\xNN, in the brief and in error lines."""
    page = tmp_path / "esc.jsonl"
    record = {"source": "Evil \x1b]52;c;ZXZpbA==\x07 News\r", "text": "The Pinewood Bridge closed on Tuesday after inspectors "
              "found a cracked steel beam, officials said, and repairs could take up to six weeks."}
    page.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["brief", str(page), str(example_dir)])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\r" not in result.stdout
    assert "\\x1b]52" in result.stdout  # shown, not obeyed
    missing = runner.invoke(app, ["brief", str(tmp_path / "no\x1b[31mfile")])
    assert missing.exit_code == 2 and "\x1b" not in missing.stderr and "\\x1b[31m" in missing.stderr


def test_a_malformed_url_is_an_input_error_not_a_traceback() -> None:
    for url in ("http://[/", "http://a:b:c/", "http://example.org:99999/"):
        result = runner.invoke(app, ["brief", url])
        assert result.exit_code in (2, 3) and "Traceback" not in result.stderr, (url, result.stderr)
        assert result.stderr.strip().startswith("manysides: error:")


def test_output_is_written_whole_or_not_at_all(tmp_path: Path, example_dir: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("the previous brief\n", encoding="utf-8")
    refused = runner.invoke(app, ["brief", str(example_dir), "-o", str(tmp_path / "missing" / "brief.md")])
    assert refused.exit_code == 2 and "cannot be written" in refused.stderr
    done = runner.invoke(app, ["brief", str(example_dir), "-o", str(target)])
    assert done.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# ")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".brief.md.")]  # no temporary left behind


def test_a_file_that_is_not_a_database_is_one_error_line(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(bytes(range(256)) * 20)
    for args in (["serve", "--database", str(garbage)], ["stories", "list", "--database", str(garbage)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.stderr)
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("manysides: error:") and "garbage.db" in lines[0], result.stderr


def test_every_benchmark_prints_json_when_asked() -> None:
    """Issue #20: every `manysides bench …` takes --json (one JSON object instead of the table)."""
    from manysides.cli import bench_app

    names = sorted({c.name for c in bench_app.registered_commands})
    assert {"claims", "clutter", "extract", "load", "multinews", "quotes", "stories", "batch"} <= set(names)
    for name in names:
        result = subprocess.run([sys.executable, "-m", "manysides", "bench", name, "--help"], capture_output=True, text=True, timeout=120)
        assert "--json" in result.stdout, f"bench {name} has no --json"


def test_show_removed_lists_an_html_pages_menu_lines(tmp_path: Path) -> None:
    """Pages are extracted by the clean stage, which keeps what it took out of them too."""
    from tests.test_clean import OUR_PAGE

    (tmp_path / "ledger.html").write_text(OUR_PAGE, encoding="utf-8")
    result = runner.invoke(app, ["brief", str(tmp_path / "ledger.html"), "--show-removed"])
    assert result.exit_code == 0, result.stderr
    removed = result.stdout.split("## Removed clutter", 1)[1]
    assert "Lakeside Ledger: " in removed
    for menu in ("Home", "Weather", "Please disable your ad blocker"):
        assert f": {menu}" in removed
