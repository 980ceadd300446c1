"""A line that names its speaker only by a title ("…," the prime minister said) gets the name
the quotes found for that very sentence, in brackets as editors do: "the prime minister
[Theresa May] said". Out of its article, a summary line or an agreed fact cannot point a reader
to the paragraph that named her (readers of the real stories: "unnamed prime minister",
"'the scientist' (Falcke) never named")."""

from __future__ import annotations

from typing import Mapping, Sequence

from ..records import Quote
from ..text.standalone import titled_speaker_end

__all__ = ["with_speaker_named"]


def _normal(text: str) -> str:
    return " ".join(text.split())


def _speakers(sentences: Mapping[str, str], quotes: Sequence[Quote]) -> set[str]:
    """The speakers the quotes give for these sentences (article id -> sentence); a line shown
    without its dateline sits inside its sentence."""
    found = set()
    for a, sentence in sentences.items():
        said = _normal(sentence)
        for q in quotes:
            context = _normal(q.contexts.get(a, ""))
            if q.speaker[:1].isupper() and context and (said in context or context in said):
                found.add(q.speaker)
    return found


def with_speaker_named(text: str, sentences: Mapping[str, str], quotes: Sequence[Quote]) -> str:
    """``text`` with its titled speaker's name after the title, where the quotes of its
    sentences (article id -> sentence) give one speaker whose name the line does not write."""
    end = titled_speaker_end(text)
    if end is None:
        return text
    speakers = _speakers(sentences, quotes)
    if len(speakers) != 1:
        return text  # none, or outlets' versions of the line resolved to two people: say nothing
    speaker = speakers.pop()
    if any(word in text for word in speaker.split() if len(word) > 2):
        return text  # the line names them already ("Trump's spokesman said")
    return f"{text[:end]} [{speaker}]{text[end:]}"
