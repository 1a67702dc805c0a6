"""Train the line scorer (builder/rules/line_scorer.json) on the held-out set's dev part and web-dev.

    PYTHONPATH=. .venv/bin/python -m benchmarks.train_line_scorer [--corpus ../shared/corpus] [--check]
        [--sets dev web-dev] [--folds 5|site] [--max-cost 0.003] [--context corpus|set] [--web-rounds 1 .. 12]
        [--forward 12]

What it does, deterministically (fixed seed, no library beyond numpy):

1. runs the build's line rules (every one before the scorer) on the training sets' documents (dev: with
   repeated lines counted over the whole corpus as a build of it would, or over the set with `--context set`;
   web-dev: over its pages) and computes `line_features` on the lines they leave: those are the lines the
   scorer decides, labelled keep or drop;
2. fits boosted decision stumps (logistic loss, one feature per stump) for each setting of the small grid
   below, and scores every line with a model that never saw its site (grouped K-fold over sites, or one fold
   per site with `--folds site`): the threshold is the lowest at which the scorer drops at most `--max-cost`
   of the sets' keep characters (the rules' own loss comes on top), and the setting with the most chrome
   removed there wins;
3. prints, per set, language and (web-dev) round of composed pages, the rules alone against the rules and the
   scorer with each site's threshold chosen on the other sites only (what a site nobody trained or tuned on
   gets), and whether that clears the bar for turning the scorer on (`bar`), and writes the model (the folds'
   models averaged, or with `--folds site` one model fitted on every site) with its threshold and figures to
   the JSON file. Test and web-test are never read; web-dev is read for rounds 1-12 only (`--web-rounds`):
   round 13 is the lead's unseen check.

`--check` trains and prints without writing the file. `--forward 12` (with `--check`) is the forward check: the
setting, threshold and model are chosen on every line but web-dev's round 12, and that round's pages are scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

import numpy as np

from builder.config import BuildConfig
from builder.outcomes import Document
from builder.rules.line_features import FAMILIES, FEATURES, NAMES, features
from builder.rules.paragraphs import lines_table, raw_lines, site
from builder.rules.repeated import RepeatedLines
from builder.rules.scorer import MODEL
from builder.run.plan import Plan
from tests.labelled import WEB_PAGES, Labelled, _documents, load
from tests.test_web_pages import ROUNDS

SEED = 20261129
FOLDS = 5
MAX_COST = 0.01  # the share of keep characters the scorer may drop (session 5's target: recall 0.99)
# the composed pages' rounds it reads by default: round 13 is the lead's unseen check, never trained or tuned on
WEB_ROUNDS = tuple(range(1, 13))
GRID = [{"rounds": rounds, "rate": 0.1, "l2": l2, "cuts": 24} for rounds in (20, 40, 60, 120) for l2 in (2.0, 10.0)]


@dataclass(frozen=True)
class Lines:
    """Every labelled line of the training sets (one row each), what the rules did to it, and the features of
    those they leave (the rows the scorer decides)."""

    x: np.ndarray  # features (used on `scored` rows only)
    drop: np.ndarray  # labelled chrome
    chars: np.ndarray  # the line's length (content recall counts characters)
    group: np.ndarray  # its site, as an index
    site: np.ndarray  # its site's name
    language: np.ndarray  # its document's language
    part: np.ndarray  # its set (dev, web-dev)
    page_round: np.ndarray  # web-dev: its page's round ("r1" .. "r12"); dev: "corpus"
    doc: np.ndarray  # its document, as an index unique across sets
    ruled: np.ndarray  # dropped by a rule
    scored: np.ndarray  # left by the rules, with text: what the scorer decides

    @classmethod
    def join(cls, parts: Sequence[Lines]) -> Lines:
        """The sets together, each keeping its own sites (a site index is made unique across sets)."""
        offsets = np.cumsum([0, *(int(p.group.max()) + 1 if len(p.group) else 0 for p in parts)])
        joined = {f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)}
        joined["group"] = np.concatenate([p.group + offsets[k] for k, p in enumerate(parts)])
        docs = np.cumsum([0, *(int(p.doc.max()) + 1 if len(p.doc) else 0 for p in parts)])
        joined["doc"] = np.concatenate([p.doc + docs[k] for k, p in enumerate(parts)])
        return cls(**joined)

    def take(self, rows: np.ndarray) -> Lines:
        """The lines of `rows` only (a forward check's training or scored part)."""
        return Lines(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})


