"""Calls to follow the site on a news aggregator or a messaging channel, in the words of the corpus's and the web's
languages. Composed lines."""

from __future__ import annotations

from builder.rules.web import CallToAction
from tests.test_line_rules import decide


def test_a_call_to_follow_the_site_s_channel_goes() -> None:
    """The verb opens the call (or closes it, in Urdu) and names a channel: Google News, a WhatsApp channel."""
    calls = ["Sigue a El Diario del Valle en Google News", "Ikuti berita terbaru Harian Kota di Google News",
             "تازہ خبروں کے لیے ہمارا واٹس ایپ چینل فالو کریں", "Klik di sini untuk langgan saluran Telegram kami",
             "Recibe las noticias en tu móvil. ¡Únete a nuestro canal de WhatsApp!"]
    assert decide(CallToAction(), calls) == ["boilerplate_call"] * len(calls)


def test_sentences_that_report_a_channel_or_follow_something_else_stay() -> None:
    """A verb that opens a report ("Sigue la búsqueda …"), a channel named in a report, and following a path."""
    lines = ["Sigue la búsqueda del pescador desaparecido frente a la costa, informó el canal local.",
             "Google News dejó de mostrar noticias de medios españoles en 2014.",
             "Ikuti jalan setapak di sepanjang sungai sampai ke air terjun.",
             "وزیر نے کہا کہ واٹس ایپ چینل پر جعلی خبریں پھیلائی جا رہی ہیں۔"]
    assert decide(CallToAction(), lines) == [None] * len(lines)
