"""The fast paths of the per-line work give exactly what the code they skip gives.

- The PII detectors' cheap prefilters (builder.text.pii) skip only text that no detector can match:
  redacting with them gives what running every detector on every text gives (the code before them),
  with the same replacements and counts.
- clean_lines (builder.text.clean) skips only lines clean_line leaves as they are.
- The line rules' RE2 masks (builder.rules.masks): a Hinted pattern behind its hint, a pattern run on
  the rows a mask marks, and a phrase list as one pattern mark what the pattern on every row (and
  one Arrow call per phrase) marked.
- language._differs reads a line through the characters that can set it apart (language._plain): the
  scripts, marks and evidence it finds are those of all the line's characters.
- language._elect votes again only where a line was relabelled: the election of a vote taken again every time.
- The segmenter's lines (str.splitlines and str.strip) are those of the regex and loop it replaced.
- takedown._percent's shortcut spells a URL's path and query as its round trip does.
- records.encodable_array hands a batch to Arrow as it is: the array holds what `encodable` of each value gives.
- A batch's snippets (run.rows.batch_rows) are sanitised only where Sanitiser.may_change picks the text: what it
  leaves out, sanitising leaves as it is and counts nothing in.
- ids.record_ids pseudonymises a document's id once for all its paragraphs: the ids record_id gives each.
- A record's id and url are looked at by pseudonymise's detectors once each: record_rows derives the record ids
  from the id as `identifier` published it a moment before, not from the raw id pseudonymised again.
- Paragraph.with_columns is dataclasses.replace(paragraph, columns=...): equal, frozen, the original unchanged.
- A task's batches ask Sanitiser.may_change about their texts, ids and urls in one call (run.rows.task_rows), and
  each batch's rows are what batch_rows alone makes of it.
- A kept paragraph's exact-duplicate key (dedup.selection.paragraph_keys) is made from its line's matching key and
  word count in the lines table where its text is the line's: the key made from the text; a paragraph with personal
  data replaced has the key of its own text.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import assume, example, given, settings, strategies as st

import builder.rules
from builder.dedup.selection import paragraph_keys
from builder.outcomes import Document, Location, Paragraph
from builder.release.records import encodable, encodable_array, record_rows
from builder.rules import credits, lexicon, masks, references, takedown
from builder.rules.blocks import HeadlineRun
from builder.rules.masks import Hinted, document_slices, document_starts, literals, matching
from builder.rules.paragraphs import lines_table, raw_lines as raw_lines_of, site as site_of_doc
from builder.rules.repeated import RepeatedLines
from builder.rules.rows import RepeatedRow
from builder.rules.tails import PageTail
from builder.run.plan import Plan
from builder.steps import LineRule, array, values
from builder.text import pii
from builder.text.chars import Chars
from builder.text.clean import clean_line, clean_lines, remove_invisible, search_all
from builder.text.ids import published_record_id, record_id, record_ids
from builder.text.keys import line_keys, word_counts
from builder.text.sanitise import Sanitiser, identifier, identifiers
from builder.text.segment import Span, line_spans, line_texts
from builder.text.wide import detect_folded
from tests.labelled import _documents, load

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHAPES, WEB_DEV = FIXTURES / "labelled_shapes", FIXTURES / "labelled_web" / "dev"


def every_detector(text: str, phones: bool, make: pii.Make) -> str:
    """The reference: each detector's regex over the text, no prefilter (a detector listed under two
    prefilters, once: run again, it would find in its own replacement the address `counting` writes back);
    over its fold where it holds a full-width form, as redact reads it (builder.text.wide)."""
    def each(plain: str, making: pii.Make) -> str:
        for replace in dict.fromkeys(replace for _, replace in pii._detectors(phones)):
            plain = replace(plain, making)
        return plain
    return detect_folded(text, make, each)


def counting(counts: Counter[str]) -> pii.Make:
    """A replacement that holds the address itself, so later detectors see colons, dots and digits
    again, as they do in pseudonyms."""
    def make(kind: str, address: str) -> str:
        counts[kind] += 1
        return f"<{kind}:{address}>"
    return make


# Pieces addresses are made of, so that random text often holds an address or nearly one.
_PIECES = ["@", "＠", "﹫", "%40", "%2540", ".", "。", ":", "::", "[", "]", "IPv6:", "192", "168", "0", "1",
           "255", "256", "001", "2001", "db8", "ffff", "a", "jane", "example", "com", "org", "png", "مثال", "السعودية",
           "用户", "例子",
           "广告", "ü", " ", "-", "_", "+", "(", ")", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "0123456789", "\"", "x y", "\n",
           "12:30:45", "::1", "localhost", "www", "https://", "1.2.3.4", "9.9.9.9", "fe80::1", "a@b.co",
           "x@[10.0.0.1]", "+1 (555) 010-9999", "1) (2) (3) (4) (5) (6) (7) (8) (9", "٠٥٥٥١٢٣٤٥٦٧",
           "?", "&", "&amp;", "#", ";", "=", "%3F", "%26", "%3D", "%253D", "token", "X-Amz-Signature", "key", "sig",
           "%74", "id", "abc.txt", " at ", "[at]", "(at)", "{@}", " dot ", "[dot]", "(.)", "[.]", "gmail", "DOT",
           "[]", "[0]", ".0", "&#x61;", "&#116;", "&#61;", "\uff54\uff4f\uff4b\uff45\uff4e", "\uff1d", "%2525",
           "&quot;", "'", " =", "= ",
           # credentials by their shape (builder.text.tokens), whole and cut short
           "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1", "/bot", "hooks.slack.com/services/", "T0A1B2C3D/B0A1B2C3",
           "discord.com/api/webhooks/", "112233445566778899/" + "Ab3_" * 17, "ghp_" + "A1b2C3d4E5f6" * 3, "ghp_",
           "xoxb-17653672481-19874698323-pdFZ", "xoxb-", "sk_live_51HqLyjWDarjtT1zdp7dcXYZ", "AKIA2E0A8F3B244C9986",
           "AKIA", "AIzaSyBlWYndjQBpCX_HKZCqPnakBDn2RY-iP7Q", "AIza",
           "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "hf_", "api_org_", "sk-proj-", "T3BlbkFJ", "Ab3dEf6hIjKlMnOpQrSt",
           "sk-ant-api03-", "glpat-", "glpat-Ab3dEf6hIj-KlMnOp_Qr", "oauth2:",
           "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj", "NhZMGdd3f0qR8sT2wK9xY==", "==",
           "DB_PASSWORD", "_API_KEY", "x-api-", "Authorization: Basic ", "Token ", "secret_access_key",
           "PRİVATE_KEY", "ı", "İ", "passwort", "said: ", "3.5", "1.2.3",
           "eyJhbGciOiJIUzI1NiJ9", ".eyJzdWIiOiIxMjM0In0", ".",  # a JSON Web Token's parts
           "redis://", ":p4ss@", "u:", "@localhost",  # a URL's user information
           "&#64;", "&#x40;", "&#X040;", "&commat;",  # an at-sign as an HTML character reference
           # spelled-out addresses with angle brackets, words joined by _ or -, `dotcom`
           "<at>", "<dot>", "_at_", "-at-", "_dot_", "-dot-", "dotcom", " dotnet", "DOTORG",
           # spelled with Arabic-script words (trial24), and full-width forms (builder.text.wide)
           " آت ", " ات ", " دوت ", " نقطه ", " ڈاٹ ", "\uff14\uff11\uff11\uff11 ", "\uff30\uff41\uff53\uff53\uff1a",
           "\uff20", "\uff10"]
texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(texts, st.booleans())
def test_the_prefilters_change_nothing(text: str, phones: bool) -> None:
    fast, slow = Counter[str](), Counter[str]()
    assert pii._apply(text, phones, counting(fast)) == every_detector(text, phones, counting(slow))
    assert fast == slow


@pytest.mark.parametrize("text", ["%74a@b.co", "x &#116;ab@b.co y", "a %2574x.y@b.co", "write to j%61ne.doe@mail.org"])
def test_an_encoded_character_a_few_letters_before_the_at_sign_passes_the_prefilter(text: str) -> None:
    """The encoded-address detector reads an address with any character encoded (`%74` for `t`); its prefilter took
    one right before the at-sign or after it, not a few name characters before it, so the prefilter was narrower than
    the detector (hypothesis drew `%74a@b.co`: the reference's detector ran where the prefilter skipped it)."""
    fast, slow = Counter[str](), Counter[str]()
    assert pii._apply(text, False, counting(fast)) == every_detector(text, False, counting(slow))
    assert fast == slow
    assert "@" not in pii.redact(text)


def test_the_prefilters_let_every_kind_through() -> None:
    """Each kind is still found (a prefilter that is too strict would fail the property above only on
    the examples hypothesis happens to draw)."""
    counts: Counter[str] = Counter()
    text = "mail jane@example.com, host 192.168.0.1 or ::1 or 2001:db8::1, call +44 20 7946 0958, see /r?token=a1"
    assert pii.redact(text, phones=True, counts=counts) == ("mail <email>, host <ip> or <ip> or <ip>, call <phone>, "
                                                            "see /r?token=<secret>")
    assert counts == {"email": 1, "ip": 3, "phone": 1, "secret": 1}


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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(texts, texts.map(lambda t: t.replace(".", ".\u200b").replace("@", "\u00ad@"))), max_size=20),
       st.booleans())