def rule_plan() -> Plan:
    """A build's plan without the scorer: what the scorer sees is what these leave."""
    return Plan.from_config(BuildConfig.load(line_scorer=False))


def labelled_lines(docs: Sequence[Labelled], sites: Sequence[str], context: Sequence[Document], part: str,
                   rounds: Sequence[str]) -> Lines:
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
    ruled = np.array([row_reasons[i] is not None for i in first_row.tolist()], dtype=bool)
    has_text = np.array([bool(texts[i]) for i in first_row.tolist()], dtype=bool)
    names = sorted(set(sites))
    return Lines(
        x=features(table)[first_row],
        drop=np.array([not keep for d in docs for keep, _ in d.lines], dtype=bool),
        chars=np.array([len(text) for d in docs for _, text in d.lines], dtype=np.int64),
        group=np.array([names.index(s) for s, d in zip(sites, docs, strict=True) for _ in d.lines], dtype=np.int64),
        site=np.array([s for s, d in zip(sites, docs, strict=True) for _ in d.lines], dtype=object),
        language=np.array([d.language for d in docs for _ in d.lines], dtype=object),
        part=np.array([part for d in docs for _ in d.lines], dtype=object),
        page_round=np.array([r for r, d in zip(rounds, docs, strict=True) for _ in d.lines], dtype=object),
        doc=np.array([n for n, d in enumerate(docs) for _ in d.lines], dtype=np.int64),
        ruled=ruled, scored=~ruled & has_text,
    )


# ---- boosted stumps --------------------------------------------------------------------------------


def fit(x: np.ndarray, y: np.ndarray, rounds: int, rate: float, l2: float, cuts: int) -> dict:
    """Boosted stumps with logistic loss (Newton steps): bias, then [feature, cut, low, high] per round."""
    target = y.astype(np.float64)
    prior = (target.sum() + 1) / (len(target) + 2)
    bias = float(np.log(prior / (1 - prior)))
    candidates = [np.unique(np.quantile(x[:, f], np.linspace(0, 1, cuts + 2)[1:-1])) for f in range(x.shape[1])]
    # a row is at or below cut j of feature f when its bin is <= j: the sums below every cut are one bincount's
    # cumulative sums (the same stumps as summing each cut's mask, in a fraction of the time)
    bins = [np.searchsorted(candidates[f], x[:, f], side="left") for f in range(x.shape[1])]
    score = np.full(len(y), bias)
    stumps = []
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-score))
        g, h = p - target, np.maximum(p * (1 - p), 1e-6)
        g_all, h_all = g.sum(), h.sum()
        best = (0.0, -1, 0.0, 0.0, 0.0)
        for f in range(x.shape[1]):
            n = len(candidates[f])
            g_lows = np.cumsum(np.bincount(bins[f], weights=g, minlength=n + 1))[:n]
            h_lows = np.cumsum(np.bincount(bins[f], weights=h, minlength=n + 1))[:n]
            gains = g_lows**2 / (h_lows + l2) + (g_all - g_lows) ** 2 / (h_all - h_lows + l2)
            if n and gains.max() > best[0]:
                j = int(np.argmax(gains))
                g_low, h_low = g_lows[j], h_lows[j]
                best = (float(gains[j]), f, float(candidates[f][j]), -g_low / (h_low + l2),
                        -(g_all - g_low) / (h_all - h_low + l2))
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


def folds(groups: np.ndarray, k: int | None) -> np.ndarray:
    """A fold per line: its site's, sites shuffled with the fixed seed and dealt round-robin into k folds (None:
    one fold per site, leave-one-site-out)."""
    sites = np.unique(groups)
    order = np.random.default_rng(SEED).permutation(sites)
    fold_of = {int(s): n % k if k else n for n, s in enumerate(order)}
    return np.array([fold_of[int(g)] for g in groups], dtype=np.int64)


def out_of_fold(lines: Lines, params: dict, k: int | None) -> tuple[np.ndarray, dict]:
    """Every scored line scored by the model of the fold that left its site out (-inf elsewhere), and the model
    that ships: k folds' models averaged (the threshold chosen on the out-of-fold scores applies to models fitted
    on as much data as they were), or with one fold per site a model fitted on every site (n - 1 of n sites is
    nearly all of them, and an average of a hundred models would be a hundred times the file)."""
    fold = folds(lines.group, k)
    x, y = lines.x[lines.scored], lines.drop[lines.scored]
    scored_fold = fold[lines.scored]
    out = np.full(len(x), -np.inf)
    models = []
    for f in np.unique(scored_fold):
        held = scored_fold == f
        models.append(fit(x[~held], y[~held], **params))
        out[held] = predict(models[-1], x[held])
    scores = np.full(len(lines.drop), -np.inf)
    scores[lines.scored] = out
    if k is None:
        return scores, fit(x, y, **params)
    average = {"bias": sum(m["bias"] for m in models) / len(models),
               "stumps": [[f, c, low / len(models), high / len(models)]
                          for m in models for f, c, low, high in m["stumps"]]}
    return scores, average


