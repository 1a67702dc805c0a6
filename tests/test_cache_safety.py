"""The build cache (DIR/.cache) is untrusted input: a release folder is downloaded and shared, so
whatever lies in its cache must never run code, never change the output, and never make the build
read, write or delete anything outside the cache through a symlink."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import stat
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pyarrow.parquet as pq
import pytest
import zstandard

from builder.config import BuildConfig
from builder.run.cache import BuildCache
from builder.run.pipeline import build
from tests.conftest import CACHE_KEY_ENV, EXAMPLE_CONFIG, EXAMPLES, release_files

INPUTS = 10  # files in examples/corpus; each has one cache entry per pass


class _CreatesAFile:
    """A pickle payload that creates a file when unpickled: proof that cache bytes ran as code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return open, (str(self.path), "w")


@pytest.fixture(scope="module")
def uncached(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("uncached") / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG, cache=False))
    return release_files(out)


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release built with its cache, to copy and tamper with."""
    out = tmp_path_factory.mktemp("cached") / "release"
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert (summary.cache_hits, summary.cache_misses) == (0, 2 * INPUTS)
    return out


def entries(release: Path) -> list[Path]:
    files = sorted(p for p in (release / ".cache").rglob("*") if p.is_file())
    assert len(files) == 2 * INPUTS
    return files


def _truncate(path: Path, _: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncate_end(path: Path, _: Path) -> None:
    path.write_bytes(path.read_bytes()[:-3])


def _flip(path: Path, _: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) * 2 // 3] ^= 0x01
    path.write_bytes(bytes(data))


def _pickle(path: Path, tmp: Path) -> None:
    path.write_bytes(zstandard.ZstdCompressor().compress(pickle.dumps(_CreatesAFile(tmp / "ran"))))


def _symlink(path: Path, tmp: Path) -> None:
    outside = tmp / "outside.bin"
    outside.write_bytes(b"not a cache entry")
    path.unlink()
    path.symlink_to(outside)


def _directory(path: Path, _: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("a directory where an entry should be")


def _huge(path: Path, _: Path) -> None:
    with open(path, "wb") as f:  # sparse: 4 GiB on paper, nothing on disk
        f.truncate(4 << 30)


def _empty(path: Path, _: Path) -> None:
    path.write_bytes(b"")


def _fifo(path: Path, _: Path) -> None:  # opening it to read would wait for a writer forever
    path.unlink()
    os.mkfifo(path)


TAMPERINGS: dict[str, Callable[[Path, Path], None]] = {
    "truncated": _truncate, "truncated_end": _truncate_end, "flipped_byte": _flip, "pickle": _pickle,
    "symlink_outside": _symlink, "directory": _directory, "huge": _huge, "empty": _empty, "fifo": _fifo,
}


@pytest.mark.parametrize("how", [how if how in ("flipped_byte", "pickle") else pytest.param(how, marks=pytest.mark.slow)
                                 for how in sorted(TAMPERINGS)])  # a build each: two in the fast subset
def test_a_tampered_cache_is_recomputed_and_the_output_equals_an_uncached_build(
        how: str, cached: Path, uncached: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "release"
    shutil.copytree(cached, out, symlinks=True)
    for path in entries(out):
        TAMPERINGS[how](path, tmp_path)
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert summary.documents_in == 13 and len(summary.inputs) == INPUTS
    assert release_files(out) == uncached
    assert not (tmp_path / "ran").exists()
    if how == "symlink_outside":  # read through, written through or deleted through: all would show here
        assert (tmp_path / "outside.bin").read_bytes() == b"not a cache entry"


@pytest.mark.parametrize(("how", "said"), [(_fifo, "is not a regular file"), (_symlink, "is a symbolic link")])
def test_an_entry_that_is_not_a_file_is_warned_about_once_and_left_in_place(
        how: Callable[[Path, Path], None], said: str,
        cached: Path, uncached: dict[str, bytes], tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Both passes look at the `lines` entry and the writer at its place: one warning per entry, not four,
    saying what is there (ux29: a link was "unusable ([Errno 40] Too many levels of symbolic links): recomputing it",
    and never was) and that it is neither read nor replaced; the FIFOs and links stay (never the tool's to delete)."""
    out = tmp_path / "release"
    shutil.copytree(cached, out, symlinks=True)
    fifos = entries(out)
    for path in fifos:
        how(path, tmp_path)
    with caplog.at_level(logging.WARNING):
        build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    warnings = [r.getMessage() for r in caplog.records if ".cache" in r.getMessage()]
    warned = [w.split()[3] for w in warnings]
    lines = [str(p) for p in fifos if p.name == "lines.entry"]  # the first pass reads each; the rest follows
    assert len(warned) == len(set(warned)) and set(lines) <= set(warned) <= {str(p) for p in fifos}, warnings
    assert all(said in w and "neither read nor replaced" in w for w in warnings), warnings
    assert all((stat.S_ISFIFO if how is _fifo else stat.S_ISLNK)(os.lstat(p).st_mode) for p in fifos)
    assert release_files(out) == uncached


