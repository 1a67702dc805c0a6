"""Takedown lists hold however an id or URL is spelled, say which entries matched nothing, and leave
no text of an excluded document anywhere: not in the release, not in the build cache."""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import zstandard

from builder.cli import main
from builder.config import BuildConfig
from builder.run.pipeline import build
from tests.conftest import read_manifest, release_files, text_for

NFD = "re\u0301sume\u0301-2024"  # "résumé-2024", decomposed


def write_corpus(src: Path) -> dict[str, str]:
    """Three JSONL files; returns each document's text by id."""
    files = {
        "a.jsonl": [("plain-1", "https://news.example.com/world/2024/story"),
                    ("plain-2", "https://news.example.com/world/2024/other"),
                    (unicodedata.normalize("NFC", NFD), None)],
        "b.jsonl": [("arabic-1", "http://blog.example.org/%d9%85%d9%82%d8%a7%d9%84?id=7"),
                    ("arabic-2", "http://blog.example.org/%d9%85%d9%82%d8%a7%d9%84?id=8"),
                    ("www-1", "https://www.example.net/a")],
        "c.jsonl": [("nfd-" + NFD, None), ("other-1", "https://example.net/b")],
    }
    texts = {}
    src.mkdir(parents=True)
    for name, docs in files.items():
        lines = []
        for doc_id, url in docs:
            texts[doc_id] = text_for(doc_id)
            lines.append(json.dumps({"id": doc_id, "url": url, "text": texts[doc_id]}))
        (src / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return texts


def takedown(tmp: Path, *entries: str) -> str:
    path = tmp / "takedown.txt"
    path.write_text("\ufeff# requests\n" + "\n".join(entries) + "\n", encoding="utf-8")
    return str(path)


def kept_ids(out: Path) -> set[str]:
    return {r["doc_id"] for r in pq.read_table(out / "data").to_pylist()}


def test_ids_match_in_nfc_and_without_surrounding_spaces(tmp_path: Path) -> None:
    texts = write_corpus(tmp_path / "src")
    listing = takedown(tmp_path, f"  {NFD}\t", unicodedata.normalize("NFC", "nfd-" + NFD) + "  ", " plain-2")
    out = tmp_path / "out"
    build([str(tmp_path / "src")], out, BuildConfig.load(exclude_file=listing))
    assert kept_ids(out) == set(texts) - {unicodedata.normalize("NFC", NFD), "nfd-" + NFD, "plain-2"}
    record = read_manifest(out)["takedown"]
    assert len(record["excluded"]) == 3 and record["unmatched_sha256"] == []


@pytest.mark.parametrize("entry, doc_id", [
    ("HTTPS://News.Example.COM:443/world/2024/story/#comments", "plain-1"),
    ("https://news.example.com/world/2024/story?", "plain-1"),
    ("http://blog.example.org/%D9%85%D9%82%D8%A7%D9%84?id=7", "arabic-1"),
    ("http://blog.example.org/مقال?id=7", "arabic-1"),
    ("http://example.net/a/", "www-1"),
    ("https://example.net:443/%62", "other-1"),
])
@pytest.mark.slow
def test_url_spellings_match(entry: str, doc_id: str, tmp_path: Path) -> None:
    texts = write_corpus(tmp_path / "src")
    out = tmp_path / "out"
    build([str(tmp_path / "src")], out, BuildConfig.load(exclude_file=takedown(tmp_path, entry), cache=False))
    assert kept_ids(out) == set(texts) - {doc_id}


def test_url_normalisation() -> None:
    from builder.rules.takedown import normalize_url

    same = [
        ("https://Example.com:443/a/b/", "http://example.com/a/b"),
        ("https://example.com", "https://example.com/"),
        ("https://www.example.com/x#frag", "https://example.com/x"),
        ("https://example.com/%7euser/%e2%82%ac", "https://example.com/~user/€"),
        ("https://example.com/caf%C3%A9", "https://example.com/cafe\u0301"),  # NFC of the decoded path
        ("https://user:secret@example.com/p", "https://example.com/p"),
        ("https://xn--mnchen-3ya.de/p", "https://münchen.de/p"),
    ]
    for a, b in same:
        assert normalize_url(a) == normalize_url(b), (a, b)
    different = [
        ("https://example.com/a", "https://example.com/b"),
        ("https://example.com/a?id=7", "https://example.com/a?id=8"),
        ("https://example.com/a%2Fb", "https://example.com/a/b"),  # an encoded slash is not a path separator
        ("https://example.com:8080/a", "https://example.com/a"),
        ("https://example.com/A", "https://example.com/a"),
        ("https://shop.example.com/a", "https://example.com/a"),
    ]
    for a, b in different:
        assert normalize_url(a) != normalize_url(b), (a, b)


@pytest.mark.slow
def test_unmatched_entries_are_reported_in_the_manifest_and_the_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path / "src")
    listing = takedown(tmp_path, "plain-1", "no-such-document", "https://nowhere.example/x", "https://www.example.net/a/")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "src"), "--out", str(out), "--exclude", listing, "--quiet"]) == 0
    record = read_manifest(out)["takedown"]
    assert record["entries"] == 4
    assert sorted(record["excluded"]) == ["plain-1", "www-1"]
    # the entries that matched nothing, by hash only: the list may be any file a configuration names
    assert record["unmatched_sha256"] == [hashlib.sha256(e.encode()).hexdigest()[:12]
                                          for e in ("no-such-document", "https://nowhere.example/x")]
    assert b"no-such-document" not in (out / "manifest.json").read_bytes()
    printed = capsys.readouterr()
    said = printed.out + printed.err
    assert "2 takedown entries matched no document: lines 3, 4 of the list" in said
    # by line only: the list may be any file a configuration names (/etc/passwd), and logs keep the warning
    assert "no-such-document" not in said and "nowhere.example" not in said



