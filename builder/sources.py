"""Read inputs as a deterministic stream of raw documents (or located rejects).

A SOURCE is a file, a directory (searched recursively) or a glob. Files are read in sorted order
of their path relative to the source root, so the same inputs always give the same stream.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow.parquet as pq
import zstandard

from builder.document import Location, RawDocument, Reject

SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".jsonl.zst", ".json", ".parquet", ".html", ".htm")
PARQUET_BATCH_ROWS = 1024


class SourceError(ValueError):
    """A SOURCE argument that names nothing readable (a usage error, not bad data)."""


@dataclass(frozen=True)
class InputFile:
    path: Path  # as the user can find it
    root: Path  # the source root it was found under
    relative: str  # path relative to the root, POSIX style: the `source` column

    @property
    def format(self) -> str | None:
        name = self.path.name.lower()
        return next((s for s in SUFFIXES if name.endswith(s)), None)


def discover(sources: Iterable[str]) -> list[InputFile]:
    """Expand SOURCE arguments into input files, each source sorted by relative path."""
    found: list[InputFile] = []
    for source in sources:
        found.extend(_expand(source))
    return found


def _expand(source: str) -> list[InputFile]:
    path = Path(source)
    if glob.has_magic(source):
        root = _glob_root(source)
        matches = [Path(p) for p in glob.glob(source, recursive=True)]
        files = [p for p in matches if p.is_file() or p.is_symlink()]
        if not files:
            raise SourceError(f"{source}: the pattern matches no files")
    elif path.is_dir():
        root = path
        files = list(_walk(path))
    elif path.is_file() or path.is_symlink():
        root = path.parent
        files = [path]
    else:
        raise SourceError(f"{source}: no such file or directory")
    return sorted((InputFile(f, root, f.relative_to(root).as_posix()) for f in files), key=lambda f: f.relative)


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _walk(directory: Path) -> Iterator[Path]:
    # Symlinked directories are not followed (no loops); symlinked files are listed and checked later.
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                yield Path(dirpath, name)


def read(files: Iterable[InputFile], field_map: dict[str, str]) -> Iterator[RawDocument | Reject]:
    """Every document of every file, in order; a file or record that cannot be read becomes a Reject."""
    for file in files:
        yield from read_file(file, field_map)


def read_file(file: InputFile, field_map: dict[str, str]) -> Iterator[RawDocument | Reject]:
    where = Location(str(file.path))
    problem = _check_file(file)
    if problem:
        yield Reject("document", problem[0], problem[1], where, file.relative)
        return
    readers = {".txt": _read_txt, ".json": _read_json, ".parquet": _read_parquet, ".html": _read_html, ".htm": _read_html}
    reader = readers.get(file.format or "", _read_jsonl)
    try:
        for item in reader(file):
            if isinstance(item, RawDocument) and file.format not in (".txt", ".html", ".htm"):
                item = RawDocument(item.location, item.source, _map_fields(item.fields, field_map))
            yield item
    except _READ_ERRORS as exc:
        yield Reject("document", "unreadable_source", f"reading stopped: {exc}", where, file.relative)


# Truncated archives, I/O errors and corrupt Parquet surface as these while reading.
_READ_ERRORS = (OSError, EOFError, ValueError, zstandard.ZstdError)


def _check_file(file: InputFile) -> tuple[str, str] | None:
    if file.format is None:
        return "unsupported_format", f"not a supported input (use {', '.join(SUFFIXES)})"
    try:
        resolved = file.path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        return "unreadable_source", f"cannot resolve path: {exc}"
    if not resolved.is_relative_to(file.root.resolve()):
        return "outside_source_root", f"symlink points outside the source root to {resolved}"
    if not resolved.is_file():
        return "unreadable_source", "not a regular file"
    if not os.access(resolved, os.R_OK):
        return "unreadable_source", "permission denied"
    return None


def _map_fields(fields: Any, field_map: dict[str, str]) -> Any:
    if not isinstance(fields, dict) or not field_map:
        return fields
    mapped = dict(fields)
    for target, key in field_map.items():
        if key in mapped:
            mapped[target] = mapped.pop(key)
    return mapped


def decode_utf8(data: bytes, where: Location, source: str) -> str | Reject:
    """Strict UTF-8; on failure a Reject that points at the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = (where.line or 1) + data.count(b"\n", 0, exc.start)
        hint = ""
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = " (it looks like UTF-16: convert it with `iconv -f UTF-16 -t UTF-8`)"
        message = f"invalid UTF-8 at byte {exc.start}: {exc.reason}{hint}"
        return Reject("document", "invalid_utf8", message, Location(where.path, line), source)


