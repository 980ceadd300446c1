"""A corpus of hostile and odd inputs, generated on demand (large ones are never committed).

Each case writes its input(s) under a folder and says what a user must see:
``"error"`` (a one-line error naming the input, exit 2 or 3), ``"brief"`` (an honest
brief, exit 0), or ``"either"`` (an honest brief or a clear error are both acceptable, e.g.
a page with almost no text). ``expect_in_output`` is text that must appear (a skipped
reason, a named input).
"""

from __future__ import annotations

import codecs
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

NEWS = (
    "The city council approved a new budget on Monday after a long debate about road repairs. "
    "Mayor Ellen Park said the plan would fix forty bridges over five years. "
    "Opponents said the cost, about 12 million dollars, was too high for a small town. "
    "The vote was six to three, and the budget takes effect in July."
)
NEWS_B = (
    "Council members voted six to three on Monday to approve the city budget, which sets aside money for road repairs. "
    "\"We will fix forty bridges in five years,\" Mayor Ellen Park said after the vote. "
    "Critics called the 12 million dollar plan too expensive for the town."
)
GERMAN = (
    "Der Stadtrat hat am Montag nach einer langen Debatte einen neuen Haushalt beschlossen. "
    "Die Bürgermeisterin sagte, dass mit dem Plan in fünf Jahren vierzig Brücken repariert werden sollen, "
    "und die Gegner sagten, dass die Kosten für eine kleine Stadt zu hoch seien."
)
FRENCH = (
    "Le conseil municipal a approuvé lundi un nouveau budget après un long débat sur la réparation des routes. "
    "La maire a dit que le plan permettrait de réparer quarante ponts en cinq ans, et les opposants ont dit que le coût était trop élevé pour une petite ville."
)
CHINESE = "市议会星期一在关于道路维修的长时间辩论后批准了新的预算。市长表示，该计划将在五年内修复四十座桥梁。反对者说，对于一个小镇来说，这个成本太高了。"
RUSSIAN = "Городской совет в понедельник утвердил новый бюджет после долгих дебатов о ремонте дорог. Мэр заявила, что план позволит отремонтировать сорок мостов за пять лет."


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[str]]  # writes files under the folder, returns CLI inputs
    expect: str  # "error" | "brief" | "either"
    expect_in_output: tuple[str, ...] = field(default_factory=tuple)
    #: Text that must never appear (a raw escape sequence a terminal would obey).
    never_in_output: tuple[str, ...] = field(default_factory=tuple)
    #: The report asked for: json (checked line by line) or md (what a terminal shows).
    report: str = "json"


