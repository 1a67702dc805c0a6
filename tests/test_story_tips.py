"""A news site's call for readers' stories and tips, with the address to write to ("Got a story? Email
newsdesk@… or message us on WhatsApp", "Hai una segnalazione? Scrivi alla redazione: …", "¿Tienes una historia?
Escríbenos al WhatsApp …"). Composed lines."""

from __future__ import annotations

from builder.rules.web import CallToAction
from tests.test_line_rules import decide


def test_a_call_to_write_to_the_newsroom_goes() -> None:
    """The verb opens a sentence of the line ("Email" only with the address right after it) and names where to."""
    calls = ["Got a story? Email news@valleyherald.example or message us on WhatsApp.",
             "Do you have a story for us? Email newsdesk@valleyherald.example",
             "Hai una segnalazione? Scrivi alla redazione: redazione@gazzettadelpo.example",
             "¿Tienes una denuncia? Escríbenos al WhatsApp +34 600 123 456",
             "Vous avez une info ? Écrivez-nous à redaction@lechodupays.example"]
    assert decide(CallToAction(), calls) == ["boilerplate_call"] * len(calls)


def test_sentences_about_email_or_writing_stay() -> None:
    """"Email" as a noun opening a report, a writer who wrote to someone, an address given inside a report."""
    lines = ["Email remains the most common way in for attackers, the agency said on its website.",
             "Scrivi il tuo nome, diceva il cartello all'ingresso della mostra.",
             "The mayor wrote to residents last week and gave her address, mayor@town.example, for complaints.",
             "Email scams cost pensioners in the county more than 2 million pounds last year, police said."]
    assert decide(CallToAction(), lines) == [None] * len(lines)


def test_a_line_that_gives_the_writer_s_address_to_contact_goes() -> None:
    """"للتواصل مع الكاتبة: <address>" ("to contact the writer"): the purpose opens the line and an address follows;
    the same purpose opening a report, without an address, stays."""
    assert decide(CallToAction(), ["للتواصل مع الكاتبة: huda.salem@akhbarona.example",
                                   "للتواصل مع فريق التحرير: desk@akhbarona.example"]) == ["boilerplate_call"] * 2
    report = "للتواصل مع الأهالي، زار الوزير القرى المتضررة صباح أمس واستمع إلى مطالبهم."
    assert decide(CallToAction(), [report]) == [None]
