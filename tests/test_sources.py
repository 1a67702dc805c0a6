"""Every input format, read for real from files; bad input becomes located rejects, never a crash."""

from __future__ import annotations

import datetime
import gzip
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from builder.config import BuildConfig, ReadSettings
from builder.outcomes import RawDocument, Reject
from builder.read.discovery import SourceError, discover
from builder.read.inputs import LocalFile
from builder.read.registry import ReadOptions, read
from builder.run.pipeline import build
from tests.conftest import FIXTURES, read_manifest, text_for

ARTICLE = ("Le conseil municipal a voté mardi le budget de l'année prochaine, après trois heures de débats.\n"
           "Les élus de l'opposition ont dénoncé une hausse des impôts locaux qu'ils jugent injustifiée.")


def items(*sources: str, fields: dict[str, str] | None = None) -> list[RawDocument | Reject]:
    return list(read(discover(sources), ReadOptions(tuple((fields or {}).items()))))


def write_jsonl(path: Path, docs: list[dict]) -> bytes:
    data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()
    path.write_bytes(data)
    return data


def test_txt_id_is_path_relative_to_root(tmp_path: Path) -> None:
    (tmp_path / "site" / "2019").mkdir(parents=True)
    (tmp_path / "site" / "2019" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "site" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    got = items(str(tmp_path / "site"))
    assert [(i.fields["id"], i.source) for i in got] == [("2019/a", "2019/a.txt"), ("b", "b.txt")]


def test_compressed_jsonl_json_and_parquet_read_alike(tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": ARTICLE, "url": f"https://example.org/{i}"} for i in range(3)]
    data = write_jsonl(tmp_path / "plain.jsonl", docs)
    (tmp_path / "g.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "z.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    (tmp_path / "arr.json").write_text(json.dumps(docs, indent=2), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(docs), tmp_path / "t.parquet")
    got = items(str(tmp_path))
    assert all(isinstance(i, RawDocument) for i in got)
    by_file: dict[str, list] = {}
    for i in got:
        by_file.setdefault(i.source, []).append(i.fields)
    assert sorted(by_file) == ["arr.json", "g.jsonl.gz", "plain.jsonl", "t.parquet", "z.jsonl.zst"]
    assert all(fields == docs for fields in by_file.values())
    # .json items are located by the line their object starts on
    assert [i.location.line for i in got if i.source == "arr.json"] == [2, 7, 12]


def test_glob_source_and_field_mapping() -> None:
    got = items(str(FIXTURES / "mapped_*.jsonl"), fields={"text": "content", "url": "link"})
    assert got[0].fields["text"].startswith("The council met") and got[0].fields["url"] == "https://news.example.com/x"
    assert got[0].source == "mapped_fields.jsonl"


def test_one_key_feeds_two_fields_and_a_mapped_away_key_is_not_carried(tmp_path: Path) -> None:
    # a corpus whose records have a url but no id: `--field id=url` must not empty the url column
    write_jsonl(tmp_path / "snn.jsonl", [{"url": "https://news.example.com/a", "content": ARTICLE, "views": 3}])
    (doc,) = items(str(tmp_path / "snn.jsonl"), fields={"id": "url", "text": "content"})
    assert isinstance(doc, RawDocument)
    assert doc.fields == {"id": "https://news.example.com/a", "url": "https://news.example.com/a", "text": ARTICLE,
                          "views": 3}  # content is not carried twice; an unmapped key stays as it was
    out = tmp_path / "out"
    build([str(tmp_path / "snn.jsonl")], out, BuildConfig(ReadSettings(fields=(("id", "url"), ("text", "content")))))
    rows = pq.read_table(out / "data").to_pylist()
    assert {(r["doc_id"], r["url"]) for r in rows} == {("https://news.example.com/a", "https://news.example.com/a")}


def test_a_text_given_as_a_list_of_paragraphs_is_one_text(tmp_path: Path) -> None:
    paragraphs = ARTICLE.split("\n")
    others = ["Le maire a promis de publier le détail des dépenses avant la fin du mois prochain, ligne par ligne.",
              "La prochaine séance du conseil aura lieu en janvier, dans la salle des fêtes de la commune."]
    write_jsonl(tmp_path / "fars.jsonl", [{"link": "https://news.example.com/p", "paragraphs": paragraphs},
                                           {"id": "own-key", "text": others},
                                           {"id": "not-text", "text": ["a paragraph", 3]}])
    out = tmp_path / "out"
    fields = (("id", "link"), ("text", "paragraphs"))
    build([str(tmp_path / "fars.jsonl")], out, BuildConfig(ReadSettings(fields=fields)))
    rows = pq.read_table(out / "data").to_pylist()
    assert [(r["doc_id"], r["text"]) for r in rows] == [("https://news.example.com/p", paragraphs[0]),
                                                        ("https://news.example.com/p", paragraphs[1]),
                                                        ("own-key", others[0]), ("own-key", others[1])]
    rejects = pq.read_table(out / "rejects").to_pylist()
    assert [(r["doc_id"], r["reason"]) for r in rejects] == [("not-text", "schema_invalid")]


def test_missing_source_is_a_usage_error() -> None:
    with pytest.raises(SourceError, match="no such file"):
        discover(["/nonexistent/corpus"])
    with pytest.raises(SourceError, match="matches no files"):
        discover([str(FIXTURES / "*.nothing")])


def test_malformed_and_invalid_lines_build_with_located_rejects(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = build([str(FIXTURES / "malformed_and_invalid.jsonl")], out, BuildConfig())
    rejects = pq.read_table(out / "rejects").to_pylist()
    documents = {(r["line"], r["reason"]) for r in rejects if r["kind"] == "document"}
    assert documents == {(2, "malformed_json"), (3, "schema_invalid"), (4, "schema_invalid"), (5, "duplicate_id")}
    assert all(r["source"] == "malformed_and_invalid.jsonl" for r in rejects)
    lines = [(r["line"], r["reason"], r["text"]) for r in rejects if r["kind"] == "line"]
    assert lines == [(1, "boilerplate_header", "Politique"), (1, "boilerplate_phrase", "Partager")]
    assert summary.documents_in == 5 and summary.documents_kept == 1 and summary.documents_rejected == 4
    assert read_manifest(out)["counts"]["documents_rejected_by_reason"] == {
        "duplicate_id": 1, "malformed_json": 1, "schema_invalid": 2}


def test_bad_encodings_empty_files_and_symlinks_are_rejected(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("bad_utf8.txt", "utf16_bom.txt", "empty.txt", "whitespace_only.txt"):
        (src / name).write_bytes((FIXTURES / name).read_bytes())
    (src / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "notes.md").write_text("# not an input", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    os.symlink(outside, src / "link_out.txt")
    os.symlink(src, src / "loop")  # a directory symlink loop is not followed, and is a reject of its own
    out = tmp_path / "out"
    summary = build([str(src)], out, BuildConfig())
    reasons = {r["source"]: r["reason"] for r in pq.read_table(out / "rejects").to_pylist() if r["kind"] == "document"}
    assert reasons == {
        "bad_utf8.txt": "invalid_utf8", "utf16_bom.txt": "invalid_utf8", "empty.txt": "schema_invalid",
        "whitespace_only.txt": "empty_after_clean", "notes.md": "unsupported_format",
        "link_out.txt": "outside_source_root", "loop": "linked_folder",
    }
    assert summary.documents_kept == 1
    assert summary.documents_in == summary.documents_kept + summary.documents_rejected == 8


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    docs = [{"id": f"d{i}", "text": ARTICLE} for i in range(200)]
    data = gzip.compress("".join(json.dumps(d) + "\n" for d in docs).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    got = items(str(tmp_path / "cut.jsonl.gz"))
    assert isinstance(got[-1], Reject) and got[-1].reason == "unreadable_source"
    assert "reading stopped" in got[-1].message
    assert all(isinstance(i, RawDocument) for i in got[:-1]) and len(got) > 1


def test_html_page_is_extracted_with_its_own_hash(tmp_path: Path) -> None:
    import hashlib

    out = tmp_path / "out"
    build([str(FIXTURES / "html")], out, BuildConfig())
    rows = pq.read_table(out / "data").to_pylist()
    page = (FIXTURES / "html" / "page.html").read_bytes()
    assert {r["input_sha256"] for r in rows} == {hashlib.sha256(page).hexdigest()}
    assert rows[0]["text"] == "Le budget municipal adopté après six heures de débat"
    assert rows[0]["url"] == "https://gazette.example.org/2023/budget"
    assert not any("Accueil" in r["text"] or "Tous droits" in r["text"] or "Les plus lus" in r["text"] for r in rows)
    assert len(rows) == 4


def test_parquet_timestamps_and_dates_become_iso_8601_strings(tmp_path: Path) -> None:
    """A Parquet export's date column is a timestamp, not the string the schema asks for: read as an ISO 8601
    string, the document is kept (it was schema_invalid), with its time zone (UTC as +00:00) or none if the
    file has none."""
    when = datetime.datetime(2023, 11, 14, 22, 13, 20)
    src = tmp_path / "src"
    src.mkdir()
    for name, kind in (("utc", pa.timestamp("ms", tz="UTC")), ("paris", pa.timestamp("s", tz="Europe/Paris")),
                       ("naive", pa.timestamp("ms")), ("day", pa.date32())):
        value = when.date() if name == "day" else when
        table = pa.table({"id": [name], "text": [text_for(name)], "date_published": pa.array([value], kind),
                          "metadata": pa.array([{"seen": value}], pa.struct([("seen", kind)]))})
        pq.write_table(table, src / f"{name}.parquet")
    out = tmp_path / "out"
    build([str(src)], out, BuildConfig(ReadSettings(metadata_columns=(("seen", "string"),))))
    assert not (out / "rejects").exists()  # nothing dropped: no rejects folder
    got = {r["doc_id"]: (r["date_published"], r["seen"]) for r in pq.read_table(out / "data").to_pylist()}
    assert got == {"utc": ("2023-11-14T22:13:20+00:00",) * 2, "paris": ("2023-11-14T23:13:20+01:00",) * 2,
                   "naive": ("2023-11-14T22:13:20",) * 2, "day": ("2023-11-14",) * 2}


def test_files_that_differ_only_by_suffix_are_two_documents_and_old_ids_stay(tmp_path: Path) -> None:
    """`b/page.html` and `b/page.txt` were both id `b/page`, the second a duplicate_id reject: the tool made the
    collision by dropping the suffix. Both keep their suffix (`b/page` never comes to name the other file's
    document), ids without a collision stay; a rebuild from the cache after the second file appeared does not
    bring back the old id."""
    pytest.importorskip("trafilatura")
    src = tmp_path / "src"
    (src / "b").mkdir(parents=True)
    (src / "b" / "page.txt").write_text(text_for("page.txt"), encoding="utf-8")
    (src / "a.txt").write_text(text_for("a.txt"), encoding="utf-8")
    out = tmp_path / "out"
    build([str(src)], out, BuildConfig.load())

    def ids(release: Path) -> list[tuple[str, str]]:
        return sorted({(r["doc_id"], r["source"]) for r in pq.read_table(release / "data").to_pylist()})

    assert ids(out) == [("a", "a.txt"), ("b/page", "b/page.txt")]
    page = "<html><head><title>t</title></head><body><article><p>{}</p></article></body></html>"
    (src / "b" / "page.html").write_text(page.format(text_for("page.html").replace("\n", "</p><p>")), encoding="utf-8")
    (src / "b" / "z.txt").write_text(text_for("z.txt"), encoding="utf-8")
    for workers in (1, 2):
        build([str(src)], out, BuildConfig.load(workers=workers))  # with the cache of the first build
        assert ids(out) == [("a", "a.txt"), ("b/page.html", "b/page.html"), ("b/page.txt", "b/page.txt"),
                            ("b/z", "b/z.txt")]
        assert not (out / "rejects").exists()  # nothing dropped: no rejects folder


def test_a_relative_source_is_made_absolute_where_it_is_given_and_shown_as_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers elsewhere (a Ray cluster's) run in another folder: a file is named by its absolute path, made in the
    folder the SOURCE was given in; messages show it as the user wrote it (a CI's annotations name files so)."""
    (tmp_path / "corpus" / "a").mkdir(parents=True)
    (tmp_path / "corpus" / "a" / "x.jsonl").write_text('{"id": "1", "text": "hello"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (found,) = discover(["corpus"])
    assert isinstance(found, LocalFile)
    assert found.path == tmp_path / "corpus" / "a" / "x.jsonl" and found.root == tmp_path / "corpus"
    assert found.display == "corpus/a/x.jsonl" and found.relative == "a/x.jsonl"