def test_what_the_sanitiser_may_not_change_it_leaves_and_counts_nothing(batch: list[str], phones: bool) -> None:
    """batch_rows takes a document's text as its snippet where may_change says False, without Sanitiser.text."""
    for value, may in zip(batch, Sanitiser(phones).may_change(batch), strict=True):
        counts = Counter[str]()
        sanitised = Sanitiser(phones, counts).text(value)
        if not may:
            assert sanitised == value and not counts


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, max_size=20), st.booleans())
def test_redacts_is_whether_redact_changes_a_text_or_counts_in_it(batch: list[str], phones: bool) -> None:
    """pii.redacts gives a text only to the detectors whose prefilter RE2 finds in it: it must find every text
    redact changes or counts a replacement in, and only those."""
    def changes(text: str) -> bool:
        counts = Counter[str]()
        return pii.redact(text, phones, counts) != text or bool(counts)

    assert pii.redacts(batch, phones) == [changes(text) for text in batch]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(texts, texts.map(lambda t: t.replace(".", ".\u200b").replace("@", "\u00ad@"))), max_size=20),
       st.booleans())
def test_what_the_sanitiser_still_may_not_change_it_leaves_and_counts_nothing(batch: list[str], phones: bool) -> None:
    """batch_rows takes a document's text as its snippet where still_may_change says False, without Sanitiser.text;
    of the values without an invisible character it says True only where text changes or counts something."""
    sanitiser = Sanitiser(phones)
    for value, still in zip(batch, sanitiser.still_may_change(batch, sanitiser.may_change(batch)), strict=True):
        counts = Counter[str]()
        sanitised = Sanitiser(phones, counts).text(value)
        assert still == (sanitised != value or bool(counts)) or (still and remove_invisible(value) != value)


# a labelled credential's, a card's and an IPv4's prefilters find something in it; no detector does
_DATED = "The council said: 4111 222 residents were counted in 2018, up 12.5 per cent from the year before."


def test_a_kept_line_no_detector_changes_is_not_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line whose `d:` looks like a labelled credential's start and whose digits like a card number's is picked by
    may_hold, as 2,818 of the benchmark corpus's 27,883 lines are (40 hold an address): redact ran every detector's
    prefilter in Python on each. Only the kept lines a detector changes are redacted; the paragraphs are the same."""
    from builder.rules import paragraphs
    from builder.run.work import run_plan

    redacted: list[str] = []
    redact = paragraphs.redact

    def counted(text: str, phones: bool = False, counts: Counter[str] | None = None) -> str:
        redacted.append(text)
        return redact(text, phones, counts)

    text = f"{_DATED}\nWrite to jane@example.org about it, the editors of this page said today.\n"
    doc = Document("d1", text, "s.jsonl", Location("s.jsonl", 1))
    assert pii.may_hold(text.splitlines()) == [True, True]
    monkeypatch.setattr(paragraphs, "redact", counted)
    pii_counts = Counter[str]()
    (processed,) = run_plan([doc], None, Plan(), pii=pii_counts)
    monkeypatch.undo()
    assert [p.text for p in processed.kept] == [_DATED,
                                                "Write to <email> about it, the editors of this page said today."]
    assert redacted == [text.splitlines()[1]] and pii_counts == {"email": 1}


def test_a_snippet_no_detector_changes_is_not_sanitised(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's text picked by may_change (a date like a card number's start, as 1,059 of the benchmark corpus's
    4,760 are) but changed by no detector is its snippet as it is, not looked at by Sanitiser.text (340 us a
    snippet); one with an address is sanitised and counted."""
    from builder.columns import arrow_schema, record_columns
    from builder.outcomes import BatchResult, Processed
    from builder.run.rows import task_rows

    where = Location("news/1.jsonl", 1)
    outcomes = []
    for d, text in enumerate([_DATED, "mail jane@example.org " + _DATED]):
        doc = Document(f"site/{d}", text, where.path, where, f"https://x.example/{d}")
        kept = [Paragraph("x", 0, 1, 1, "en", 0.9, True)]
        outcomes.append(Processed(doc, "ab" * 32, kept, [], None, [1], [b"\x01" * 8]))
    looked: list[str] = []
    sanitised = Sanitiser.text

    def counted(self: Sanitiser, value: str | None) -> str | None:
        looked.append(str(value))
        return sanitised(self, value)

    assert Sanitiser().may_change([_DATED]) == [True]
    monkeypatch.setattr(Sanitiser, "text", counted)
    (rows,) = task_rows([BatchResult(outcomes, Counter())], arrow_schema(record_columns()), False)
    monkeypatch.undo()
    assert [entry.snippet for entry in rows.entries] == [_DATED, "mail <email> " + _DATED]
    assert [entry.snippet_pii for entry in rows.entries] == [{}, {"email": 1}]
    assert _DATED not in looked and outcomes[1].doc.text in looked


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(0, 5))
def test_a_documents_record_ids_are_record_id_of_each_paragraph(doc_id: str, count: int) -> None:
    assert record_ids(doc_id, count) == [record_id(doc_id, index) for index in range(count)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(texts, texts.map(lambda t: t.replace(".", ".\u200b").replace("@", "\u00ad@"))), max_size=20),
       st.integers(0, 3), st.booleans())
