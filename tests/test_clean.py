"""Unicode cleaning keeps the language as written; offsets always point back into the raw text."""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import assume, example, given, settings, strategies as st

from builder.outcomes import Document, Location
from builder.rules.paragraphs import paragraph_text
from builder.run.plan import Plan
from builder.run.work import run_plan
from builder.text.clean import clean_line, has_mojibake, remove_invisible
from tests.conftest import SEED

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوىيءآأإؤئة"
PERSIAN_URDU = "پچژگکیےھۀ\u200c"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
NOISE = "\u00a0\u200b\u200e\u200f\ufeff\u202b\u202c\u2066\u2069\u0640\t  "
PUNCT = ".،؛؟!…“”«»:-()*"
LATIN = "abcdefghijklmnopqrstuvwxyzéèàçœ"

line_text = st.text(alphabet=ARABIC_LETTERS + PERSIAN_URDU + DIACRITICS + DIGITS + NOISE + PUNCT + LATIN, max_size=80)


def letters_digits_marks(text: str) -> str:
    """What the language is written with: letters, marks and digits (tatweel is decoration, not a letter)."""
    kept = "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c)[0] in "LMN" and c != "\u0640")
    return unicodedata.normalize("NFC", kept)  # compared up to canonical equivalence (mark order)


def may_be_mojibake(text: str) -> bool:
    """Whether the text has, or gets once invisible characters and tatweel are gone, a mojibake
    fingerprint (a UTF-8 lead byte read as Latin-1 before a continuation byte: "çœ“" is 眓 misread),
    which ftfy repairs by changing its letters."""
    return has_mojibake(remove_invisible(text).replace("\u0640", ""))


@given(line_text)
@example("\u00a0çœ“")  # ftfy leaves it while the no-break space is there, and repairs it once it is gone
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_line(text)
    assert clean_line(once) == once


@given(line_text)
@example("ça dépend")
def test_cleaning_never_changes_letters_diacritics_or_digits(text: str) -> None:
    assume(not may_be_mojibake(text))  # repairing mojibake changes letters, on purpose
    assert letters_digits_marks(clean_line(text)) == letters_digits_marks(text)


def test_mojibake_is_repaired_whatever_spaces_surround_it() -> None:
    assert clean_line("\u00a0çœ“") == clean_line("çœ“") == "眓"
    assert clean_line("Caf\u00c3\u00a9 au lait") == "Café au lait"


def test_keeps_orthography_and_removes_invisible_noise() -> None:
    assert clean_line("\ufeffقال\u00a0الوزير\u200f: «إلى أين؟»") == "قال الوزير: «إلى أين؟»"
    assert clean_line("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ is Persian spelling
    assert clean_line("مؤكدًا وبيّن 2011م ١٤٤٠هـ") == "مؤكدًا وبيّن 2011م ١٤٤٠هـ"
    assert clean_line("قال: “نعم”…") == "قال: “نعم”…"  # no quote uncurling, no … -> ...
    assert clean_line("جـــمـــيـــل لـ “تحرير”") == "جميل لـ “تحرير”"  # elongation goes, the detached prefix stays
    # a prefix written with a tatweel before a number or a Latin word keeps it (a new user's trial: بـ43 became ب43)
    assert clean_line("فاز بـ43 صوتا في الـ24 ساعة على الـCNN") == "فاز بـ43 صوتا في الـ24 ساعة على الـCNN"
    assert clean_line("\ufe83\ufee3\ufef4\ufeae") == "أمير"  # presentation forms fold to base letters
    assert clean_line("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©") == "العربية"  # UTF-8 read as cp1252, repaired


def test_seed_body_is_untouched() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines[4:13]]
    plain = [line for line in body if "\u00a0" not in line]
    assert [clean_line(line) for line in plain] == plain


raw_line = st.text(alphabet=ARABIC_LETTERS + DIACRITICS + NOISE + PUNCT + LATIN + " .", min_size=0, max_size=120)
breaks = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2029", "\x85"])


@st.composite
def raw_documents(draw: st.DrawFn) -> str:
    lines = draw(st.lists(raw_line, max_size=12))
    seps = draw(st.lists(breaks, min_size=len(lines), max_size=len(lines)))
    return "".join(line + sep for line, sep in zip(lines, seps, strict=True))


@settings(max_examples=150, deadline=None)
@given(raw_documents())
def test_offsets_point_into_the_raw_text(raw: str) -> None:
    doc = Document(id="d", text=raw, source="s.txt", location=Location("s.txt"))
    (processed,) = run_plan([doc], None, Plan())
    kept, dropped = processed.kept, processed.dropped
    for p in kept:
        assert 0 <= p.char_start < p.char_end <= len(raw)
        assert paragraph_text(raw[p.char_start : p.char_end]) == p.text
        assert p.text and "\n" not in p.text
    spans = sorted([(p.char_start, p.char_end) for p in kept] + [(r.char_start, r.char_end) for r in dropped])
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))  # no overlaps
    # every non-blank line is accounted for: kept or dropped with a reason
    assert len(spans) == sum(1 for line in raw.splitlines() if line.strip())


def test_an_ansi_escape_sequence_goes_whole_not_just_its_esc() -> None:
    # a terminal's colour codes pasted into a .txt file (trial20): ESC alone went and `[31m` stayed in the text
    assert clean_line("\x1b[31mError:\x1b[0m disk full") == "Error: disk full"
    assert clean_line("ok \x1b[1;32;40mdone\x1b[K") == "ok done"
    assert clean_line("\x9b2Jcleared") == "cleared"  # the one-character CSI (C1)
    assert clean_line("a list [31m] without ESC stays") == "a list [31m] without ESC stays"