@pytest.mark.slow
def test_swapped_entries_are_not_taken_for_each_other(cached: Path, uncached: dict[str, bytes],
                                                      tmp_path: Path) -> None:
    """Every entry holds valid data for some input, just not for the one whose place it is in."""
    out = tmp_path / "release"
    shutil.copytree(cached, out, symlinks=True)
    for kind in ("lines", "paragraphs"):
        paths = [p for p in entries(out) if p.name.startswith(kind)]
        data = [p.read_bytes() for p in paths]
        for path, payload in zip(paths, data[1:] + data[:1], strict=True):  # rotate: no entry stays in place
            path.write_bytes(payload)
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert summary.cache_hits == 0
    assert release_files(out) == uncached


@pytest.mark.slow
def test_a_repaired_cache_is_used_again(cached: Path, uncached: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "release"
    shutil.copytree(cached, out, symlinks=True)
    for path in entries(out)[::2]:
        _flip(path, tmp_path)
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    again = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert (again.cache_hits, again.cache_misses) == (2 * INPUTS, 0)
    assert release_files(out) == uncached


def test_the_cache_holds_no_pickle(cached: Path) -> None:
    for path in entries(cached):
        assert not path.name.endswith(".pickle.zst")
        data = path.read_bytes()
        start = data.find(zstandard.FRAME_HEADER)
        payload = zstandard.ZstdDecompressor().decompressobj().decompress(data[start:]) if start >= 0 else data
        assert not payload.startswith(b"\x80"), f"{path} holds a pickle"  # every pickle protocol >= 2 starts so


def _elsewhere(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "photos").mkdir(parents=True)
    (elsewhere / "photos" / "a.jpg").write_bytes(b"\xff\xd8 a photo")
    (elsewhere / "0123456789abcdef0123456789abcdef").mkdir()  # even one named like an entry
    (elsewhere / "0123456789abcdef0123456789abcdef" / "lines.entry").write_bytes(b"named like an entry")
    return elsewhere


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_a_cache_folder_that_is_a_symlink_is_neither_read_written_nor_emptied(tmp_path: Path) -> None:
    elsewhere = _elsewhere(tmp_path)
    before = _listing(elsewhere)
    link = tmp_path / ".cache"
    link.symlink_to(elsewhere, target_is_directory=True)
    cache = BuildCache(link, {})
    cache.collect_garbage()
    assert _listing(elsewhere) == before
    from builder.run.cache_format import LINES

    assert cache.read("0123456789abcdef0123456789abcdef", "lines", LINES) is None
    assert cache.writer("fedcba9876543210fedcba9876543210", "lines", LINES) is None
    assert _listing(elsewhere) == before


@pytest.mark.slow
def test_a_build_into_a_folder_whose_cache_is_a_symlink_touches_nothing_there(tmp_path: Path) -> None:
    elsewhere = _elsewhere(tmp_path)
    before = _listing(elsewhere)
    out = tmp_path / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG, cache=False))
    (out / ".cache").symlink_to(elsewhere, target_is_directory=True)
    try:  # the --out guard may refuse the folder outright; either way nothing there is touched
        build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    except Exception as exc:
        assert "symbolic link" in str(exc)
    assert _listing(elsewhere) == before
    assert (out / ".cache").is_symlink()