def test_an_identifier_the_sanitiser_may_not_change_is_written_and_published_as_it_is(
        batch: list[str], count: int, phones: bool) -> None:
    """batch_rows writes a record's id and url as they are, and derives its record ids from the id as it is,
    where Sanitiser(phones).may_change says False; `identifiers` looks at the others only: identifier and
    pseudonymise must leave such a value alone."""
    assert identifiers(batch) == [identifier(value) for value in batch]
    for value, may in zip(batch, Sanitiser(phones).may_change(batch), strict=True):
        if not may:
            assert identifier(value) == value and pii.pseudonymise(value) == value
            assert record_ids(value, count, plain=True) == record_ids(value, count)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(texts, texts.map(lambda t: t.replace(".", ".\u200b").replace("@", "\u00ad@"))), max_size=20))
@example(["ant/BBC/BB-economy-113-20180423.txt~1", "saudinewsnet/dataset/2015-07-23.json#16~0",
          "id-4111111111111111", "copy-of-ann@example.org", "a\udc80b@example.com", "u:p@h.com ::1"])
def test_a_batch_is_pseudonymised_as_each_text_is(batch: list[str]) -> None:
    """pseudonymise_all gives each text only to the detectors whose prefilter RE2 finds in it: the same as
    pseudonymise, which runs every detector's prefilter in Python's re (here in batches of any size)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pii, "BATCH_MIN", 0)
        assert pii.pseudonymise_all(batch) == [pii.pseudonymise(text) for text in batch]


def test_the_batch_prefilters_are_parts_of_what_may_hold_looks_for() -> None:
    """Each detector's prefilter in a batch is a part of _MAY_ANY, whose parts are each as wide as their detector
    (Python's prefilter, or the wider RE2 one the comments in pii name)."""
    parts = set(pii._MAY_ANY_PARTS)
    assert len(pii._BATCH_PREFILTERS) == len(pii._DETECTORS) and set(pii._BATCH_PREFILTERS) <= parts


def test_a_decimal_or_a_word_before_a_colon_is_not_picked_for_the_detectors() -> None:
    """may_hold (paragraphs.rows_of, the sanitiser's batch check) and redacts look for an IPv4 address's four numbers
    and a credential's name: a decimal (`3.5`) and a word's last letter before a colon (`said:`) let 2,306 and 3,016
    texts of the benchmark corpus through to the detectors, none of them holding an address or a credential."""
    plain = ["He said: prices rose 3.5 percent to 2.000 riyals in 1.2.3", "وقال المتحدث باسمه: ارتفع ٣٫٥ بالمئة"]
    found = ["host 192.168.0.1 said: x", "١٩٢٫١٦٨٫١٫١", "１９２．１６８．１．１", "DB_PASSWORD: Zx9!pq7L",
             "كلمة المرور: 9a!b7c"]
    for phones in (False, True):
        assert Sanitiser(phones).may_change(plain + found) == [False] * len(plain) + [True] * len(found)
        assert pii.redacts(plain + found, phones) == [False] * len(plain) + [True] * len(found)


def test_identifiers_pseudonymise_the_values_with_an_address() -> None:
    values = ["doc-1", "jane@example.org", "https://x.org/a?token=abc", "jane\u2060@x.org", ""]
    assert Sanitiser().may_change(values) == [False, True, True, True, False]
    found = identifiers(values)
    assert found[0] == "doc-1" and found[4] == ""
    assert all(value.startswith("<email:") for value in (found[1], found[3])) and "abc" not in (found[2] or "abc")



def test_a_records_id_is_looked_at_by_the_detectors_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """An id with a date in it is picked by the card-number prefilter, as most news ids are (7,044 of 9,520 ids and
    urls of the benchmark corpus); record_rows published it for the doc_id column and again for the record ids,
    27-37 us of regexes a time. Same rows, one look."""
    looked: list[str] = []
    apply = pii._apply

    def counted(text: str, phones: bool, make: pii.Make) -> str:
        looked.append(text)
        return apply(text, phones, make)

    doc = Document("site-once/2015-07-23.json#15~0", "a\nb", "s.jsonl", Location("s.jsonl", 1),
                   url="https://once.example/2015-07-23/a")
    kept = [Paragraph("a", 0, 1, 1), Paragraph("b", 2, 3, 2)]
    monkeypatch.setattr(pii, "_apply", counted)
    rows = record_rows(doc, kept, "sha")
    monkeypatch.undo()
    assert looked.count(doc.id) == 1 and looked.count(doc.url) == 1
    assert [row["id"] for row in rows] == [record_id(doc.id, 0), record_id(doc.id, 1)]


def test_a_paragraph_with_columns_is_the_paragraph_replaced() -> None:
    paragraph = Paragraph("نص", 3, 5, 2, "ar", 0.97, True, {"old": 1})
    made = paragraph.with_columns({"quality": 0.5, "script": "Arab"})
    assert made == dataclasses.replace(paragraph, columns={"quality": 0.5, "script": "Arab"})
    assert paragraph.columns == {"old": 1} and vars(made).keys() == vars(paragraph).keys()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "x"  # type: ignore[misc]


def test_a_tasks_batches_are_checked_by_the_sanitiser_in_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its pattern (every personal-data prefilter) is compiled by each call, about 2.5 ms: a 15 MB build made 100
    calls, one a file (a batch), where its 15 tasks need one each (work.process_rows calls task_rows). Each batch's
    rows are what batch_rows alone makes of it."""
    from builder.columns import arrow_schema, record_columns
    from builder.outcomes import BatchResult, Processed
    from builder.run.rows import batch_rows, task_rows

    def result(n: int) -> BatchResult:
        where = Location(f"news/{n}.jsonl", 1)
        outcomes = []
        for d, text in enumerate(["نص عادي", "راسلنا jane@example.org", "سطر آخر"]):
            doc = Document(f"site/2015-07-2{n}.json#{d}", text, where.path, where, f"https://x.example/{n}/{d}")
            kept = [Paragraph(text, 0, len(text), 1, "ar", 0.9, True)]
            outcomes.append(Processed(doc, "ab" * 32, kept, [], None, [1], [b"\x01" * 8]))
        return BatchResult(outcomes, Counter())

    schema, batches = arrow_schema(record_columns()), [result(n) for n in range(3)]
    asked: list[list[str]] = []
    may_change = Sanitiser.may_change

    def counted(self: Sanitiser, values: Sequence[str]) -> list[bool]:
        asked.append(list(values))
        return may_change(self, values)

    monkeypatch.setattr(Sanitiser, "may_change", counted)
    together = task_rows(batches, schema, False)
    monkeypatch.undo()
    assert len(asked) == 1 and len(asked[0]) == 3 * 9
    for rows, alone in zip(together, [batch_rows(b, schema, False) for b in batches], strict=True):
        assert rows.entries == alone.entries and rows.records.equals(alone.records)
        assert rows.rejects.equals(alone.rejects)
    assert any("<email>" in str(entry.snippet) for rows in together for entry in rows.entries)

def test_a_tasks_ids_are_pseudonymised_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """A record's id and url with a date in them are picked by may_change (a card number's start), 7,044 of the
    benchmark corpus's 9,420: record_rows gave each to identifier, one by one. A task's go to pseudonymise_all in one
    batch, and only one a detector changes is pseudonymised one by one; the rows are the same."""
    from builder.columns import arrow_schema, record_columns
    from builder.outcomes import BatchResult, Processed
    from builder.run.rows import task_rows

    def result(n: int) -> BatchResult:
        where = Location(f"news/{n}.jsonl", 1)
        outcomes = []
        for d, doc_id in enumerate([f"ant/BB-economy-11{n}-2018042{n}.txt~0", f"jane{n}@example.org"]):
            doc = Document(doc_id, "نص عادي", where.path, where, f"https://x.example/2015-07-2{n}/{d}" if d else None)
            kept = [Paragraph("نص عادي", 0, 7, 1, "ar", 0.9, True)]
            outcomes.append(Processed(doc, "ab" * 32, kept, [], None, [1], [b"\x01" * 8]))
        return BatchResult(outcomes, Counter())

    looked: list[str] = []
    apply = pii._apply

    def counted(text: str, phones: bool, make: pii.Make) -> str:
        looked.append(text)
        return apply(text, phones, make)

    batches = [result(n) for n in range(3)]
    assert Sanitiser().may_change([doc.id for doc in (o.doc for b in batches for o in b.outcomes)]) == [True] * 6
    monkeypatch.setattr(pii, "BATCH_MIN", 0)
    monkeypatch.setattr(pii, "_apply", counted)
    rows = task_rows(batches, arrow_schema(record_columns()), False)
    monkeypatch.undo()
    identifier.cache_clear()
    records = pa.concat_tables([r.records for r in rows])
    expected = [record_rows(o.doc, o.kept, "ab" * 32) for b in batches for o in b.outcomes]
    assert records.column("doc_id").to_pylist() == [row["doc_id"] for each in expected for row in each]
    assert records.column("id").to_pylist() == [row["id"] for each in expected for row in each]
    assert records.column("url").to_pylist() == [row["url"] for each in expected for row in each]
    written = {value for b in batches for o in b.outcomes for value in (o.doc.id, o.doc.url)}
    assert sorted(text for text in looked if text in written) == [f"jane{n}@example.org" for n in range(3)]



def test_a_tasks_document_columns_are_sanitised_only_where_may_change_picks_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A record's free-text columns (a title, a declared field) are asked about in the task's one may_change pass
    (run.rows.task_rows): only a value it picks goes to Sanitiser.text (one by one, ~50 prefilters in Python's re),
    and the rows, snippets and counts are what record_rows gives each document by itself."""
    from builder.columns import Column, arrow_schema, record_columns
    from builder.outcomes import BatchResult, Processed
    from builder.run.rows import task_rows

    titles = ["عنوان الخبر", "Write to jane@example.org", "Le titre\u200b caché", "Plain title"]

    def result(n: int) -> BatchResult:
        where = Location(f"news/{n}.jsonl", 1)
        outcomes = []
        for d, title in enumerate(titles):
            doc = Document(f"doc-{n}-{d}", "نص عادي", where.path, where, None, title,
                           columns={"title": title, "author": None, "year": 2020 + d, "desk": f"desk {d}"})
            kept = [Paragraph("نص عادي", 0, 7, 1, "ar", 0.9, True)]
            outcomes.append(Processed(doc, "ab" * 32, kept, [], None, [1], [b"\x01" * 8]))
        return BatchResult(outcomes, Counter())

    asked: list[str] = []
    text = Sanitiser.text

    def spied(self: Sanitiser, value: str | None) -> str | None:
        asked.append(str(value))
        return text(self, value)

    batches = [result(n) for n in range(2)]
    schema = arrow_schema(record_columns([Column("year", pa.int64(), "a number", True),
                                          Column("desk", pa.string(), "free text", True)]))
    monkeypatch.setattr(Sanitiser, "text", spied)
    rows = task_rows(batches, schema, False)
    monkeypatch.undo()
    picked = {value for value, may in zip(titles, Sanitiser().may_change(titles), strict=True) if may}
    assert picked == {titles[1], titles[2]}
    assert {value for value in asked if value in titles} == picked  # the clean titles were not looked at
    records = pa.concat_tables([r.records for r in rows])
    counts = [Counter[str]() for _ in range(8)]
    expected = [record_rows(o.doc, o.kept, "ab" * 32, Sanitiser(False, count))
                for o, count in zip((o for b in batches for o in b.outcomes), counts, strict=True)]
    assert records.column("title").to_pylist() == [row["title"] for each in expected for row in each]
    for name in ("desk", "year", "author"):
        assert records.column(name).to_pylist() == [row[name] for each in expected for row in each]
    assert records.column("title").to_pylist()[1] == "Write to <email>"
    assert [entry.record_pii for r in rows for entry in r.entries] == [{0: dict(c)} if c else {} for c in counts]


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


