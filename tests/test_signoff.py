"""A site's sign-off ("Story link at <paper>: <headline>") glued to the end of its articles: counted by its
label across the build, cut from the article's last line, kept where the count does not reach it."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.config import BuildConfig, RunSettings
from builder.rules.signoff import sign_off
from builder.run.pipeline import build
from tests.releases import release_rows

TOPICS = ["the budget", "the new pool", "the schools", "the market", "the station", "the museum", "the parks"]
FACTS = ["Rents rose by a third in five years, the housing office says.",
         "Two of the three contractors withdrew their bids in March.",
         "Parents collected four thousand signatures over the winter.",
         "Stallholders say footfall fell sharply after the car park closed.",
         "Trains to the coast were cut from twelve a day to seven.",
         "The roof has leaked into the east gallery since the storm of 2019.",
         "Volunteers planted six hundred trees along the river last autumn."]
SIGN_OFF = "Story link at The Example Post:"


def article(i: int, topic: str) -> dict[str, str]:
    body = (f"The council spent most of Tuesday's session on {topic}, a file that has divided the majority for "
            f"months. {FACTS[i]} The opposition asked for a separate vote, saying the figures were incomplete.")
    quote = f"The mayor added: «We will come back to {topic} before the end of the year.»"
    return {"id": f"p{i}", "url": f"https://www.post.example.org/2024/{i}",
            "text": f"Council debates {topic} late into the night\n{body}\n{quote} {SIGN_OFF} {FACTS[i][:-1]}"}


def built(tmp_path: Path, docs: list[dict[str, str]]) -> tuple[list[dict], list[dict]]:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pages.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    build([str(tmp_path / "in")], tmp_path / "out", BuildConfig(run=RunSettings(cache=False)))
    rejects = [r for r in release_rows(tmp_path / "out", "rejects") if r["kind"] == "line"]
    return pq.read_table(tmp_path / "out" / "data").to_pylist(), rejects


def test_a_sign_off_on_many_pages_of_a_site_is_cut_from_the_last_line_and_the_article_stays(tmp_path: Path) -> None:
    docs = [article(i, topic) for i, topic in enumerate(TOPICS)]
    records, rejects = built(tmp_path, docs)
    assert len(records) == 3 * len(docs)
    assert not any(SIGN_OFF in r["text"] for r in records)
    last = [r for r in records if r["doc_id"] == "p0"][-1]
    assert last["text"] == "The mayor added: «We will come back to the budget before the end of the year.»"
    cut = [r for r in rejects if r["reason"] == "boilerplate_signoff"]
    assert len(cut) == len(docs)
    first = next(r for r in cut if r["doc_id"] == "p0")
    text = docs[0]["text"]
    assert first["text"] == text[text.index(SIGN_OFF):] and first["char_start"] == text.index(SIGN_OFF)
    assert last["char_end"] == text.index(SIGN_OFF) - 1


def test_the_same_sign_off_on_a_few_pages_is_kept(tmp_path: Path) -> None:
    """The count decides: on one page (or five) the labelled line is the article's."""
    records, rejects = built(tmp_path, [article(0, TOPICS[0])])
    assert not [r for r in rejects if r["reason"] == "boilerplate_signoff"]
    assert records[-1]["text"].endswith(f"{SIGN_OFF} {FACTS[0][:-1]}")


@pytest.mark.parametrize(("line", "label"), [
    ("The vote ended at noon. Story link at The Example Post: Council votes", "storylinkattheexamplepost"),
    ("رابط الخبر بصحيفة الوئام: الجوازات : ٣٦٣ ألف تم تصحيح أوضاعهم", "رابطالخبربصحيفهالويام"),
    ("الأمطار مستمرة حتى الغد. رابط الخبر بصحيفة الوئام: بالفيديو..كردية تشعل الشبكات «داعش»",
     "رابطالخبربصحيفهالويام"),
])
def test_a_sign_off_is_a_label_of_two_to_six_words_then_a_headline_or_name(line: str, label: str) -> None:
    found = sign_off(line)
    assert found is not None and found.label == label


@pytest.mark.parametrize("line", [
    "وأضاف: «سنعود إلى هذا الملف قبل نهاية العام».",  # a quote's lead-in: one word, and a full stop after it
    "The minister said on Monday: the plan will be ready. It will cost more.",  # sentences after the colon
    "Football: Arsenal names Emery as its new coach",  # a one-word topic label
    "The 2024 report: figures for the year",  # digits: a dated title, not a label
])
def test_a_quote_a_sentence_or_a_topic_is_not_a_sign_off(line: str) -> None:
    assert sign_off(line) is None
