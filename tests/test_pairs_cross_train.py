"""The cross-encoder's training helpers that need no torch: what it trains on, how a batch
is padded, how it is scored (issue #27)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from manysides.text.pairs import pad, pool_np
from manysides.text.pairs_cross_train import CROSS_TASKS, fit_temperature, scores, training_pairs
from manysides.text.pairs_data import Pair

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pairs"


def _pair(set_: str, split: str, task: str, label: str, a: str = "a") -> Pair:
    return Pair(set_, split, task, a, "b", label)


def test_training_pairs_keep_held_out_and_stance_out_and_cut_qqp():
    pairs = [_pair("mrpc", "held-out", "same", "same"), _pair("mrpc", "train", "same", "same"),
             _pair("fnc1", "train", "stance", "agree"), _pair("snli", "train", "nli", "neutral")]
    pairs += [_pair("qqp", "train", "same", "different", a=str(i)) for i in range(10)]
    got = training_pairs(pairs, qqp=3, seed=0)
    assert all(p.split == "train" and p.task in CROSS_TASKS for p in got)
    assert sum(p.set == "qqp" for p in got) == 3 and len(got) == 5
    assert training_pairs(pairs, qqp=3, seed=0) == got  # the QQP sample is fixed by the seed


def test_pad_pads_to_the_longest_pair_of_the_batch_only():
    ids, types, mask = pad([([101, 5, 102, 6, 102], [0, 0, 0, 1, 1]), ([101, 7, 102], [0, 0, 0])])
    assert ids.shape == (2, 5)
    assert ids[1].tolist() == [101, 7, 102, 0, 0] and mask[1].tolist() == [1, 1, 1, 0, 0]
    assert types[0].tolist() == [0, 0, 0, 1, 1]


def test_pool_reads_cls_and_the_mean_of_real_tokens():
    x = np.arange(2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2)
    out = pool_np(x, np.array([[1, 1, 0], [1, 1, 1]]))
    assert out[0].tolist() == [0, 1, 1, 2]  # the padded third token does not count
    assert out[1].tolist() == [6, 7, 8, 9]


def test_scores_as_the_bench_reads_them():
    gold, pred = np.array([1, 1, 0, 0]), np.array([1, 0, 0, 1])
    assert scores(gold, pred, "same") == {"accuracy": 0.5, "f1": 0.5}
    assert scores(np.array([0, 1, 2]), np.array([0, 1, 1]), "nli")["macro_f1"] == pytest.approx((1 + 2 / 3 + 0) / 3)


def test_temperature_softens_an_overconfident_head():
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 2, 2000)
    right = rng.random(2000) < 0.7  # right 70 % of the time, but scored as if always sure
    pred = np.where(right, gold, 1 - gold)
    logits = np.zeros((2000, 2))
    logits[np.arange(2000), pred] = 3.0
    t = fit_temperature(logits, gold)
    p = np.exp(logits / t)
    p /= p.sum(1, keepdims=True)
    assert t > 2.0 and p.max(1).mean() == pytest.approx(0.7, abs=0.05)


def test_training_without_torch_says_what_to_install(tmp_path):
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("torch") is not None:
        pytest.skip("torch is installed here: the command would train")
    done = subprocess.run([sys.executable, "-m", "manysides", "train", "pairs", "train", "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "pip install -e '.[train]'" in done.stderr