def test_urls_pasted_without_their_scheme_or_wrapped_match(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """trial26: an entry as a removal request or a mail pastes a URL (no scheme, `www.` first, in `<…>` or quotes)
    was read as an id alone, matched nothing, and the document stayed in the release."""
    texts = write_corpus(tmp_path / "src")
    listing = takedown(tmp_path, "news.example.com/world/2024/story",
                       "<http://blog.example.org/%D9%85%D9%82%D8%A7%D9%84?id=7>",
                       '"https://blog.example.org/مقال?id=8"', "//www.example.net/a",
                       "example.net")  # the site's home page alone: no document here, so reported unmatched
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "src"), "--out", str(out), "--exclude", listing, "--quiet"]) == 0
    assert kept_ids(out) == set(texts) - {"plain-1", "arabic-1", "arabic-2", "www-1"}
    assert sorted(read_manifest(out)["takedown"]["excluded"]) == ["arabic-1", "arabic-2", "plain-1", "www-1"]
    said = capsys.readouterr()
    assert "1 takedown entry matched no document: line 6 of the list" in said.out + said.err


def test_dot_segments_doubled_slashes_tracking_parameters_and_a_trailing_comma_match(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """trial26 row 9: an entry with `/./`, `/../`, `//`, a CSV column's trailing `,` or a newsletter's `?utm_…`
    names the same page as the crawl's URL; each was read as another URL, matched nothing (a warning by line)
    and the document stayed in the release."""
    texts = write_corpus(tmp_path / "src")
    listing = takedown(tmp_path, "https://news.example.com/world/./2024/story",  # plain-1
                       "https://news.example.com/world/sport/../2024//other,",  # plain-2
                       "http://blog.example.org/%D9%85%D9%82%D8%A7%D9%84?utm_source=mail&id=7&utm_medium=x",  # arabic-1
                       "https://example.net//b?fbclid=IwAR0abc;",  # other-1
                       "https://example.net/a?id=9")  # a query that names another page: no document
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "src"), "--out", str(out), "--exclude", listing, "--quiet"]) == 0
    assert kept_ids(out) == set(texts) - {"plain-1", "plain-2", "arabic-1", "other-1"}
    said = capsys.readouterr()
    assert "1 takedown entry matched no document: line 6 of the list" in said.out + said.err