def _file(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        p = folder / name
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [str(p)]
    return make


def _with_good(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    """The odd file next to two good articles: the brief must go on and say what it skipped."""
    def make(folder: Path) -> list[str]:
        (folder / "good-a.txt").write_text(NEWS)
        (folder / "good-b.txt").write_text(NEWS_B)
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [str(folder)]
    return make


def _folder(files: dict[str, str | bytes]) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        for name, data in files.items():
            (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [str(folder)]
    return make


def _big(name: str, megabytes: int) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        p = folder / name
        line = (NEWS + "\n").encode()
        with p.open("wb") as f:
            for _ in range(megabytes * 1_000_000 // len(line) + 1):
                f.write(line)
        return [str(p)]
    return make


def _many(n: int) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        for i in range(n):
            (folder / f"outlet-{i:03d}.txt").write_text(
                f"Outlet {i} reports that the council approved the budget on Monday. "
                f"Its reporter counted {i + 3} speakers at the meeting. {NEWS_B}"
            )
        return [str(folder)]
    return make


def _good_and(*refs: str) -> Callable[[Path], list[str]]:
    """Two good articles in a folder, then other inputs (URLs) given beside it."""
    def make(folder: Path) -> list[str]:
        (folder / "good-a.txt").write_text(NEWS)
        (folder / "good-b.txt").write_text(NEWS_B)
        return [str(folder), *refs]
    return make


def _jsonl_with_good(name: str, *odd_lines: str) -> Callable[[Path], list[str]]:
    """A JSONL file whose odd records sit between two good ones: the good ones are briefed."""
    good = [json.dumps({"text": NEWS, "source": "Good A"}), json.dumps({"text": NEWS_B, "source": "Good B"})]
    return _file(name, "\n".join([good[0], *odd_lines, good[1]]))


def _special(make_entry: Callable[[Path], None]) -> Callable[[Path], list[str]]:
    """Two good articles and one odd folder entry (a pipe, a link, a subfolder)."""
    def make(folder: Path) -> list[str]:
        (folder / "good-a.txt").write_text(NEWS)
        (folder / "good-b.txt").write_text(NEWS_B)
        make_entry(folder)
        return [str(folder)]
    return make


def _html(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def _deep_nesting(depth: int) -> str:
    return _html("<div>" * depth + f"<p>{NEWS}</p>" + "</div>" * depth)


def cases() -> list[Case]:
    c: list[Case] = [
        # --- empty and whitespace ---------------------------------------------------------------
        Case("empty file", _file("empty.txt", b""), "error", ("empty.txt",)),
        Case("whitespace only", _file("spaces.txt", "   \t  \n  "), "error", ("spaces.txt",)),
        Case("newlines only", _file("newlines.txt", "\n" * 500), "error", ("newlines.txt",)),
        Case("empty next to good", _with_good("empty.txt", b""), "brief", ("empty.txt",)),
        # --- binary and bytes ----------------------------------------------------------------------
        Case("random binary", _file("blob.txt", bytes(range(256)) * 40), "error", ("blob.txt", "binary")),
        Case("NUL bytes in text", _file("nul.txt", NEWS.encode() + b"\x00\x00" * 200 + NEWS.encode()), "error", ("nul.txt",)),
        Case("PNG with .txt name", _file("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(2000)), "error", ("image.txt",)),
        Case("gzip with .txt name", _file("archive.txt", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 10), "error", ("archive.txt",)),
        Case("binary next to good", _with_good("blob.txt", bytes(range(256)) * 40), "brief", ("blob.txt",)),
        Case("image next to good", _with_good("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(500)), "brief", ("photo.jpg",)),
        # --- encodings -----------------------------------------------------------------------------
        Case("invalid UTF-8", _file("bad-utf8.txt", NEWS.encode() + b" \xff\xfe\xc3\x28 " + NEWS_B.encode()), "brief"),
        Case("UTF-16 LE with BOM", _file("u16le.txt", codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le")), "brief"),
        Case("UTF-16 BE with BOM", _file("u16be.txt", codecs.BOM_UTF16_BE + NEWS.encode("utf-16-be")), "brief"),
        Case("UTF-16 LE without BOM", _file("u16nobom.txt", NEWS.encode("utf-16-le")), "brief"),
        Case("UTF-16 BE without BOM", _file("u16benobom.txt", NEWS.encode("utf-16-be")), "brief"),
        Case("UTF-8 with BOM", _file("bom.txt", codecs.BOM_UTF8 + NEWS.encode()), "brief"),
        Case("UTF-32 with BOM", _file("u32.txt", NEWS.encode("utf-32")), "brief"),
        Case("Windows-1252 smart quotes", _file("cp1252.txt", ("“Quoted,” she said. " + NEWS).encode("cp1252")), "brief"),
        Case("Latin-1 accents", _file("latin1.txt", ("Café owners in Málaga said: " + NEWS).encode("latin-1")), "brief"),
        Case("mojibake", _file("mojibake.txt", ("CafÃ© owners said itâ€™s fine. " + NEWS)), "brief"),
        Case("CRLF line endings", _file("crlf.txt", NEWS.replace(". ", ".\r\n\r\n")), "brief"),
        Case("old Mac CR endings", _file("cr.txt", NEWS.replace(". ", ".\r\r")), "brief"),
        Case("control characters", _file("ctrl.txt", NEWS.replace(" ", " \x07", 3)), "brief"),
        Case("zero-width and RTL marks", _file("zw.txt", NEWS.replace(" ", "\u200b ", 10) + " \u202eevil\u202c"), "brief"),
        # --- size ----------------------------------------------------------------------------------
        Case("20 MB text", _big("big20.txt", 20), "error", ("big20.txt", "too large")),
        Case("50 MB text", _big("big50.txt", 50), "error", ("big50.txt", "too large")),
        Case("one 1 MB line", _file("oneline.txt", ("word " * 200_000)), "either"),
        Case("a 100 kB word", _file("longword.txt", "x" * 100_000 + " " + NEWS), "brief"),
        # --- HTML ----------------------------------------------------------------------------------
        Case("HTML bomb: deep nesting", _file("deep.html", _deep_nesting(20_000)), "either", ("deep.html",)),
        Case("HTML bomb: huge attribute", _file("attr.html", _html(f'<div data-x="{"a" * 3_000_000}"><p>{NEWS}</p></div>')), "either", ("attr.html",)),
        Case("script-only page", _file("script.html", _html("<script>" + "var a=1;" * 20000 + "</script>")), "error", ("script.html",)),
        Case("style-only page", _file("style.html", _html("", "<style>" + "p{color:red}" * 5000 + "</style>")), "error", ("style.html",)),
        Case("paywall stub", _file("paywall.html", _html("<div class='paywall'><p>Subscribe to continue reading.</p><button>Log in</button></div>")), "error", ("paywall.html",)),
        Case("cookie wall", _file("cookies.html", _html("<div id='consent'><p>We use cookies. Accept all cookies to continue.</p><button>Accept</button></div>")), "error", ("cookies.html",)),
        Case("page with no article", _file("nav.html", _html("<nav>" + "".join(f"<a href='/{i}'>Section {i}</a>" for i in range(50)) + "</nav>")), "error", ("nav.html",)),
        Case("HTML comments only", _file("comments.html", _html("<!-- " + NEWS + " -->")), "error", ("comments.html",)),
        Case("HTML with wrong charset", _file("charset.html", _html(f"<article><p>{NEWS}</p><p>{NEWS_B}</p></article>", "<meta charset='iso-8859-1'>")), "brief"),
        Case("HTML next to good", _with_good("script.html", _html("<script>var a=1;</script>")), "brief", ("script.html",)),
        Case("XML file", _file("feed.xml", "<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>"), "error", ("feed.xml",)),
        # --- how many articles ---------------------------------------------------------------------
        Case("one article", _file("single.txt", NEWS), "brief", ("Only one article",)),
        Case("two articles", _folder({"a.txt": NEWS, "b.txt": NEWS_B}), "brief"),
        Case("200 articles", _many(200), "brief"),
        Case("same article 5 times", _folder({f"copy{i}.txt": NEWS for i in range(5)}), "brief", ("same text as",)),
        # --- languages -----------------------------------------------------------------------------
        Case("German article", _file("de.txt", GERMAN), "error", ("de.txt", "language 'de'")),
        Case("French article", _file("fr.txt", FRENCH), "error", ("fr.txt", "language 'fr'")),
        Case("Chinese article", _file("zh.txt", CHINESE), "error", ("zh.txt",)),
        Case("Russian article", _file("ru.txt", RUSSIAN), "error", ("ru.txt",)),
        Case("English and German", _folder({"en-a.txt": NEWS, "en-b.txt": NEWS_B, "de.txt": GERMAN}), "brief", ("language 'de'",)),
        # --- Multi-News ----------------------------------------------------------------------------
        Case("Multi-News line with empty parts", _file("mn.src", f"{NEWS} ||||| ||||| {NEWS_B} |||||"), "brief", ("empty article",)),
        Case("Multi-News line all empty", _file("mn-empty.src", " ||||| ||||| "), "error", ("mn-empty.src",)),
        Case("Multi-News NEWLINE_CHAR markers", _file("mn-nl.src", f"{NEWS} NEWLINE_CHAR NEWLINE_CHAR {NEWS} ||||| {NEWS_B}"), "brief"),
        Case("Multi-News file of many lines", _file("mn-many.src", f"{NEWS} ||||| {NEWS_B}\n{NEWS_B} ||||| {NEWS}\n"), "error", ("manysides batch",)),
        # --- JSONL ---------------------------------------------------------------------------------
        Case("malformed JSONL lines", _file("mixed.jsonl", "\n".join([json.dumps({"text": NEWS, "source": "A"}), "{broken", "[1,2]", json.dumps({"text": NEWS_B, "source": "B"})])), "brief", ("not valid JSON", "not a JSON object")),
        Case("JSONL all malformed", _file("bad.jsonl", "{oops\n{also oops\n"), "error", ("bad.jsonl",)),
        Case("JSONL empty objects", _file("empty.jsonl", "{}\n{}\n"), "error", ("empty.jsonl",)),
        Case("JSONL html field", _file("html.jsonl", json.dumps({"html": _html(f"<article><p>{NEWS}</p><p>{NEWS_B}</p></article>"), "source": "H"})), "brief"),
        Case("JSONL private URL", _file("ssrf.jsonl", "\n".join([json.dumps({"url": "http://127.0.0.1:9/x"}), json.dumps({"text": NEWS, "source": "A"}), json.dumps({"text": NEWS_B, "source": "B"})])), "brief", ("private or local",)),
        Case("JSON array, not JSONL", _file("array.jsonl", json.dumps([{"text": NEWS}])), "error", ("array.jsonl",)),
        # --- odd text ------------------------------------------------------------------------------
        Case("no punctuation at all", _file("nopunct.txt", NEWS.replace(".", "").replace(",", "")), "brief"),
        Case("only numbers", _file("numbers.txt", " ".join(str(i) for i in range(3000))), "either", ("numbers.txt",)),
        Case("only emoji", _file("emoji.txt", "🎉🔥🙂 " * 300), "either", ("emoji.txt",)),
        Case("only clutter lines", _file("clutter.txt", "Share this article\n\nSubscribe to our newsletter\n\nLeave a Reply\n\nBe the first to comment!\n"), "either", ("clutter.txt",)),
        Case("CSV file", _file("table.csv", "a,b,c\n1,2,3\n"), "error", ("table.csv",)),
        # --- paths and URLs ------------------------------------------------------------------------
        Case("missing path", lambda folder: [str(folder / "nope.txt")], "error", ("nope.txt", "no such file")),
        Case("empty folder", lambda folder: [str(folder)], "error", ("no text, HTML or JSONL",)),
        Case("folder of images", _folder({"a.png": b"\x89PNG", "b.jpg": b"\xff\xd8"}), "error", ("no text, HTML or JSONL",)),
        Case("file:// URL", lambda folder: ["file:///etc/passwd"], "error", ("file:///etc/passwd",)),
        Case("ftp URL", lambda folder: ["ftp://example.org/a.txt"], "error", ("ftp://example.org/a.txt",)),
        Case("loopback URL", lambda folder: ["http://127.0.0.1:9/story"], "error", ("127.0.0.1", "private or local")),
        Case("dead URL", lambda folder: ["http://no-such-host.invalid/story"], "error", ("no-such-host.invalid", "cannot resolve")),
        Case("metadata URL", lambda folder: ["http://169.254.169.254/latest/meta-data/"], "error", ("169.254.169.254",)),
        # --- URLs that are not URLs, and private addresses in disguise (issue #26) ----------------
        Case("URL with an open bracket", lambda folder: ["http://[/"], "error", ("http://[/", "not a valid URL")),
        Case("URL with three colons", lambda folder: ["http://a:b:c/"], "error", ("http://a:b:c/", "not a valid URL")),
        Case("URL port out of range", lambda folder: ["http://example.org:99999/"], "error", ("example.org:99999", "not a valid URL")),
        Case("bad URL next to good", _good_and("http://[/"), "brief", ("http://[/",)),
        Case("bad and private URLs next to good", _good_and("http://a:b:c/", "http://[::1]/"), "brief", ("http://a:b:c/", "private or local")),
        *[
            Case(f"private address {url}", (lambda u: lambda folder: [u])(url), "error", (url, "private or local"))
            for url in (
                "http://[::1]/", "http://[::127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/",
                "http://[::ffff:127.0.0.1]/", "http://[fe80::1]/", "https://[::]/", "http://0x7f000001/",
                "http://2130706433/", "http://0177.0.0.1/", "http://127.1/", "http://0/", "http://10.0.0.1/",
                "http://192.168.1.1/", "http://user:secret@127.0.0.1/",
            )
        ],
        # --- one bad record among good ones (issue #26) -------------------------------------------
        Case("JSONL lone surrogate", _jsonl_with_good("surrogate.jsonl", '{"text": "\\ud800 ' + NEWS + '", "source": "Odd"}'), "brief"),
        Case("JSONL malformed URL record", _jsonl_with_good("badurl.jsonl", json.dumps({"url": "http://[/"})), "brief", ("badurl.jsonl:2", "not a valid URL")),
        Case("JSONL text is a number", _jsonl_with_good("number.jsonl", json.dumps({"text": 12345})), "brief"),
        Case("JSONL text is an object", _jsonl_with_good("object.jsonl", json.dumps({"text": {"a": 1}})), "brief"),
        Case("JSONL null record", _jsonl_with_good("null.jsonl", "null"), "brief", ("not a JSON object",)),
        Case("JSONL garbage date", _jsonl_with_good("date.jsonl", json.dumps({"text": NEWS_B + " The mayor spoke again on Tuesday.", "date": "99999-99-99T99:99"})), "brief"),
        Case("JSONL two thousand blank lines", _jsonl_with_good("blank.jsonl", *[""] * 2000), "brief"),
        # --- what a terminal would obey (issue #26) -----------------------------------------------
        Case("escape sequences in an outlet's name", _jsonl_with_good("osc.jsonl", json.dumps({"text": NEWS_B + " Crews began work on Wednesday.", "source": "Evil \x1b]52;c;ZXZpbA==\x07 News\r"})),
             "brief", ("\\x1b]52",), ("\x1b", "\x07"), "md"),
        Case("escape sequences in a file name", _with_good("evil\x1b[31mred\x1b[0m.txt", b""), "brief", ("\\x1b[31m",), ("\x1b",), "md"),
        Case("escape sequences in the text", _file("ansi.txt", NEWS.replace("Monday", "Monday\x1b[2J\x1b]52;c;ZXZpbA==\x07")), "brief", (), ("\x1b", "\x07"), "md"),
        # --- folders with odd entries --------------------------------------------------------------
        Case("pipe in a folder", _special(lambda folder: os.mkfifo(folder / "pipe.txt")), "brief", ("pipe.txt", "not a regular file")),
        Case("pipe given as a path", lambda folder: (os.mkfifo(folder / "pipe.txt"), [str(folder / "pipe.txt")])[1], "error", ("pipe.txt", "not a regular file")),
        Case("folder linked into itself", _special(lambda folder: (folder / "loop").symlink_to(folder)), "brief", ("loop", "folder inside the folder")),
        Case("subfolder of articles", _special(lambda folder: ((folder / "more").mkdir(), (folder / "more" / "c.txt").write_text(NEWS_B))), "brief", ("more", "pass it on its own")),
        Case("link to a missing file", _special(lambda folder: (folder / "gone.txt").symlink_to(folder / "nowhere.txt")), "brief", ("gone.txt",)),
        # --- large and repetitive text -------------------------------------------------------------
        Case("ten thousand short paragraphs", _with_good("long.txt", "\n\n".join(f"The council met on Tuesday about the ferry timetable, item {n}." for n in range(10_000))), "brief", ("long.txt",)),
        Case("one sentence five thousand times", _with_good("repeat.txt", (NEWS.split(". ")[0] + ". ") * 5_000), "brief"),
        Case("only links", _file("links.txt", "\n".join(f"https://example.org/story/{i}" for i in range(500))), "either", ("links.txt",)),
    ]
    return c