@pytest.mark.slow
def test_garbage_collection_deletes_only_what_the_cache_wrote(tmp_path: Path) -> None:
    out = tmp_path / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    cache = out / ".cache"
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    (outside / "keep" / "data.txt").write_text("precious")
    (cache / "notes").mkdir()
    (cache / "notes" / "todo.txt").write_text("mine")
    (cache / "readme.txt").write_text("mine too")
    (cache / "ffffffffffffffffffffffffffffffff").symlink_to(outside, target_is_directory=True)
    stale = cache / "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
    stale.mkdir()
    (stale / "own.txt").write_text("not an entry")
    old_entry = zstandard.ZstdCompressor().compress(b"an old entry")  # how an earlier version's entries begin
    (stale / "lines.pickle.zst").write_bytes(old_entry)
    gone = cache / "dddddddddddddddddddddddddddddddd"
    gone.mkdir()
    (gone / "lines.pickle.zst").write_bytes(old_entry)
    named = cache / "cccccccccccccccccccccccccccccccc"  # a file of the user's, named like an entry
    named.mkdir()
    (named / "lines.entry").write_text("my notes, in a file that happens to have this name")
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert (cache / "notes" / "todo.txt").read_text() == "mine"
    assert (cache / "readme.txt").read_text() == "mine too"
    assert (outside / "keep" / "data.txt").read_text() == "precious"
    assert (cache / "ffffffffffffffffffffffffffffffff").is_symlink()
    assert (stale / "own.txt").exists() and not (stale / "lines.pickle.zst").exists()
    assert not gone.exists()  # an unused entry this tool wrote (an older version of it) is cleaned up
    assert (named / "lines.entry").read_text().startswith("my notes")  # not begun as the tool's files are


@pytest.mark.slow
def test_entry_folders_that_are_symlinks_are_not_read_or_written_through(uncached: dict[str, bytes],
                                                                         tmp_path: Path) -> None:
    out = tmp_path / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    elsewhere = tmp_path / "elsewhere"
    for entry in list((out / ".cache").iterdir()):  # the same keys, each a link to an empty folder outside
        shutil.rmtree(entry)
        (elsewhere / entry.name).mkdir(parents=True)
        entry.symlink_to(elsewhere / entry.name, target_is_directory=True)
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert _listing(elsewhere) == sorted(p.name for p in elsewhere.iterdir())  # still empty folders
    assert summary.cache_hits == 0
    assert release_files(out) == uncached


def _batch():  # type: ignore[no-untyped-def]
    from builder.outcomes import BatchResult, Document, Excluded, Invalid, Issue, Location, Paragraph, Processed, Reject
    from builder.text.quality import signals

    where = Location("news/\udcff.jsonl", 3)  # a file name that is not UTF-8
    doc = Document("doc-1", "سلام \ud800 snippet", "news/\udcff.jsonl", where, "https://example.com/a", "عنوان", "ar")
    kept = [Paragraph("سلام عليكم", 0, 10, 1, "ar", 0.98, True, vars(signals("سلام عليكم"))),
            Paragraph("short", 11, 16, 2)]
    dropped = [Reject("line", "boilerplate_footer", "footer", where, doc.source, "doc-1", 17, 20, "©")]
    reject = Reject("document", "malformed_json", "bad", Location("a.jsonl", 9), "a.jsonl", text="{\"id")
    return BatchResult([
        Processed(doc, "ab" * 32, kept, dropped, None, [1, 2**64 - 1], [b"\x00" * 8, None]),
        Processed(doc, "cd" * 32, [], [], Reject("document", "empty_after_clean", "empty", where, doc.source)),
        Invalid(reject, (Issue(reject.location, "$", "bad", "malformed_json"),)),
        Excluded("doc-2", where, doc.source, ("id:doc-2",), True),
        Excluded(None, Location("b.txt"), "b.txt", ("url://example.com/b",), False),
    ], Counter({"email": 2}))


