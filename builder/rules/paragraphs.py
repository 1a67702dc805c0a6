"""One document to paragraphs: segment the raw text, clean each line, decide which lines stay.

Every line that does not become a paragraph comes back as a Reject with its reason and span.
"""

from __future__ import annotations

from collections import Counter

from builder.outcomes import Document, Paragraph, Reject
from builder.rules import boilerplate
from builder.text import language
from builder.text.clean import clean_line
from builder.text.pii import redact
from builder.text.segment import Span, line_spans


def raw_lines(doc: Document) -> tuple[list[Span], list[str]]:
    spans = list(line_spans(doc.text))
    return spans, [doc.text[s.start : s.end] for s in spans]


def cleaned_lines(doc: Document) -> tuple[list[Span], list[str], list[str]]:
    """Spans, raw lines and cleaned lines."""
    spans, raw = raw_lines(doc)
    return spans, raw, [clean_line(line) for line in raw]


def site(doc: Document) -> str:
    return boilerplate.site_of(doc.url, doc.source)


def paragraph_text(raw_span: str, phones: bool = False, pii: Counter[str] | None = None) -> str:
    """The text of a kept paragraph: the cleaned line with personal data replaced."""
    return redact(clean_line(raw_span), phones, pii)


def paragraphs(doc: Document, repeated: boilerplate.RepeatedLines | None = None, phones: bool = False,
               pii: Counter[str] | None = None) -> tuple[list[Paragraph], list[Reject], str]:
    """Kept paragraphs, dropped lines, and the document's detected language."""
    spans, raw, texts = cleaned_lines(doc)
    reasons = boilerplate.classify(texts, site(doc), repeated, raw)
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    detected, (doc_language, doc_score) = language.detect_lines([texts[i] for i in kept])
    result = [
        Paragraph(redact(texts[i], phones, pii), spans[i].start, spans[i].end, spans[i].line,
                  *(found or (doc_language, doc_score)), detected=found is not None)
        for i, found in zip(kept, detected, strict=True)
    ]
    dropped = [
        Reject.line(reason, doc.location.inner_line(spans[i].line), doc.source, doc_id=doc.id,
                    char_start=spans[i].start, char_end=spans[i].end, text=doc.text[spans[i].start : spans[i].end])
        for i, reason in enumerate(reasons)
        if reason is not None
    ]
    return result, dropped, doc_language