def _read_txt(file: InputFile) -> Iterator[RawDocument | Reject]:
    where = Location(str(file.path))
    text = decode_utf8(file.path.read_bytes(), where, file.relative)
    if isinstance(text, Reject):
        yield text
        return
    doc_id = file.relative[: -len(".txt")]
    yield RawDocument(where, file.relative, {"id": doc_id, "text": text})


def _read_html(file: InputFile) -> Iterator[RawDocument | Reject]:
    """A saved web page: the article text extracted by trafilatura becomes the raw text (offsets point
    into it); the page's own sha256 is kept as input_sha256."""
    where = Location(str(file.path))
    try:
        import trafilatura
    except ImportError:
        yield Reject("document", "unsupported_format", "HTML input needs trafilatura: pip install 'dataset-builder[html]'",
                     where, file.relative)
        return
    data = file.path.read_bytes()
    page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, deduplicate=False)
    if page is None or not page.text:
        yield Reject("document", "html_no_content", "trafilatura found no article text in the page", where, file.relative)
        return
    fields = {"id": file.relative.rsplit(".", 1)[0], "text": page.text, "url": page.url, "title": page.title}
    yield RawDocument(where, file.relative, {k: v for k, v in fields.items() if v},
                      input_sha256=hashlib.sha256(data).hexdigest())


def _open_binary(file: InputFile) -> BinaryIO:
    if file.format == ".jsonl.gz":
        return gzip.open(file.path, "rb")  # type: ignore[return-value]
    if file.format == ".jsonl.zst":
        raw = open(file.path, "rb")
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))  # type: ignore[arg-type]
    return open(file.path, "rb")


def _read_jsonl(file: InputFile) -> Iterator[RawDocument | Reject]:
    with _open_binary(file) as stream:
        for number, data in enumerate(stream, start=1):
            if not data.strip():
                continue
            where = Location(str(file.path), number)
            line = decode_utf8(data.rstrip(b"\r\n"), where, file.relative)
            if isinstance(line, Reject):
                yield line
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Reject("document", "malformed_json", f"not valid JSON: {exc.msg} (column {exc.colno})",
                             where, file.relative, text=line[:200])
                continue
            yield RawDocument(where, file.relative, obj)


def _read_json(file: InputFile) -> Iterator[RawDocument | Reject]:
    where = Location(str(file.path))
    text = decode_utf8(file.path.read_bytes(), where, file.relative)
    if isinstance(text, Reject):
        yield text
        return
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        yield Reject("document", "malformed_json", "a .json input must be an array of document objects",
                     Location(where.path, 1), file.relative)
        return
    pos = _skip_space(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        at = Location(where.path, text.count("\n", 0, pos) + 1)
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield Reject("document", "malformed_json", f"not valid JSON: {exc.msg} (the rest of the file is skipped)",
                         Location(where.path, exc.lineno), file.relative)
            return
        yield RawDocument(at, file.relative, obj)
        pos = _skip_space(text, pos)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


def _read_parquet(file: InputFile) -> Iterator[RawDocument]:
    row = 0
    for batch in pq.ParquetFile(file.path).iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for obj in batch.to_pylist():
            row += 1
            yield RawDocument(Location(str(file.path), row), file.relative, obj)
