"""Compressed inputs (`.gz`, `.zst`) as one stream of their data, held to the decompression budget.

Each read of the stream decompresses at most what was asked for (gzip's and zstandard's stream
readers), so a bomb is stopped after `Limits.budget` bytes without ever holding more than a buffer.
zstandard's stream reader ends quietly when the file ends inside a frame, so at the end of the data
the frames are walked (headers only) to tell a truncated file from a whole one.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from typing import Any, BinaryIO

import zstandard

from builder.read.inputs import DecompressionLimit, InputFile, Limits

COMPRESSIONS = (".gz", ".zst")


def open_data(file: InputFile, limits: Limits) -> BinaryIO:
    """The file's data, decompressed if its name ends in .gz or .zst."""
    name = file.name.lower()
    if name.endswith(".gz"):
        inner: Any = _Gzip(file.open())
    elif name.endswith(".zst"):
        inner = zstandard.ZstdDecompressor().stream_reader(file.open(), read_across_frames=True)
    else:
        return file.open()
    return io.BufferedReader(_Budgeted(inner, file, limits))


class _Gzip(gzip.GzipFile):
    """A GzipFile that closes the file it reads (GzipFile leaves a given fileobj open)."""

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__(fileobj=handle, mode="rb")
        self.handle = handle

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.handle.close()


class _Budgeted(io.RawIOBase):
    """Decompressed data, counted: past the budget a DecompressionLimit, at the end of a truncated
    .zst an EOFError (as gzip raises for a truncated .gz)."""

    def __init__(self, inner: Any, file: InputFile, limits: Limits) -> None:
        self.inner, self.file, self.limits = inner, file, limits
        self.size = file.size()
        self.budget = limits.budget(self.size)
        self.total = 0
        self.ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        n: int = self.inner.readinto(target)
        self.total += n
        if self.total > self.budget:
            raise DecompressionLimit(
                f"{self.total} bytes decompressed from {self.size}, over {self.limits.max_decompression_ratio}x "
                "(a decompression bomb?); raise max_decompression_ratio if not")
        if n == 0 and not self.ended and self.file.name.lower().endswith(".zst"):
            self.ended = True
            if not zstd_frames_complete(self.file.open):
                raise EOFError("the .zst file ends in the middle of a frame (truncated file)")
        return n

    def close(self) -> None:
        self.inner.close()
        super().close()


_ZSTD_MAGIC = 0xFD2FB528
_FCS_BYTES = (0, 2, 4, 8)  # by Frame_Content_Size_flag (0 means 1 byte for a single-segment frame)
_DICT_BYTES = (0, 1, 2, 4)


def zstd_frames_complete(opener: Callable[[], BinaryIO]) -> bool:
    """Whether the file is whole zstd frames, end to end (RFC 8878 section 3.1): only frame and block
    headers are read, skipping over the block contents."""
    with opener() as f:
        size = f.seek(0, io.SEEK_END)
        f.seek(0)
        while f.tell() < size:
            head = f.read(5)
            if len(head) < 5:
                return False
            magic = int.from_bytes(head[:4], "little")
            if magic & 0xFFFFFFF0 == 0x184D2A50:  # a skippable frame: its size follows the magic
                f.seek(f.tell() - 1)
                f.seek(int.from_bytes(f.read(4), "little"), io.SEEK_CUR)
                continue
            if magic != _ZSTD_MAGIC:
                return False
            descriptor = head[4]
            single = descriptor >> 5 & 1
            fcs = _FCS_BYTES[descriptor >> 6] or single
            f.seek((0 if single else 1) + _DICT_BYTES[descriptor & 3] + fcs, io.SEEK_CUR)
            last = False
            while not last:
                block = f.read(3)
                if len(block) < 3:
                    return False
                header = int.from_bytes(block, "little")
                last, kind = bool(header & 1), header >> 1 & 3
                f.seek(1 if kind == 1 else header >> 3, io.SEEK_CUR)
            f.seek(4 if descriptor >> 2 & 1 else 0, io.SEEK_CUR)
        return f.tell() == size
