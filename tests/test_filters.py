"""Dedup, personal data, language and quality filters: each decision lands in rejects with a pointer or reason."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from builder.config import BuildConfig
from builder.run.pipeline import build
from builder.text.pii import redact

BODY = [
    "The council approved the new budget on Tuesday after six hours of debate and many amendments.",
    "Opposition members said the increase in local taxes was not justified by the state of the accounts.",
    "The mayor answered that the new bus lanes and two libraries had to be paid for somehow.",
]
# over LANGUAGE_MIN_CHARS (100): a shorter foreign line is not sure enough to drop
FRENCH = ("Le conseil municipal a voté le budget mardi soir après six heures de débats très animés et de "
          "nombreux amendements.")


def write(path: Path, docs: list[dict]) -> str:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return str(path)


def rows(out: Path, folder: str) -> list[dict]:
    return pq.read_table(out / folder).to_pylist()


def test_near_duplicate_documents_and_duplicate_paragraphs(tmp_path: Path) -> None:
    other = "A new bridge over the river opened to traffic on Monday, two years later than planned."
    source = write(tmp_path / "d.jsonl", [
        {"id": "first", "text": "\n".join(BODY)},
        {"id": "copy", "text": "\n".join(BODY).replace("Tuesday", "Wednesday")},  # near-duplicate document
        {"id": "reuse", "text": other + "\n" + BODY[1]},  # one paragraph reused
    ])
    out = tmp_path / "out"
    build([source], out, BuildConfig())
    kept = {(r["doc_id"], r["paragraph_index"]): r for r in rows(out, "data")}
    rejects = rows(out, "rejects")
    near = [r for r in rejects if r["reason"] == "near_duplicate"]
    assert [(r["doc_id"], r["duplicate_of"], r["kind"]) for r in near] == [("copy", "first", "document")]
    dup = [r for r in rejects if r["reason"] == "duplicate_paragraph"]
    assert [(r["doc_id"], r["text"], r["duplicate_of"]) for r in dup] == [("reuse", BODY[1], kept[("first", 1)]["id"])]
    assert sorted(kept) == [("first", 0), ("first", 1), ("first", 2), ("reuse", 0)]


def test_email_and_ip_replaced_by_default_phones_on_request(tmp_path: Path) -> None:
    text = ("Readers can write to the editor at jane.doe@example.com or call +44 20 7946 0958 any day.\n"
            "The attack came from the address 203.0.113.42 according to the police report.")
    source = write(tmp_path / "p.jsonl", [{"id": "pii", "text": text}])
    build([source], tmp_path / "a", BuildConfig())
    assert [r["text"] for r in rows(tmp_path / "a", "data")] == [
        "Readers can write to the editor at <email> or call +44 20 7946 0958 any day.",
        "The attack came from the address <ip> according to the police report."]
    build([source], tmp_path / "b", BuildConfig.load(pii_phones=True))
    assert "call <phone> any day" in rows(tmp_path / "b", "data")[0]["text"]
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["counts"]["pii_replaced"] == {"email": 1, "ip": 1, "phone": 1}
    assert "| e-mail addresses | 1 |" in (tmp_path / "b" / "README.md").read_text()


def test_redact_leaves_versions_and_dates_alone() -> None:
    assert redact("version v1.2.3.4 released 2019.04.12", phones=True) == "version v1.2.3.4 released 2019.04.12"


def test_language_filter_drops_documents_and_foreign_paragraphs(tmp_path: Path) -> None:
    source = write(tmp_path / "l.jsonl", [
        {"id": "en", "text": "\n".join([*BODY, FRENCH])},
        {"id": "fr",
         "text": FRENCH + "\n" + "Les élus de l'opposition ont dénoncé une hausse des impôts locaux injustifiée."},
    ])
    out = tmp_path / "out"
    build([source], out, BuildConfig.load(languages=("en",)))
    assert {r["language"] for r in rows(out, "data")} == {"en"}
    reasons = {(r["doc_id"], r["kind"], r["reason"]) for r in rows(out, "rejects")}
    assert reasons == {("en", "line", "language_filtered"), ("fr", "document", "language_filtered")}


def test_quality_columns_and_thresholds(tmp_path: Path) -> None:
    text = "\n".join([BODY[0], "Results: 12, 15, 18, 20, 22.", *BODY[1:]])
    source = write(tmp_path / "q.jsonl", [{"id": "q", "text": text}])
    build([source], tmp_path / "all", BuildConfig())
    table = rows(tmp_path / "all", "data")
    assert table[0]["script"] == "Latin" and table[0]["ends_with_punct"] is True
    assert table[0]["num_words"] == 16 and 0.7 < table[0]["alpha_ratio"] < 0.9
    build([source], tmp_path / "strict", BuildConfig.load(min_words=10, min_alpha_ratio=0.5))
    dropped = [r["reason"] for r in rows(tmp_path / "strict", "rejects")]
    assert dropped == ["quality_too_short"]


def test_a_paragraph_repeated_inside_one_document_points_to_its_first_copy(tmp_path: Path) -> None:
    source = write(tmp_path / "r.jsonl", [{"id": "twice", "text": "\n".join([BODY[0], BODY[1], BODY[0], BODY[2]])}])
    build([source], tmp_path / "out", BuildConfig())
    kept = rows(tmp_path / "out", "data")
    assert [r["text"] for r in kept] == [BODY[0], BODY[1], BODY[2]]
    dup = [r for r in rows(tmp_path / "out", "rejects") if r["reason"] == "duplicate_paragraph"]
    assert [(r["line"], r["duplicate_of"]) for r in dup] == [(1, kept[0]["id"])]


CHINESE = ["市政府周二批准了新的预算方案，议员们经过六个小时的辩论后投票通过。",
           "反对派议员表示，地方税的增加并没有得到财政状况的充分支持。",
           "市长回应说，新的公交专用道和两座图书馆的建设必须有资金来源。"]
CHINESE_OTHER = ["周一，一座横跨河流的新桥正式通车，比原计划晚了整整两年时间。",
                 "工程师们说，延误的主要原因是地基问题和材料价格的持续上涨。"]


def test_chinese_paragraphs_count_words_by_characters_so_they_dedup_and_pass_min_words(tmp_path: Path) -> None:
    """Chinese has no spaces: counted by spaces a sentence was two or three words, too short to dedup
    and dropped by --min-words 5. A word per two Han characters, as the line rules count."""
    source = write(tmp_path / "zh.jsonl", [
        {"id": "budget", "text": "\n".join(CHINESE)},
        {"id": "bridge", "text": "\n".join([CHINESE_OTHER[0], CHINESE[1], CHINESE_OTHER[1]])},
    ])
    out = tmp_path / "out"
    build([source], out, BuildConfig.load(min_words=5))
    kept = rows(out, "data")
    assert [r["text"] for r in kept] == [*CHINESE, CHINESE_OTHER[0], CHINESE_OTHER[1]]
    assert all(r["num_words"] >= 12 for r in kept)
    rejects = rows(out, "rejects")
    assert [(r["doc_id"], r["reason"], r["text"]) for r in rejects] == [("bridge", "duplicate_paragraph", CHINESE[1])]