# --- the line rules' RE2 masks (builder.rules.masks) --------------------------------------------------
def _hinted_patterns() -> list[tuple[str, Hinted]]:
    """Every Hinted the line rules declare (module constants, and those in tuples), so a new one is
    held by the property below without naming it here."""
    found = []
    for module in pkgutil.iter_modules(builder.rules.__path__):
        for name, value in vars(importlib.import_module(f"builder.rules.{module.name}")).items():
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, Hinted):
                    found.append((f"{module.name}.{name}", item))
    return found


HINTED = _hinted_patterns()
# references: the one-pass prefilter must find every line any citation mark finds
_MARK_PATTERNS = [mark.pattern if isinstance(mark, Hinted) else mark for mark in references._MARKS]
HINTED.append(("references._ANY_MARK", Hinted("|".join(f"(?:{m})" for m in _MARK_PATTERNS), references._ANY_MARK)))

# Pieces of what the hinted patterns look for (captions, credits, citations, labels in capitals), so
# that random lines often hold a match or nearly one.
_MARK_PIECES = [
    "Image caption", "image CAPTION", "Image copyright", "Caption:", "caption :", "Photo credit", "Crédits photos",
    "CRÉDIT PHOTO", "Légende :", "Bildunterschrift", "تصویر کے کاپی رائٹ", "تعليق على الصورة", "حقوق الصورة",
    "Photograph: ", "Photo:", "Crédit photo :", "Credit :", "©", "(AFP", "(Reuters)", "(Getty Images", "(AP", ")",
    "contributed reporting to this report", "contributed to this story", "Additional reporting by", "reporting by",
    "Editing by", "writing BY", "ساهم في إعداد هذا", "ADD TO CART: ", "READ", "MORE", "AB", "Peasah SK ,", "Smith, J.",
    "Smith, John", "Müller", "O’Neil", "Jean-Luc", " Jr", "Müller AB ,", "O’Neil, J.", "Ébert, Anne", "Jean-Luc SK.",
    "2013;31:5339", "(2010)", "12(3): 45", "31:5339-48", "pp. 4–9", "S. 3-7", "et al", "Vol. ", "ed. ", "Accessed",
    "Consulté le", "[1] ", "1. ", "doi: 10.1", "PMID", "arXiv", "Retrieved 5", "Retrieved on May 5",
    "Archived from the original", "^", "- ", "* ", "• ", " ", "  ",
    ".", ",", ":", "!", "A", "x", "é", "É", "ب", "1", "٣", "\u00a0", "\u200c", "_", "ſ", "K",
]
mark_lines = st.lists(st.one_of(st.sampled_from(_MARK_PIECES), st.text(max_size=3)), max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@pytest.mark.parametrize(("name", "hinted"), HINTED, ids=[name for name, _ in HINTED])
@given(batch=st.lists(mark_lines, max_size=20))
def test_a_hinted_pattern_finds_what_the_pattern_alone_finds(name: str, hinted: Hinted, batch: list[str]) -> None:
    """The hint is a prefilter: the pattern behind it marks exactly the lines it marks over the whole batch."""
    lines = pa.table({"text": pa.array(batch, pa.string())})
    assert matching(lines, hinted).tolist() == matching(lines, hinted.pattern).tolist()


def test_the_hinted_patterns_are_found() -> None:
    """The property above runs over every Hinted the rules declare (a broken discovery would hold it over none)."""
    assert {"credits._OPENS", "credits._CLOSES", "credits._CONTRIBUTORS", "credits._CAPS_START",
            "references._MARKS", "references._ANY_MARK"} <= {name for name, _ in HINTED}


@settings(max_examples=300, deadline=None)
@given(st.lists(mark_lines, max_size=20), st.data())
def test_matching_among_rows_is_matching_every_row_and_the_mask(batch: list[str], data: st.DataObject) -> None:
    among = np.array(data.draw(st.lists(st.booleans(), min_size=len(batch), max_size=len(batch))), dtype=bool)
    lines = pa.table({"text": pa.array(batch, pa.string())})
    for pattern in (credits._CLOSES.pattern, r"\d", ""):
        assert matching(lines, pattern, among=among).tolist() == (matching(lines, pattern) & among).tolist()


def test_values_inside_shared_are_converted_once_and_each_caller_gets_its_own_list() -> None:
    """Inside masks.shared() (Plan.classify) steps.values converts a column to Python once (the line rules read `key`
    three or four times a batch): a second ask of the same column, or of the same column in a table rebuilt from it
    (classify's set_column), is a copy of the first conversion, which a caller may change without the next seeing
    it; another column, and any ask outside shared(), converts afresh."""
    converted: list[int] = []
    lines = pa.table({"text": pa.chunked_array([["a b", "c"], ["d"]], pa.string()), "n": pa.array([1, 2, 3])})

    class Counted:
        def __init__(self, column: pa.ChunkedArray) -> None:
            self.column = column

        def __getattr__(self, name: str) -> object:
            if name == "to_pylist":
                converted.append(len(self.column))
            return getattr(self.column, name)

    class Table:
        def __init__(self, table: pa.Table) -> None:
            self.table = table

        def column(self, name: str) -> Counted:
            return Counted(self.table.column(name))

    with masks.shared():
        first = values(Table(lines), "text")  # type: ignore[arg-type]
        first.append("changed")
        again = values(Table(lines.set_column(1, "n", pa.array([4, 5, 6]))), "text")  # type: ignore[arg-type]
        numbers = values(Table(lines), "n")  # type: ignore[arg-type]
    assert again == ["a b", "c", "d"] and numbers == [1, 2, 3]
    assert converted == [3, 3]  # text once, n once
    assert values(Table(lines), "text") == ["a b", "c", "d"] and converted == [3, 3, 3]  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.lists(mark_lines, max_size=20), st.data())
