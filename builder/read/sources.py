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

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import zstandard

from builder.outcomes import Location, RawDocument, Reject

SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".jsonl.zst", ".json", ".parquet", ".html", ".htm")
PARQUET_BATCH_ROWS = 1024
PARQUET_BATCH_BYTES = 32 * 1024 * 1024  # decoded Arrow data per batch, as far as the metadata tells


class SourceError(ValueError):
    """A SOURCE argument that names nothing readable (a usage error, not bad data)."""


@dataclass(frozen=True)
class ReadOptions:
    field_map: tuple[tuple[str, str], ...] = ()  # document field -> input key
    max_document_bytes: int = 16 * 1024 * 1024
    # A compressed input may expand this many times (past the first 16 MiB) before it is stopped.
    max_decompression_ratio: int = 100


DECOMPRESSION_FLOOR = 16 * 1024 * 1024


class DecompressionLimit(ValueError):
    pass


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

    @property
    def format(self) -> str | None:
        name = self.path.name.lower()
        return next((s for s in SUFFIXES if name.endswith(s)), None)


def discover(sources: Iterable[str]) -> list[InputFile]:
    """Expand SOURCE arguments into input files, each source sorted by relative path. A SOURCE
    with no input file in it is a usage error: a build or check of nothing is a mistake."""
    found: list[InputFile] = []
    for source in sources:
        files = _expand(source)
        if not any(f.format for f in files):
            others = f" (only {len(files)} other file(s), e.g. {files[0].display})" if files else ""
            raise SourceError(f"{source}: no input found{others}; inputs are files ending in {', '.join(SUFFIXES)} "
                              "(hidden files and folders, starting with '.', are skipped)")
        found.extend(files)
    return found


def _expand(source: str) -> list[InputFile]:
    path = Path(source)
    if glob.has_magic(source):
        root = _glob_root(source)
        try:
            matches = [Path(p) for p in glob.glob(source, recursive=True)]
        except RecursionError:  # glob recurses into ** folders
            raise SourceError(f"{source}: the pattern reaches folders nested too deeply to search with a "
                              "pattern; give the folder itself (folders are searched recursively)") from None
        files = [p for p in matches if p.is_file() or p.is_symlink()]
        if not files:
            raise SourceError(f"{source}: the pattern matches no files")
    elif path.is_dir():
        root = path
        files = list(_walk(path))
    elif path.is_file() or path.is_symlink():
        root = path.parent
        files = [path]
    elif os.path.lexists(path):  # /dev/zero, a FIFO, a socket: nothing to read documents from
        raise SourceError(f"{source}: not a regular file or directory (a device, FIFO or socket); give a file or "
                          "a folder of documents")
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
    """Every file under a folder, with a stack rather than recursion, so a tree of any depth is
    walked (os.walk recurses, and a deep tree raised RecursionError). Symlinked folders are not
    followed (no loops); symlinked files are listed and checked later. A folder that cannot be
    listed is listed itself, so it becomes a located reject instead of vanishing."""
    stack = [directory]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            if folder == directory:
                raise SourceError(f"{directory}: cannot list the folder (permission denied?)") from None
            yield folder
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry, follow=False):
                stack.append(Path(entry.path))
            elif not (entry.is_symlink() and _is_folder(entry, follow=True)):
                yield Path(entry.path)


def _is_folder(entry: os.DirEntry, follow: bool) -> bool:  # type: ignore[type-arg]
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:
        return False


def read(files: Iterable[InputFile], options: ReadOptions) -> Iterator[RawDocument | Reject]:
    """Every document of every file, in order; a file or record that cannot be read becomes a Reject."""
    for file in files:
        yield from read_file(file, options)