def at(lines: Lines, dropped: np.ndarray, rows: np.ndarray | None = None) -> tuple[float, float]:
    """(content recall, chrome removed) of `rows` (default: every line) when the rules drop theirs and the
    scorer `dropped`; nan where the rows have no keep (or no drop) line."""
    rows = np.ones(len(lines.drop), dtype=bool) if rows is None else rows
    gone = lines.ruled | dropped
    keep, drop = rows & ~lines.drop, rows & lines.drop
    recall = 1 - lines.chars[keep & gone].sum() / lines.chars[keep].sum() if lines.chars[keep].sum() else np.nan
    removal = (drop & gone).sum() / drop.sum() if drop.sum() else np.nan
    return float(recall), float(removal)


def threshold_for(lines: Lines, scores: np.ndarray, rows: np.ndarray, max_cost: float) -> float:
    """The lowest threshold at which the scorer drops at most `max_cost` of the keep characters of `rows` in each
    set (a set of many long articles must not spend the budget of one of short pages)."""
    return max(_threshold(lines, scores, rows & (lines.part == part), max_cost) for part in set(lines.part.tolist()))


def _threshold(lines: Lines, scores: np.ndarray, rows: np.ndarray, max_cost: float) -> float:
    """The same for `rows` as one: the keep lines the scorer may drop are the highest-scored ones whose
    characters fit the budget, and the threshold is the score of the first that does not fit (a line is dropped
    when its score is above the threshold)."""
    keep = rows & lines.scored & ~lines.drop
    order = np.argsort(-scores[keep], kind="stable")
    cost = np.cumsum(lines.chars[keep][order]) / max(lines.chars[rows & ~lines.drop].sum(), 1)
    fits = int(np.searchsorted(cost, max_cost, side="right"))
    if fits == len(order):
        return float(scores[rows & lines.scored].min(initial=0.0)) - 1.0
    return float(scores[keep][order][fits])


def site_held_out(lines: Lines, scores: np.ndarray, max_cost: float, k: int | None) -> np.ndarray:
    """Which lines the scorer drops when each fold's threshold is chosen on the other folds' lines only (their
    out-of-fold scores): a threshold chosen on every site's scores holds the cost at `max_cost` by construction,
    this is what a site the threshold never saw gets."""
    fold, dropped = folds(lines.group, k), np.zeros(len(scores), dtype=bool)
    for f in np.unique(fold):
        held = fold == f
        dropped[held] = lines.scored[held] & (scores[held] > threshold_for(lines, scores, ~held, max_cost))
    return dropped


def report(lines: Lines, dropped: np.ndarray) -> list[str]:
    """Per set, then per language and (web-dev) per round in it: the rules alone against the rules and the
    scorer."""
    out = []
    for part in sorted(set(lines.part.tolist())):
        in_part = lines.part == part
        groups = [("all", in_part)]
        groups += [(language, in_part & (lines.language == language))
                   for language in sorted(set(lines.language[in_part].tolist()))]
        groups += [(r, in_part & (lines.page_round == r))
                   for r in sorted(set(lines.page_round[in_part].tolist()) - {"corpus"}, key=lambda r: int(r[1:]))]
        out += [f"  {part:<8}{name:<7}" + _row(lines, dropped, rows) for name, rows in groups]
    return out


def _row(lines: Lines, dropped: np.ndarray, rows: np.ndarray) -> str:
    (r0, m0), (r1, m1) = at(lines, np.zeros(len(dropped), dtype=bool), rows), at(lines, dropped, rows)
    return (f"{len(np.unique(lines.doc[rows])):>4} pages {int(rows.sum()):>5} lines {int((rows & lines.drop).sum()):>4}"
            f" drop   rules {r0:.4f} / {m0:.3f}   with the scorer {r1:.4f} / {m1:.3f}")


