"""Documents to lines, and lines to paragraphs: the tables the line rules work on, and what a
document keeps once they have decided.

Every line that does not become a paragraph comes back as a Reject with its reason and span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from builder.outcomes import Document, Paragraph, Reject
from builder.rules.repeated import RepeatedLines
from builder.rules.signoff import document_sign_off
from builder.rules.site import site_of
from builder.steps import array, values
from builder.text import language
from builder.text.chars import Chars
from builder.text.clean import clean_line, clean_lines, utf8_safe
from builder.text.keys import clause_ends, line_keys, sentence_ends, word_counts
from builder.text.pii import broken_addresses, joined_addresses, may_hold, redact, redacts
from builder.text.segment import Span, line_spans

_LINE_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("doc", pa.int32()), ("line", pa.int32()), ("char_start", pa.int64()), ("char_end", pa.int64()),
    ("raw", pa.string()), ("text", pa.string()), ("site", pa.string()), ("repeated", pa.bool_()),
    ("elsewhere", pa.bool_()), ("block", pa.bool_()), ("closing", pa.bool_()), ("reason", pa.string()),
]
# What the rules look at in a line's text, computed for the whole batch at once (builder.text.keys)
_FEATURE_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("key", pa.string()), ("words", pa.int32()), ("length", pa.int32()), ("ends_sentence", pa.bool_()),
    ("ends_clause", pa.bool_()),
]
LINES_SCHEMA = pa.schema(_LINE_COLUMNS + _FEATURE_COLUMNS)  # LineRule's lines table
BASE_SCHEMA = pa.schema(_LINE_COLUMNS)  # ...before with_features


def raw_lines(doc: Document) -> tuple[list[Span], list[str]]:
    spans = list(line_spans(doc.text))
    return spans, [doc.text[s.start : s.end] for s in spans]


def site(doc: Document) -> str:
    return site_of(doc.url, doc.source)


def paragraph_text(raw_span: str, phones: bool = False, pii: Counter[str] | None = None) -> str:
    """The text of a kept paragraph: the cleaned line with personal data replaced."""
    return redact(clean_line(raw_span), phones, pii)


def lines_table(docs: Sequence[Document], repeated: RepeatedLines | None = None) -> pa.Table:
    """One row per line of each document, in order (the schema is LineRule's). `repeated` says which
    lines the document's site repeats across its pages, and which headline-shaped lines are on another
    of its pages too (looked up by the raw line, as counted)."""
    columns: dict[str, list[Any]] = {name: [] for name in BASE_SCHEMA.names}
    sites: list[str] = []
    raws: list[str] = []
    closing: list[bool] = []
    for d, doc in enumerate(docs):
        spans, raw = raw_lines(doc)
        where = site(doc)
        marked = _split_sign_off(spans, raw, where, repeated)
        closing += [False] * (len(spans) - marked) + [True] * marked
        columns["doc"] += [d] * len(spans)
        columns["line"] += [span.line for span in spans]
        columns["char_start"] += [span.start for span in spans]
        columns["char_end"] += [span.end for span in spans]
        columns["raw"] += [utf8_safe(line) for line in raw]
        columns["site"] += [utf8_safe(where)] * len(spans)
        sites += [where] * len(spans)
        raws += raw
    columns["repeated"] = columns["elsewhere"] = columns["block"] = [False] * len(raws)
    columns["closing"] = closing
    columns["text"] = clean_lines(raws)
    columns["reason"] = [None] * len(raws)
    lines = with_features(pa.table(columns, schema=BASE_SCHEMA))
    if repeated:  # from the features where they are the raw line's

        known = (columns["text"], values(lines, "key"), array(lines, "length"), array(lines, "words"),
                 array(lines, "ends_sentence"))
        keys, headlines = RepeatedLines.keyed(sites, raws, known)
        block = repeated.in_block(keys, headlines, np.asarray(columns["doc"], dtype=np.int64), raws)
        for name, found in (("repeated", repeated.repeated(keys)), ("elsewhere", repeated.repeated(headlines)),
                            ("block", block)):
            lines = lines.set_column(lines.schema.get_field_index(name), name, pa.array(found, pa.bool_()))
    return lines


def _split_sign_off(spans: list[Span], raw: list[str], where: str, repeated: RepeatedLines | None) -> int:
    """Whether the document ends with its site's sign-off (builder.rules.signoff), 1 or 0: when it does and it
    is glued to the last line, that line becomes two rows (the article's part, then the sign-off), in place."""
    if not repeated:
        return 0
    closing = document_sign_off(raw)
    if closing is None or RepeatedLines.sign_off_key(where, closing.label) not in repeated:
        return 0
    if closing.start:
        last, text = spans.pop(), raw.pop()
        body = text[: closing.start].rstrip()
        spans += [Span(last.start, last.start + len(body), last.line),
                  Span(last.start + closing.start, last.end, last.line)]
        raw += [body, text[closing.start :]]
    return 1


def with_features(lines: pa.Table) -> pa.Table:
    """A lines table with the features of each line's text (LineRule lists them)."""
    chars = Chars.of(values(lines, "text"))
    features = {"key": pa.array(line_keys(chars), pa.string()),
                "words": pa.array(word_counts(chars), pa.int32()),
                "length": pa.array(chars.lengths, pa.int32()), "ends_sentence": pa.array(sentence_ends(chars)),
                "ends_clause": pa.array(clause_ends(chars))}
    for name, _ in _FEATURE_COLUMNS:
        lines = lines.append_column(name, features[name])
    return lines


ROW_COLUMNS = ("char_start", "char_end", "line", "text", "reason")  # what `paragraphs` reads of a line


def rows_of(lines: pa.Table, phones: bool = False) -> dict[str, list[Any]]:
    """What `paragraphs` reads of a batch's lines table, as lists (once per batch, not per document):
    ROW_COLUMNS and `personal`, whether `redact` changes a kept line's text or counts something in it
    (pii.may_hold: one pass over the batch; of the kept lines it picks, pii.redacts: one pass a detector's
    prefilter), so only those lines go through `redact`."""
    rows = {name: values(lines, name) for name in ROW_COLUMNS}
    texts = rows["text"]
    picked = [i for i, (may, reason) in enumerate(zip(may_hold(lines.column("text"), phones), rows["reason"],
                                                      strict=True)) if may and reason is None]
    personal = [False] * len(texts)
    for i, redacted in zip(picked, redacts([texts[i] for i in picked], phones), strict=True):
        personal[i] = redacted
    rows["personal"] = personal
    return rows


def paragraphs(doc: Document, rows: dict[str, list[Any]], explain: Callable[[str], str], phones: bool = False,
               pii: Counter[str] | None = None) -> tuple[list[Paragraph], list[Reject], tuple[str, float]]:
    """Kept paragraphs (language detected, personal data replaced), dropped lines (with the message
    `explain` gives their reason), and the document's language and its score, from the document's
    rows of the lines table after the rules decided (`rows`: see rows_of)."""
    starts, ends, numbers, texts, reasons = (rows[name] for name in ROW_COLUMNS)
    personal = rows["personal"]
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    detected, (doc_language, doc_score) = language.detect_lines([texts[i] for i in kept])
    # an address broken over two lines (pii.broken_addresses): both lines as joined_addresses leaves them, kept or not,
    # counted once
    joined: dict[int, str] = {}
    if broken := broken_addresses(texts, numbers):
        whole = joined_addresses(texts, numbers)
        joined = {j: whole[j] for i in broken for j in (i, i + 1)}
        if pii is not None:  # here, kept or not: the sanitiser counts no placeholder in a reject's text
            pii.update(kind for kind, _, _ in broken.values())
    result = [
        Paragraph(redact(joined.get(i, texts[i]), phones, pii) if personal[i] or i in joined else texts[i],
                  starts[i], ends[i], numbers[i], *(found or (doc_language, doc_score)), detected=found is not None)
        for i, found in zip(kept, detected, strict=True)
    ]
    dropped = [
        Reject.line(reason, doc.location.inner_line(numbers[i]), doc.source, doc_id=doc.id, char_start=starts[i],
                    char_end=ends[i], text=joined.get(i, doc.text[starts[i] : ends[i]]), message=explain(reason))
        for i, reason in enumerate(reasons)
        if reason is not None
    ]
    return result, dropped, (doc_language, doc_score)
