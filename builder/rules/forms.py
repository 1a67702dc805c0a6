"""A web form's fields: "Commentaire *", "Nom *", "Email*", "Comente*" with the labels and button around them
("Site web", "Post Comment").

A form marks the fields a visitor must fill with an asterisk after the label, in any language, and extraction
keeps the labels as lines of their own: a line of one to three words ending with that mark, no digit in it (a
footnote's "£10 *" or "Total 2 *" is the article's), is a field, and the short unended lines right next to it
(other fields' labels, the submit button) go with it. No word list: the mark is the cue. A list item written
with a leading asterisk ("* flour") is not a field.

A newsletter box marks no field, but asks for an e-mail: a label that is the word for it, alone or with whose it
is ("Your email", "Email address", "Adresse e-mail"), is a field too. Under it the run stops at the button, since
a box in the middle of a post may have the post's title right under it, unless a consent line closes the run
("By signing up you agree to our Privacy Policy", "You can unsubscribe at any time": spoken to the visitor, with a
word of terms, privacy or unsubscribing); that line goes, and so does the box's heading above its fields (a short
line with no sentence end: "Get the Morning Brief in your inbox").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import Hinted, document_slices, matching
from builder.rules.web import ADDRESS
from builder.steps import LineRule, array, undecided

_REQUIRED = Hinted(r"^[^\d*]*[^\s\d*]\s?\*\s*$", hint=r"\*")  # a label, then the required mark: "Nom *", "Email*"
# A field for an e-mail, which every newsletter box asks for, marked or not: a label that is the word, alone or
# with whose it is ("Your email", "Work email", "Enter your email", "Adresse e-mail", "Email address",
# "البريد الإلكتروني"); a share button names it after a verb ("Share via Email") and is none.
_EMAIL = (r"(?i)^\W*(?:(?:enter )?your |work |votre |adresse |ihre |deine |tu |su |seu )?"
          r"(?:e-?mail|courriel|correo(?: electrónico)?|e-mail-adresse|البريد الإلكتروني|ایمیل|ای‌میل|ای میل|ईमेल)"
          r"(?:\s(?:address|adresse))?\W*$")
# The line under a form that has its visitor agree to terms or tells them they can leave ("By signing up you agree
# to our Privacy Policy", "You can unsubscribe at any time"), spoken to them (`web.ADDRESS`).
_CONSENT = (r"(?i)agree|unsubscri|privacy|terms of|accept|désinscri|désabonn|confidentialité|données personnelles|"
            r"datenschutz|abmelden|privacidad|darte de baja|الخصوصية|إلغاء الاشتراك|حریم خصوصی")
PITCH_WORDS = 15  # a box's heading over its fields: "Get the Morning Brief in your inbox"
CONSENT_WORDS = 40


@dataclass(frozen=True)
class FormFields(LineRule):
    """A required field's label (1-3 words ending with " *", no digit) or an e-mail field's, and the short unended
    kept lines right above and below it, up to `reach` on each side (the form's other labels and its button; under
    an e-mail field, the button only, or the labels down to a consent line); and around an e-mail field's box, its
    heading and its consent line."""

    name = "form_fields"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_form": "a web form's field labels (a label ending with the required-field mark \"*\", or an "
                            "e-mail field's) and the short labels and button next to them; a newsletter box's heading "
                            "and consent line",
    }
    max_words: int = 3
    reach: int = 3
    pitch_words: int = PITCH_WORDS

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, length = array(lines, "words"), array(lines, "length")
        kept = undecided(lines) & (length > 0)
        label = kept & (words >= 1) & (words <= self.max_words) & ~array(lines, "ends_sentence")
        required = matching(lines, _REQUIRED, among=label)
        email = matching(lines, _EMAIL, among=label & ~required & ~matching(lines, r"\d", among=label))
        field = required | email
        out: list[str | None] = [None] * len(lines)
        if not field.any():
            return pa.array(out, pa.string())
        nonblank = length > 0
        ends = array(lines, "ends_sentence")
        pitch = kept & (words <= self.pitch_words) & ~ends
        consent = matching(lines, _CONSENT, among=kept & (words <= CONSENT_WORDS))
        consent = matching(lines, ADDRESS, among=consent)
        for start, end in document_slices(lines):
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            for p, r in enumerate(rows):
                if not field[r]:
                    continue
                out[r] = "boilerplate_form"
                block = [p, p]
                for step in (-1, 1):  # the labels next to it, up to a line that is no label (or was dropped)
                    run = []
                    for q in range(p + step, p + step * (self.reach + 1), step):
                        if not 0 <= q < len(rows) or not label[rows[q]]:
                            break
                        run.append(q)
                    if email[r] and step == 1 and run and not (run[-1] + 1 < len(rows) and consent[rows[run[-1] + 1]]):
                        run = run[:1]  # under an e-mail field, its button: a box in a post may have a title under it
                    for q in run:
                        out[rows[q]] = "boilerplate_form"
                        block[step > 0] = q
                if email[r]:  # a newsletter box: its heading above, the consent line under it or above
                    top, bottom = block[0] - 1, block[1] + 1
                    if top >= 0 and (pitch[rows[top]] or consent[rows[top]]):
                        out[rows[top]] = "boilerplate_form"
                    if bottom < len(rows) and consent[rows[bottom]]:
                        out[rows[bottom]] = "boilerplate_form"
        return pa.array(out, pa.string())
