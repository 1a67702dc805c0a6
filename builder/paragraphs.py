"""One document to paragraphs: segment the raw text, clean each line, decide which lines stay.

Every line that does not become a paragraph comes back as a Reject with its reason and span.
"""

from __future__ import annotations

from builder import boilerplate, language
from builder.clean import clean_line
from builder.document import Document, Location, Paragraph, Reject
from builder.reasons import explain
from builder.segment import Span, line_spans

MAX_REJECT_TEXT = 1000


def cleaned_lines(doc: Document) -> tuple[list[Span], list[str]]:
    spans = list(line_spans(doc.text))
    return spans, [clean_line(doc.text[s.start : s.end]) for s in spans]


def site(doc: Document) -> str:
    return boilerplate.site_of(doc.url, doc.source)


def paragraphs(doc: Document, repeated: boilerplate.RepeatedLines | None = None) -> tuple[list[Paragraph], list[Reject]]:
    spans, texts = cleaned_lines(doc)
    reasons = boilerplate.classify(texts, site(doc), repeated)
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    languages = language.detect_lines([texts[i] for i in kept])
    result = [
        Paragraph(texts[i], spans[i].start, spans[i].end, lang, score)
        for i, (lang, score) in zip(kept, languages)
    ]
    dropped = [
        Reject(
            "line", reason, explain(reason), _line_location(doc.location, spans[i].line), doc.source,
            doc_id=doc.id, char_start=spans[i].start, char_end=spans[i].end,
            text=doc.text[spans[i].start : spans[i].end][:MAX_REJECT_TEXT],
        )
        for i, reason in enumerate(reasons)
        if reason is not None
    ]
    return result, dropped


def _line_location(doc_location: Location, line: int) -> Location:
    """A line of a .txt file is a line of the file; inside a JSON record, the record's line stays."""
    if doc_location.line is None:
        return Location(doc_location.path, line)
    return doc_location
