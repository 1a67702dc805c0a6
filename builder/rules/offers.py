"""A paywall's or a membership's pitch where the article stops: the reading meter ("You have read 2 of 3 free
articles this month", "Sie möchten weiterlesen?", "Il vous reste 65 % de cet article à lire") and the offer ("Jetzt
4 Wochen für 0,99 € testen – danach 9,99 € monatlich, jederzeit kündbar", "Abonnez-vous pour 1€ le premier mois,
sans engagement"), with the short labels and buttons between them ("Jetzt weiterlesen mit LB+", "Je m'abonne").

A price with a period is as common in an article about prices ("the plan costs $7.99 a month") as in an offer, so
the words alone never decide; the place and the block do. A meter speaks to the reader about what they may read (a
cue of `METER` and a word of address, or a label of a few words with no sentence end), and does not stand between
two of the article's paragraphs. An offer names a price or a
subscription together with a period or its terms (`PRICE` or `SUBSCRIBE`, and `PERIOD` or `TERMS`), and goes
only where no prose but a meter is right above it (an article's paragraph about a price has its own paragraphs
over it, about prices too, maybe), and only in a pitch: a meter within two lines of it (where the article is
cut), or, with none of the article's prose under it, it speaks to the reader or another offer stands within two
lines of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, matching
from builder.rules.structure import prose_lines
from builder.rules.web import ADDRESS
from builder.steps import LineRule, array, undecided

# What the reader may still read, in the languages of the corpus and the web's largest (RE2).
METER = (r"(?i)free articles?|articles? gratuits?|kostenlose artikel|gratis-artikel|artículos gratuitos|"
         r"articoli gratuiti|weiterlesen|lire la suite|continue reading|keep reading|read the full (?:story|article)|"
         r"seguir leyendo|sigue leyendo|continua a leggere|reste \d+ ?% |for subscribers|subscribers only|"
         r"aux abonnés|für abonnenten|abonnenten vorbehalten|para suscriptores|per gli abbonati|للمشتركين|"
         r"ادامه مطلب برای مشترکان|مشترکان")
# A price: a figure with a currency sign or name.
PRICE = (r"(?i)[€£$¥₹]\s?\d|\d\s?(?:€|£|\$|¥)|\d\s?(?:eur|euros?|usd|dollars?|pence|cents?|francs?|"
         r"ريال|درهم|جنيه|دينار|تومان|ریال|روپے)(?:\s|[.,;:!?)]|$)")
# A subscription, a membership or a gift.
SUBSCRIBE = (r"(?i)subscri|abonn|\babo\b|suscri|abbona|assinatura|assine|patreon|membership|mitgliedschaft|"
             r"adhésion|donat|spende|اشتراك|اشترك|اشتراک|سبسکرائب")
# What it costs per period (a period alone, "six mois", is a duration), or the offer's terms.
PERIOD = (r"(?i)\b(?:a|per|each|every|first|your first)\s(?:month|week|year)|/\s?(?:month|mo|week|year)\b|monthly|"
          r"weekly|yearly|annually|im monat|pro monat|monatlich|ersten monat|wochen? für|pro woche|jährlich|"
          r"par mois|/\s?mois|premier mois|mois offerts?|par an\b|par semaine|al mes\b|por mes\b|primer mes|"
          r"al año|mensual|al mese|mensile|شهري|في الشهر|الشهر الأول|سنوي|ماهانه|ماهیانه|در ماه|ماہانہ")
TERMS = (r"(?i)cancel any ?time|cancel at any time|jederzeit kündbar|sans engagement|résiliable à tout moment|"
         r"sin permanencia|sin compromiso|cancela cuando quieras|senza vincoli|unlimited access|accès illimité|"
         r"unbegrenzte?n? zugriff|acceso ilimitado|accesso illimitato")
MAX_WORDS = 40  # a pitch is a sentence or two
LABEL_WORDS = 5  # a label or button in the block ("Jetzt weiterlesen mit LB+", "Subscribe now")
NEAR = 2  # lines between two of the pitch's cue lines
LABEL_REACH = 2  # labels and buttons taken on each side of a line taken


@dataclass(frozen=True)
class PaywallOffer(LineRule):
    """A paywall's reading meter (speaking to the reader, or a label) and an offer (a price or a subscription with
    its period or terms) with no article prose right above it, next to a meter, or below the article speaking to
    the reader or next to another offer; and the short labels and buttons right next to the lines taken."""

    name = "paywall_offer"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_offer": "a paywall's or a membership's pitch: the reading meter (\"you have read 2 of 3 free "
                             "articles\", \"Sie möchten weiterlesen?\") and the offer of a price or a subscription "
                             "with its period or terms where the article stops, with the labels and buttons next "
                             "to them",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        nonblank = array(lines, "length") > 0
        out: list[str | None] = [None] * len(lines)
        short = kept & nonblank & (words <= MAX_WORDS)
        meter = matching(lines, METER, among=short)
        priced = matching(lines, PRICE, among=short) | matching(lines, SUBSCRIBE, among=short)
        offer = matching(lines, PERIOD, among=priced) | matching(lines, TERMS, among=priced)
        if not (meter | offer).any():
            return pa.array(out, pa.string())
        ends = array(lines, "ends_sentence").astype(bool)
        label = kept & nonblank & (words >= 1) & (words <= LABEL_WORDS) & ~ends
        addressed = matching(lines, ADDRESS, among=meter | offer)
        meter &= addressed | label
        cue = meter | offer
        is_prose = prose_lines(lines, kept)
        article = is_prose & ~cue
        for start, end in document_slices(lines):
            if not cue[start:end].any():
                continue
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            below = np.cumsum([bool(article[r]) for r in reversed(rows)])[::-1]  # article lines from each row down
            cues = [p for p, r in enumerate(rows) if cue[r]]
            taken = []
            for p in cues:
                r = rows[p]
                if meter[r]:  # unless between two of the article's paragraphs: a sentence of its own
                    if not (0 < p < len(rows) - 1 and article[rows[p - 1]] and article[rows[p + 1]]):
                        taken.append(p)
                    continue
                under = p + 1 < len(rows) and below[p + 1] > 0
                over = p > 0 and is_prose[rows[p - 1]] and not meter[rows[p - 1]]  # an offer too: two paragraphs
                near = [q for q in cues if q != p and abs(q - p) <= NEAR]
                if not over and (any(meter[rows[q]] for q in near) or (not under and (addressed[r] or near))):
                    taken.append(p)
            for p in taken:
                out[rows[p]] = "boilerplate_offer"
                if below[p]:
                    continue  # a meter over the article: the headline under it is no button
                for step in (-1, 1):  # the block's labels and buttons next to it, up to a line that is none
                    for q in range(p + step, p + step * (LABEL_REACH + 1), step):
                        if not 0 <= q < len(rows) or not label[rows[q]]:
                            break
                        out[rows[q]] = "boilerplate_offer"
        return pa.array(out, pa.string())
