"""Every reason code a document or line can be dropped for, with the sentence that explains it.

The same codes appear in rejects/, in manifest.json counts and in the card.
"""

DOCUMENT_REASONS = {
    "invalid_utf8": "the file or line is not valid UTF-8",
    "malformed_json": "the line or file is not valid JSON",
    "schema_invalid": "the document does not match schema/document.schema.json",
    "duplicate_id": "another document with the same id came first",
    "unsupported_format": "the file is not one of the supported input formats",
    "unreadable_source": "the file could not be read (permissions, truncated archive, corrupt data)",
    "outside_source_root": "a symlink that points outside the source folder",
    "empty_after_clean": "no paragraph left after cleaning",
}

LINE_REASONS = {
    "empty_after_clean": "nothing left after Unicode cleaning",
}


def explain(code: str) -> str:
    return LINE_REASONS.get(code) or DOCUMENT_REASONS.get(code) or code
