"""TREC-wrapped `.txt` files (`<DOC>` … `</DOC>`, one field per tag, as news collections ship them) are
read by their fields: the `<TEXT>` body is the document, URL/TITLE/AUTHOR/TIME fill their columns,
other one-line fields are metadata; several elements in a file are several documents; what is not a
document is a located reject."""

from __future__ import annotations

import hashlib
from pathlib import Path

import datasets
import pyarrow.parquet as pq

from builder.config import BuildConfig
from builder.outcomes import RawDocument, Reject
from builder.read.discovery import discover
from builder.read.registry import ReadOptions, read
from builder.release.check import check_release
from builder.run.pipeline import build
from tests.conftest import text_for

BODY = [text_for("trec-1").replace("\n", " "), text_for("trec-2").replace("\n", " "),
        text_for("trec-3").replace("\n", " ")]


def trec(docno: str, body: list[str], *, abstract: str = "", extra: str = "") -> str:
    return (f"<DOC>\n<DOCNO>{docno}</DOCNO>\n<URL>https://news.example/{docno}.html</URL>\n<SRC>Example News</SRC>\n"
            f"<CAT>economy</CAT>\n<TITLE>A headline for {docno}</TITLE>\n<TIME>Thu, 01 Mar 2018 21:09:02 +0400</TIME>\n"
            f"<AUTHOR>Cairo - A. Writer</AUTHOR>\n{extra}<ABSTRACT>\n{abstract}\n</ABSTRACT>\n<TEXT>\n"
            + "\n".join(body) + "\n</TEXT>\n</DOC>\n")


def _load(release: Path, config: str | None = None) -> list[dict[str, object]]:
    return list(datasets.load_dataset(str(release), config, verification_mode="all_checks")["train"])


def test_a_trec_file_is_read_by_its_fields_not_as_lines_of_text(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "wire").mkdir(parents=True)
    # the abstract repeats the body's first sentence: read as lines, it would take the first paragraph's place
    (src / "wire" / "AL-economy-1.txt").write_text(trec("AL-economy-1", BODY, abstract=BODY[0][:60]), encoding="utf-8")
    (src / "plain.txt").write_text("<p>not TREC</p>\n" + text_for("plain"), encoding="utf-8")
    out = tmp_path / "release"
    build([str(src)], out, BuildConfig.load(metadata_columns=(("cat", "string"), ("docno", "string"))))

    records = _load(out)
    wire = [r for r in records if r["doc_id"] == "wire/AL-economy-1"]
    assert [r["text"] for r in wire] == BODY
    assert {(r["title"], r["url"], r["author"], r["date_published"], r["cat"], r["docno"]) for r in wire} == {
        ("A headline for AL-economy-1", "https://news.example/AL-economy-1.html", "Cairo - A. Writer",
         "2018-03-01T21:09:02+04:00", "economy", "AL-economy-1")}
    assert not any("<" in str(r["text"]) for r in wire)
    # the body is extracted from the file, as an HTML page's text: its rows name the file by its sha256, which
    # validate holds to the manifest's (a plain .txt is its own raw text: its doc_sha256 is the file's)
    trec_bytes = (src / "wire" / "AL-economy-1.txt").read_bytes()
    assert {r["input_sha256"] for r in wire} == {hashlib.sha256(trec_bytes).hexdigest()}
    assert {(r["input_sha256"], r["doc_sha256"]) for r in records if r["doc_id"] == "plain"} == {
        (None, hashlib.sha256((src / "plain.txt").read_bytes()).hexdigest())}
    assert check_release(out, load=False) == []
    # offsets point into the body, the document's text
    raw_body = "\n".join(BODY)
    assert all(raw_body[r["char_start"]:r["char_end"]] == r["text"] for r in wire)
    # nothing of the wrapper is a line the rules had to drop
    rejects = _load(out, "rejects")
    assert not [r for r in rejects if r["doc_id"] == "wire/AL-economy-1"], rejects
    # a line dropped from the body is located on the file's own line
    (src / "wire" / "AL-economy-1.txt").write_text(trec("AL-economy-1", [BODY[0], "Share this article", *BODY[1:]]),
                                                   encoding="utf-8")
    build([str(src)], out, BuildConfig.load())
    file_lines = (src / "wire" / "AL-economy-1.txt").read_text(encoding="utf-8").split("\n")
    dropped = [r for r in _load(out, "rejects") if r["doc_id"] == "wire/AL-economy-1"]
    assert [(r["text"], r["line"]) for r in dropped] == [("Share this article",
                                                          file_lines.index("Share this article") + 1)]
    # a .txt that does not start with <DOC> is plain text, as before: its lines, its id the path's
    assert [r["text"] for r in records if r["doc_id"] == "plain"] == text_for("plain").split("\n")
    assert [(r["reason"], r["text"]) for r in rejects if r["doc_id"] == "plain"] == [
        ("boilerplate_navigation", "<p>not TREC</p>")]