def bar(lines: Lines, dropped: np.ndarray, least_pages: int = 5, recall_slack: float = 0.002,
        removal_gain: float = 0.02) -> list[str]:
    """Whether the scorer clears the bar for turning it on (issue 11, session 25): content recall no more than
    `recall_slack` under the rules alone over every line, in each set and in each language of `least_pages` or
    more pages (its sets pooled), and removal up `removal_gain` or more over every line. One line per group that
    fails; none when it clears."""
    none = np.zeros(len(dropped), dtype=bool)
    groups = [("every line", np.ones(len(dropped), dtype=bool))]
    groups += [(part, lines.part == part) for part in sorted(set(lines.part.tolist()))]
    for language in sorted(set(lines.language.tolist())):
        rows = lines.language == language
        if len(np.unique(lines.doc[rows])) >= least_pages:
            groups.append((language, rows))
    out = []
    for name, rows in groups:
        (r0, _), (r1, _) = at(lines, none, rows), at(lines, dropped, rows)
        if r1 < r0 - recall_slack:
            out.append(f"  recall {name}: {r0:.4f} -> {r1:.4f}")
    (_, m0), (_, m1) = at(lines, none), at(lines, dropped)
    if m1 < m0 + removal_gain:
        out.append(f"  removal every line: {m0:.4f} -> {m1:.4f} (under +{removal_gain})")
    return out


def short_runs(lines: Lines, max_words: int = 10) -> np.ndarray:
    """Per line: the length of the run of short non-prose lines (at most `max_words` words) it is in, counting the
    lines the rules leave in its document in order (0 for other lines). A candidate block decision of issue 11:
    a menu, a link list or other stories' headlines is such a run."""
    column = {name: k for k, name in enumerate(NAMES)}
    short = lines.scored & (lines.x[:, column["prose"]] == 0) & (lines.x[:, column["words_log"]] <= np.log1p(max_words))
    out = np.zeros(len(short), dtype=np.int64)
    rows = np.flatnonzero(lines.scored)
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or short[rows[k]] != short[rows[start]] or lines.doc[rows[k]] != lines.doc[rows[start]]:
            if short[rows[start]]:
                out[rows[start:k]] = k - start
            start = k
    return out


def body_distance(lines: Lines) -> np.ndarray:
    """Per line the rules leave: how many such lines of its document lie between it and the article body (its
    first to last prose line), as log(1 + n), 0 inside the body; a candidate feature of session 19 (position
    against the body)."""
    prose = lines.scored & (lines.x[:, NAMES.index("prose")] == 1)
    out = np.zeros(len(prose), dtype=np.float64)
    rows = np.flatnonzero(lines.scored)
    for doc in np.unique(lines.doc[rows]):
        mine = rows[lines.doc[rows] == doc]
        body = np.flatnonzero(prose[mine])
        first, last = (int(body[0]), int(body[-1])) if len(body) else (len(mine), -1)
        k = np.arange(len(mine))
        out[mine] = np.log1p(np.where(k < first, first - k, np.where(k > last, k - last, 0)))
    return out


def prose_nearby(lines: Lines, reach: int = 3) -> np.ndarray:
    """Per line the rules leave: the share of prose among the `reach` such lines of its document on each side (a
    candidate feature of session 19: the run a line sits in, wider than its two neighbours)."""
    prose = (lines.scored & (lines.x[:, NAMES.index("prose")] == 1)).astype(np.float64)
    out = np.zeros(len(prose), dtype=np.float64)
    rows = np.flatnonzero(lines.scored)
    for doc in np.unique(lines.doc[rows]):
        mine = rows[lines.doc[rows] == doc]
        p = prose[mine]
        for k in range(len(mine)):
            near = np.r_[p[max(k - reach, 0):k], p[k + 1:k + 1 + reach]]
            out[mine[k]] = near.mean() if len(near) else 0.0
    return out


def run_length(lines: Lines) -> np.ndarray:
    """The run of short non-prose lines a line is in, as a feature (log of its length; 0 outside one)."""
    return np.log1p(short_runs(lines).astype(np.float64))


# candidate features of session 19, measured with --extra (the build computes line_features.FEATURES only)
EXTRA: dict[str, Callable[[Lines], np.ndarray]] = {
    "run": run_length, "body_distance": body_distance, "prose_nearby": prose_nearby}