def _schema():  # type: ignore[no-untyped-def]
    from builder.columns import arrow_schema, record_columns

    return arrow_schema(record_columns())


def _rows():  # type: ignore[no-untyped-def]
    """_batch() as a worker sends it to the driver (and caches it)."""
    from builder.run.rows import batch_rows

    return batch_rows(_batch(), _schema(), False)


def _same_rows(a, b) -> bool:  # type: ignore[no-untyped-def]
    return (a.entries == b.entries and a.records.equals(b.records) and a.rejects.equals(b.rejects)
            and a.pii == b.pii and all(getattr(a, name).tolist() == getattr(b, name).tolist()
                                       for name in ("lines", "chars", "reject_hashes", "line_keys")))


def test_every_result_round_trips_through_the_cache_format() -> None:
    import numpy as np

    from builder.outcomes import LineCounts
    from builder.run.cache_format import decode_lines, decode_rows, encode_lines, encode_rows

    rows = _rows()
    assert rows.records.num_rows == 2 and rows.rejects.num_rows == 5 and len(rows.entries) == 5
    assert _same_rows(decode_rows(encode_rows(rows), _schema()), rows)
    counts = LineCounts(np.array([1, 2**64 - 1], dtype=np.uint64), np.array([], dtype=np.uint64))
    again = decode_lines(encode_lines(counts))
    assert again.lines.tolist() == counts.lines.tolist() and again.identities.tolist() == []


def _frames(data: bytes, byteorder: Literal["little", "big"]) -> list[bytes]:
    """The pieces of `data`, each after its 8-byte size in `byteorder`."""
    pieces, at = [], 0
    while at < len(data):
        size = int.from_bytes(data[at : at + 8], byteorder)
        pieces.append(data[at + 8 : at + 8 + size])
        at += 8 + size
    return pieces


def _parts(data: bytes) -> list[bytes]:
    """An encoded batch's parts (each after its little-endian size): entries, records, rejects, the arrays."""
    return _frames(data, "little")


def _joined(parts: list[bytes]) -> bytes:
    return b"".join(len(part).to_bytes(8, "little") + part for part in parts)


def _in_entries(change):  # type: ignore[no-untyped-def]
    """A change to the JSON of the entries, everything else as it was."""
    import json

    def changed(parts: list[bytes]) -> list[bytes]:
        value = json.loads(parts[0].decode("utf-8", "surrogatepass"))
        change(value)
        return [json.dumps(value).encode(), *parts[1:]]
    return changed


def _other_schema(parts: list[bytes]) -> list[bytes]:
    import pyarrow as pa

    from builder.run.cache_format import _ipc

    table = pa.ipc.open_stream(parts[1]).read_all()
    return [parts[0], _ipc(table.drop_columns(["url"])), *parts[2:]]


def _fewer_rows(parts: list[bytes]) -> list[bytes]:
    import pyarrow as pa

    from builder.run.cache_format import _ipc

    return [parts[0], _ipc(pa.ipc.open_stream(parts[1]).read_all().slice(0, 1)), *parts[2:]]


