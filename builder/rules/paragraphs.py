"""Documents to lines, and lines to paragraphs: the tables the line rules work on, and what a
document keeps once they have decided.

Every line that does not become a paragraph comes back as a Reject with its reason and span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import pyarrow as pa

from builder.outcomes import Document, Paragraph, Reject
from builder.rules.repeated import RepeatedLines
from builder.rules.site import site_of
from builder.steps import values
from builder.text import language
from builder.text.clean import clean_line, utf8_safe
from builder.text.pii import redact
from builder.text.segment import Span, line_spans

_LINE_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("doc", pa.int32()), ("line", pa.int32()), ("char_start", pa.int64()), ("char_end", pa.int64()),
    ("raw", pa.string()), ("text", pa.string()), ("site", pa.string()), ("repeated", pa.bool_()),
    ("reason", pa.string()),
]
LINES_SCHEMA = pa.schema(_LINE_COLUMNS)  # LineRule's lines table


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
    lines the document's site repeats across its pages (looked up by the raw line, as counted)."""
    columns: dict[str, list[object]] = {name: [] for name in LINES_SCHEMA.names}
    for d, doc in enumerate(docs):
        spans, raw = raw_lines(doc)
        where = site(doc)
        safe_site = utf8_safe(where)
        for span, line in zip(spans, raw, strict=True):
            columns["doc"].append(d)
            columns["line"].append(span.line)
            columns["char_start"].append(span.start)
            columns["char_end"].append(span.end)
            columns["raw"].append(utf8_safe(line))
            columns["text"].append(clean_line(line))
            columns["site"].append(safe_site)
            columns["repeated"].append(repeated is not None and repeated.is_repeated(where, line))
            columns["reason"].append(None)
    return pa.table(columns, schema=LINES_SCHEMA)


def paragraphs(doc: Document, lines: pa.Table, explain: Callable[[str], str], phones: bool = False,
               pii: Counter[str] | None = None) -> tuple[list[Paragraph], list[Reject], tuple[str, float]]:
    """Kept paragraphs (language detected, personal data replaced), dropped lines (with the message
    `explain` gives their reason), and the document's language and its score, from the document's
    rows of the lines table after the rules decided."""
    starts, ends = values(lines, "char_start"), values(lines, "char_end")
    numbers, texts = values(lines, "line"), values(lines, "text")
    reasons = values(lines, "reason")
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    detected, (doc_language, doc_score) = language.detect_lines([texts[i] for i in kept])
    result = [
        Paragraph(redact(texts[i], phones, pii), starts[i], ends[i], numbers[i], *(found or (doc_language, doc_score)),
                  detected=found is not None)
        for i, found in zip(kept, detected, strict=True)
    ]
    dropped = [
        Reject.line(reason, doc.location.inner_line(numbers[i]), doc.source, doc_id=doc.id, char_start=starts[i],
                    char_end=ends[i], text=doc.text[starts[i] : ends[i]], message=explain(reason))
        for i, reason in enumerate(reasons)
        if reason is not None
    ]
    return result, dropped, (doc_language, doc_score)