def block_report(lines: Lines) -> list[str]:
    """What a block rule on runs of short non-prose lines would take of what the rules leave: chrome and article
    lines, by the run's least length and place (inside or below the body), and by site for the loosest."""
    column = {name: k for k, name in enumerate(NAMES)}
    runs = short_runs(lines)
    above, below = lines.x[:, column["above_body"]] == 1, lines.x[:, column["below_body"]] == 1
    out = []
    for least in (3, 4, 5):
        for place, where in (("inside or below the body", ~above), ("below the body", below)):
            fire = (runs >= least) & where
            out.append(f"  runs of {least}+ {place}: {int(fire.sum())} lines, {int((fire & lines.drop).sum())} chrome, "
                       f"{int((fire & ~lines.drop).sum())} article")
    fire = (runs >= 3) & ~above
    sites = sorted(set(lines.site[fire].tolist()), key=lambda s: (-int((fire & (lines.site == s)).sum()), s))
    out += [f"    {s}: {int((fire & (lines.site == s)).sum())} lines, "
            f"{int((fire & (lines.site == s) & lines.drop).sum())} chrome" for s in sites]
    return out


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


def training_sets(names: Sequence[str], corpus_root: Path | None, context: str,
                  web_rounds: Sequence[int] = WEB_ROUNDS) -> Lines:
    """The lines of each named set (dev: the held-out set's dev part, read from the corpus; web-dev: the composed
    pages of `web_rounds`), joined."""
    from benchmarks.boilerplate_eval import held_out
    from benchmarks.corpus_docs import Corpus, load_labelled

    parts = []
    for name in names:
        if name == "dev":
            corpus = Corpus(corpus_root) if corpus_root else Corpus()
            if not corpus.exists():
                from benchmarks.corpus_to_jsonl import missing

                sys.exit(missing(corpus.root))
            docs, everything = held_out("dev", corpus.root)
            sites = [d.site for d in load_labelled("dev", corpus)]
            pool = everything if context == "corpus" else _documents(docs)
            rounds = ["corpus"] * len(docs)
        else:
            docs = [d for d in load(WEB_PAGES / name.removeprefix("web-")) if web_round(d) in web_rounds]
            sites = [d.name.split("/", 1)[0] for d in docs]
            pool = _documents(docs)
            rounds = [f"r{web_round(d)}" for d in docs]
        parts.append(labelled_lines(docs, sites, pool, name, rounds))
    return Lines.join(parts)


def web_round(doc: Labelled) -> int:
    """The round of composed pages a web-dev page came in (tests/test_web_pages.py's ROUNDS; 1: in none)."""
    site_name = doc.name.split("/", 1)[0]
    return next((number for number, sites in ROUNDS.items() if site_name in sites["dev"]), 1)


def choose(lines: Lines, grid: Sequence[dict], k: int | None,
           max_cost: float) -> tuple[float, float, float, dict, dict, np.ndarray]:
    """Every setting of the grid scored out of fold; the one removing the most chrome at the threshold that costs
    `max_cost` of each set's keep characters: (removal, recall, threshold, setting, model, out-of-fold scores)."""
    results = []
    for n, params in enumerate(grid):
        scores, weights = out_of_fold(lines, params, k)
        threshold = threshold_for(lines, scores, np.ones(len(scores), dtype=bool), max_cost)
        recall, removal = at(lines, lines.scored & (scores > threshold))
        results.append((removal, recall, -n, threshold, params, weights, scores))
        print(f"  {params}: out-of-fold recall {recall:.4f}, removal {removal:.3f} at threshold {threshold:.3f}")
    removal, recall, _, threshold, params, weights, scores = max(results, key=lambda r: r[:3])
    print(f"chosen {params}: out-of-fold recall {recall:.4f}, removal {removal:.3f}")
    return removal, recall, threshold, params, weights, scores