@pytest.mark.parametrize("change", [
    _in_entries(lambda v: v[0][0].__setitem__(3, "3")),  # a string where a line number is
    _in_entries(lambda v: v[0][0].__setitem__(7, 1)),  # a number where a flag is
    _in_entries(lambda v: v[0][0].append(None)),  # an extra field
    _in_entries(lambda v: v[0][0].__setitem__(0, "?")),  # an entry of no known kind
    _in_entries(lambda v: v[0][0][9].__setitem__(0, 2**64)),  # a band key out of range
    _in_entries(lambda v: v[0][0][10].__setitem__(0, -1)),  # a paragraph key out of range
    _in_entries(lambda v: v[0][0][9].append(1.0)),  # a band key that is not an integer
    _in_entries(lambda v: v[0][0][10].__setitem__(0, True)),  # a paragraph key that is a flag
    _in_entries(lambda v: v[0][0].__setitem__(8, 3)),  # more candidate records than the table has
    _in_entries(lambda v: v[0][0].__setitem__(6, -1)),  # a negative count of rows
    _in_entries(lambda v: v[0][0][14].append(["0", {}])),  # a record's PII counts not under its number
    _in_entries(lambda v: v[0][3][15].append(1)),  # a takedown key that is not text
    _in_entries(lambda v: v[1].__setitem__("email", "2")),
    _in_entries(lambda v: v.append({})),
    _other_schema,  # a records table without a column
    _fewer_rows,  # a records table with fewer rows than its entries and arrays say
    lambda parts: [parts[0], parts[1], b"not arrow", *parts[3:]],
    lambda parts: [*parts[:3], parts[3][:-8], *parts[4:]],  # an array one value short
    lambda parts: parts[:-1],  # a part missing
    lambda parts: [*parts, b""],  # a part too many
])
def test_the_decoder_refuses_anything_unexpected(change) -> None:  # type: ignore[no-untyped-def]
    from builder.run.cache_format import CorruptEntry, decode_rows, encode_rows

    parts = _parts(encode_rows(_rows()))
    assert _joined(parts) == encode_rows(_rows())
    with pytest.raises(CorruptEntry):
        decode_rows(_joined(change(parts)), _schema())


@pytest.mark.parametrize("cut", [1, 8, 100, -1])
def test_a_result_cut_short_is_refused(cut: int) -> None:
    from builder.run.cache_format import CorruptEntry, decode_rows, encode_rows

    data = encode_rows(_rows())
    with pytest.raises(CorruptEntry):
        decode_rows(data[:cut], _schema())


def test_an_entry_with_a_valid_checksum_is_still_checked_for_its_name_version_and_content(tmp_path: Path) -> None:
    from builder.run import cache as cache_module
    from builder.run.cache_format import Codec, rows_codec

    rows = rows_codec(_schema())
    cache = BuildCache(tmp_path / ".cache", {})
    key = "0" * 32
    writer = cache.writer(key, "paragraphs-" + "0" * 16, rows)
    assert writer is not None
    writer.add(_rows())
    writer.commit()
    (read,) = cache.read(key, "paragraphs-" + "0" * 16, rows) or []
    assert _same_rows(read, _rows())
    assert cache.read(key, "paragraphs-" + "1" * 16, rows) is None  # another entry's file
    entry = tmp_path / ".cache" / key / ("paragraphs-" + "0" * 16 + cache_module.SUFFIX)
    data = bytearray(entry.read_bytes())
    data[8:12] = (cache_module.FORMAT_VERSION + 1).to_bytes(4, "big")
    entry.write_bytes(bytes(data))
    assert cache.read(key, "paragraphs-" + "0" * 16, rows) is None  # another format version
    # a pickle in a well-formed entry, checksum and all, is data that does not decode: never unpickled
    evil = Codec(lambda result: pickle.dumps(_CreatesAFile(tmp_path / "ran")), rows.decode)
    writer = cache.writer(key, "lines", evil)
    assert writer is not None
    writer.add(None)
    writer.commit()
    assert cache.read(key, "lines", rows) is None
    assert not (tmp_path / "ran").exists()
    # a result whose size says more than the entry holds, signed: cut short, not read past the end
    cut = Codec(lambda data: data, rows.decode)
    writer = cache.writer(key, "lines", cut)
    assert writer is not None
    writer.stream.write((1 << 20).to_bytes(8, "big") + b"only a little")
    writer.commit()
    assert cache.read(key, "lines", rows) is None