def test_search_among_rows_is_the_test_of_each_rows_text(batch: list[str], data: st.DataObject) -> None:
    """masks.search takes the marked rows' texts in one Arrow call (a column of several chunks too): each marked
    row's answer is the test's of its text, every other row's False, and the test sees no other text."""
    among = data.draw(st.lists(st.booleans(), min_size=len(batch), max_size=len(batch)))
    cut = data.draw(st.integers(0, len(batch)))
    lines = pa.table({"text": pa.chunked_array([batch[:cut], batch[cut:]], pa.string())})
    seen: list[str] = []

    def test(text: str) -> re.Match[str] | None:
        seen.append(text)
        return re.search(r"\d|[:：]", text)

    found = masks.search(test, lines, np.array(among, dtype=bool))
    assert found.tolist() == [bool(may and re.search(r"\d|[:：]", text))
                              for text, may in zip(batch, among, strict=True)]
    assert seen == [text for text, may in zip(batch, among, strict=True) if may]
    assert masks.search(test, lines, among).tolist() == found.tolist()  # a list of bools as the mask


@settings(max_examples=200, deadline=None)
@given(st.lists(mark_lines, max_size=20), st.data())
def test_masks_shared_across_asks_are_the_masks_asked_alone(batch: list[str], data: st.DataObject) -> None:
    """Within masks.shared() (a batch's line rules: Plan.classify) a pattern's finds are remembered per column: any
    sequence of asks, of any rows, on the column and on another column of other texts gives what each ask gives
    alone."""
    rows = st.lists(st.booleans(), min_size=len(batch), max_size=len(batch)).map(lambda b: np.array(b, dtype=bool))
    asks = data.draw(st.lists(st.tuples(st.sampled_from([credits._CLOSES.pattern, r"\d", "a"]),
                                        st.one_of(st.none(), rows), st.booleans()), max_size=8))
    lines = pa.table({"text": pa.array(batch, pa.string()),
                      "other": pa.array([t[::-1] + "a" for t in batch], pa.string())})
    alone = [matching(lines, pattern, column, among) for pattern, among, other in asks
             for column in ["other" if other else "text"]]
    with masks.shared():
        together = [matching(lines, pattern, column, among) for pattern, among, other in asks
                    for column in ["other" if other else "text"]]
    assert [each.tolist() for each in together] == [each.tolist() for each in alone]


