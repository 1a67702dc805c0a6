"""The reader registry: a reader written outside the package reads its own suffix; compressed and
JSON-array inputs are read by libraries (zstandard's stream reader, ijson) with the promises the
hand-written readers kept (truncation found, bombs stopped, located items, bounded memory)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
import zstandard
from hypothesis import given, settings, strategies as st

from builder.outcomes import Location, RawDocument, Reject
from builder.read.discovery import SourceError, discover
from builder.read.inputs import InputFile, Limits
from builder.read.registry import Readers, ReadOptions, read
from builder.read.validate import Invalid, check_stream
from builder.steps import Reader
from tests.conftest import ROOT, text_for


@dataclass(frozen=True)
class CsvReader(Reader):
    """A user's reader: one document per row of a CSV file with `id` and `body` columns."""

    name: ClassVar[str] = "csv"
    reasons: ClassVar[dict[str, str]] = {"csv_short_row": "a CSV row with fewer cells than the header"}
    suffixes: ClassVar[tuple[str, ...]] = (".csv",)

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        with open(file.path, encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            header = next(rows)
            for number, row in enumerate(rows, start=2):
                where = Location(file.display, number)
                if len(row) < len(header):
                    yield Reject("document", "csv_short_row", f"{len(row)} cells, the header has {len(header)}",
                                 where, file.relative)
                else:
                    yield RawDocument(where, file.relative, dict(zip(header, row, strict=False)))


@dataclass(frozen=True)
class ShoutedText(Reader):
    """A user's reader that takes .txt files over from the built-in one: the document is the file upper-cased."""

    name: ClassVar[str] = "shouted"
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        yield RawDocument(Location(file.display), file.relative, {"id": file.path_id, "text": file.path.read_text(
            encoding="utf-8").upper()})


def test_a_release_whose_txt_files_a_users_reader_read_validates(tmp_path: Path) -> None:
    """validate ties a plain .txt's rows to the file's sha256 (its text is the file); a user's reader may read a
    .txt file otherwise, and the manifest does not say which suffixes it took: such a release is left untied."""
    from builder.config import BuildConfig
    from builder.release.check import check_release
    from builder.run.pipeline import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(text_for("a"), encoding="utf-8")
    out = tmp_path / "release"
    build([str(src)], out, BuildConfig.load(cache=False).with_extensions(readers=(ShoutedText(),)))
    assert check_release(out, load=False) == []


def test_a_reader_defined_outside_the_package_reads_its_suffix_through_the_registry(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    with open(src / "news.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["id", "body"], ["a", text_for("a")], ["b"], ["c", text_for("c")]])
    with pytest.raises(SourceError, match="no input found"):  # built-in readers only: .csv is nobody's
        discover([str(src)])

    readers = Readers.default().with_(CsvReader())
    options = ReadOptions((("text", "body"),), readers=readers)
    items = list(read(discover([str(src)], readers), options))
    assert [(type(i).__name__, i.location.line) for i in items] == [("RawDocument", 2), ("Reject", 3),
                                                                    ("RawDocument", 4)]
    assert items[0].fields == {"id": "a", "text": text_for("a")}  # the config's field map applies to it too
    assert isinstance(items[1], Reject) and items[1].reason == "csv_short_row"
    checked = list(check_stream(items))
    assert [d.id for d in checked if not isinstance(d, Invalid)] == ["a", "c"]
    assert ".csv" in readers.suffixes and ".csv" not in Readers.default().suffixes


def test_a_reader_added_later_takes_a_suffix_over_a_built_in_one_and_the_longest_suffix_wins(tmp_path: Path) -> None:
    @dataclass(frozen=True)
    class Lines(Reader):
        suffixes: ClassVar[tuple[str, ...]] = (".json", ".x.json")

        def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
            yield RawDocument(Location(file.display), file.relative, {"id": "mine", "text": file.path.read_text()})

    readers = Readers.default().with_(Lines())
    for name in ("a.json", "a.x.json", "a.jsonl.zst", "a.JSONL", "a.parquet", "a.csv"):
        (tmp_path / name).write_bytes(b"")
    chosen = {f.relative: type(readers.reader_for(f)).__name__ for f in discover([str(tmp_path)], readers)}
    assert chosen == {"a.json": "Lines", "a.x.json": "Lines", "a.jsonl.zst": "JsonlReader", "a.JSONL": "JsonlReader",
                      "a.parquet": "ParquetReader", "a.csv": "NoneType"}
    with pytest.raises(TypeError, match="not a Reader"):
        Readers.default().with_(object())  # type: ignore[arg-type]


# --- .zst through zstandard's stream reader --------------------------------------------------------

DOCS = [{"id": f"d{i}", "text": text_for(str(i))} for i in range(400)]
DATA = "".join(json.dumps(d) + "\n" for d in DOCS).encode()


def _streamed(data: bytes) -> bytes:
    """Compressed the way a streaming tool writes it: no content size, a checksum, many blocks."""
    out = io.BytesIO()
    writer = zstandard.ZstdCompressor(write_checksum=True).stream_writer(out, closefd=False)
    for start in range(0, len(data), 5000):
        writer.write(data[start:start + 5000])
        writer.flush(zstandard.FLUSH_BLOCK)
    writer.close()
    return out.getvalue()


ZSTD_LAYOUTS = {
    "one frame": zstandard.ZstdCompressor().compress(DATA),
    "streamed with checksum": _streamed(DATA),
    "two frames": zstandard.ZstdCompressor().compress(DATA[:7000])
    + zstandard.ZstdCompressor(level=9).compress(DATA[7000:]),
    "skippable frame first": b"\x50\x2a\x4d\x18" + (3).to_bytes(4, "little") + b"abc"
    + zstandard.ZstdCompressor().compress(DATA),
}


@pytest.mark.parametrize("layout", sorted(ZSTD_LAYOUTS))
def test_zstd_files_are_read_whole_and_a_cut_anywhere_is_unreadable(layout: str, tmp_path: Path) -> None:
    compressed = ZSTD_LAYOUTS[layout]
    path = tmp_path / "d.jsonl.zst"
    path.write_bytes(compressed)
    assert [i.fields for i in read(discover([str(path)]), ReadOptions())] == DOCS
    for cut in (len(compressed) - 1, len(compressed) - 4, len(compressed) * 2 // 3, 9, 5):
        path.write_bytes(compressed[:cut])
        items = list(read(discover([str(path)]), ReadOptions()))
        assert isinstance(items[-1], Reject) and items[-1].reason == "unreadable_source", (cut, items[-1])
        assert all(isinstance(i, RawDocument) for i in items[:-1])


JSONL_LINES = st.one_of(st.sampled_from([b"", b" ", b"\t \r", b"\x0b\x0c", b"\r"]),  # blank lines
                        st.builds(lambda n: json.dumps({"id": str(n)}).encode(), st.integers(0, 99)),
                        st.sampled_from([b"{oops", b" {\"id\": \"spaced\"}", b"\xff"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(JSONL_LINES, max_size=30), st.booleans(), st.sampled_from([".jsonl", ".jsonl.gz"]))
def test_jsonl_blank_lines_are_skipped_and_every_other_line_keeps_its_number(
        tmp_path_factory: pytest.TempPathFactory, lines: list[bytes], final_newline: bool, suffix: str) -> None:
    """Runs of blank lines are read past in one scan of the buffer (a file of millions of newlines):
    the documents and rejects after them must keep their line numbers."""
    data = b"\n".join(lines) + (b"\n" if final_newline else b"")
    path = tmp_path_factory.mktemp("blank") / f"d{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    expected = [n for n, line in enumerate(data.split(b"\n"), start=1) if line and not line.isspace()]
    items = list(read(discover([str(path)]), ReadOptions()))
    assert [i.location.line for i in items] == expected


PEAK_OF_A_BOMB = textwrap.dedent("""
    import io, resource, sys, zstandard
    from pathlib import Path
    from builder.read.discovery import discover
    from builder.read.registry import ReadOptions, read
    path = Path(sys.argv[1])
    writer = zstandard.ZstdCompressor(level=1).stream_writer(open(path, "wb"))
    for _ in range(1024):
        writer.write(b" " * ((1 << 20) - 1) + b"\\n")  # 1 GiB of blank lines: run-length blocks, 30000x smaller
    writer.close()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = list(read(discover([str(path)]), ReadOptions()))
    print(path.stat().st_size, items[-1].reason, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
""")


@pytest.mark.slow  # writes 1 GiB through zstd, in a process of its own
def test_a_zstd_bomb_is_stopped_at_its_budget_without_decompressing_a_chunk_of_it_whole(tmp_path: Path) -> None:
    """The hand-written reader gave zstandard 64 KB of input at a time and took all it expanded to:
    up to 2 GB per chunk for run-length blocks (and copied the rest of it for every read). The stream
    reader expands what is read."""
    done = subprocess.run([sys.executable, "-c", PEAK_OF_A_BOMB, str(tmp_path / "bomb.jsonl.zst")], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    size, reason, grew = done.stdout.split()
    assert int(size) < 1 << 20 and reason == "decompression_limit"
    assert int(grew) < 64 * 2**20, f"reading the bomb raised the peak RSS by {int(grew) / 2**20:.0f} MiB"


# --- .json arrays through ijson ----------------------------------------------------------------------

def _read_one(path: Path, **limits: int) -> list[RawDocument | Reject]:
    return list(read(discover([str(path)]), ReadOptions(**limits)))  # type: ignore[arg-type]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**80, 2**80) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=4), min_size=1, max_size=4),
       st.sampled_from([None, 2]), st.booleans())
def test_a_json_array_reads_as_the_same_documents_in_jsonl(tmp_path_factory: pytest.TempPathFactory,
                                                           objects: list[dict], indent: int | None,
                                                           ascii_only: bool) -> None:
    """Large integers, lone surrogate escapes (\\ud800), any Unicode: the array's items are the objects
    Python's json reads from the same JSONL lines, whatever the layout of the array."""
    folder = tmp_path_factory.mktemp("same")
    # a lone surrogate is not UTF-8: written raw it would be an escape (\\ud800) all the same
    (folder / "a.json").write_text(json.dumps(objects, indent=indent, ensure_ascii=ascii_only), encoding="utf-8",
                                   errors="backslashreplace")
    (folder / "a.jsonl").write_text("".join(json.dumps(o, ensure_ascii=ascii_only) + "\n" for o in objects),
                                    encoding="utf-8", errors="backslashreplace")
    from_array, from_lines = _read_one(folder / "a.json"), _read_one(folder / "a.jsonl")
    assert [type(i) for i in from_array] == [type(i) for i in from_lines]
    assert [getattr(i, "fields", getattr(i, "reason", None)) for i in from_array] == \
           [getattr(i, "fields", getattr(i, "reason", None)) for i in from_lines]


def test_json_array_items_are_located_and_what_follows_a_bad_spot_is_one_reject(tmp_path: Path) -> None:
    items = [json.dumps({"id": f"d{i}", "text": text_for(str(i))}) for i in range(3)]
    cases = {
        "trailing.json": ("[\n" + ",\n".join(items) + "\n]\n[]\n").encode(),  # a second array is not dropped silently
        "bad_utf8.json": ("[\n" + ",\n".join(items[:2]) + ',\n{"id": "x", "text": "caf').encode() + b"\xe9\"}\n]",
        "minified.json": ("[" + ",".join(items) + ', {"id": "big", "text": "' + "w " * 6000 + '"}]').encode(),
        "cut.json": ("[\n" + ",\n".join(items) + ',\n{"id": "x", "te').encode(),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    got = {name: [(type(i).__name__, i.location.line, getattr(i, "reason", None)) for i in
                  _read_one(tmp_path / name, max_document_bytes=10_000)] for name in cases}
    documents = [("RawDocument", 2, None), ("RawDocument", 3, None), ("RawDocument", 4, None)]
    assert got == {
        "trailing.json": [*documents, ("Reject", 6, "malformed_json")],
        "bad_utf8.json": [*documents[:2], ("Reject", 4, "invalid_utf8")],
        "minified.json": [("RawDocument", 1, None)] * 3 + [("Reject", 1, "too_large")],
        "cut.json": [*documents, ("Reject", 5, "malformed_json")],
    }


PEAK_OF_A_BIG_ARRAY = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path
    from builder.read.discovery import discover
    from builder.read.registry import ReadOptions, read
    path = Path(sys.argv[1])
    with open(path, "w") as f:  # an item at a time: writing it may not raise the peak
        for i in range(60):
            f.write(("[" if i == 0 else ",") + "\\n" + json.dumps({"id": f"d{i}", "text": "word " * 200_000}))
        f.write("\\n]")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = sum(1 for item in read(discover([str(path)]), ReadOptions()) if item.fields["id"])
    print(count, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
""")


@pytest.mark.slow  # writes 60 MB, in a process of its own
def test_a_big_json_array_is_read_in_the_memory_of_a_few_items(tmp_path: Path) -> None:
    """60 MB of array: the old reader decoded the whole file to one string first (about 180 MB)."""
    done = subprocess.run([sys.executable, "-c", PEAK_OF_A_BIG_ARRAY, str(tmp_path / "big.json")], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    count, grew = map(int, done.stdout.split())
    assert count == 60 and grew < 40 * 2**20, f"reading a 60 MB array raised the peak RSS by {grew / 2**20:.0f} MiB"


def test_a_file_in_a_legacy_code_page_is_told_which_one_and_how_to_convert_it(tmp_path: Path) -> None:
    """An Arabic file saved as windows-1256 and a French one saved as cp1252 are invalid_utf8, like a UTF-16 one,
    and their messages name the code page and the iconv command; a UTF-8 file with a bad byte is told nothing of
    the kind (converting it would garble the rest)."""
    arabic = "قال الوزير يوم الثلاثاء إن الميزانية الجديدة ستزيد الإنفاق على المدارس والمستشفيات في جميع أنحاء البلاد."
    french = "Café : les propriétaires disent que le « plan » coûtera 5 millions € — beaucoup pour la ville."
    (tmp_path / "ar.txt").write_bytes(arabic.encode("cp1256"))
    (tmp_path / "fr.txt").write_bytes(french.encode("cp1252"))
    (tmp_path / "damaged.txt").write_bytes(arabic.encode("utf-8").replace("الثلاثاء".encode(), b"\xff\xfe"))
    messages = {item.source: item.message for item in read(discover([str(tmp_path)]), ReadOptions())
                if isinstance(item, Reject)}
    assert messages == {
        "ar.txt": "invalid UTF-8 at byte 0: invalid continuation byte (it looks like CP1256: convert it with "
                  "`iconv -f CP1256 -t UTF-8`)",
        "fr.txt": "invalid UTF-8 at byte 3: invalid continuation byte (it looks like CP1252: convert it with "
                  "`iconv -f CP1252 -t UTF-8`)",
        "damaged.txt": f"invalid UTF-8 at byte {len('قال الوزير يوم '.encode())}: invalid start byte",
    }


@pytest.mark.parametrize(("text", "code_page", "named"), [
    ("قال الوزير يوم الثلاثاء إن الميزانية الجديدة ستزيد الإنفاق على المدارس والمستشفيات في جميع أنحاء البلاد.",
     "iso8859_6", "ISO8859-6"),
    ("Министр сказал во вторник, что новый бюджет увеличит расходы на школы и больницы по всей стране.",
     "iso8859_5", "ISO8859-5"),
    ("Der Bürgermeister sagte am Dienstag, dass die Straßen über die Brücke nächste Woche für Fußgänger geöffnet "
     "würden.", "latin-1", "CP1252"),
], ids=["arabic-iso8859-6", "russian-iso8859-5", "german-latin-1"])
def test_a_file_in_an_iso_code_page_is_not_told_to_convert_from_another(tmp_path: Path, text: str, code_page: str,
                                                                         named: str) -> None:
    """trial23: Arabic saved as ISO-8859-6 was told `iconv -f CP874` (Thai: the conversion gives Thai letters that
    then pass as valid UTF-8), Russian saved as ISO-8859-5 `iconv -f CP1251` (other letters), German saved as
    Latin-1 `iconv -f CP1250` (Central European, whose ä ö ü ß sit at the same bytes: the file reads the same in
    CP1252, which is named); the command named converts the file back to its text."""
    from builder.config import BuildConfig
    from builder.run.pipeline import build
    from tests.releases import release_rows

    src = tmp_path / "src"
    src.mkdir()
    (src / "legacy.txt").write_bytes((text + "\n").encode(code_page))
    (src / "good.txt").write_text(text_for("good"), encoding="utf-8")
    build([str(src)], tmp_path / "out", BuildConfig())
    [reject] = [r for r in release_rows(tmp_path / "out", "rejects") if r["source"] == "legacy.txt"]
    assert reject["reason"] == "invalid_utf8"
    assert reject["message"].endswith(f"(it looks like {named}: convert it with `iconv -f {named} -t UTF-8`)")
    converted = subprocess.run(["iconv", "-f", named, "-t", "UTF-8", str(src / "legacy.txt")], capture_output=True,
                               check=True).stdout.decode("utf-8")
    assert converted == text + "\n"


def test_a_binary_text_column_of_a_parquet_file_is_named_and_what_to_do_said(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fix20: a Parquet file whose text column is binary (bytes, as some exports write UTF-8 text) was rejected
    row by row with jsonschema's "a bytes is not of type 'string'"; the message says the column holds bytes and
    how to make it text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from builder.cli import main

    path = tmp_path / "binary.parquet"
    pq.write_table(pa.table({"id": ["a"], "text": pa.array([b"A document of plain text " * 4], pa.binary())}), path)
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{path}:1: $.text: bytes, not text (a binary column?): store it as a string column of UTF-8 text "
        "(pyarrow: table.cast with pa.string() for it)")
