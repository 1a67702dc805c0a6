"""Language ID that holds on Persian written with Arabic ي/ك and on short Urdu lines, a paragraph filter
that needs a confident and long enough paragraph, and a card that names only the languages really there.
Every text here is composed for the test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from builder.release.card import card_languages
from builder.text.language import detect, detect_lines

# Persian news sentences typed with Arabic yeh and kaf (ي ك), as some sites do; lid.176 calls the first two `ar`
PERSIAN_ARABIC_LETTERS = [
    "وزير امور خارجه گفت كه اين نشست براي بررسي همكاري هاي اقتصادي است",
    "وزير خارجه گفت كه همكاري هاي اقتصادي دو كشور ادامه دارد",
    "گزارش خبرنگار ما از جلسه امروز مجلس",
]
QURAN_QUOTE = "بسم الله الرحمن الرحيم والحمد لله رب العالمين"  # Arabic inside a Persian article: stays `ar`
ARABIC = [
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة يضم مئتي سرير.",
    "وقال الوزير إن المشروع سيخدم أكثر من مليون مواطن في المنطقة الشرقية.",
    "وأضاف أن العمل في المستشفى سيبدأ مطلع العام المقبل بعد اكتمال التجهيزات.",
]
URDU = [
    "وزیر اعظم نے کہا کہ ملک کی معیشت بہتر ہو رہی ہے اور اگلے سال ترقی کی شرح بڑھے گی۔",
    "حکومت نے نئے بجٹ کا اعلان کر دیا اور بجلی کے بلوں میں کمی کا وعدہ کیا۔",
]
URDU_HEADLINES = ["سکھر بیراج کے دروازے", "پٹرول مہنگا، عوام پریشان"]  # lid.176: `pnb`, `fa`


def test_the_detector_gets_these_lines_wrong_on_their_own() -> None:
    """What the rules below correct (if lid.176 changed, the other tests would prove nothing)."""
    assert [detect(t)[0] for t in PERSIAN_ARABIC_LETTERS[:2]] == ["ar", "ar"]
    assert [detect(t)[0] for t in URDU_HEADLINES] == ["pnb", "fa"]


def test_persian_with_arabic_yeh_and_kaf_is_persian() -> None:
    """The document's vote counts its lines with Persian letters and words for Persian, though most of its
    text was labelled `ar`; the Arabic quotation keeps its own label."""
    lines, doc = detect_lines([*PERSIAN_ARABIC_LETTERS, QURAN_QUOTE])
    assert doc[0] == "fa"
    assert lines[:2] == [None, None]  # the document's language
    assert lines[2] is not None and lines[2][0] == "fa"  # detected Persian on its own
    assert lines[3] is not None and lines[3][0] == "ar"


def test_arabic_document_stays_arabic() -> None:
    lines, doc = detect_lines([*ARABIC, QURAN_QUOTE])
    assert doc[0] == "ar"
    assert all(found is not None and found[0] == "ar" for found in lines)


def test_urdu_headlines_mistaken_for_punjabi_or_persian_take_urdu() -> None:
    lines, doc = detect_lines([*URDU_HEADLINES, *URDU])
    assert doc[0] == "ur"
    assert lines[:2] == [None, None]


def write(path: Path, docs: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def test_languages_fa_build_keeps_a_persian_article_written_with_arabic_letters(tmp_path: Path) -> None:
    """The whole article is kept (the quotation too: short and foreign is not sure enough to drop), every
    Persian paragraph is `fa`, and the card names only `fa`."""
    text = "\n".join([*PERSIAN_ARABIC_LETTERS, QURAN_QUOTE])
    source = write(tmp_path / "fa.jsonl", [{"id": "article", "text": text}])
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "builder", "build", str(source), "--out", str(out), "--languages", "fa",
                    "--quiet"], check=True)
    records = pq.read_table(out / "data").to_pylist()
    assert [(r["text"], r["language"]) for r in records] == [
        *((t, "fa") for t in PERSIAN_ARABIC_LETTERS), (QURAN_QUOTE, "ar")]
    assert not (out / "rejects").exists() or pq.read_table(out / "rejects").num_rows == 0
    card = (out / "README.md").read_text(encoding="utf-8")
    assert yaml.safe_load(card.split("---")[1])["language"] == ["fa"]


def test_card_languages_need_a_real_share_and_the_builds_languages() -> None:
    chars = {"fa": 9_800, "ar": 150, "en": 50, "und": 500}
    assert card_languages(chars) == ["ar", "fa"]  # en: under 1% of the characters
    assert card_languages(chars, ("fa", "en")) == ["fa"]
    assert card_languages({}) == []


ENGLISH = [
    "The council approved the new budget on Tuesday after six hours of debate and many amendments.",
    "Opposition members said the increase in local taxes was not justified by the state of the accounts.",
]
SPANISH = ("El ayuntamiento aprobó el nuevo presupuesto el martes por la noche después de seis horas de debate y "
           "muchas enmiendas.")


def test_reject_rows_say_which_language_was_detected(tmp_path: Path) -> None:
    """A filtered paragraph's and a filtered document's reject rows carry the language and score found;
    a line the rules dropped before detection has none."""
    source = write(tmp_path / "d.jsonl", [
        {"id": "en", "text": "\n".join([*ENGLISH, SPANISH, "Share"])},
        {"id": "fa", "text": "\n".join(PERSIAN_ARABIC_LETTERS)},
    ])
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "builder", "build", str(source), "--out", str(out), "--languages", "en",
                    "--quiet"], check=True)
    rejects = {(r["doc_id"], r["kind"], r["reason"]): r for r in pq.read_table(out / "rejects").to_pylist()}
    paragraph = rejects["en", "line", "language_filtered"]
    assert (paragraph["text"], paragraph["language"]) == (SPANISH, "es") and paragraph["language_score"] >= 0.5
    document = rejects["fa", "document", "language_filtered"]
    assert document["language"] == "fa" and 0 < document["language_score"] <= 1
    others = [r for key, r in rejects.items() if key[2] != "language_filtered"]
    assert others and all(r["language"] is None and r["language_score"] is None for r in others)
    assert subprocess.run([sys.executable, "-m", "builder", "validate", str(out)]).returncode == 0