def test_a_pattern_asked_again_of_rows_already_scanned_is_not_run_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The saving masks.shared() is for: eight rules asking for [:：] in one batch compile and scan it once a row,
    and a table the rule makes from the same column (a new column object, the same buffers) shares it; a column of
    other texts does not, nor does an ask outside shared()."""
    scanned: list[int] = []
    real = pc.match_substring_regex

    def spy(texts: pa.ChunkedArray, pattern: str) -> pa.ChunkedArray:
        scanned.append(len(texts))
        return real(texts, pattern)

    monkeypatch.setattr(masks.pc, "match_substring_regex", spy)
    lines = pa.table({"text": ["a: b", "c", "d: e", "f"], "reason": pa.nulls(4, pa.string())})
    first, second = np.array([1, 1, 0, 0], dtype=bool), np.array([0, 1, 1, 0], dtype=bool)
    with masks.shared():
        assert matching(lines, "[:：]", among=first).tolist() == [True, False, False, False]
        assert matching(lines, "[:：]", among=second).tolist() == [False, False, True, False]
        assert scanned == [2, 1]  # the second ask scans only its row not yet scanned
        again = lines.set_column(1, "reason", pa.array(["x", None, None, None]))  # as Plan.classify does
        assert matching(again, "[:：]", among=first | second).tolist() == [True, False, True, False]
        assert scanned == [2, 1]
        assert matching(lines, "[:：]").tolist() == [True, False, True, False]
        assert scanned == [2, 1, 1]
        other = pa.table({"text": ["x", "y", "z", "w"]})
        assert matching(other, "[:：]").tolist() == [False] * 4
        assert scanned == [2, 1, 1, 4]
    matching(lines, "[:：]")
    assert scanned == [2, 1, 1, 4, 4]


_WORDS = sorted({*lexicon.CHROME_PREFIXES, *lexicon.IMAGE_PREFIXES, *lexicon.APP_WORDS, *lexicon.DOWNLOAD_WORDS})
keys = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", "0", "a", "ب", "‌"])), max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(keys, max_size=20))
def test_a_list_of_literals_is_one_substring_test_per_word(batch: list[str]) -> None:
    """literals() makes the phrase lists one RE2 pass: what one Arrow substring (or prefix) test per word
    found (the code before it)."""
    column = pa.chunked_array([pa.array(batch, pa.string())])
    lines = pa.table({"key": column})
    for words in (lexicon.CHROME_PREFIXES, lexicon.IMAGE_PREFIXES):
        each = np.zeros(len(batch), dtype=bool)
        for word in words:
            each |= pc.starts_with(column, word).to_numpy()
        assert matching(lines, literals(words, anchored=True), "key").tolist() == each.tolist()
    for words in (lexicon.APP_WORDS, lexicon.DOWNLOAD_WORDS):
        each = np.zeros(len(batch), dtype=bool)
        for word in words:
            each |= pc.match_substring(column, word).to_numpy()
        assert matching(lines, literals(words), "key").tolist() == each.tolist()


# Letters of each core script, in and out of its core, of the others, the evidence letters of Persian and
# Urdu, marks, digits, spaces and punctuation of several scripts, and characters beyond the first 2,048.
_LANGUAGE_PIECES = ["ا", "ب", "ي", "ك", "ی", "ک", "پ", "گ", "\u200c", "ٹ", "ے", "ڪ", "ݨ", "ة", "\u064e", "ـ", "،",
                    "٣", "a", "Z", "é", "ß", "ñ", "K", "İ", "ı", "ж", "Ё", "і", "ї", "α", "ש", "क", "\u0901", "か",
                    "カ", "漢",
                    "ﻻ", "ﷲ", "\U0001d400", "😀", " ", "\u00a0", "\u2003", ".", "؟", "-", "1", "\u200d", "\u2066",
                    "است", "این", "را", "که", "می", "اين", "كه", "يك", "براي"]
_language_piece = st.sampled_from(_LANGUAGE_PIECES)
language_lines = st.lists(st.one_of(_language_piece, _language_piece, st.text(max_size=3)), max_size=12).map("".join)


@settings(max_examples=1000, deadline=None)
@given(language_lines, st.sampled_from(["Latin", "Arabic", "Cyrillic", "Greek"]))
@example("را\u200c", "Arabic").via("one Persian word and ZWNJ")
@example("اين كه", "Arabic").via("Persian words spelled with Arabic yeh and kaf")
@example("ها شد في المدينة", "Arabic").via("words Persian shares with Arabic beside Arabic's ة: Arabic, not Persian")
def test_a_lines_profile_from_its_unusual_characters_is_its_profile_from_all(line: str, script: str) -> None:
    """language._differs reads each line through _plain's patterns: the scripts and marks it finds, and what
    every evidence function says of the characters it keeps, are those of all the line's characters."""
    from builder.text import language

    chars, scripts, marks = language._profile(line, script, language._plain(script))
    every, every_scripts, every_marks = language._profile(line, script, None)
    assert (scripts, marks) == (every_scripts, every_marks)
    assert chars <= every
    for says in (says for _, says in language._RELATIVES.values()):
        assert says(line, chars) == says(line, every)


# Every line terminator str.splitlines knows, with CRLF as one: the reference the segmenter and the line count
# are held to (the segmenter used it before str.splitlines)
LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def segmented_by_regex(raw: str) -> list[Span]:
    """The reference: each line break found by LINE_BREAK, each line trimmed one character at a time
    (the segmenter before str.splitlines)."""
    found, start, number = [], 0, 1
    for end, after in [*((m.start(), m.end()) for m in LINE_BREAK.finditer(raw)), (len(raw), len(raw))]:
        first, last = start, end
        while first < last and raw[first].isspace():
            first += 1
        while last > first and raw[last - 1].isspace():
            last -= 1
        if first < last:
            found.append(Span(first, last, number))
        start, number = after, number + 1
    return found


