"""The sentence encoder: the int8 MiniLM we build, against the fp32 graph and the packaged model."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from manysides.text import minilm_int8
from manysides.text.embeddings import MiniLMEncoder, _packaged_model_path, minilm_available

SENTENCES = [
    "The governor issued a memo telling state police not to detain immigrants for federal agents.",
    "State troopers were told by the governor not to hold immigrants for federal authorities.",
    "The White House press secretary said laws are passed in this country for a reason.",
    "A spokesman for the president said the nation's laws must be enforced.",
    "The bridge will close for repairs on Monday, the county said.",
    "Heavy rain flooded the riverside market for the second time this year.",
    "Officials counted 300 people at the meeting.",
    "About three hundred residents attended the town hall.",
]


@pytest.fixture(scope="module")
def fp32_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return minilm_int8.save_fp32(tmp_path_factory.mktemp("minilm") / "fp32.onnx")


def _similarities(model: Path) -> np.ndarray:
    vectors = MiniLMEncoder(threads=1, model=model).encode(SENTENCES)
    return vectors @ vectors.T


def test_our_fp32_graph_computes_what_the_packaged_model_computes(fp32_model: Path) -> None:
    # The packaged model has int8 weights (fp32 compute): the two differ by its rounding only.
    ours = MiniLMEncoder(threads=1, model=fp32_model).encode(SENTENCES)
    packaged = MiniLMEncoder(threads=1, model=_packaged_model_path()).encode(SENTENCES)
    assert (ours * packaged).sum(1).min() > 0.997


def test_the_int8_model_keeps_similarities_and_their_ranking(fp32_model: Path) -> None:
    built = minilm_int8.built_model()
    assert built is not None and built.exists()
    exact, fast = _similarities(fp32_model), _similarities(built)
    upper = np.triu_indices(len(SENTENCES), 1)
    assert np.abs(exact[upper] - fast[upper]).max() < 0.06
    for a, b in [(0, 1), (2, 3), (6, 7)]:  # each paraphrase stays the nearest sentence
        assert int(np.argsort(-fast[a])[1]) == b
        assert int(np.argsort(-fast[b])[1]) == a


def test_the_build_is_cached_and_an_unwritable_cache_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("MANYSIDES_CACHE", str(tmp_path / "cache"))
    path = minilm_int8.built_model()
    assert path is not None and path.parent == tmp_path / "cache"
    stamp = path.stat().st_mtime_ns
    assert minilm_int8.built_model() == path and path.stat().st_mtime_ns == stamp  # not rebuilt
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary files left

    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("MANYSIDES_CACHE", str(blocked / "cache"))
    with caplog.at_level(logging.WARNING):
        assert minilm_int8.built_model() is None
    assert "slower packaged one" in caplog.text
    # The encoder still works, on the packaged model.
    assert MiniLMEncoder(threads=1).encode(SENTENCES[:2]).shape == (2, 384)


def test_each_encoder_says_how_long_its_vectors_are() -> None:
    """One registry (``get_encoder``), one ``Encoder.dim``: no stage hard-codes MiniLM's 384."""
    from manysides.text.embeddings import get_encoder

    tfidf = get_encoder("tfidf")
    assert tfidf.dim == 0  # its columns are the terms of the texts encoded together
    if minilm_available():
        minilm = get_encoder("minilm")
        assert minilm.encode(["The bridge is closed."]).shape == (1, minilm.dim) and minilm.encode([]).shape == (0, minilm.dim)