def test_url_normalisation_resolves_dot_segments_and_drops_tracking_parameters() -> None:
    from builder.rules.takedown import normalize_url

    same = [
        ("https://example.com/a/./b", "https://example.com/a/b"),
        ("https://example.com/a/x/../b", "https://example.com/a/b"),
        ("https://example.com/a/%2e%2E/b", "https://example.com/b"),  # encoded dots are dots (unreserved)
        ("https://example.com/../../a", "https://example.com/a"),  # `..` at the root stays there
        ("https://example.com//a///b/", "https://example.com/a/b"),
        ("https://example.com/a/b/..", "https://example.com/a"),
        ("https://example.com/a?utm_source=x&UTM_Campaign=y", "https://example.com/a"),
        ("https://example.com/a?gclid=1&id=7&utm_medium", "https://example.com/a?id=7"),
    ]
    for a, b in same:
        assert normalize_url(a) == normalize_url(b), (a, b)
    different = [
        ("https://example.com/a/b", "https://example.com/b"),
        ("https://example.com/a%2F..%2Fb", "https://example.com/b"),  # an encoded slash is no separator
        ("https://example.com/a?id=7&utm_source=x", "https://example.com/a?id=8"),
        ("https://example.com/a?my_utm_source=x", "https://example.com/a"),  # only the parameters' own names
        ("https://example.com/a/...", "https://example.com/a"),
    ]
    for a, b in different:
        assert normalize_url(a) != normalize_url(b), (a, b)


@pytest.mark.slow
def test_a_takedown_of_a_dot_segment_url_reads_the_cached_first_pass_right(tmp_path: Path) -> None:
    """The first pass caches hashes of each document's URL key (builder.run.work), and a rebuild matches a
    new list against those: a document whose own URL holds `/./` must be found by an entry that does not."""
    src = tmp_path / "src"
    src.mkdir()
    rows = [{"id": "d1", "url": "https://example.com/news/./2024//d1?utm_source=rss", "text": text_for("d1")},
            {"id": "d2", "url": "https://example.com/news/2024/d2", "text": text_for("d2")}]
    (src / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(src), "--out", str(out), "--quiet"]) == 0
    assert kept_ids(out) == {"d1", "d2"}
    listing = takedown(tmp_path, "https://example.com/news/2024/d1")
    assert main(["build", str(src), "--out", str(out), "--exclude", listing, "--quiet"]) == 0
    assert kept_ids(out) == {"d2"}
    assert read_manifest(out)["takedown"]["excluded"] == ["d1"]


@pytest.mark.parametrize("entry", ["plain-2", "news/story", "3.5/x", "user@example.com", "a b.com/x", "résumé"])
def test_ids_are_not_read_as_urls(entry: str) -> None:
    from builder.rules.takedown import entry_keys

    assert [key for key in entry_keys(entry) if key.startswith("url:")] == []


def everything_in(folder: Path) -> bytes:
    """Every byte under a folder, with zstd frames also decompressed (the cache compresses)."""
    chunks = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        chunks.append(data)
        start = data.find(zstandard.FRAME_HEADER)
        while start >= 0:
            try:
                reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data[start:]), read_across_frames=True)
                chunks.append(reader.read())
            except zstandard.ZstdError:
                pass
            start = data.find(zstandard.FRAME_HEADER, start + 1)
    return b"\n".join(chunks)


def contains_text(blob: bytes, text: str) -> bool:
    """The text as UTF-8, or as JSON would escape it, or any of its lines."""
    pieces = [line[:40] for line in text.splitlines()]
    forms = [p.encode() for p in pieces] + [json.dumps(p)[1:-1].encode() for p in pieces]
    return any(form in blob for form in forms)


@pytest.mark.slow
def test_excluded_documents_leave_no_text_in_the_cache(tmp_path: Path) -> None:
    texts = write_corpus(tmp_path / "src")
    out = tmp_path / "out"
    build([str(tmp_path / "src")], out, BuildConfig())  # the cache now holds every document
    assert contains_text(everything_in(out / ".cache"), texts["arabic-1"])  # (the check can see text)
    urls = [b"http://blog.example.org/%d9%85%d9%82%d8%a7%d9%84?id=7", b"https://news.example.com/world/2024/other"]
    assert all(url in everything_in(out / ".cache") for url in urls)  # (and URLs)
    listing = takedown(tmp_path, "http://blog.example.org/مقال?id=7", "plain-2")
    again = build([str(tmp_path / "src")], out, BuildConfig.load(exclude_file=listing))
    for doc_id in ("arabic-1", "plain-2"):
        assert not contains_text(everything_in(out / ".cache"), texts[doc_id]), doc_id
        assert not contains_text(everything_in(out), texts[doc_id]), doc_id
    # nor their URLs: the entry that held them is no longer used and is deleted; the first pass's entry keeps
    # 64-bit hashes of ids, URLs and lines, and the new one the ids only, as the manifest publishes them
    assert [url for url in urls if url in everything_in(out / ".cache")] == []
    # only the two files holding an excluded document were redone (second pass), and the output is
    # that of a build without the cache
    assert (again.cache_hits, again.cache_misses) == (3 + 1, 2)
    full = tmp_path / "full"
    build([str(tmp_path / "src")], full, BuildConfig.load(exclude_file=listing, cache=False))
    assert release_files(out) == release_files(full)
    # and lifting the takedown brings the documents back, exactly as a build without the cache
    build([str(tmp_path / "src")], out, BuildConfig())
    plain = tmp_path / "plain"
    build([str(tmp_path / "src")], plain, BuildConfig.load(cache=False))
    assert release_files(out) == release_files(plain)


