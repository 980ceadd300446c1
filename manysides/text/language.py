"""Is this English? A stop-word test: cheap, offline and good enough to refuse honestly.

The models we ship (spaCy en_core_web_sm, MiniLM) are English; other languages are
skipped with a reason rather than briefed badly.
"""

from __future__ import annotations

import re

__all__ = ["guess_language", "in_other_script", "SUPPORTED"]

SUPPORTED = ("en",)

_STOP = {
    "en": "the of and to in a is that for it on was with as by he said his at from be have are this not but they has",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass",
    "fr": "le la les de des et en un une du est que qui dans pour pas sur au par ce il elle sont avec plus",
    "es": "el la los las de del y en un una que es por para con no se su al lo como más pero sus le ya",
    "it": "il la di che e in un una per non sono del della con si le da al ma come anche gli",
    "pt": "o a os as de do da e em um uma que para com não se por mais como dos das ao foi",
    "nl": "de het een en van in is dat op te zijn voor met die niet aan er maar om ook als",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOP.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text[:20000])]


def _other_script(tokens: list[str]) -> bool:
    return sum(1 for t in tokens if not t.isascii()) > 0.5 * len(tokens)


def in_other_script(text: str) -> bool:
    """Whether most words of ``text`` are in a script other than Latin (Chinese, Arabic, Cyrillic)."""
    tokens = _tokens(text)
    return bool(tokens) and _other_script(tokens)


def guess_language(text: str) -> str:
    """ISO 639-1 code of the best-matching language, "und" when there is too little text."""
    tokens = _tokens(text)
    if len(tokens) < 8:
        return "und"
    if _other_script(tokens):
        return "other"  # a non-Latin script: not one we support
    scores = {lang: sum(1 for t in tokens if t in words) / len(tokens) for lang, words in _WORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 0.08 else "other"