def forward(lines: Lines, grid: Sequence[dict], k: int | None, max_cost: float, newest: str) -> None:
    """The forward check: setting, threshold and model chosen on every line but web-dev's `newest` round (the
    threshold on their out-of-fold scores), then that round's pages scored, as the next round's pages would be."""
    later = (lines.part == "web-dev") & (lines.page_round == newest)
    earlier = lines.take(~later)
    print(f"forward: trained on {len(np.unique(earlier.doc))} pages, scoring web-dev {newest} "
          f"({len(np.unique(lines.doc[later]))} pages)")
    *_, threshold, _, model, _ = choose(earlier, grid, k, max_cost)
    newer = lines.take(later)
    dropped = newer.scored & (predict(model, newer.x) > threshold)
    print("\n".join(report(newer, dropped)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None,
                        help="the corpus (default: $DATASET_BUILDER_CORPUS, or the shared/corpus above the repository)")
    parser.add_argument("--check", action="store_true", help="train and report, do not write the weights")
    parser.add_argument("--sets", nargs="+", choices=("dev", "web-dev"), default=["dev"],
                        help="the labelled sets to train on (default: dev)")
    parser.add_argument("--folds", default=str(FOLDS),
                        help=f"folds of sites (default {FOLDS}), or 'site': one fold per site")
    parser.add_argument("--max-cost", type=float, default=MAX_COST,
                        help=f"share of keep characters the scorer may drop (default {MAX_COST})")
    parser.add_argument("--context", choices=("corpus", "set"), default="corpus",
                        help="dev: count repeated lines over the whole corpus (default) or the dev documents only")
    parser.add_argument("--blocks", action="store_true",
                        help="also print what a block rule on runs of short non-prose lines would take")
    parser.add_argument("--rounds", type=int, nargs="+", default=None, help="only these grid settings' rounds")
    parser.add_argument("--forward", type=int, default=None, metavar="ROUND",
                        help="train on every set but web-dev's ROUND, then score that round's pages (with --check)")
    parser.add_argument("--web-rounds", type=int, nargs="+", default=list(WEB_ROUNDS),
                        help="the composed pages' rounds read from web-dev (default: 1-12)")
    parser.add_argument("--extra", nargs="+", choices=sorted(EXTRA), default=[],
                        help="candidate features appended for the measurement (with --check only: not in the build)")
    args = parser.parse_args()
    k = None if args.folds == "site" else int(args.folds)
    if args.extra and not args.check:
        parser.error("--extra measures candidate features the build does not compute: use it with --check")
    if args.forward and not args.check:
        parser.error("--forward measures a model it does not ship: use it with --check")
    lines = training_sets(args.sets, args.corpus, args.context, args.web_rounds)
    if args.extra:
        lines = replace(lines, x=np.column_stack([lines.x, *(EXTRA[name](lines) for name in args.extra)]))
    scored = lines.scored
    recall, removal = at(lines, np.zeros(len(lines.drop), dtype=bool))
    rules_loss = 1 - recall
    print(f"{' + '.join(args.sets)}: {len(lines.drop)} lines of {len(np.unique(lines.group))} sites, "
          f"{int(scored.sum())} left by the rules ({int((scored & lines.drop).sum())} of them drop); "
          f"rules alone: recall {recall:.3f}, removal {removal:.3f}; folds: {args.folds}")
    grid = [p for p in GRID if args.rounds is None or p["rounds"] in args.rounds]
    if args.forward:
        forward(lines, grid, k, args.max_cost, f"r{args.forward}")
        return
    removal, recall, threshold, params, weights, scores = choose(lines, grid, k, args.max_cost)
    names = [*NAMES, *args.extra]
    used = sorted({names[int(f)] for f, *_ in weights["stumps"]})
    print(f"its model (fitted on every site) splits on {len(used)} features: {', '.join(used)}")
    held = site_held_out(lines, scores, args.max_cost, k)
    held_recall, held_removal = at(lines, held)
    print(f"with each site's threshold chosen on the other sites' lines: recall {held_recall:.4f}, "
          f"removal {held_removal:.3f}")
    print("\n".join(report(lines, held)))
    failed = bar(lines, held)
    print("the bar for turning it on: " + ("cleared" if not failed else "not cleared"))
    print("\n".join(failed))
    if args.blocks:
        print("a block rule on runs of short non-prose lines, on the lines the rules leave:")
        print("\n".join(block_report(lines)))
    if args.check:
        return
    model = {
        "about": "builder/rules/scorer.py's model; made by python -m benchmarks.train_line_scorer (do not edit)",
        "features": list(NAMES),
        "bias": round(weights["bias"], 6),
        "stumps": [[int(f), round(c, 6), round(low, 6), round(high, 6)] for f, c, low, high in weights["stumps"]],
        "centre": centres(weights, lines.x[scored]),
        "threshold": round(threshold, 6),
        # the figures keep their names of session 5 (tests read them); they are over every set in "sets"
        "training": {"seed": SEED, "sets": args.sets, "folds": args.folds, "params": params,
                     "max_cost": args.max_cost, "target_recall": round(1 - args.max_cost - rules_loss, 4),
                     "context": args.context,
                     "dev_cross_validated": {"recall": round(recall, 4), "removal": round(removal, 4)},
                     "dev_site_held_out_threshold": {"recall": round(held_recall, 4),
                                                     "removal": round(held_removal, 4)},
                     "lines": int(scored.sum()), "drop_lines": int((scored & lines.drop).sum())},
    }
    MODEL.write_text(dumps(model), encoding="utf-8")
    print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
