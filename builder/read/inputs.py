"""What every reader is given: the input file, the limits it reads under, and the sentences of the
reason codes readers share (each reader declares the ones it gives, in these words)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# A compressed input may always expand this far, whatever its ratio: small files compress well.
DECOMPRESSION_FLOOR = 16 * 1024 * 1024

REASONS = {
    "invalid_utf8": "the file or line is not valid UTF-8",
    "malformed_json": "the line or file is not valid JSON",
    "schema_invalid": "the document does not match schema/document.schema.json",
    "too_large": "the document (or JSONL line) is over max_document_bytes, or has more lines than max_document_lines",
    "decompression_limit": "a compressed input expanded past max_decompression_ratio (a decompression bomb?)",
    "html_no_content": "the HTML extractor found no article text in the page",
    "unsupported_format": "the file is not one of the supported input formats",
    "unreadable_source": "the file could not be read (permissions, truncated archive, corrupt data)",
    "invalid_file_name": "the file name is not valid UTF-8",
    "outside_source_root": "a symlink that points outside the source folder",
}


def reasons(*codes: str) -> dict[str, str]:
    """The shared sentences of `codes`, for a reader's `reasons` declaration."""
    return {code: REASONS[code] for code in codes}


class DecompressionLimit(ValueError):
    """A compressed input expanded past its budget (see Limits.budget)."""


@dataclass(frozen=True)
class Limits:
    """What a reader holds every document to."""

    max_document_bytes: int = 16 * 1024 * 1024
    # A compressed input may expand this many times (past DECOMPRESSION_FLOOR) before it is stopped.
    max_decompression_ratio: int = 100

    def budget(self, compressed_size: int) -> int:
        """How many bytes a compressed input of `compressed_size` bytes may expand to."""
        return max(DECOMPRESSION_FLOOR, self.max_decompression_ratio * compressed_size)


@dataclass(frozen=True)
class InputFile:
    path: Path  # as the user can find it
    root: Path  # the source root it was found under
    relative: str  # path relative to the root, POSIX style: the `source` column

    @property
    def readable(self) -> bool:
        """A regular file inside the source root (symlinks resolved)."""
        try:
            resolved = self.path.resolve(strict=True)
        except (OSError, RuntimeError):
            return False
        return resolved.is_file() and resolved.is_relative_to(self.root.resolve())

    @property
    def display(self) -> str:
        """The path for messages: names that are not valid UTF-8 shown with escapes, never crashing a print."""
        return str(self.path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
