"""The one way rejects are made: one snippet length, the reason's explanation as default message."""

from builder.outcomes import SNIPPET, Location, Reject
from builder.reasons import explain


def test_document_and_line_rejects_cut_their_text_to_one_snippet_length() -> None:
    where = Location("a.jsonl", 3)
    document = Reject.document("near_duplicate", where, "a.jsonl", doc_id="d", text="x" * (SNIPPET + 50),
                               duplicate_of="c")
    line = Reject.line("boilerplate_footer", where, "a.jsonl", doc_id="d", char_start=5, char_end=9000,
                       text="y" * 9000)
    assert (document.kind, line.kind) == ("document", "line")
    assert len(document.text or "") == len(line.text or "") == SNIPPET
    assert document.message == explain("near_duplicate") and line.message == explain("boilerplate_footer")
    assert (line.char_start, line.char_end, document.duplicate_of) == (5, 9000, "c")


def test_a_given_message_replaces_the_explanation() -> None:
    reject = Reject.document("schema_invalid", Location("a.jsonl"), "a.jsonl", message="$.id: not a string")
    assert reject.message == "$.id: not a string" and reject.text is None
