"""The fast paths of the per-line work give exactly what the code they skip gives.

- The PII detectors' cheap prefilters (builder.text.pii) skip only text that no detector can match:
  redacting with them gives what running every detector on every text gives (the code before them),
  with the same replacements and counts.
- clean_lines (builder.text.clean) skips only lines clean_line leaves as they are.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings, strategies as st

from builder.outcomes import Document, Location
from builder.rules.paragraphs import lines_table, raw_lines as raw_lines_of, site as site_of_doc
from builder.rules.repeated import RepeatedLines
from builder.steps import array, values
from builder.text import pii
from builder.text.clean import clean_line, clean_lines
from builder.text.sanitise import Sanitiser


def every_detector(text: str, phones: bool, make: pii.Make) -> str:
    """The reference: each detector's regex over the text, no prefilter."""
    for _, replace in pii._detectors(phones):
        text = replace(text, make)
    return text


def counting(counts: Counter[str]) -> pii.Make:
    """A replacement that holds the address itself, so later detectors see colons, dots and digits
    again, as they do in pseudonyms."""
    def make(kind: str, address: str) -> str:
        counts[kind] += 1
        return f"<{kind}:{address}>"
    return make


# Pieces addresses are made of, so that random text often holds an address or nearly one.
_PIECES = ["@", "＠", "﹫", ".", "。", ":", "::", "[", "]", "IPv6:", "192", "168", "0", "1", "255", "256", "001",
           "2001", "db8", "ffff", "a", "jane", "example", "com", "org", "png", "مثال", "السعودية", "用户", "例子",
           "广告", "ü", " ", "-", "_", "+", "(", ")", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "0123456789", "\"", "x y", "\n",
           "12:30:45", "::1", "localhost", "www", "https://", "1.2.3.4", "9.9.9.9", "fe80::1", "a@b.co",
           "x@[10.0.0.1]", "+1 (555) 010-9999", "1) (2) (3) (4) (5) (6) (7) (8) (9", "٠٥٥٥١٢٣٤٥٦٧"]
texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(texts, st.booleans())
def test_the_prefilters_change_nothing(text: str, phones: bool) -> None:
    fast, slow = Counter[str](), Counter[str]()
    assert pii._apply(text, phones, counting(fast)) == every_detector(text, phones, counting(slow))
    assert fast == slow


def test_the_prefilters_let_every_kind_through() -> None:
    """Each kind is still found (a prefilter that is too strict would fail the property above only on
    the examples hypothesis happens to draw)."""
    counts: Counter[str] = Counter()
    text = "mail jane@example.com, host 192.168.0.1 or ::1 or 2001:db8::1, call +44 20 7946 0958"
    assert pii.redact(text, phones=True, counts=counts) == "mail <email>, host <ip> or <ip> or <ip>, call <phone>"
    assert counts == {"email": 1, "ip": 3, "phone": 1}


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, max_size=20), st.booleans())
def test_a_batch_is_redacted_as_each_text_is(batch: list[str], phones: bool) -> None:
    """may_hold runs the prefilters with RE2 over a whole batch (Arrow): it must pick every text the
    detectors change, and redact_all give what redact gives one by one, with the same counts."""
    each, together = Counter[str](), Counter[str]()
    assert pii.redact_all(batch, phones, together) == [pii.redact(text, phones, each) for text in batch]
    assert together == each
    assert all(may for text, may in zip(batch, pii.may_hold(batch, phones), strict=True)
               if pii.redact(text, phones) != text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(texts, texts.map(lambda t: t.replace(".", ".\u200b").replace("@", "\u00ad@"))), max_size=20))
def test_the_sanitisers_batch_check_is_its_check_one_by_one(batch: list[str]) -> None:
    """Sanitiser.changes (how the cache checks what it reads) agrees with `text(v) != v`, invisible
    characters that hide an address included."""
    assert Sanitiser().changes(batch) == [Sanitiser().text(value) != value for value in batch]


# What clean_line looks at: mojibake, presentation forms, invisible and control characters, lone
# surrogates, tatweel, odd spaces, runs of spaces, decomposed accents (NFC).
_DIRTY = ["Ã©", "Ã", "Â ", "ﻻ", "ﷲ", "\u200b", "\u200c", "\u00ad", "\ufeff", "\x00", "\x1f", "\x85", "\ud800",
          "\u0640", "ـــ", "\t", "\u00a0", "\u3000", "  ", " ", "e\u0301", "\u0627\u0653", "\ufffd", "a", "ب", "."]
lines = st.lists(st.one_of(st.sampled_from(_DIRTY), st.text(max_size=3)), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(lines, max_size=20))
def test_clean_lines_is_clean_line_on_each(batch: list[str]) -> None:
    assert clean_lines(batch) == [clean_line(text) for text in batch]


# --- repeated-line keys from the lines table's features ---------------------------------------------
_RAW = ["a", "b", "Word", "word", " ", "  ", ".", "!", "؟", "\u200b", "\u00a0", "ـ", "Ã©", "e\u0301", "1", "٣",
        "http://x.org/a", "www.site", "@handle", "#tag", "jane@example.com", "\u00ad", "ﻻ", "\ud800", "»", "کتاب",
        "كتاب"]
raw_lines = st.lists(st.lists(st.sampled_from(_RAW), max_size=14).map("".join), max_size=25)


@settings(max_examples=400, deadline=None)
@given(raw_lines, st.sampled_from(["site.org", "other.net"]))
def test_repeated_keys_from_the_features_are_the_keys_computed_afresh(raws: list[str], site: str) -> None:
    """lines_table takes each line's shape and sentence flag from its features where the cleaned line is
    the raw one with nothing to mask; every key must be what RepeatedLines.line_keys computes alone."""
    doc = Document("d", "\n".join(raws), "s.jsonl", Location("s.jsonl", 1), url=f"https://{site}/a")
    _, lines = raw_lines_of(doc)
    table = lines_table([doc])
    known = (values(table, "text"), values(table, "key"), array(table, "length"), array(table, "words"),
             array(table, "ends_sentence"))
    sites = [site_of_doc(doc)] * len(lines)
    assert RepeatedLines.line_keys(sites, lines, known).tolist() == RepeatedLines.line_keys(sites, lines).tolist()