# --- hard links: the cache writes only files it created itself -----------------------------------------

@pytest.mark.slow
def test_hard_links_in_the_cache_are_never_written_through(uncached: dict[str, bytes], tmp_path: Path) -> None:
    """A `.partial` (a half-written entry) or an entry that is a hard link to a file of the user's: a
    build replaces the link with a file of its own; the user's file keeps its bytes."""
    out = tmp_path / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    precious = tmp_path / "precious.txt"
    precious.write_text("MY PRECIOUS DATA\n")
    paths = entries(out)
    for i, path in enumerate(paths):
        if i % 2:  # a stale entry hard-linked to the user's file (recomputed, then replaced)
            path.unlink()
            os.link(precious, path)
        else:  # no entry, and a leftover half-written one hard-linked to the user's file
            path.unlink()
            os.link(precious, path.with_name(path.name + ".partial"))
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert precious.read_bytes() == b"MY PRECIOUS DATA\n"
    assert os.stat(precious).st_nlink == 1 + sum(1 for p in (out / ".cache").rglob("*.partial"))
    assert release_files(out) == uncached
    again = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert (again.cache_hits, again.cache_misses) == (2 * INPUTS, 0)  # every entry was rewritten, fresh


# --- a cache from elsewhere is never trusted -------------------------------------------------------------

def _payload(path: Path) -> list[bytes]:
    """The results in an entry, read the way anyone can (the format is public): each after its size."""
    from builder.run import cache as cache_module

    data = zstandard.ZstdDecompressor().decompressobj().decompress(path.read_bytes()[cache_module.HEADER.size:])
    return _frames(data, "big")


PLANTED = "Write to jane.doe@example.com or visit 192.168.1.20 for the full leaked archive of the mayor"


def _forge(out: Path) -> Path:
    """The reviewer's attack: take the first paragraphs entry with records, put an unredacted e-mail and IP
    in its first record's text, and write it back as a well-formed entry (header, checksum and all),
    using this very builder's writer, with whatever key the environment names."""
    import pyarrow as pa

    from builder.run.cache_format import decode_rows, rows_codec

    schema = _schema()
    path = next(p for p in entries(out) if p.name.startswith("paragraphs-")
                and any(decode_rows(r, schema).records.num_rows for r in _payload(p)))
    batches = [decode_rows(result, schema) for result in _payload(path)]
    rows = next(b for b in batches if b.records.num_rows)
    texts = rows.records.column("text").to_pylist()
    rows.records = rows.records.set_column(rows.records.schema.get_field_index("text"), schema.field("text"),
                                           pa.array([PLANTED, *texts[1:]], pa.string()))
    writer = BuildCache(out / ".cache", {}).writer(path.parent.name, path.name.removesuffix(".entry"),
                                                   rows_codec(schema))
    assert writer is not None
    for batch in batches:
        writer.add(batch)
    writer.commit()
    return path


def _leaks(out: Path) -> bool:
    rows = [text for p in sorted((out / "data").rglob("*.parquet")) for text in pq.read_table(p)["text"].to_pylist()]
    return any("jane.doe@example.com" in text or "192.168.1.20" in text for text in rows)


