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
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from typing import Any

_STARTS = re.compile(r"\A\ufeff?\s*<DOC>\s*$", re.MULTILINE)
_DOC = re.compile(r"^[ \t]*<DOC>[ \t]*\r?$(.*?)^[ \t]*</DOC>[ \t]*\r?$", re.MULTILINE | re.DOTALL)
_FIELD = re.compile(r"<([A-Z][A-Z0-9_]{0,31})>(.*?)</\1>", re.DOTALL)
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
    """Part of the file that is not a document: a `<DOC>` element without `<TEXT>`, or text outside
    the elements (an unclosed `<DOC>`); it becomes a located reject."""

    message: str
    line: int


def is_trec(text: str) -> bool:
    """Whether the file is TREC-wrapped: its first non-blank line is `<DOC>`."""
    return _STARTS.match(text) is not None


def trec_documents(text: str) -> list[TrecDocument | TrecProblem]:
    """Each `<DOC>` element, in file order, and what is left between them if it is not blank."""
    found: list[TrecDocument | TrecProblem] = []
    end = 0
    for doc in _DOC.finditer(text):
        found.extend(_outside(text, end, doc.start()))
        end = doc.end()
        line = _line(text, doc.start())
        tags: dict[str, str] = {}
        text_at = 0
        for field in _FIELD.finditer(doc.group(1)):
            if field.group(1) not in tags and field.group(1) == "TEXT":
                body = field.group(2)
                text_at = doc.start(1) + field.start(2) + len(body) - len(body.lstrip("\r\n"))
            tags.setdefault(field.group(1), field.group(2))
        if not tags.get("TEXT", "").strip():
            found.append(TrecProblem("a <DOC> element without a <TEXT> field, or with an empty one", line))
            continue
        fields: dict[str, Any] = {"text": tags["TEXT"].strip("\r\n")}
        for tag, column in COLUMNS.items():
            if tags.get(tag, "").strip() and column not in fields:
                fields[column] = _date(tags[tag].strip()) if column == "date_published" else tags[tag].strip()
        metadata = {tag.lower(): value.strip() for tag, value in tags.items()
                    if tag not in NOT_METADATA and value.strip() and "\n" not in value.strip()}
        if metadata:
            fields["metadata"] = metadata
        found.append(TrecDocument(fields, tags.get("DOCNO", "").strip() or None, line, _line(text, text_at)))
    found.extend(_outside(text, end, len(text)))
    return found


def _outside(text: str, start: int, end: int) -> list[TrecProblem]:
    stray = re.search(r"\S", text[start:end])
    if stray is None:
        return []
    return [TrecProblem("text outside any <DOC> … </DOC> element (an element not closed?)",
                        _line(text, start + stray.start()))]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _date(value: str) -> str:
    """An RFC 2822 date ("Thu, 01 Mar 2018 21:09:02 +0400", as RSS gives it) as ISO 8601; any other
    value as given."""
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value
