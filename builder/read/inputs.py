"""What every reader is given: the input file (local here, remote in builder.read.remote), the limits
it reads under, and the sentences of the reason codes readers share (each reader declares the ones
it gives, in these words)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

# A compressed input may always expand this far, whatever its ratio: small files compress well.
DECOMPRESSION_FLOOR = 16 * 1024 * 1024

# trafilatura's time and memory grow with a page's elements, not its bytes: a 4.3 MB page of 250,000 `<span>`s took
# over 90 s of CPU and 600 MB (each element an lxml object in several copies of the tree, a pass per XPath), and a
# page of 1,000,000 tiny ones fits in max_document_bytes. A page of more start tags than this is too_large, not
# extracted: ten times the most of any page in /work/shared/corpus (a Wikipedia article, 9,892), so a page of
# 50,000 paragraphs is still read (about 17 s of CPU and 325 MB an extraction).
MAX_HTML_ELEMENTS = 100_000

REASONS = {
    "invalid_utf8": "the file or line is not valid UTF-8",
    "malformed_json": "the line or file is not valid JSON",
    "malformed_trec": ("a TREC-wrapped .txt file (<DOC> first) has a <DOC> element without <TEXT>, one not closed "
                       "by </DOC>, or text outside its elements"),
    "schema_invalid": "the document does not match schema/document.schema.json",
    "too_large": ("the document (or JSONL line) is over max_document_bytes, or has more lines than max_document_lines "
                  f"(an HTML page: more than {MAX_HTML_ELEMENTS:,} elements)"),
    "decompression_limit": "a compressed input expanded past max_decompression_ratio (a decompression bomb?)",
    "html_no_content": "the HTML extractor found no article text in the page",
    "unsupported_format": "the file is not one of the supported input formats",
    "unreadable_source": "the file could not be read (permissions, truncated archive, corrupt data)",
    "invalid_file_name": "the file name is not valid UTF-8",
    "linked_folder": "a symlink to a folder: not followed (a link can loop, or lead out of the source folder)",
    "outside_source_root": ("a symlink that points outside the source folder, or an object in storage whose name "
                            "has an empty, . or .. part (it could name something outside the source prefix)"),
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
    """One input, wherever it is: a local file (LocalFile) or an object in storage (builder.read.remote).
    Readers use only what is here (`open`, `size`, `name`, `display`, `relative`), so every reader
    reads every kind of input under the same limits."""

    relative: str  # path relative to the source root, POSIX style: the `source` column
    # set by discovery when another input has the same path but for its suffix (see path_id)
    suffix_in_id: bool = field(default=False, kw_only=True)

    @property
    def path_id(self) -> str:
        """The id of the document a file is (.txt, .html): its path relative to the source root without the
        suffix (`2019/a`), or with it (`b/page.txt`, `b/page.html`) where two files would have the same id."""
        return self.relative if self.suffix_in_id else self.relative.rsplit(".", 1)[0]

    @property
    def name(self) -> str:
        """The file name, for choosing a reader by its ending."""
        return self.relative.rsplit("/", 1)[-1]

    @property
    def display(self) -> str:
        """Where the file is, for messages: the path as given, or the URL."""
        raise NotImplementedError

    @property
    def readable(self) -> bool:
        """Whether it may be read at all (see `problem`)."""
        return self.problem() is None

    def problem(self) -> tuple[str, str] | None:
        """Why it may not be read (a reason code and a message), before any reader touches it; None if it may."""
        raise NotImplementedError

    def size(self) -> int:
        """Its size in bytes (what decompression budgets are measured from)."""
        raise NotImplementedError

    def open(self) -> BinaryIO:
        """Its bytes, as a seekable binary file."""
        raise NotImplementedError

    def fingerprint(self) -> tuple[object, ...]:
        """What changes when the file is replaced or written (compared after reading with the value taken
        before hashing, so results are never recorded under the hash of other content)."""
        raise NotImplementedError


@dataclass(frozen=True)
class LocalFile(InputFile):
    # absolute, made so where the SOURCE was given: a worker elsewhere (a Ray cluster's) runs in another folder
    path: Path
    root: Path  # the source root it was found under, absolute too
    given: str | None = None  # the path as the user gave it, for messages (a CI names files relative to its checkout)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def display(self) -> str:
        """Names that are not valid UTF-8 shown with escapes, never crashing a print."""
        shown = self.given if self.given is not None else str(self.path)
        return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def problem(self) -> tuple[str, str] | None:
        """A regular file inside the source root (symlinks resolved), readable by this user."""
        try:
            resolved = self.path.resolve(strict=True)
        except OSError as exc:  # the reason alone: the message is released, the machine's paths are not
            return "unreadable_source", f"cannot resolve path: {exc.strerror or type(exc).__name__}"
        except RuntimeError:
            return "unreadable_source", "cannot resolve path: a symlink loop"
        if not resolved.is_relative_to(self.root.resolve()):
            return "outside_source_root", "symlink points outside the source root (where to is not released)"
        if not resolved.is_file():
            return "unreadable_source", "not a regular file"
        if not os.access(resolved, os.R_OK):
            return "unreadable_source", "permission denied"
        return None

    def size(self) -> int:
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        return open(self.path, "rb")

    def fingerprint(self) -> tuple[object, ...]:
        st = self.path.stat()
        return (st.st_size, st.st_mtime_ns, st.st_ino)