def read_file(file: InputFile, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    where = Location(file.display)
    problem = _check_file(file, options)
    if problem:
        yield Reject("document", problem[0], problem[1], where, file.relative)
        return
    readers = {".txt": _read_txt, ".json": _read_json, ".parquet": _read_parquet, ".html": _read_html,
               ".htm": _read_html}
    reader = readers.get(file.format or "", _read_jsonl)
    field_map = dict(options.field_map)
    try:
        for item in reader(file, options):
            if isinstance(item, RawDocument) and file.format not in (".txt", ".html", ".htm"):
                item = RawDocument(item.location, item.source, _map_fields(item.fields, field_map))
            yield item
    except DecompressionLimit as exc:
        yield Reject("document", "decompression_limit", str(exc), where, file.relative)
    except _READ_ERRORS as exc:
        yield Reject("document", "unreadable_source", f"reading stopped: {exc}", where, file.relative)


# Truncated archives, I/O errors and corrupt Parquet surface as these while reading.
_READ_ERRORS = (OSError, EOFError, ValueError, zstandard.ZstdError)


def _check_file(file: InputFile, options: ReadOptions) -> tuple[str, str] | None:
    if file.relative != file.relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace"):
        return "invalid_file_name", "the file name is not valid UTF-8; rename the file"
    if file.format is None:
        if file.path.is_dir() and not file.path.is_symlink():  # see _walk
            return "unreadable_source", "a folder that could not be listed (permissions?); its files were not read"
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
    size = resolved.stat().st_size
    if file.format in (".txt", ".html", ".htm") and size > options.max_document_bytes:
        return "too_large", f"{size} bytes, over the limit of {options.max_document_bytes} (max_document_bytes)"
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


def _read_txt(file: InputFile, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    where = Location(file.display)
    text = decode_utf8(file.path.read_bytes(), where, file.relative)
    if isinstance(text, Reject):
        yield text
        return
    doc_id = file.relative[: -len(".txt")]
    yield RawDocument(where, file.relative, {"id": doc_id, "text": text})


def _read_html(file: InputFile, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    """A saved web page: the article text extracted by trafilatura becomes the raw text (offsets point
    into it); the page's own sha256 is kept as input_sha256."""
    where = Location(file.display)
    try:
        import trafilatura
    except ImportError:
        yield Reject("document", "unsupported_format",
                     "HTML input needs trafilatura: pip install 'dataset-builder[html]'", where, file.relative)
        return
    data = file.path.read_bytes()
    page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, deduplicate=False)
    if isinstance(page, dict):  # only with as_dict=True, which is not asked for
        raise TypeError("trafilatura.bare_extraction gave a dict")
    if page is None or not page.text:
        yield Reject("document", "html_no_content", "trafilatura found no article text in the page", where,
                     file.relative)
        return
    fields = {"id": file.relative.rsplit(".", 1)[0], "text": page.text, "url": page.url, "title": page.title}
    yield RawDocument(where, file.relative, {k: v for k, v in fields.items() if v},
                      input_sha256=hashlib.sha256(data).hexdigest())


def _open_binary(file: InputFile) -> BinaryIO:
    if file.format == ".jsonl.gz":
        return gzip.open(file.path, "rb")  # type: ignore[return-value]
    if file.format == ".jsonl.zst":
        return io.BufferedReader(_ZstdReader(open(file.path, "rb")))
    return open(file.path, "rb")


class _ZstdReader(io.RawIOBase):
    """Decompresses frame after frame and, unlike zstandard's stream_reader, raises on a truncated one."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.decompressor = zstandard.ZstdDecompressor().decompressobj()
        self.buffer = b""
        self.started = False

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self.buffer:
            chunk = self.raw.read(1 << 16)
            if not chunk:
                if self.started and not self.decompressor.eof:
                    raise EOFError("the .zst stream ends in the middle of a frame (truncated file)")
                return 0
            self.started = True
            self.buffer = self.decompressor.decompress(chunk)
            while self.decompressor.eof and self.decompressor.unused_data:
                rest = self.decompressor.unused_data
                self.decompressor = zstandard.ZstdDecompressor().decompressobj()
                self.buffer += self.decompressor.decompress(rest)
        n = min(len(target), len(self.buffer))
        target[:n] = self.buffer[:n]
        self.buffer = self.buffer[n:]
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def _read_jsonl(file: InputFile, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    compressed = file.format != ".jsonl"
    budget = max(DECOMPRESSION_FLOOR, options.max_decompression_ratio * file.path.stat().st_size)
    read = 0
    with _open_binary(file) as stream:
        for number, data in enumerate(_lines(stream, options.max_document_bytes), start=1):
            read += len(data)
            if compressed and read > budget:
                raise DecompressionLimit(
                    f"stopped at line {number}: {read} bytes decompressed from {file.path.stat().st_size}, over "
                    f"{options.max_decompression_ratio}x (a decompression bomb?); raise max_decompression_ratio if not")
            where = Location(file.display, number)
            if data is _TOO_LONG:
                yield Reject("document", "too_large", f"line longer than {options.max_document_bytes} bytes "
                             "(max_document_bytes)", where, file.relative)
                continue
            if not data.strip():
                continue
            if number == 1:
                data = data.removeprefix(b"\xef\xbb\xbf")
            line = decode_utf8(data.rstrip(b"\r\n"), where, file.relative)
            if isinstance(line, Reject):
                yield line
                continue
            try:
                obj = _STRICT.decode(line)
            except json.JSONDecodeError as exc:
                yield Reject("document", "malformed_json", f"not valid JSON: {exc.msg} (column {exc.colno})",
                             where, file.relative, text=line[:200])
                continue
            except RecursionError:
                yield Reject("document", "malformed_json", "not valid JSON: nested too deeply", where, file.relative)
                continue
            except DuplicateKey as exc:
                yield Reject("document", "schema_invalid", str(exc), where, file.relative, text=line[:200])
                continue
            yield RawDocument(where, file.relative, obj)


class DuplicateKey(ValueError):
    """An object names a key twice. JSON readers disagree on which value wins (Python's takes the
    last, others the first or fail), so the document means different things to different tools."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r} in one object: readers disagree on which value counts; "
                         "keep one of them")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        raise DuplicateKey(next(key for key, _ in pairs if key in seen or seen.add(key)))  # type: ignore[func-returns-value]
    return obj


_STRICT = json.JSONDecoder(object_pairs_hook=_unique_keys)
_LENIENT = json.JSONDecoder()  # only to find where an object with a duplicate key ends


class _TooLong(bytes):
    pass


_TOO_LONG = _TooLong(b"")


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """Lines of a binary stream; a line over `limit` bytes is skipped in chunks (never held whole) and
    reported as _TOO_LONG, so a 50 MB line costs no more memory than the limit."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
        yield _TOO_LONG


def _read_json(file: InputFile, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    where = Location(file.display)
    text = decode_utf8(file.path.read_bytes(), where, file.relative)
    if isinstance(text, Reject):
        yield text
        return
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        yield Reject("document", "malformed_json", "a .json input must be an array of document objects",
                     Location(where.path, 1), file.relative)
        return
    pos = _skip_space(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        at = Location(where.path, text.count("\n", 0, pos) + 1)
        start = pos
        try:
            obj, pos = _STRICT.raw_decode(text, pos)
        except DuplicateKey as exc:
            obj, pos = exc, _LENIENT.raw_decode(text, pos)[1]
        except json.JSONDecodeError as exc:
            yield Reject("document", "malformed_json", f"not valid JSON: {exc.msg} (the rest of the file is skipped)",
                         Location(where.path, exc.lineno), file.relative)
            return
        except RecursionError:
            yield Reject("document", "malformed_json", "not valid JSON: nested too deeply (the rest of the file "
                         "is skipped)", at, file.relative)
            return
        size = _utf8_size(text, start, pos, options.max_document_bytes)
        if size > options.max_document_bytes:
            yield Reject("document", "too_large", f"{size} bytes, over the limit of {options.max_document_bytes} "
                         "(max_document_bytes)", at, file.relative)
        elif isinstance(obj, DuplicateKey):
            yield Reject("document", "schema_invalid", str(obj), at, file.relative)
        else:
            yield RawDocument(at, file.relative, obj)
        pos = _skip_space(text, pos)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)


def _utf8_size(text: str, start: int, end: int, limit: int) -> int:
    """The UTF-8 size of text[start:end], encoding only when it could be over `limit` (<= 4 bytes a character)."""
    if (end - start) * 4 <= limit:
        return end - start
    return len(text[start:end].encode("utf-8", "surrogatepass"))


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


def _read_parquet(file: InputFile, options: ReadOptions) -> Iterator[RawDocument | Reject]:
    """Rows under the same limits as every other format: Parquet is compressed, so the file's
    metadata (uncompressed sizes) is held to max_decompression_ratio before anything is decoded,
    and so is the decoded data as it comes; a row over max_document_bytes is too_large. Batches
    are sized from the metadata, so a file of big rows is not decoded 1024 rows at a time."""
    parquet = pq.ParquetFile(file.path)
    size = file.path.stat().st_size
    budget = max(DECOMPRESSION_FLOOR, options.max_decompression_ratio * size)
    declared = sum(parquet.metadata.row_group(i).total_byte_size for i in range(parquet.metadata.num_row_groups))
    if declared > budget:
        raise DecompressionLimit(f"its metadata declares {declared} bytes of data in {size} bytes of file, over "
                                 f"{options.max_decompression_ratio}x (a decompression bomb?); nothing was decoded; "
                                 "raise max_decompression_ratio if not")
    row = decoded = 0
    for batch in parquet.iter_batches(batch_size=parquet_batch_rows(parquet)):
        decoded += batch.nbytes
        if decoded > budget:
            raise DecompressionLimit(f"stopped at row {row + 1}: {decoded} bytes decoded from {size}, over "
                                     f"{options.max_decompression_ratio}x (a decompression bomb?); raise "
                                     "max_decompression_ratio if not")
        sizes = _row_sizes(batch)
        big = [n > options.max_document_bytes for n in sizes]
        rows = iter(batch.filter(pa.array([not b for b in big])).to_pylist() if any(big) else batch.to_pylist())
        for n, too_large in zip(sizes, big, strict=True):
            row += 1
            where = Location(file.display, row)
            if too_large:
                yield Reject("document", "too_large", f"row of {n} bytes, over the limit of "
                             f"{options.max_document_bytes} (max_document_bytes)", where, file.relative)
            else:
                yield RawDocument(where, file.relative, next(rows))


def parquet_batch_rows(parquet: pq.ParquetFile) -> int:
    """Rows per batch: PARQUET_BATCH_ROWS, fewer where the metadata's bytes per row say a batch
    would be over PARQUET_BATCH_BYTES."""
    meta = parquet.metadata
    widest = max((meta.row_group(i).total_byte_size / max(1, meta.row_group(i).num_rows)
                  for i in range(meta.num_row_groups)), default=0)
    return max(1, min(PARQUET_BATCH_ROWS, int(PARQUET_BATCH_BYTES // max(1.0, widest))))


def _row_sizes(batch: pa.RecordBatch) -> list[int]:
    """Bytes of text (string and binary columns) in each row: what max_document_bytes limits."""
    total = np.zeros(batch.num_rows, dtype=np.int64)
    for column in batch.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type) \
                or pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
            # the stubs type binary_length's argument as a string or binary array, which these columns are
            lengths = pc.binary_length(column)  # type: ignore[call-overload]
            total += lengths.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    return [int(n) for n in total]
