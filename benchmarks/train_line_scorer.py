"""Train the line scorer (builder/rules/line_scorer.json) on the dev part of the held-out set.

    PYTHONPATH=. .venv/bin/python -m benchmarks.train_line_scorer [--corpus ../shared/corpus] [--check]

What it does, deterministically (fixed seed, no library beyond numpy):

1. runs the build's line rules (every one before the scorer) on the dev documents, with repeated
   lines counted over the whole corpus as a build of it would, and computes `line_features` on the
   lines they leave: those are the lines the scorer decides, labelled keep or drop;
2. fits boosted decision stumps (logistic loss, one feature per stump) for each setting of the small
   grid below, and scores every dev line with a model that never saw its site (grouped K-fold over
   sites): the threshold is the lowest that keeps dev's content recall (rules and scorer together)
   at 0.99 or above, and the setting with the most chrome removed at that threshold wins;
3. writes that setting's fold models, averaged, with the cross-validated threshold and the
   cross-validated dev figures, to the JSON file. Test is never read.

`--check` trains and prints without writing the file.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from builder.config import BuildConfig
from builder.rules.line_features import FAMILIES, FEATURES, NAMES, features
from builder.rules.paragraphs import lines_table, raw_lines, site
from builder.rules.repeated import RepeatedLines
from builder.rules.scorer import MODEL
from builder.run.plan import Plan
from tests.labelled import Labelled, _documents

SEED = 20261129
FOLDS = 5
TARGET_RECALL = 0.99
GRID = [{"rounds": rounds, "rate": 0.1, "l2": l2, "cuts": 24} for rounds in (20, 40, 60, 120) for l2 in (2.0, 10.0)]


@dataclass(frozen=True)
class Lines:
    """The dev lines the scorer decides, and what the rules already did to the rest."""

    x: np.ndarray  # features of the lines the rules keep
    drop: np.ndarray  # their labels
    chars: np.ndarray  # their length (content recall counts characters)
    group: np.ndarray  # their site, as an index
    keep_chars: int  # every keep line of dev
    keep_chars_lost: int  # keep characters the rules already drop
    drops: int  # every drop line of dev
    drops_removed: int  # drop lines the rules already remove


def rule_plan() -> Plan:
    """A build's plan without the scorer: what the scorer sees is what these leave."""
    return Plan.from_config(BuildConfig.load(line_scorer=False))


def dev_lines(docs: Sequence[Labelled], sites: Sequence[str], context: Sequence) -> Lines:
    documents = _documents(list(docs))
    repeated = RepeatedLines.count((site(d), raw_lines(d)[1]) for d in context)
    table = lines_table(documents, repeated)
    table = table.set_column(table.schema.get_field_index("reason"), "reason", rule_plan().classify(table))
    # a site's sign-off cut from a last line gives that line two rows: each row is mapped to its labelled line
    # (a document's raw text is its labelled lines, one a line), and a line's reason is its first row's
    row_reasons, texts = table.column("reason").to_pylist(), table.column("text").to_pylist()
    first_line = np.cumsum([0, *(len(d.lines) for d in docs)])
    labelled_line = first_line[table.column("doc").to_numpy()] + table.column("line").to_numpy() - 1
    first_row = np.flatnonzero(np.r_[True, labelled_line[1:] != labelled_line[:-1]])
    assert len(first_row) == first_line[-1], "every labelled line has a row of the lines table"
    reasons = [row_reasons[i] for i in first_row.tolist()]
    labels = [keep for d in docs for keep, _ in d.lines]
    lengths = [len(text) for d in docs for _, text in d.lines]
    site_of = [sites[n] for n, d in enumerate(docs) for _ in d.lines]
    x = features(table)[first_row]
    rows = [i for i, (r, t) in enumerate(zip(reasons, (texts[j] for j in first_row.tolist()), strict=True))
            if r is None and t]
    names = sorted(set(site_of))
    return Lines(
        x=x[rows], drop=np.array([not labels[i] for i in rows]), chars=np.array([lengths[i] for i in rows]),
        group=np.array([names.index(site_of[i]) for i in rows]),
        keep_chars=sum(n for n, k in zip(lengths, labels, strict=True) if k),
        keep_chars_lost=sum(n for n, k, r in zip(lengths, labels, reasons, strict=True) if k and r is not None),
        drops=sum(not k for k in labels),
        drops_removed=sum(not k and r is not None for k, r in zip(labels, reasons, strict=True)),
    )


