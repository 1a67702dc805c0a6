"""`.html`/`.htm`: a saved web page, its article text extracted by trafilatura (an optional extra).

The extracted text is then a document like any other: the same line rules (site templates, patterns,
blocks) run on it, with its site taken from the page's own URL (canonical link or og:url).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from builder.outcomes import Location, RawDocument, Reject
from builder.read.decode import decode_page, whole_file
from builder.read.inputs import MAX_HTML_ELEMENTS, InputFile, Limits, reasons
from builder.steps import Reader

Extraction = Literal["precision", "balanced", "recall"]
# trafilatura's own trade-off, by the [read] html_extraction setting that chooses it
# (benchmarks/html_extraction.py measures them)
EXTRACTION: dict[str, dict[str, bool]] = {
    "precision": {"favor_precision": True},
    "balanced": {},
    "recall": {"favor_recall": True},
}


def extract(data: Any, **options: Any) -> dict[str, Any]:
    """trafilatura's text, url and title of a page ({} when it finds no text). Comments are not the
    article; deduplicate is off because trafilatura's duplicate test is a process-wide cache, which
    would make a page's text depend on the pages read before it in the same worker. A `<template>` is
    markup a script may copy later, never shown as it stands: not the article."""
    import trafilatura

    settings = {"include_comments": False, "deduplicate": False, "prune_xpath": "//template", **options}
    page = trafilatura.bare_extraction(data, with_metadata=True, **settings)
    found = page.as_dict() if page is not None and not isinstance(page, dict) else page or {}  # a dict before 1.9
    return {key: found.get(key) for key in ("text", "url", "title")} if found.get("text") else {}


DEPTH, HUGE_DEPTH = 256, 2048  # libxml2's nesting limits, without and with huge_tree
# libxml2 stops reading a text node or an attribute value at 10,000,000 bytes (XML_MAX_TEXT_LENGTH) unless
# huge_tree lifts the limit, and drops the rest of the page: a 10 MB inline image or script cut the article
# short. No character reference is more than 1.2 times its own length in UTF-8 (`&nGt;`: 5 bytes for 6), so
# a page of fewer bytes than this cannot reach the limit, and is read as trafilatura reads it.
HUGE_NODE_PAGE = 10_000_000 * 5 // 6
_TOO_DEEP = "Excessive depth in document"
_START_TAG = re.compile(r"<[A-Za-z]")  # what starts an element (not a closing tag, comment or doctype)


def deep_tree(data: bytes) -> tuple[Any, bool]:
    """A page lxml (and so trafilatura) reads only to DEPTH levels of nesting, which loses its text, parsed again
    to HUGE_DEPTH levels (None if it is not that deep); and whether it is deeper than that too. Only for pages
    with no text found, so every other page is read as trafilatura reads it."""
    import lxml.html  # type: ignore[import-untyped]  # trafilatura's dependency; no stubs installed

    if not _parse(data, lxml.html.HTMLParser())[1]:
        return None, False
    return _parse(data, lxml.html.HTMLParser(huge_tree=True))


def lifted_tree(page: str) -> Any:
    """A page with a node over libxml2's size limit, parsed as trafilatura parses a page (its parser's options,
    its repair of the text) with the limit lifted; None if lxml reads nothing. huge_tree is safe on HTML:
    libxml2's HTML parser expands no entity a page declares, and the page is already under max_document_bytes."""
    import lxml.html
    from trafilatura.utils import repair_faulty_html

    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                                  remove_pis=True, huge_tree=True)
    text = repair_faulty_html(page, page[:50].lower())
    return _parse(text.encode("utf-8", "surrogatepass"), parser)[0]


def _parse(data: bytes, parser: Any) -> tuple[Any, bool]:
    import lxml.etree  # type: ignore[import-untyped]

    try:
        tree = lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None, False
    return tree, any(_TOO_DEEP in error.message for error in parser.error_log)


# A numeric character reference to no character (NUL, a lone surrogate, past U+10FFFF), which libxml2 reads
# as U+FFFD, is removed, as a control character is (trafilatura drops a NUL byte, cleaning the others). The
# pattern finds only references that may be one: zero, or of 5 decimal or 4 hex digits and more (an Arabic
# page's thousands of `&#1575;` cost nothing).
_MAYBE_NO_CHARACTER = re.compile(r"&#(?:0*(?:[1-9][0-9]{4,}|(?<=0))(?![0-9])"
                                 r"|[xX]0*(?:[1-9a-fA-F][0-9a-fA-F]{3,}|(?<=0))(?![0-9a-fA-F]));?")


