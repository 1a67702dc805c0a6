"""The learned line scorer: the last line rule, a small additive model over what the rules leave.

The model (`line_scorer.json`, next to this file) is a sum of one-feature steps (boosted decision
stumps) over `line_features.FEATURES`, trained on the dev part of the held-out labelled set and the
composed web pages' dev part by `benchmarks/train_line_scorer.py` (one command, fixed seed), with its
threshold chosen on scores of sites left out, so that each set loses at most 0.2% of its article text
to it. Evaluating it is a few numpy comparisons per stump: deterministic, no download, no library
beyond numpy.

A line it drops gets the code of the feature family that contributed most to its score, measured
against the family's typical contribution on the training lines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.line_features import FAMILIES, FEATURES, NAMES, family_codes, features
from builder.steps import LineRule, values

MODEL = Path(__file__).with_name("line_scorer.json")


class ModelMismatch(ValueError):
    """The weights file was trained on other features than this code computes (retrain it)."""


@dataclass(frozen=True)
class Model:
    bias: float
    feature: np.ndarray  # per stump: the feature's column
    cut: np.ndarray  # per stump: values <= cut take `low`, others `high`
    low: np.ndarray
    high: np.ndarray
    centre: np.ndarray  # per family: its mean contribution on the training lines
    threshold: float  # drop a line whose score (log-odds) is above this

    @classmethod
    def load(cls, path: Path = MODEL) -> Model:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != NAMES:
            raise ModelMismatch(f"{path}: trained on features {data['features']}, the code computes {list(NAMES)}; "
                                "retrain with python -m benchmarks.train_line_scorer")
        stumps = np.array(data["stumps"], dtype=np.float64).reshape(-1, 4)
        return cls(float(data["bias"]), stumps[:, 0].astype(np.int64), stumps[:, 1], stumps[:, 2], stumps[:, 3],
                   np.array([data["centre"][f] for f in FAMILIES], dtype=np.float64), float(data["threshold"]))

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Per row, per family (in FAMILIES order): the sum of its stumps, less the family's centre."""
        family = np.array([list(FAMILIES).index(FEATURES[f].family) for f in self.feature], dtype=np.int64)
        out = np.zeros((len(x), len(FAMILIES)), dtype=np.float64)
        for s in range(len(self.feature)):
            out[:, family[s]] += np.where(x[:, self.feature[s]] <= self.cut[s], self.low[s], self.high[s])
        centred: np.ndarray = out - self.centre
        return centred

    def score(self, x: np.ndarray) -> np.ndarray:
        total: np.ndarray = self.bias + self.contributions(x).sum(axis=1) + self.centre.sum()
        return total


@cache
def model() -> Model:
    return Model.load()


@dataclass(frozen=True)
class LineScorer(LineRule):
    """Drops the kept lines the model scores as chrome; runs after every other line rule."""

    name = "line_scorer"
    reasons: ClassVar[dict[str, str]] = family_codes()

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        reasons, texts = values(lines, "reason"), values(lines, "text")
        rows = np.array([i for i, (r, t) in enumerate(zip(reasons, texts, strict=True)) if r is None and t],
                        dtype=np.int64)
        out: list[str | None] = [None] * len(reasons)
        if len(rows):
            found = model()
            x = features(lines)[rows]
            contributions = found.contributions(x)
            scores = found.score(x)
            codes = [code for code, _ in FAMILIES.values()]
            for i, score, strongest in zip(rows, scores, contributions.argmax(axis=1), strict=True):
                if score > found.threshold:
                    out[i] = codes[strongest]
        return pa.array(out, pa.string())
