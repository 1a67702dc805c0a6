"""One sanitiser for all text that leaves a build: which fields of each output are free text and
which are identifiers, decided here and nowhere else.

- Free text (paragraphs, the text and message of a reject, removed lines, and through them the
  card) has each e-mail and IP address (and phone number, with --pii-phones) replaced by `<email>`,
  `<ip>`, `<phone>`, and every replacement is counted for the card and the manifest.
- Identifiers (`doc_id`, `url`, `duplicate_of`) keep their shape: an address inside one becomes
  `<email:HASH>` (see pii.pseudonymise), so ids stay unique and stable and the rows of one document
  still join. These are not counted: the same id is repeated on every row of its document. Phone
  numbers are not looked for in ids (numeric ids would match).
- File paths (`source`, the manifest's inputs) are kept as written: they are the user's own names
  for the files handed over, and the only way to find an input again. Rename files whose names hold
  personal data.

Kept paragraphs are redacted where they are made (builder.paragraphs, in the workers); records get
their identifiers here (records.record_rows), and rejects are sanitised once, in pipeline._reject,
before they are counted or written, which covers rejects/, removed_lines.json and the card.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from builder.document import Reject
from builder.pii import pseudonymise, redact


def identifier(value: str | None) -> str | None:
    return None if value is None else pseudonymise(value)


@dataclass
class Sanitiser:
    phones: bool = False
    counts: Counter[str] = field(default_factory=Counter)  # replacements in free text, by kind

    def text(self, value: str | None) -> str | None:
        return None if value is None else redact(value, self.phones, self.counts)

    def identifier(self, value: str | None) -> str | None:
        return identifier(value)

    def reject(self, item: Reject) -> Reject:
        return replace(item, text=self.text(item.text), message=self.text(item.message) or "",
                       doc_id=self.identifier(item.doc_id), duplicate_of=self.identifier(item.duplicate_of))