_SEGMENT_PIECES = ["a", "ب", " ", "\t", "\u3000", "\u00a0", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d",
                   "\x1e", "\x85", "\u2028", "\u2029", "\u200b", "\ud800"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SEGMENT_PIECES), st.text(max_size=3)), max_size=30).map("".join))
def test_lines_split_in_c_are_the_lines_the_regex_found(raw: str) -> None:
    """segment.line_spans (str.splitlines and str.strip) gives the spans and line numbers of the regex and
    character loop it replaced, blank lines, CRLF and every other terminator included."""
    assert list(line_spans(raw)) == segmented_by_regex(raw)
    assert line_texts(raw) == [raw[span.start : span.end] for span in line_spans(raw)]  # the first pass's


_URL_PIECES = ["a", "Z", "0", "-", "_", ".", "~", "/", "?", "=", "&", "#", "%", "%2F", "%2f", "%7e", "%D9%85", "%d9",
               "%zz", "%FF", " ", '"', "<", "\\", "^", "|", "\x7f", "م", "é", "e\u0301", "\u0301", "Å", "\u212b",
               "ﷺ", "😀", "\ud800", "\u200c"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_URL_PIECES), st.text(max_size=2)), max_size=12).map("".join))
@example("مخرج-غدوة-حيّ/95/76326").via("a news site's path: the shortcut")
@example("caf%C3%A9/e\u0301").via("an escape and a text not in NFC: the round trip")
def test_a_url_part_without_escapes_to_decode_is_spelled_as_by_the_round_trip(component: str) -> None:
    """takedown._percent skips its decode-and-NFC round trip for text with no escape and nothing quote()
    escapes in ASCII, already NFC: it spells every path and query as the round trip does."""
    assert takedown._percent(component) == takedown._percent_round_trip(component)


def elected_voting_again(texts: list[str], detected: list[tuple[str, float] | None],
                         settled: tuple[str, float] | None) -> tuple[list[tuple[str, float] | None], tuple[str, float]]:
    """The reference: language._elect as it was before its shortcut, every relabelling followed by a vote
    again (the vote with default dictionaries, as it was)."""
    from collections import defaultdict

    from builder.text import language

    def vote(found: list[tuple[str, float] | None]) -> tuple[str, float] | None:
        weight: dict[str, float] = defaultdict(float)
        chars: dict[str, int] = defaultdict(int)
        for text, result in zip(texts, found, strict=True):
            if result and result[0] != language.UNDETERMINED:
                weight[result[0]] += len(text) * result[1]
                chars[result[0]] += len(text)
        if not weight:
            return None
        lang = max(sorted(weight), key=weight.__getitem__)
        return lang, round(weight[lang] / chars[lang], 4)

    doc = vote(detected)
    assert doc is not None
    for lang in sorted(language._RELATIVES):
        if doc[0] != lang and doc[0] not in language._RELATIVES[lang][0]:
            continue
        relabelled = language._as_document(texts, detected, lang, settled)
        again = vote([(lang, d[1]) if d and r is None else d for d, r in zip(detected, relabelled, strict=True)])
        if again and again[0] == lang:
            return relabelled, again
    return detected, doc


_LABELS = st.one_of(st.none(), st.tuples(st.sampled_from(["ar", "arz", "fa", "ur", "pnb", "sd", "en", "und"]),
                                         st.sampled_from([0.31, 0.5, 0.77, 0.9, 0.9999, 1.0])))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(language_lines, _LABELS), min_size=1, max_size=8), st.booleans())
@example([("این كه را", ("ar", 0.9)), ("است این", ("ar", 0.8)), ("كلام عربي", ("ar", 0.99))], False).via(
    "Persian lines labelled ar in a document voted ar: the vote again elects fa")
@example([("كلام عربي طويل", ("ar", 0.99)), ("ٹڈ اردو", ("ur", 0.5))], True).via("nothing relabelled: no vote again")
def test_a_document_is_elected_as_by_a_vote_taken_again(lines: list[tuple[str, tuple[str, float] | None]],
                                                         settle_first: bool) -> None:
    """language._elect takes no second vote where no line was relabelled (that vote is the first): the lines
    and the document's language are those the vote taken again after every relabelling gives."""
    from builder.text import language

    texts, detected = [text for text, _ in lines], [found for _, found in lines]
    assume(any(found and found[0] != language.UNDETERMINED for found in detected))
    assume(all(text for text, found in lines if found))  # detect_lines labels lines of MIN_CHARS or more only
    settled = detected[0] if settle_first else None
    assert language._elect(texts, detected, settled) == elected_voting_again(texts, detected, settled)


@settings(max_examples=1000, deadline=None)
@given(language_lines)
@example("است، این\u200cها را").via("Persian words beside punctuation and ZWNJ")
@example("استان اینجا").via("Persian words inside longer words")
def test_the_persian_words_of_a_line_are_those_among_all_its_words(line: str) -> None:
    """language._persian finds a line's Persian words with one pattern of whole words: the distinct ones are
    those of its words (runs of \\w) that are Persian."""
    from builder.text import language

    assert set(language._PERSIAN_WORD.findall(line)) == language._PERSIAN_WORDS.intersection(re.findall(r"\w+", line))


def test_a_batch_with_a_lone_surrogate_is_searched_as_u_fffd() -> None:
    """search_all hands a batch to Arrow as it is; a batch Arrow cannot encode (a lone surrogate from
    undecodable input) is searched with U+FFFD in its place, as before."""
    assert search_all(["a@b", "x\ud800@", "plain"], "@") == [True, True, False]
    assert search_all(["x\ud800", "y"], "\ufffd") == [True, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.one_of(st.sampled_from("a\ud800\udc80\u0627\U0001f600"),
                                                                  st.characters()), max_size=12)), max_size=8))
@example(["ok", None, "x\ud800y"]).via("a lone surrogate beside values Arrow takes as they are")
def test_encodable_array_holds_what_encodable_gives_each_value(texts: list[str | None]) -> None:
    """The batch goes to Arrow whole, and value by value only when Arrow refuses one (a lone surrogate): either
    way the array is `encodable` of each value."""
    assert encodable_array(texts).to_pylist() == [encodable(text) for text in texts]


def test_document_slices_among_are_the_documents_with_a_marked_row() -> None:
    """masks.document_slices(among=...) leaves out the documents none of whose rows the mask marks, in order."""
    lines = pa.table({"doc": pa.array([0, 0, 1, 2, 2, 2, 3], pa.int32())})
    assert document_slices(lines) == [(0, 2), (2, 3), (3, 6), (6, 7)]
    assert document_slices(lines, among=np.array([0, 1, 0, 0, 0, 1, 0], dtype=bool)) == [(0, 2), (3, 6)]
    assert document_slices(lines, among=np.zeros(7, dtype=bool)) == []
    assert document_slices(pa.table({"doc": pa.array([], pa.int32())}), among=np.zeros(0, dtype=bool)) == []


