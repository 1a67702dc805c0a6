"""Split raw text into lines, each with its span in the raw text.

A line is the unit of cleaning, boilerplate decisions and output paragraphs: scraped news puts one
paragraph per line, and languages that rarely use full stops (Urdu) cannot be split on punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# Every line terminator str.splitlines knows (CRLF is counted as one), for counting without a match object
# per line.
_BREAKS = ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def line_count(raw: str) -> int:
    """How many lines `raw` has, blank ones included (line breaks + 1), counted in C without building
    anything per line: the cheap check before the per-line work (see max_document_lines)."""
    return sum(raw.count(brk) for brk in _BREAKS) - raw.count("\r\n") + 1


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    line: int  # 1-based line number in the raw text


def line_spans(raw: str) -> Iterator[Span]:
    """Non-blank lines of `raw`, trimmed of surrounding whitespace; `raw[start:end]` is the line.

    str.splitlines breaks at exactly the terminators of _BREAKS (CRLF as one), and every terminator
    is whitespace to str.strip, so a line with its terminator, stripped, is the trimmed line: the split and
    the trim run in C, where a regex match and a loop over the ends per line cost a tenth of a second per
    10 MB (the segmenter runs in both passes)."""
    start = 0
    for number, piece in enumerate(raw.splitlines(keepends=True), 1):
        line = piece.rstrip()
        if line:
            yield Span(start + len(line) - len(line.lstrip()), start + len(line), number)
        start += len(piece)


def line_texts(raw: str) -> list[str]:
    """The texts of `line_spans(raw)` (`raw[start:end]` of each), without a Span per line: what the first
    pass counts needs no offsets (a line stripped with or without its terminator is the same line)."""
    return [line for piece in raw.splitlines() if (line := piece.strip())]