# ---- boosted stumps --------------------------------------------------------------------------------


def fit(x: np.ndarray, y: np.ndarray, rounds: int, rate: float, l2: float, cuts: int) -> dict:
    """Boosted stumps with logistic loss (Newton steps): bias, then [feature, cut, low, high] per round."""
    target = y.astype(np.float64)
    prior = (target.sum() + 1) / (len(target) + 2)
    bias = float(np.log(prior / (1 - prior)))
    candidates = [np.unique(np.quantile(x[:, f], np.linspace(0, 1, cuts + 2)[1:-1])) for f in range(x.shape[1])]
    below = [[x[:, f] <= c for c in candidates[f]] for f in range(x.shape[1])]
    score = np.full(len(y), bias)
    stumps = []
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-score))
        g, h = p - target, np.maximum(p * (1 - p), 1e-6)
        g_all, h_all = g.sum(), h.sum()
        best = (0.0, -1, 0.0, 0.0, 0.0)
        for f in range(x.shape[1]):
            for c, mask in zip(candidates[f], below[f], strict=True):
                g_low, h_low = g[mask].sum(), h[mask].sum()
                g_high, h_high = g_all - g_low, h_all - h_low
                gain = g_low**2 / (h_low + l2) + g_high**2 / (h_high + l2)
                if gain > best[0]:
                    best = (gain, f, float(c), -g_low / (h_low + l2), -g_high / (h_high + l2))
        _, f, c, low, high = best
        if f < 0:
            break
        stumps.append([f, c, rate * low, rate * high])
        score += np.where(x[:, f] <= c, rate * low, rate * high)
    return {"bias": bias, "stumps": stumps}


def predict(weights: dict, x: np.ndarray) -> np.ndarray:
    score = np.full(len(x), weights["bias"])
    for f, c, low, high in weights["stumps"]:
        score += np.where(x[:, int(f)] <= c, low, high)
    return score


def folds(groups: np.ndarray) -> np.ndarray:
    """A fold per site, sites shuffled with the fixed seed and dealt round-robin."""
    sites = np.unique(groups)
    order = np.random.default_rng(SEED).permutation(sites)
    fold_of = {int(s): k % FOLDS for k, s in enumerate(order)}
    return np.array([fold_of[int(g)] for g in groups])


def out_of_fold(lines: Lines, params: dict) -> tuple[np.ndarray, dict]:
    """Every line scored by the model of the fold that left its site out, and those models averaged
    (what ships: the threshold chosen on the out-of-fold scores applies to models fitted on as much
    data as they were)."""
    fold = folds(lines.group)
    scores = np.zeros(len(lines.drop))
    models = []
    for k in range(FOLDS):
        train, held = fold != k, fold == k
        models.append(fit(lines.x[train], lines.drop[train], **params))
        scores[held] = predict(models[-1], lines.x[held])
    average = {"bias": sum(m["bias"] for m in models) / FOLDS,
               "stumps": [[f, c, low / FOLDS, high / FOLDS] for m in models for f, c, low, high in m["stumps"]]}
    return scores, average


def at(lines: Lines, scores: np.ndarray, threshold: float) -> tuple[float, float]:
    """(content recall, chrome removed) on dev with the rules and the scorer at `threshold`."""
    dropped = scores > threshold
    lost = lines.keep_chars_lost + lines.chars[dropped & ~lines.drop].sum()
    removed = lines.drops_removed + (dropped & lines.drop).sum()
    return 1 - lost / lines.keep_chars, removed / lines.drops


def choose(lines: Lines, scores: np.ndarray) -> tuple[float, float, float]:
    """The lowest threshold that keeps recall >= TARGET_RECALL: (threshold, recall, removal)."""
    best = (float(scores.max()) + 1.0, *at(lines, scores, float(scores.max()) + 1.0))
    for threshold in sorted(set(scores.tolist()), reverse=True):
        recall, removal = at(lines, scores, threshold)
        if recall < TARGET_RECALL:
            break
        best = (threshold, recall, removal)
    return best