def test_document_starts_gives_each_document_s_first_row_or_first_marked_row() -> None:
    """masks.document_starts: each document's top row, or (with `among`, the non-blank rows) its first marked row, as
    Pointer (a document's title) and LabelledBox (the page above a label) use it; none where none is marked."""
    docs = np.array([0, 0, 0, 1, 1, 2])
    assert document_starts(docs).tolist() == [0, 3, 5]
    assert document_starts(docs, np.array([False, True, True, True, False, False])).tolist() == [1, 3]
    assert document_starts(np.array([], dtype=np.int32)).tolist() == []


_SKIPPING = (PageTail, HeadlineRun, RepeatedRow)  # the rules that read only the documents with their cues


def test_the_rules_that_skip_documents_without_their_cues_decide_as_reading_every_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """PageTail (a legal, question or dated line), HeadlineRun (min_run kept headline-like lines) and RepeatedRow
    (a short kept line) read only the documents with their cue: on the labelled pages (news, other shapes, web
    dev), each as the plan runs it, they decide what they decide reading every document (the code before)."""
    labelled = [*load(), *load(SHAPES), *load(WEB_DEV)]
    docs = _documents(labelled)
    lines = lines_table(docs, RepeatedLines.count((site_of_doc(doc), raw_lines_of(doc)[1]) for doc in docs))
    skipped = {rule: 0 for rule in _SKIPPING}
    dropped = dict(skipped)
    for rule in Plan().line_rules:
        decided = rule.decide(lines)
        if isinstance(rule, _SKIPPING):
            module = importlib.import_module(type(rule).__module__)
            read = module.document_slices(lines, among=None)
            with monkeypatch.context() as patch:
                patch.setattr(module, "document_slices", lambda table, among=None: document_slices(table))
                assert rule.decide(lines).to_pylist() == decided.to_pylist(), rule.name
            skipped[type(rule)] = len(read) - len(_read_by(rule, lines))
            dropped[type(rule)] = len(decided) - decided.null_count
        lines = lines.set_column(lines.schema.get_field_index("reason"), "reason",
                                 pc.coalesce(lines.column("reason").combine_chunks(), decided.cast(pa.string())))
    assert all(skipped.values()), skipped  # each skips some documents here...
    assert dropped[PageTail] and dropped[HeadlineRun], dropped  # ...and drops lines in others


def _read_by(rule: LineRule, lines: pa.Table) -> list[tuple[int, int]]:
    """The document slices `rule` reads of `lines` (a spy on its module's document_slices)."""
    module = importlib.import_module(type(rule).__module__)
    read: list[tuple[int, int]] = []

    def spy(table: pa.Table, among: np.ndarray | None = None) -> list[tuple[int, int]]:
        found = document_slices(table, among=among)
        read.extend(found)
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "document_slices", spy)
        rule.decide(lines)
    return read


def test_the_combining_marks_written_out_are_those_unicode_gives() -> None:
    """pii's class of combining marks is written out for one Unicode version (computing it at every start cost
    8-20 ms); on that version it must be what _marks computes, on another it is computed."""
    import unicodedata
    assert pii._marks() == pii._M
    assert (pii._M is pii._MARKS) == (unicodedata.unidata_version == pii._MARKS_VERSION)


# --- a paragraph's dedup key from its line's features ---------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(raw_lines, st.data())
def test_a_paragraph_key_from_known_features_is_the_key_made_from_its_text(texts: list[str], data: st.DataObject
                                                                          ) -> None:
    chars = Chars.of(texts)
    features = list(zip(line_keys(chars), word_counts(chars).tolist(), strict=True))
    known = [each if data.draw(st.booleans()) else None for each in features]
    assert paragraph_keys(texts, known) == paragraph_keys(texts) == [paragraph_keys([t])[0] for t in texts]


def test_a_paragraph_with_personal_data_replaced_has_the_key_of_its_own_text() -> None:
    """run_plan gives a kept line its line's key, but a paragraph whose address was replaced is not its line's text
    (the line's key would name the address): its key is made from what is kept."""
    from builder.run.work import run_plan

    mail = "Write to jane@example.org about the budget and the new school, the editors of this page said."
    plain = "The council voted on the budget for the new school after a long debate on Tuesday evening."
    doc = Document("d1", f"{plain}\n{mail}\n", "s.jsonl", Location("s.jsonl", 1))
    (processed,) = run_plan([doc], None, Plan())
    texts = [p.text for p in processed.kept]
    assert texts == [plain, mail.replace("jane@example.org", "<email>")]
    assert processed.keys == paragraph_keys(texts) != paragraph_keys([plain, mail])


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, texts.map(lambda t: t.replace(".", ".\u200b").replace("@", "\u00ad@"))), st.integers(0, 3))
def test_a_record_id_from_the_id_as_published_is_record_id(doc_id: str, index: int) -> None:
    """place renumbers a document's paragraphs after a repeated one from its records' doc_id (identifier's):
    the ids must be record_id's, an invisible character in the id or not, and without the published form too."""
    assert published_record_id(doc_id, identifier(doc_id), index) == record_id(doc_id, index)
    assert published_record_id(doc_id, None, index) == record_id(doc_id, index)


def test_two_threads_in_shared_leave_nothing_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    """masks.shared() and steps.remembered_values() are one a thread: two builds in threads of one process (the API),
    one entering while the other is inside and leaving first, leave no memo behind (attack28: one global memo, the
    second to leave put the first's back, and it then held every column and pattern's finds after it, for good)."""
    import threading

    a_inside, b_inside, a_left = threading.Event(), threading.Event(), threading.Event()

    def a() -> None:
        with masks.shared():
            a_inside.set()
            b_inside.wait(5)
        a_left.set()

    def b() -> None:
        a_inside.wait(5)
        with masks.shared():
            b_inside.set()
            a_left.wait(5)

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    scanned: list[int] = []
    real_scanned = masks._scanned
    monkeypatch.setattr(masks, "_scanned", lambda texts, pattern, among: scanned.append(1) or real_scanned(
        texts, pattern, among))
    converted: list[int] = []

    class Counted(list):  # type: ignore[type-arg]
        def to_pylist(self) -> list[object]:
            converted.append(len(self))
            return list(self)

    column = Counted(["a b", "c"])

    class Table:
        def column(self, name: str) -> Counted:
            return column

    monkeypatch.setattr("builder.steps.column_key", lambda found: ("one column",))
    values(Table(), "text")  # type: ignore[arg-type]
    values(Table(), "text")  # type: ignore[arg-type]
    lines = pa.table({"text": pa.array(["a b", "c"], pa.string())})
    matching(lines, r"\w")
    matching(lines, r"\w")
    assert converted == [2, 2] and len(scanned) == 2  # outside shared(): each ask converts and scans afresh