def test_a_repeated_paragraph_of_a_trec_body_is_located_on_the_files_own_line(tmp_path: Path) -> None:
    """The driver makes a repeat's reject from the line the work gave the candidate: the file's line, as
    for a line the rules drop, not the <DOC> line."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(trec("A", BODY), encoding="utf-8")
    later = [text_for("later-1").replace("\n", " "), BODY[1], text_for("later-2").replace("\n", " ")]
    (src / "b.txt").write_text(trec("B", later), encoding="utf-8")
    out = tmp_path / "repeats"
    build([str(src)], out, BuildConfig.load())
    # read from the shard itself: datasets' cache is keyed by the folder's name and the card's counts, which a
    # build of other content can share
    rejects = pq.read_table(out / "rejects" / "train-00000-of-00001.parquet").to_pylist()
    repeats = [r for r in rejects if r["reason"] == "duplicate_paragraph"]
    file_lines = (src / "b.txt").read_text(encoding="utf-8").split("\n")
    assert [(r["doc_id"], r["text"], r["line"]) for r in repeats] == [("b", BODY[1], file_lines.index(BODY[1]) + 1)]


def _read(path: Path) -> list[RawDocument | Reject]:
    return list(read(discover([str(path)]), ReadOptions()))


def test_several_elements_are_several_documents_and_what_is_not_one_is_a_located_reject(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    without_text = "<DOC>\n<DOCNO>B-2</DOCNO>\n<TITLE>No body</TITLE>\n</DOC>\n"
    unclosed = "<DOC>\n<DOCNO>B-4</DOCNO>\n<TEXT>\ncut off here\n"
    text = trec("B-1", BODY[:1]) + without_text + trec("B-3", BODY[1:]) + unclosed
    (src / "bundle.txt").write_text(text, encoding="utf-8")

    items = _read(src)
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.fields["id"] for d in docs] == ["bundle/B-1", "bundle/B-3"]
    assert [d.fields["text"] for d in docs] == [BODY[0], "\n".join(BODY[1:])]
    lines = text.split("\n")
    assert [d.location.line for d in docs] == [lines.index("<DOCNO>B-1</DOCNO>"), lines.index("<DOCNO>B-3</DOCNO>")]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [(r.reason, r.location.line) for r in rejects] == [
        ("malformed_trec", lines.index("<DOCNO>B-2</DOCNO>")), ("malformed_trec", lines.index("<DOCNO>B-4</DOCNO>"))]
    assert "without a <TEXT>" in rejects[0].message and "not closed" in rejects[1].message

    # an element left open before the next one is a reject of its own, and the next one a document (not the
    # first element's text running on through the second's tags)
    (src / "bundle.txt").write_text(trec("E-1", BODY[:1]) + unclosed + trec("E-3", BODY[1:]), encoding="utf-8")
    items = _read(src)
    assert [(i.fields["id"], i.fields["text"]) for i in items if isinstance(i, RawDocument)] == [
        ("bundle/E-1", BODY[0]), ("bundle/E-3", "\n".join(BODY[1:]))]
    assert [(r.reason, "not closed" in r.message) for r in items if isinstance(r, Reject)] == [
        ("malformed_trec", True)]


def test_each_element_is_named_by_its_own_docno_whatever_the_others_hold(tmp_path: Path) -> None:
    """One element without a DOCNO is named by its place, and only it: the others keep PATH/DOCNO, so adding it
    renames no document (diff and takedown by id rely on that). A repeated DOCNO is a repeated id: the second
    document is a duplicate_id reject, as a repeated id in a JSONL file is."""
    src = tmp_path / "src"
    src.mkdir()
    no_docno = trec("X", BODY[1:2]).replace("<DOCNO>X</DOCNO>\n", "")
    (src / "bundle.txt").write_text(trec("C", BODY[:1]) + no_docno + trec("D", BODY[2:]) + trec("C", BODY[1:2]),
                                    encoding="utf-8")
    assert [d.fields["id"] for d in _read(src) if isinstance(d, RawDocument)] == [
        "bundle/C", "bundle/2", "bundle/D", "bundle/C"]

    out = tmp_path / "out"
    build([str(src)], out, BuildConfig())
    assert sorted({r["doc_id"] for r in _load(out)}) == ["bundle/2", "bundle/C", "bundle/D"]
    (rejected,) = [r for r in _load(out, "rejects") if r["reason"] == "duplicate_id"]
    assert rejected["doc_id"] == "bundle/C" and "first seen at" in rejected["message"]


def test_a_bom_before_the_first_element_and_lower_case_tags_are_read_as_trec(tmp_path: Path) -> None:
    """A BOM before `<DOC>` is not text outside the elements, and `<doc>`/`<docno>`/`<text>` are the same tags
    in lower case (both occur in collections in the wild), not lines of a plain-text document."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "bom.txt").write_text("\ufeff" + trec("B-1", BODY[:1]) + trec("B-2", BODY[1:2]), encoding="utf-8")
    lower = trec("L-1", BODY[:1]) + trec("L-2", BODY[2:])
    for tag in ("DOCNO", "DOC", "TEXT", "TITLE", "URL"):
        lower = lower.replace(f"<{tag}>", f"<{tag.lower()}>").replace(f"</{tag}>", f"</{tag.lower()}>")
    (src / "lower.txt").write_text(lower, encoding="utf-8")
    items = _read(src)
    assert not [i for i in items if isinstance(i, Reject)]
    docs = {d.fields["id"]: d.fields for d in items if isinstance(d, RawDocument)}
    assert {k: v["text"] for k, v in docs.items()} == {
        "bom/B-1": BODY[0], "bom/B-2": BODY[1], "lower/L-1": BODY[0], "lower/L-2": BODY[2]}
    assert docs["lower/L-1"]["title"] == "A headline for L-1"
    assert docs["lower/L-2"]["url"] == "https://news.example/L-2.html"


