"""A paywall's or a membership's pitch where the article stops: the reading meter and the offer of a price or a
subscription with its period, with their buttons; and the articles about prices that must keep theirs. Composed
pages, no corpus text."""

from __future__ import annotations

from builder.rules.offers import PaywallOffer
from tests.test_line_rules import classify, decide

ARTICLE = ["Le conseil municipal a voté mardi soir la fermeture de la classe unique du village à la rentrée.",
           "Onze élèves étaient inscrits cette année, contre dix-neuf il y a cinq ans, selon la mairie.",
           "Les parents ont annoncé qu'ils occuperaient l'école le jour de la visite de l'inspecteur."]
FRENCH = ["Vous voulez lire la suite ?",
          "Profitez de notre offre découverte : 1 € le premier mois, sans engagement.",
          "Je m'abonne",
          "Déjà abonné ? Se connecter"]
GERMAN = ["Jetzt weiterlesen mit Bote+",
          "Alle Artikel auf bote.example für 7,99 € im Monat. Jederzeit kündbar.",
          "Jetzt testen"]
FOOTER = ["Mentions légales", "Contact"]
OFFER = "boilerplate_offer"


def test_a_paywall_where_the_article_is_cut_goes() -> None:
    """The meter ("Vous voulez lire la suite ?", "Jetzt weiterlesen mit Bote+"), the offer under it and the
    button: the article above stays (the plan's rules, and the rule alone once WebNotice took "Déjà abonné ?")."""
    for pitch in (FRENCH, GERMAN):
        page = [*ARTICLE, *pitch, *FOOTER]
        reasons: list[str | None] = [None] * len(page)
        if pitch is FRENCH:
            reasons[len(ARTICLE) + 3] = "boilerplate_notice"
        decided = decide(PaywallOffer(), page, reasons=reasons)
        assert decided[:len(ARTICLE)] == [None] * len(ARTICLE)
        assert decided[len(ARTICLE):len(ARTICLE) + 3] == [OFFER] * 3
        planned = classify(page)
        assert planned[:len(ARTICLE)] == [None] * len(ARTICLE)
        assert all(why is not None for why in planned[len(ARTICLE):len(ARTICLE) + 3])


def test_a_meter_over_the_headline_goes_and_the_headline_stays() -> None:
    """"You have 2 free articles left this month." speaks to the reader about what they may read, above the
    headline: it goes; the headline under it, a short line with no sentence end, is no button of it."""
    page = ["You have 2 free articles left this month. Subscribe now for unlimited access.",
            "Mill Street bridge to close for five months",
            "The Mill Street bridge will close to all traffic from March so crews can replace its deck.",
            "The bridge carries about 9,400 vehicles a day and is the only crossing near the town center.",
            "Drivers will be sent north to the Canal Road bridge, adding up to twelve minutes at rush hour."]
    assert decide(PaywallOffer(), page) == [OFFER, None, None, None, None]


def test_an_article_s_prices_per_month_stay() -> None:
    """A paragraph about a subscription's price and its terms, under the article's other paragraphs or in the
    middle of them; and a price per year below the article that neither speaks to the reader nor stands next to a
    meter or another offer."""
    prices = ["The streaming service said its basic plan would cost $7.99 a month from March.",
              "Subscribers can cancel at any time, and the annual plan stays at $79 a year, the company said."]
    news = ["The company announced the changes on Tuesday, its second price rise in two years.",
            "Analysts said the move would test how many customers are willing to pay for fewer adverts.",
            *prices]
    assert decide(PaywallOffer(), news) == [None] * len(news)
    middle = [*news[:2], prices[0], news[1].replace("Analysts", "Investors")]
    assert decide(PaywallOffer(), middle) == [None] * len(middle)
    club = [*ARTICLE, "Photo: Jean Dupont", "L'adhésion au club de randonnée coûte 20 € par an.", *FOOTER]
    reasons: list[str | None] = [None] * len(club)
    reasons[len(ARTICLE)] = "boilerplate_credit"
    assert decide(PaywallOffer(), club, reasons=reasons) == [None] * len(club)


def test_a_sentence_about_reading_on_between_the_article_s_paragraphs_stays() -> None:
    """An article's own sentence that speaks to the reader about reading on, with its paragraphs on both sides."""
    aside = "If you want to keep reading about the school, our series on rural classes starts with the village."
    page = [*ARTICLE[:2], aside, ARTICLE[2]]
    assert decide(PaywallOffer(), page) == [None] * len(page)