def site_held_out(lines: Lines, scores: np.ndarray) -> tuple[float, float]:
    """(content recall, chrome removed) on dev when each fold's threshold is chosen on the other folds' lines
    only: `choose` picks the threshold on every site's out-of-fold scores, so its recall sits at the target by
    construction; this is what a site the threshold never saw gets. (The rules' own loss, 0.000 on dev, is
    left out of each fold's recall when its threshold is chosen.)"""
    fold, dropped = folds(lines.group), np.zeros(len(scores), dtype=bool)
    keep = ~lines.drop
    for k in range(FOLDS):
        other = fold != k
        threshold = float(scores[other].max()) + 1.0
        for candidate in sorted(set(scores[other].tolist()), reverse=True):
            lost = lines.chars[other & keep & (scores > candidate)].sum()
            if 1 - lost / lines.chars[other & keep].sum() < TARGET_RECALL:
                break
            threshold = candidate
        dropped[fold == k] = scores[fold == k] > threshold
    lost = lines.keep_chars_lost + lines.chars[dropped & keep].sum()
    return 1 - lost / lines.keep_chars, (lines.drops_removed + (dropped & lines.drop).sum()) / lines.drops


def centres(weights: dict, x: np.ndarray) -> dict[str, float]:
    """Each family's mean contribution on the training lines (the scorer's reason is measured from there)."""
    out = {family: np.zeros(len(x)) for family in FAMILIES}
    for f, c, low, high in weights["stumps"]:
        out[FEATURES[int(f)].family] += np.where(x[:, int(f)] <= c, low, high)
    return {family: round(float(v.mean()), 6) for family, v in out.items()}


def dumps(model: dict) -> str:
    """The model as JSON, one stump per line (a retrained model diffs by stump)."""
    stumps = model.pop("stumps")
    text = json.dumps(model, indent=1, ensure_ascii=False)
    rows = ",\n  ".join(json.dumps(stump) for stump in stumps)
    return text[:-2] + f',\n "stumps": [\n  {rows}\n ]\n}}\n'


def main() -> None:
    from benchmarks.boilerplate_eval import held_out
    from benchmarks.corpus_docs import Corpus, load_labelled

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None, help="the corpus (default: ../shared/corpus)")
    parser.add_argument("--check", action="store_true", help="train and report, do not write the weights")
    args = parser.parse_args()
    corpus = Corpus(args.corpus) if args.corpus else Corpus()
    docs, context = held_out("dev", corpus.root)
    sites = [d.site for d in load_labelled("dev", corpus)]
    lines = dev_lines(docs, sites, context)
    print(f"dev: {len(docs)} documents, {len(np.unique(lines.group))} sites, {len(lines.drop)} lines left by the rules "
          f"({int(lines.drop.sum())} of them drop); rules alone: recall "
          f"{1 - lines.keep_chars_lost / lines.keep_chars:.3f}, removal {lines.drops_removed / lines.drops:.3f}")
    results = []
    for n, params in enumerate(GRID):
        scores, average = out_of_fold(lines, params)
        threshold, recall, removal = choose(lines, scores)
        results.append((removal, recall, -n, threshold, params, average, scores))
        print(f"  {params}: cross-validated recall {recall:.4f}, removal {removal:.3f} at threshold {threshold:.3f}")
    removal, recall, _, threshold, params, weights, scores = max(results, key=lambda r: r[:3])
    print(f"chosen {params}: cross-validated dev recall {recall:.4f}, removal {removal:.3f}")
    held_recall, held_removal = site_held_out(lines, scores)
    print(f"  with each fold's threshold chosen on the other folds' sites: recall {held_recall:.4f}, "
          f"removal {held_removal:.3f}")
    model = {
        "about": "builder/rules/scorer.py's model; made by python -m benchmarks.train_line_scorer (do not edit)",
        "features": list(NAMES),
        "bias": round(weights["bias"], 6),
        "stumps": [[int(f), round(c, 6), round(low, 6), round(high, 6)] for f, c, low, high in weights["stumps"]],
        "centre": centres(weights, lines.x),
        "threshold": round(threshold, 6),
        "training": {"seed": SEED, "folds": FOLDS, "params": params, "target_recall": TARGET_RECALL,
                     "dev_cross_validated": {"recall": round(recall, 4), "removal": round(removal, 4)},
                     "dev_site_held_out_threshold": {"recall": round(held_recall, 4),
                                                     "removal": round(held_removal, 4)},
                     "lines": len(lines.drop), "drop_lines": int(lines.drop.sum())},
    }
    if args.check:
        return
    MODEL.write_text(dumps(model), encoding="utf-8")
    print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
