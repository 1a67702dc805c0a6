"""TREC-style SGML text: `<DOC>` … `</DOC>` elements with one field per tag, the wrapper many news
collections ship as `.txt` files:

    <DOC>
    <DOCNO>AL-culture-109-20180301</DOCNO>
    <URL>http://…</URL>
    <TITLE>…</TITLE>
    <TIME>Thu, 01 Mar 2018 21:09:02 +0400</TIME>
    <TEXT>
    the article, line by line
    </TEXT>
    </DOC>

Read as plain text, the tags would be lines of the document (the title kept with its tags, the URL
and the time sent to rejects as boilerplate) and an abstract that repeats the first paragraph would
take its place. Read as TREC, the `<TEXT>` body is the document's text, URL, TITLE, AUTHOR and
TIME/DATE fill their columns, and every other one-line field (DOCNO, SRC, CAT …) goes to `metadata`
under its lower-case name, where `metadata_columns` can make it a column. An `<ABSTRACT>` is not text:
it is a summary of the body, and keeping both would repeat the body's first lines.

The fields are SGML text: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references (`&#1575;`,
`&#x202E;`) are decoded. Nothing else is: a named entity such as `&nbsp;` or one a DTD declares (`&xxe;`) is
kept as written, never looked up, so a file cannot make the reader fetch or expand anything. The body is
everything between the element's first `<TEXT>` and its last `</TEXT>`, so a `<TEXT>` quoted inside it
does not cut it short.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from typing import Any

# Tags are upper case or lower case (`<DOC>`, `<doc>`: collections in the wild write both), each tag one case
# throughout; a BOM may come before the first `<DOC>`.
_STARTS = re.compile(r"\A\ufeff?\s*<(?:DOC|doc)>\s*$", re.MULTILINE)
_OPEN = re.compile(r"^\ufeff?[ \t]*<(?:DOC|doc)>[ \t]*\r?$", re.MULTILINE)
_CLOSE = re.compile(r"^[ \t]*</(?:DOC|doc)>[ \t]*\r?$", re.MULTILINE)
_FIELD = re.compile(r"<([A-Z][A-Z0-9_]{0,31}|[a-z][a-z0-9_]{0,31})>(.*?)</\1>", re.DOTALL)
_TEXT = re.compile(r"<(TEXT|text)>(.*)</\1>", re.DOTALL)  # a _FIELD match's groups, greedy: to the last </TEXT>
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_XML_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
COLUMNS = {"URL": "url", "TITLE": "title", "AUTHOR": "author", "TIME": "date_published", "DATE": "date_published"}
NOT_METADATA = frozenset({"TEXT", "ABSTRACT", *COLUMNS})


@dataclass(frozen=True)
class TrecDocument:
    fields: dict[str, Any]  # id aside: the document object's fields
    docno: str | None
    line: int  # 1-based, where its <DOC> is
    text_line: int  # 1-based, where its text (the <TEXT> body) starts


@dataclass(frozen=True)
class TrecProblem:
    """Part of the file that is not a document: a `<DOC>` element without `<TEXT>`, one not closed before
    the next `<DOC>` or the end of the file, or text outside the elements; it becomes a located reject."""

    message: str
    line: int


def is_trec(text: str) -> bool:
    """Whether the file is TREC-wrapped: its first non-blank line is `<DOC>`."""
    return _STARTS.match(text) is not None


def trec_documents(file_text: str) -> list[TrecDocument | TrecProblem]:
    """Each `<DOC>` element of a file's text, in file order, and what is left between them if it is not
    blank."""
    found: list[TrecDocument | TrecProblem] = []
    end = 0
    while (start := _OPEN.search(file_text, end)) is not None:
        found.extend(_outside(file_text, end, start.start()))
        line = _line(file_text, start.start())
        close, after = _CLOSE.search(file_text, start.end()), _OPEN.search(file_text, start.end())
        if close is None or (after is not None and after.start() < close.start()):
            # read to the next element's </DOC>, it would take that element's text for its own
            found.append(TrecProblem("a <DOC> element not closed: no </DOC> before the next <DOC> or the end of "
                                     "the file", line))
            end = after.start() if after is not None else len(file_text)
            continue
        end = close.end()
        element = file_text[start.end():close.start()]
        tags: dict[str, re.Match[str]] = {}  # each tag's first field (its match: where the value starts, too)
        for field in _FIELD.finditer(element):
            tags.setdefault(field.group(1).upper(), field)
        if "TEXT" in tags:
            tags["TEXT"] = _TEXT.search(element, tags["TEXT"].start()) or tags["TEXT"]
        if "TEXT" not in tags or not tags["TEXT"].group(2).strip():
            found.append(TrecProblem("a <DOC> element without a <TEXT> field, or with an empty one", line))
            continue
        body = tags["TEXT"].group(2)
        text = body.lstrip("\r\n")
        text_line = _line(file_text, start.end() + tags["TEXT"].start(2) + len(body) - len(text))
        fields: dict[str, Any] = {"text": _decoded(text.rstrip("\r\n"))}
        values = {tag: _decoded(field.group(2).strip()) for tag, field in tags.items()}
        for tag, column in COLUMNS.items():
            if values.get(tag) and column not in fields:
                fields[column] = _date(values[tag]) if column == "date_published" else values[tag]
        metadata = {tag.lower(): value for tag, value in values.items()
                    if tag not in NOT_METADATA and value and "\n" not in value}
        if metadata:
            fields["metadata"] = metadata
        found.append(TrecDocument(fields, values.get("DOCNO") or None, line, text_line))
    found.extend(_outside(file_text, end, len(file_text)))
    return found


def _outside(text: str, start: int, end: int) -> list[TrecProblem]:
    stray = re.search(r"\S", text[start:end])
    if stray is None:
        return []
    return [TrecProblem("text outside any <DOC> … </DOC> element (an element not closed?)",
                        _line(text, start + stray.start()))]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _decoded(value: str) -> str:
    """The five XML entities and numeric character references decoded; a reference to a control character
    (a newline would shift the lines rejects are located by) or to no character is kept as written."""
    return _REFERENCE.sub(_character, value) if "&" in value else value


def _character(reference: re.Match[str]) -> str:
    name, decimal, hexadecimal = reference.groups()
    if name:
        return _XML_ENTITIES[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code < 0x20 or 0x7F <= code < 0xA0:
        return reference.group()
    return chr(code)


def _date(value: str) -> str:
    """An RFC 2822 date ("Thu, 01 Mar 2018 21:09:02 +0400", as RSS gives it) as ISO 8601; any other
    value as given."""
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value