def test_entities_are_decoded_and_a_quoted_text_tag_does_not_cut_the_body(tmp_path: Path) -> None:
    """SGML text: the five XML entities and numeric references are characters in the text, title and URL; a
    named or DTD-declared entity is never looked up (kept as written); a <TEXT> inside the body is text."""
    src = tmp_path / "src"
    src.mkdir()
    body = [f"{BODY[0]} Tom &amp; Jerry wrote &lt;b&gt;bold&lt;/b&gt; &#1575; &#x41; &nbsp; &xxe; &#10; end.",
            f"Quoted: <TEXT> nested </TEXT> {BODY[1]}"]
    element = trec("E-1", body).replace("<TITLE>A headline for E-1</TITLE>", "<TITLE>Tom &amp; Jerry &lt;3</TITLE>")
    (src / "ent.txt").write_text(element.replace("E-1.html", "E-1.html?x=1&amp;y=2"), encoding="utf-8")
    (doc,) = _read(src)
    assert isinstance(doc, RawDocument)
    assert doc.fields["text"] == (f"{BODY[0]} Tom & Jerry wrote <b>bold</b> \u0627 A &nbsp; &xxe; &#10; end.\n"
                                  f"Quoted: <TEXT> nested </TEXT> {BODY[1]}")
    assert (doc.fields["title"], doc.fields["url"]) == ("Tom & Jerry <3", "https://news.example/E-1.html?x=1&y=2")