@pytest.mark.slow
def test_an_excluded_document_with_a_taken_id_or_invalid_fields_leaves_no_text(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    docs = [
        {"id": "dup", "url": "https://example.com/first", "text": text_for("first")},
        {"id": "dup", "url": "https://example.com/second", "text": text_for("second")},  # listed by URL
        {"id": "bad-1", "language": "not a language tag", "text": text_for("invalid")},  # listed by id
    ]
    (src / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / "out"
    build([str(src)], out, BuildConfig.load(exclude_file=takedown(tmp_path, "https://example.com/second", "bad-1")))
    assert kept_ids(out) == {"dup"}
    blob = everything_in(out)
    assert not contains_text(blob, text_for("second")) and not contains_text(blob, text_for("invalid"))
    rejects = pq.read_table(out / "rejects").to_pylist()
    assert sorted((r["doc_id"], r["reason"], r["text"]) for r in rejects) == [
        ("bad-1", "excluded", None), ("dup", "excluded", None)]


@pytest.mark.slow  # a million URLs normalised: about 10 CPU-s
def test_a_list_of_a_million_entries_is_read_in_chunks_with_its_lines_and_digest(tmp_path: Path) -> None:
    """A real opt-out list (the tester's: 1,000,001 lines, 22 MB) was refused at 16 MiB; it is read in chunks,
    with each entry's line, CRLF and a BOM as before, and the file's sha256 as the manifest's proof."""
    from builder.rules.takedown import Takedown

    lines = [f"https://news.example.org/2024/{i:07d}-an-article" for i in range(1_000_000)] + ["# the end"]
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    assert len(data) > 16 * 1024 * 1024
    listed = tmp_path / "optout.txt"
    listed.write_bytes(data)
    loaded = Takedown.load(str(listed))
    assert len(loaded.entries) == 1_000_000 and loaded.lines[-1] == 1_000_000
    assert loaded.entries[0] == lines[0] and loaded.entries[-1] == lines[999_999]
    assert loaded.sha256 == hashlib.sha256(data).hexdigest()


def test_a_list_that_is_not_utf8_says_on_which_line(tmp_path: Path) -> None:
    from builder.rules.takedown import Takedown, TakedownError

    listed = tmp_path / "latin1.txt"
    listed.write_bytes("doc-1\ndoc-2\ncafé-3\n".encode("latin-1"))
    with pytest.raises(TakedownError, match=rf"^--exclude {listed}:3: cannot read the list: .*save it as UTF-8"):
        Takedown.load(str(listed))


@pytest.mark.parametrize("cache", [False, True])
def test_the_first_pass_keeps_takedown_keys_only_for_the_cache(cache: bool, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Every document's URL was normalised in the first pass (2-3% of a build's CPU) for the cache's entry, which a
    later build with a list reads; a build without the cache has no entry and normalises none there. Its release
    is the same, and its list still removes a document by URL (the second pass matches the fields themselves)."""
    from builder.run import work

    texts = write_corpus(tmp_path / "src")
    keyed: list[object] = []
    document_keys = work.document_keys

    def counted(fields: object) -> list[str]:
        keyed.append(fields)
        return document_keys(fields)

    monkeypatch.setattr(work, "document_keys", counted)
    listing = takedown(tmp_path, "http://blog.example.org/مقال?id=7")
    out = tmp_path / "out"
    build([str(tmp_path / "src")], out, BuildConfig.load(exclude_file=listing, cache=cache, workers=1))
    assert len(keyed) == (len(texts) if cache else 0)
    assert kept_ids(out) == set(texts) - {"arabic-1"}
