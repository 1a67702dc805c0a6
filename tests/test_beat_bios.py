"""A reporter's beat and how to reach them under the article, with no "About the author" heading and not the page's
last prose (readers' comments may follow): `bios.AuthorBio` (session 28). Composed lines."""

from __future__ import annotations

from builder.rules.bios import AuthorBio
from tests.test_line_rules import decide

BODY = ["The town council voted on Monday to close the library on Saturdays from January to save money.",
        "Residents said the change would hit families and older readers who cannot visit during the week.",
        "The council will review the hours again next autumn, a spokesperson said."]
COMMENT = "I have used that library every Saturday for twenty years and I am very sad to see this happen."


def test_a_name_a_beat_and_a_contact_under_the_article_go() -> None:
    """"NAME covers … Reach her at …" or an e-mail address, in English or Spanish, though a reader's comment below is
    the page's last prose."""
    for bio in ["Nora Quill covers town government and schools. Reach her at nquill@example.org.",
                "Ana Ruiz cubre la alcaldía y los barrios del norte. Escríbale a aruiz@example.org."]:
        assert decide(AuthorBio(), [*BODY, bio, COMMENT]) == [None] * 3 + ["boilerplate_author_bio", None], bio


def test_a_beat_with_no_contact_or_naming_someone_the_article_names_stays() -> None:
    """No way to reach them: a sentence of the article ("Nora Quill covers the cost …"); a contact, but the name is
    one the article gives above (the councillor it quotes): hers, not a bio."""
    plain = "Nora Quill covers the cost of the Saturday opening out of her own pocket, the council said."
    named = [*BODY[:2], "Councillor Nora Quill said she would fight the cut.",
             "Nora Quill covers the northern ward. Reach her at the town hall on Fridays."]
    assert decide(AuthorBio(), [*BODY, plain, COMMENT]) == [None] * 5
    assert decide(AuthorBio(), named) == [None] * 4


def test_a_long_line_of_at_signs_is_judged_in_linear_time() -> None:
    """The contact's address pattern on a hostile line (200 KB of "a@a@…", no address in it) and on one that ends
    with an address: a few milliseconds, not the seconds per 100 KB of trying every "@" (review28)."""
    from time import process_time

    from builder.rules.bios import _CONTACT

    hostile = "a@" * 100_000
    started = process_time()
    assert _CONTACT.search(hostile) is None
    assert _CONTACT.search(hostile + "b.org") is not None and _CONTACT.search("x " + hostile + " b.org") is None
    assert process_time() - started < 0.5