def _no_character_removed(page: str) -> str:
    return _MAYBE_NO_CHARACTER.sub(_character_or_nothing, page) if "&#" in page else page


def _character_or_nothing(reference: re.Match[str]) -> str:
    number = reference.group()[2:].rstrip(";")
    hexadecimal = number[:1] in ("x", "X")
    digits = (number[1:] if hexadecimal else number).lstrip("0")
    code = int(digits or "0", 16 if hexadecimal else 10) if len(digits) <= 8 else 0x110000  # more: too big
    return "" if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else reference.group()


# a URL in an attribute of the page, in double, single or no quotes
_URL_ATTRIBUTE = re.compile(r"""(?:href|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def _elements(page: str) -> int:
    """The start tags of a page (`<` and a letter), counted without a list of them."""
    return sum(1 for _ in _START_TAG.finditer(page))


def query_as_given(url: str, page: str) -> str:
    """trafilatura's URL of the page with its query's parameters in the order the page gives them: courlan, which
    normalises it, sorts them (`?token=…&sid=…` became `?sid=…&token=…`), and a URL is an identity a user
    compares with their own. As trafilatura gives it (its parameters, trackers it drops left out) when no
    attribute of the page holds the same parameters."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query)
    if len(pairs) < 2:
        return url
    keys, wanted = {key for key, _ in pairs}, sorted(pairs)
    for found in _URL_ATTRIBUTE.finditer(page):
        value = html.unescape(next(group for group in found.groups() if group is not None))
        if "?" in value:
            given = [(key, v) for key, v in parse_qsl(urlsplit(value).query) if key in keys]
            if sorted(given) == wanted:
                return urlunsplit(parts._replace(query=urlencode(given)))
    return url


@dataclass(frozen=True)
class HtmlReader(Reader):
    """The extracted text becomes the raw text (offsets point into it); the page's own sha256 is
    kept as input_sha256, so a record can be traced to the page it came from."""

    name: ClassVar[str] = "html"
    reasons: ClassVar[dict[str, str]] = reasons("html_no_content", "invalid_utf8", "too_large", "unsupported_format")
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm")
    maps_fields: ClassVar[bool] = False
    ids_from_path: ClassVar[bool] = True
    costly: ClassVar[bool] = True  # trafilatura's extraction: a page is extracted once a build (builder.run.spill)
    extraction: Extraction = "precision"  # see [read] html_extraction

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        where = Location(file.display)
        try:
            import trafilatura  # noqa: F401
        except ImportError:
            yield Reject.document("unsupported_format", where, file.relative,
                                  message="HTML input needs trafilatura: pip install 'dataset-builder[html]'")
            return
        data = whole_file(file, limits)
        if isinstance(data, Reject):
            yield data
            return
        page = decode_page(data, where, file.relative)
        if isinstance(page, Reject):
            yield page
            return
        if page.count("<") > MAX_HTML_ELEMENTS and (elements := _elements(page)) > MAX_HTML_ELEMENTS:
            yield Reject.document("too_large", where, file.relative,
                                  message=f"an HTML page of {elements} elements, over the limit of {MAX_HTML_ELEMENTS} "
                                          "(the extractor's time and memory grow with them, not with bytes)")
            return
        page = _no_character_removed(page)
        huge = len(page) > HUGE_NODE_PAGE // 4 and len(page.encode("utf-8", "surrogatepass")) > HUGE_NODE_PAGE
        found = extract(lifted_tree(page) if huge else page, **EXTRACTION[self.extraction])
        deeper = False
        if not found:
            tree, deeper = deep_tree(data)
            found = extract(tree, **EXTRACTION[self.extraction]) if tree is not None else {}
        if not found:
            yield Reject.document("html_no_content", where, file.relative,
                                  message="trafilatura found no article text in the page" + (
                                      f" (its elements are nested deeper than {HUGE_DEPTH} levels, where the HTML "
                                      "parser stops reading)" if deeper else ""))
            return
        if found.get("url"):
            found["url"] = query_as_given(found["url"], page)
        fields = {"id": file.path_id, **found}
        yield RawDocument(where, file.relative, {k: v for k, v in fields.items() if v},
                          input_sha256=hashlib.sha256(data).hexdigest())
