"""Text from inputs shown to people: in the card's Markdown, on a terminal, in a CI log.

A character that changes how the rest of a line reads, or where lines end, is shown as an escape
(`\\u202e`, `\\n`, `\\x00`) wherever such text is written: C0 and C1 controls (a terminal acts on
escape sequences; a newline starts a Markdown block or a log line of its own), the line and paragraph
separators U+2028/U+2029 (a new line to some readers), and the bidi embeddings, overrides and isolates
U+202A-U+202E, U+2066-U+2069 (`bidi\\u202egnp.exe` shows as `bidiexe.png`). The bidi marks LRM, RLM and
ALM and the joiners ZWNJ/ZWJ stay: Arabic and Persian text holds them legitimately, and they reorder
nothing beyond their own neighbours. An id may hold none of UNSAFE at all (schema/document.schema.json).
"""

from __future__ import annotations

import re
import unicodedata

UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{UNSAFE}]")


def visible(text: str) -> str:
    """`text` with each UNSAFE character as its escape; any other text as it is."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def first_unsafe(text: str) -> str | None:
    """The first UNSAFE character of `text`, described (`U+202E RIGHT-TO-LEFT OVERRIDE`), or None."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found[0]
    return f"U+{ord(char):04X}" + (f" {unicodedata.name(char)}" if unicodedata.name(char, "") else " (a control)")
