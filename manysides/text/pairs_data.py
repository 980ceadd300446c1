"""The labelled sentence pairs the pair model learns from and is measured on.

``../shared/data/pairs/<set>/<split>.jsonl`` (see that folder's README): paraphrase,
entailment, similarity and stance sets. Each row is mapped to one of three tasks:

* ``same``: do the two sentences say the same thing (1/0)?
* ``nli``: does ``a`` entail ``b``, leave it open, or contradict it?
* ``stance``: does a text agree with a claim, disagree, or only discuss it?

Every set has a fixed held-out part: its own test split where it has one, else a
share chosen by a hash of the first text (so one premise or article body never sits on
both sides). Training never sees a held-out pair, nor any pair whose texts appear in
one either way round (STS-B's MSRpar pairs are taken from MRPC, its test part included).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError

__all__ = ["Pair", "TASKS", "load_pairs", "split_of"]

#: Task -> its labels, in the order of the model's outputs.
TASKS: dict[str, tuple[str, ...]] = {
    "same": ("different", "same"),
    "nli": ("entailment", "neutral", "contradiction"),
    "stance": ("agree", "disagree", "discuss"),
}

#: Share of a set without its own test split that is held out.
HELD_OUT_SHARE = 0.3

_NLI = {"entailment": "entailment", "neutral": "neutral", "contradiction": "contradiction"}
_FEVER = {"SUPPORTS": "entailment", "REFUTES": "contradiction"}
_STANCE = {"agree": "agree", "disagree": "disagree", "discuss": "discuss",
           "for": "agree", "against": "disagree", "observing": "discuss"}


@dataclass(frozen=True)
class Pair:
    set: str
    split: str  # "train" or "held-out"
    task: str
    a: str
    b: str
    label: str


def split_of(key: str) -> str:
    """'held-out' for a fixed ~30 % of keys, by hash: stable across runs and machines."""
    h = int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "held-out" if h < HELD_OUT_SHARE else "train"


def _same_label(name: str, row: dict) -> str | None:
    if name == "stsb":  # a similarity score 0-5: keep the clear ends
        score = float(row["label"])
        return "same" if score >= 4.0 else "different" if score <= 2.0 else None
    return "same" if int(row["label"]) == 1 else "different"


def _rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


#: set -> (task, files held out as a whole, or None to hold out by hash)
_SETS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "mrpc": ("same", ("test",)),
    "qqp": ("same", None),
    "stsb": ("same", ("dev", "test")),
    "snli": ("nli", ("test",)),
    "mnli": ("nli", None),
    "anli": ("nli", None),
    "sick": ("nli", ("test",)),
    "fever_symmetric": ("nli", ("test",)),
    "fnc1": ("stance", None),
    "emergent": ("stance", ("test",)),
}


def _label(name: str, task: str, row: dict) -> str | None:
    if task == "same":
        return _same_label(name, row)
    if task == "nli":
        return (_FEVER if name == "fever_symmetric" else _NLI).get(str(row["label"]))
    return _STANCE.get(str(row["label"]))


def load_pairs(root: Path) -> list[Pair]:
    """Every usable pair under ``root`` (the shared ``pairs`` folder), with its split."""
    if not root.is_dir():
        raise InputError(str(root), "no such folder of labelled pairs", "pass --data ../shared/data/pairs")
    pairs: list[Pair] = []
    for name, (task, test_files) in _SETS.items():
        for path in sorted((root / name).glob("*.jsonl")):
            for row in _rows(path):
                label = _label(name, task, row)
                if label is None or not row.get("a") or not row.get("b"):
                    continue
                if test_files is None:
                    split = split_of(f"{name}\n{row['a']}")
                else:
                    split = "held-out" if path.stem in test_files else "train"
                pairs.append(Pair(name, split, task, row["a"], row["b"], label))
    held = {k for p in pairs if p.split == "held-out" for k in ((p.a, p.b), (p.b, p.a))}
    return [p for p in pairs if p.split == "held-out" or (p.a, p.b) not in held]