@pytest.mark.slow
def test_a_forged_entry_signed_with_another_key_changes_nothing(
        cached: Path, uncached: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoever hands over a release can rewrite its cache with the public format, but not with this
    machine's secret: the entry is recomputed and no planted text reaches data/."""
    out = tmp_path / "release"
    shutil.copytree(cached, out, symlinks=True)
    with monkeypatch.context() as attacker:
        attacker.setenv(CACHE_KEY_ENV, str(tmp_path / "attackers.key"))
        _forge(out)
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert not _leaks(out)
    assert release_files(out) == uncached
    assert (summary.cache_hits, summary.cache_misses) == (2 * INPUTS - 1, 1)


@pytest.mark.slow
def test_a_forged_entry_with_this_machines_key_is_still_not_taken_with_unredacted_text(
        cached: Path, uncached: dict[str, bytes], tmp_path: Path) -> None:
    """Defence in depth, should the secret leak: cached paragraphs are checked to be sanitised."""
    out = tmp_path / "release"
    shutil.copytree(cached, out, symlinks=True)
    _forge(out)
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert not _leaks(out)
    assert release_files(out) == uncached
    assert summary.cache_misses == 1


@pytest.mark.slow
def test_a_cache_built_elsewhere_is_recomputed_with_one_warning_then_used(
        uncached: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    out = tmp_path / "release"
    with monkeypatch.context() as elsewhere:
        elsewhere.setenv(CACHE_KEY_ENV, str(tmp_path / "other-machine.key"))
        build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    with caplog.at_level(logging.WARNING):
        summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert (summary.cache_hits, summary.cache_misses) == (0, 2 * INPUTS)
    warnings = [r.getMessage() for r in caplog.records if ".cache" in r.getMessage()]
    assert len(warnings) == 1 and "another machine" in warnings[0], warnings
    assert release_files(out) == uncached
    again = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert (again.cache_hits, again.cache_misses) == (2 * INPUTS, 0)


@pytest.mark.slow
def test_the_cache_key_is_created_once_private_and_outside_the_release(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    key = tmp_path / "config" / "dataset-builder" / "cache.key"
    monkeypatch.delenv(CACHE_KEY_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    out = tmp_path / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    secret = key.read_bytes()
    assert len(secret) == 32 and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert secret not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    again = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    assert again.cache_hits == 2 * INPUTS and key.read_bytes() == secret


def _not_a_file(path: Path) -> None:
    path.mkdir(parents=True)


def _too_short(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"my own notes")


def _under_a_file(path: Path) -> None:  # cannot be created (as in a read-only home, which root would not see)
    path.parent.write_text("a file where the key's folder would go")


@pytest.mark.parametrize("where", [_not_a_file, _too_short, _under_a_file])
@pytest.mark.slow
def test_without_a_usable_key_the_cache_is_off_with_one_warning_and_the_build_succeeds(
        where: Callable[[Path], None], uncached: dict[str, bytes], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    key = tmp_path / "home" / "cache.key"
    where(key)
    before = _listing(tmp_path / "home") if (tmp_path / "home").is_dir() else []
    monkeypatch.setenv(CACHE_KEY_ENV, str(key))
    out = tmp_path / "release"
    with caplog.at_level(logging.WARNING):
        summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    warnings = [r.getMessage() for r in caplog.records if "cache" in r.getMessage()]
    assert len(warnings) == 1 and str(key) in warnings[0] and CACHE_KEY_ENV in warnings[0], warnings
    assert summary.cache_hits == 0 and not (out / ".cache").exists()
    assert release_files(out) == uncached
    assert (_listing(tmp_path / "home") if (tmp_path / "home").is_dir() else []) == before
    if where is _too_short:
        assert key.read_bytes() == b"my own notes"  # never overwritten


@pytest.mark.parametrize("text", [
    "mail jane.doe@example.com, ali@مثال.السعودية or 用户@例子.广告 from 192.168.001.001 or 2001:db8::1",
    "<email> <ip> <phone> <email:0123456789ab> a@b.c@d.e first.last@192.168.1.1 ＠ @@ ::",
    "algashgari@gmail.comللتواصل 10.0.0.1.2 fe80::1%eth0 user@bücher.de",
])
def test_sanitising_is_idempotent_so_an_honest_cache_always_passes_the_check(text: str) -> None:
    from builder.text.sanitise import Sanitiser

    for phones in (False, True):
        once = Sanitiser(phones).text(text)
        assert Sanitiser().text(once) == once
