"""Bytes to text: refuse binary, honour BOMs, guess legacy encodings, cap sizes."""

from __future__ import annotations

import codecs

from ..errors import InputError

__all__ = ["decode_bytes", "MAX_INPUT_BYTES"]

#: Largest single input we read (a long article is ~100 kB; 10 MB leaves room for HTML bloat).
MAX_INPUT_BYTES = 10_000_000

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16_without_bom(data: bytes) -> str | None:
    """ASCII text in UTF-16 has a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:8000]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return "\x00" in sample or controls > 0.05 * len(sample)


def decode_bytes(data: bytes, origin: str, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Decode ``data`` read from ``origin``; raise InputError with a remedy when we can't."""
    if len(data) > max_bytes:
        raise InputError(
            origin,
            f"too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB per input)",
            "split it into articles, or pass only the article's page",
        )
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    encoding = encoding or _looks_utf16_without_bom(data)
    if encoding:
        text = data.decode(encoding, errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if _looks_binary(text):
        raise InputError(origin, "looks like a binary file, not text or HTML", "pass a text, HTML or JSONL file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_legacy(data: bytes) -> str:
    """Not UTF-8: let charset-normalizer guess; Windows-1252 is the web's usual suspect."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except Exception:  # noqa: BLE001 - a guesser failure must not lose the input
        pass
    return data.decode("cp1252", errors="replace")
