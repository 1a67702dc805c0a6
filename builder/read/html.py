"""`.html`/`.htm`: a saved web page, its article text extracted by trafilatura (an optional extra)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from builder.outcomes import Location, RawDocument, Reject
from builder.read.decode import whole_file
from builder.read.inputs import InputFile, Limits, reasons
from builder.steps import Reader


@dataclass(frozen=True)
class HtmlReader(Reader):
    """The extracted text becomes the raw text (offsets point into it); the page's own sha256 is
    kept as input_sha256, so a record can be traced to the page it came from."""

    name: ClassVar[str] = "html"
    reasons: ClassVar[dict[str, str]] = reasons("html_no_content", "too_large", "unsupported_format")
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm")
    maps_fields: ClassVar[bool] = False

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        where = Location(file.display)
        try:
            import trafilatura
        except ImportError:
            yield Reject.document("unsupported_format", where, file.relative,
                                  message="HTML input needs trafilatura: pip install 'dataset-builder[html]'")
            return
        data = whole_file(file, limits)
        if isinstance(data, Reject):
            yield data
            return
        page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, deduplicate=False)
        found = page.as_dict() if page is not None and not isinstance(page, dict) else page or {}  # a dict before 1.9
        if not found.get("text"):
            yield Reject.document("html_no_content", where, file.relative,
                                  message="trafilatura found no article text in the page")
            return
        fields = {"id": file.relative.rsplit(".", 1)[0], "text": found["text"], "url": found.get("url"),
                  "title": found.get("title")}
        yield RawDocument(where, file.relative, {k: v for k, v in fields.items() if v},
                          input_sha256=hashlib.sha256(data).hexdigest())
