"""What the line scorer sees of a line: numbers computed from the lines table after the rules have
decided, so the rules' own decisions (on the line's neighbours, and on the line with a rule's size
limit lifted) are features too.

Each feature belongs to one family, and each family has the reason code a line the scorer drops
gets when that family contributes most (`builder/rules/scorer.py`). The same function computes the
features for training (`benchmarks/train_line_scorer.py`) and in a build, so the two cannot drift.
Positions and neighbours count the document's kept lines only: a line a rule dropped is not text
the article could continue through, and blank lines are not in the lines table at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules.blocks import headlines
from builder.rules.patterns import Byline, Image, Phrase
from builder.rules.repeated import LINKS, shapes
from builder.rules.structure import long_line_words, prose
from builder.steps import LineRule, array, values
from builder.text.keys import LIST_PUNCTUATION, TERMINAL

# The reason code of each family: the scorer names the family that pushed a line over its threshold.
FAMILIES = {
    "shape": ("boilerplate_scored_shape",
              "scored as chrome, mostly for its shape (length, sentence end, digits, links, list marks)"),
    "rule": ("boilerplate_scored_rule",
             "scored as chrome, mostly because a chrome rule matches it beyond that rule's size limit "
             "(a long caption, byline, dateline, breadcrumb or listed phrase)"),
    "position": ("boilerplate_scored_position",
                 "scored as chrome, mostly for where it sits (above, below or at the edge of the article body)"),
    "context": ("boilerplate_scored_context",
                "scored as chrome, mostly because the lines around it are chrome or not article text"),
}

_LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪]|\d+[.)])\s")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_TERMINAL = re.compile(f"[{re.escape(TERMINAL)}]")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_SYMBOL = re.compile(r"[^\w\s]")
_UPPER_START = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-ÞĀ-Ž]")
_CASED_START = re.compile(r"(?<!\w)[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]")
_LABEL_COLON = re.compile(r"^[^.!?:]{1,40}:\s")  # "Disclaimer: …", "Grant Support: …"
_DIGIT_RUN = re.compile(r"\d+")
_NO_LIMIT = 10**6
SAMPLE_CHARS = 300

# A chrome rule whose limit on size is lifted: its match is then a clue, not a decision.
_RELAXED: tuple[tuple[str, LineRule], ...] = (
    ("image_any_length", Image(max_words=_NO_LIMIT)),
    ("byline_any_length", Byline(max_words=_NO_LIMIT)),
    ("phrase_any_length", Phrase(max_chars=_NO_LIMIT)),
)


@dataclass(frozen=True)
class Feature:
    name: str
    family: str


def _own(text: str, n_words: int, ends: bool, headline: bool, long_words: int) -> dict[str, float]:
    """The line by itself (its word count, sentence end and headline look as the rules see them)."""
    stripped = text.rstrip()
    head = text[:SAMPLE_CHARS]  # character shares from the start of a long line: a paragraph is text either way
    n = len(head) or 1
    cased = len(_CASED_START.findall(head))
    return {
        "chars_log": math.log1p(len(text)),
        "words_log": math.log1p(n_words),
        "ends_sentence": float(ends),
        "ends_list_punctuation": float(bool(stripped) and stripped[-1] in LIST_PUNCTUATION),
        "sentence_marks_inside": math.log1p(len(_TERMINAL.findall(text, 0, max(len(stripped) - 1, 0)))),
        "prose": float(prose(np.array([n_words]), np.array([ends]), long_words)[0]),
        "headline_like": float(headline),
        "list_item": float(bool(_LIST_ITEM.match(text))),
        "label_colon": float(bool(_LABEL_COLON.match(text))),
        "digit_ratio": len(_DIGIT.findall(head)) / n,
        "symbol_ratio": len(_SYMBOL.findall(head)) / n,
        "letter_ratio": len(_LETTER.findall(head)) / n,
        "years": min(len(_YEAR.findall(head)), 3.0),
        "links": min(len(LINKS.findall(head)), 3.0),
        # names and titles capitalise most words, running prose few (Latin script; 0 where nothing is cased)
        "capitalised_share": len(_UPPER_START.findall(head)) / cased if cased else 0.0,
        "cjk_share": len(_CJK.findall(head)) / n,
    }


OWN = tuple(_own("x", 1, False, False, 15))
RULES = tuple(name for name, _ in _RELAXED)
NEIGHBOUR = ("prose", "ends_sentence", "chars_log", "list_item", "headline_like", "capitalised_share", "label_colon")
FEATURES: tuple[Feature, ...] = (
    *(Feature(name, "shape") for name in OWN),
    *(Feature(name, "rule") for name in RULES),
    *(Feature(name, "position") for name in ("relative_position", "lines_above_log", "lines_below_log",
                                             "above_body", "below_body", "document_lines_log",
                                             "document_prose_share")),
    *(Feature(f"{side}_{name}", "context") for side in ("previous", "next") for name in NEIGHBOUR),
    *(Feature(name, "context") for name in ("previous_dropped", "next_dropped", "dropped_nearby",
                                           "length_vs_document", "same_start_as_neighbour")),
)
NAMES = tuple(f.name for f in FEATURES)


def features(lines: pa.Table) -> np.ndarray:
    """One row per line of the table, one column per FEATURES entry (float64). Rows already dropped
    get their values too (the scorer ignores them)."""
    texts, reasons, docs = values(lines, "text"), values(lines, "reason"), values(lines, "doc")
    hits = [_hits(rule, lines) for _, rule in _RELAXED]
    n_words, ends = array(lines, "words"), array(lines, "ends_sentence")
    heads = headlines(lines)
    starts = _starts(texts)
    out = np.zeros((len(texts), len(FEATURES)), dtype=np.float64)
    start = 0
    for _, group in groupby(docs):
        end = start + len(list(group))
        rows = range(start, end)
        _document(texts, reasons, hits, (n_words, ends, heads), starts, rows, out)
        start = end
    return out


def _hits(rule: LineRule, lines: pa.Table) -> list[bool]:
    return [bool(hit) for hit in pc.is_valid(rule.decide(lines)).to_pylist()]


def _document(texts: Sequence[str], reasons: Sequence[str | None], hits: Sequence[Sequence[bool]],
              shape: tuple[np.ndarray, np.ndarray, np.ndarray], starts: Sequence[str], rows: range,
              out: np.ndarray) -> None:
    kept = [i for i in rows if reasons[i] is None and texts[i]]
    n_words, ends, heads = shape
    long_words = long_line_words(n_words[kept], ends[kept])
    needed = {j for i in kept for j in (*_nearest(texts, i, rows, -1), i, *_nearest(texts, i, rows, 1))}
    own = {i: _own(texts[i], int(n_words[i]), bool(ends[i]), bool(heads[i]), long_words) for i in sorted(needed)}
    prose = [i for i in kept if own[i]["prose"]]
    first, last = (prose[0], prose[-1]) if prose else (rows.stop, rows.start - 1)
    position = {i: k for k, i in enumerate(kept)}
    lengths = sorted(len(texts[i]) for i in kept) or [1]
    median = max(lengths[len(lengths) // 2], 1)
    columns = {name: k for k, name in enumerate(NAMES)}

    def put(i: int, name: str, value: float) -> None:
        out[i, columns[name]] = value

    for i in kept:
        for name in OWN:
            put(i, name, own[i][name])
        for name, hit in zip(RULES, hits, strict=True):
            put(i, name, float(hit[i]))
        k, n = position[i], len(kept)
        put(i, "relative_position", k / max(n - 1, 1))
        put(i, "lines_above_log", math.log1p(k))
        put(i, "lines_below_log", math.log1p(n - 1 - k))
        put(i, "above_body", float(i < first))
        put(i, "below_body", float(i > last))
        put(i, "document_lines_log", math.log1p(n))
        put(i, "document_prose_share", len(prose) / n)
        put(i, "length_vs_document", min(len(texts[i]) / median, 4.0))
        before, after = _nearest(texts, i, rows, -1), _nearest(texts, i, rows, 1)
        for side, near in (("previous", before), ("next", after)):
            if near:
                for name in NEIGHBOUR:
                    put(i, f"{side}_{name}", own[near[0]][name])
        put(i, "previous_dropped", float(bool(before) and reasons[before[0]] is not None))
        put(i, "next_dropped", float(bool(after) and reasons[after[0]] is not None))
        put(i, "dropped_nearby", sum(reasons[j] is not None for j in (*before, *after)) / 4)
        put(i, "same_start_as_neighbour", float(any(starts[i] == starts[j] for j in (*before[:1], *after[:1]))))


def _nearest(texts: Sequence[str], i: int, rows: range, step: int) -> list[int]:
    """The two non-empty lines before (step -1) or after (step 1) line i, nearest first."""
    out: list[int] = []
    j = i + step
    while rows.start <= j < rows.stop and len(out) < 2:
        if texts[j]:
            out.append(j)
        j += step
    return out


def _starts(texts: Sequence[str]) -> list[str]:
    """How each line starts: its first word in matching form, or the pattern of a marker ("- 0.", "[0]"): runs
    of references, credits or list items share it. The words go through `shapes` in one call (per line, its
    Arrow passes' fixed cost was three quarters of the scorer's time)."""
    tokens = [text.split(maxsplit=2) for text in texts]
    worded = [i for i, t in enumerate(tokens) if t and any(c.isalpha() for c in t[0])]
    out = [_DIGIT_RUN.sub("0", " ".join(t[:2]))[:6] if t else "" for t in tokens]
    for i, shaped in zip(worded, shapes([tokens[i][0] for i in worded]), strict=True):
        out[i] = shaped
    return out


def family_codes() -> dict[str, str]:
    """reason code -> explanation, for every family."""
    return dict(FAMILIES.values())

