"""`.txt`: one document per file, its id the path relative to the source root."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from builder.outcomes import Location, RawDocument, Reject
from builder.read.decode import decode_utf8, whole_file
from builder.read.inputs import InputFile, Limits, reasons
from builder.steps import Reader


@dataclass(frozen=True)
class TextReader(Reader):
    name: ClassVar[str] = "text"
    reasons: ClassVar[dict[str, str]] = reasons("invalid_utf8", "too_large")
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)
    maps_fields: ClassVar[bool] = False

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        data = whole_file(file, limits)
        text = data if isinstance(data, Reject) else decode_utf8(data, Location(file.display), file.relative)
        if isinstance(text, Reject):
            yield text
            return
        doc_id = file.relative[: -len(".txt")]
        yield RawDocument(Location(file.display), file.relative, {"id": doc_id, "text": text})
