"""A site's disclaimer, written as a full sentence: "The views expressed are the author's own", "الموقع غير مسؤول عن
التعليقات المنشورة", "ادارے کا قارئین کی رائے سے متفق ہونا ضروری نہیں", "Los comentarios son de exclusiva
responsabilidad de sus autores". A site says it in its own words (the phrase list cannot hold them all), and says it
on one page only as far as a build of a few of its pages can see (the site-template pass needs six).

A few phrases only a disclaimer uses ("do not necessarily reflect", "لا تعبر بالضرورة عن") are `web.NOTICES`, taken
wherever they stand; this rule takes the others, which an article may use too. The evidence is two cue sets that
must both be in the line (its matching key, so spelling variants fold):

- a stance of not answering for something (`STANCE`): not responsible for, does not necessarily reflect, is the
  author's own, is the sole responsibility of, the site does not have to agree with;
- what a site publishes or points to, as what it does not answer for (`PUBLISHED`): comments, views and opinions,
  content, external sites and links, the articles or posts, the information or answers it gives.

Two more kinds of stance count with the same evidence: that what the site publishes is no substitute for an expert
or is for general guidance only (a health or how-to site's "ولا تغني عن استشارة الطبيب", "جایگزین مشاوره … نیست",
"ڈاکٹر کے معائنے کا متبادل نہیں", "for general guidance only"), and that the site earns from what the reader buys
through its links or is not paid for what it shows (`EARNS`: an affiliate disclosure, "As an Amazon Associate we earn
from qualifying purchases", "ان سے خریداری پر ہمیں معمولی کمیشن ملتا ہے"). Their cues are phrases, not single words:
"commission" alone is also an electoral commission ("الیکشن کمیشن"), "affiliated" a hospital's university.

An article says such things too ("the ministry called the statement irresponsible", "the poll does not necessarily
reflect the views of all voters"), between two of its sentences; a disclaimer stands apart from them, next to a line
that is not the article's prose (the page's title, a comment section's label, the tags, the page's foot) or at the
page's edge. Its place is judged by its neighbours only: comments under it are prose too, so "no prose below" would
keep the disclaimer above a comment section. A note with a label ("ملاحظة:", "Note:") and a stance is the site's
wherever it stands, whatever it disclaims, and so is one that says the site could not check a figure (`UNCHECKED`).

It decides after the other rules: the footer trim (`structure.Structure`) takes a page's last short lines (a closing
poem, the items of a list) for its foot when no prose is left under them, and a disclaimer taken before it stood
there as the last prose; taken after, it goes alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import literals, matching, search
from builder.rules.structure import prose_lines
from builder.steps import LineRule, array, undecided, where
from builder.text.keys import line_key


def _cues(phrases: str) -> str:
    """An RE2 pattern over the key from phrases separated by "|"; "…" in a phrase stands for a few words."""
    return "|".join(".{0,40}".join(re.escape(line_key(part)) for part in phrase.split("…"))
                    for phrase in phrases.replace("\n", "").split("|"))


# Not answering for something, in the languages of the corpus and the web's largest.
STANCE = _cues("""not responsible for|no responsibility for|accepts no liability|not liable for|
does not necessarily reflect|not necessarily those of|are solely those of|the author's own|
sole responsibility of|n'engage que|
ne reflètent pas nécessairement|ne reflète pas nécessairement|n'est pas responsable|décline toute responsabilité|
seule responsabilité|no se hace responsable|no es responsable|no reflejan necesariamente|no refleja necesariamente|
no representan la opinión|no representa la opinión|exclusiva responsabilidad|única responsabilidad|
keine haftung|keine verantwortung|nicht unbedingt die meinung|nicht die meinung|
غير مسؤول عن|غير مسؤولة عن|لا يعبر عن رأي|لا تعكس بالضرورة|لا يعكس بالضرورة|تعبر عن رأي كاتب|
تعبر عن رأي صاحب|تعبر عن آراء أصحاب|تعبر عن رأي أصحاب|تعبر عن وجهة نظر كاتب|تعبر عن وجهة نظر أصحاب|
لا تتحمل…مسؤولية|لا يتحمل…مسؤولية|تعكس وجهات نظر أصحابها|
متفق ہونا ضروری نہیں|ذمہ دار نہیں|مسئولیتی در قبال|مسئولیتی ندارد|لزوما دیدگاه|لزوماً دیدگاه|
بیانگر دیدگاه|نظر شخصی|تعبر عن وجهة نظر كتاب|
not a substitute for|no substitute for|does not replace|do not replace|for general guidance only|
for general information only|for information purposes only|for informational purposes only|
for educational purposes only|ne remplace pas|ne remplacent pas|ne se substitue pas|no sustituye|no sustituyen|
no reemplaza|ersetzt nicht|ersetzen nicht|ersetzt keine|ersetzen keine|لا تغني عن|لا يغني عن|لا تحل محل|
لا يحل محل|جایگزین…نیست|جایگزین…نمی شود|جایگزین…نمیشود|متبادل نہیں|نعم البدل نہیں|yerine geçmez""")
# The site earning from what the reader buys through its links (an affiliate disclosure), or not paid for what it
# shows: with `PUBLISHED` (the links, the post, the purchases), a disclosure as a disclaimer is a statement.
EARNS = _cues("""earn from qualifying purchases|amazon associate|affiliate link|affiliate program|affiliate partner|
earn a commission|small commission|commission from|rémunéré|rémunérée|liens affiliés|lien affilié|
enlaces de afiliados|enlace de afiliado|una comisión|pequeña comisión|affiliate-link|eine provision|
نحصل على عمولة|عمولة صغيرة|ایفیلیئیٹ|معمولی کمیشن|کمیشن ملتا|لینک همکاری|همکاری در فروش""")
# What a site publishes or points to.
PUBLISHED = literals(line_key(word) for word in """comment|view|opinion|content|external|link|article|post|
author|commentaire|avis|propos|opinion|contenu|externe|lien|auteur|article|comentario|opinión|opiniones|contenido|
externo|enlace|autor|artículo|kommentar|meinung|inhalt|extern|verlinkt|autor|beitr|
التعليق|تعليقات|رأي|آراء|الآراء|وجهة نظر|وجهات نظر|محتوى|الخارجية|الروابط|المقالات|المقال|المنشورة|المشاركات|
الكاتب|كاتبها|كاتبيها|سياسة الموقع|رائے|آراء|مواد|تبصر|مضمون|لنک|ویب سائٹ|دیدگاه|نظرات|محتوا|مطالب|
پیوند|نویسنده|information|purchase|informations|achat|información|compra|informationen|kauf|المعلومات|الإجابات|
الفتاوى|معلومات|پاسخ|خرید|خریداری""".replace("\n", "").split("|"))
# A site's note that it could not check what it reports.
UNCHECKED = _cues("""independently verify|independently confirm|vérifier de manière indépendante|
verificar de forma independiente|unabhängig überprüfen|التحقق بشكل مستقل|التأكد بشكل مستقل|التحقق من صحة|
به طور مستقل تأیید""")
# A note's label at the start of the line: "ملاحظة: …", "Note: …".
_NOTE = re.compile(r"^\W*(?:note|nota|remarque|hinweis|anmerkung|ملاحظة|ملحوظة|تنبيه|تنويه|نکته|توجه|نوٹ)\s*[:：]",
                   re.IGNORECASE)
MAX_WORDS = 60  # a disclaimer is a sentence or two


@dataclass(frozen=True)
class Disclaimer(LineRule):
    """A sentence in which the site does not answer for what it publishes or links to (comments, the author's
    views, external sites, advice that is no substitute for an expert's) or discloses what it earns from its links,
    at the page's edge (not between the article's sentences), or any such note with a label."""

    name = "disclaimer"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_disclaimer": "a site's disclaimer as a sentence (the views are the author's, not responsible "
                                  "for comments or external sites, figures not independently checked, advice no "
                                  "substitute for an expert's, an affiliate disclosure)",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        candidate = undecided(lines) & (array(lines, "words") <= MAX_WORDS) & (array(lines, "length") > 0)
        stance = matching(lines, STANCE, "key", among=candidate)
        stance |= matching(lines, EARNS, "key", among=candidate)
        disclaims = matching(lines, PUBLISHED, "key", among=stance)
        noted = search(_NOTE.match, lines, candidate)
        noted &= stance | matching(lines, UNCHECKED, "key", among=noted)
        found = disclaims & ~noted
        if not found.any():
            return where(noted, "boilerplate_disclaimer")
        # between two of the article's sentences, it is one of them
        article = prose_lines(lines, undecided(lines)) & ~found & ~noted
        docs = array(lines, "doc")
        same_above, same_below = np.r_[False, docs[1:] == docs[:-1]], np.r_[docs[:-1] == docs[1:], False]
        article &= same_above  # a page's first line is its title, not one of the article's sentences
        inside = same_above & np.r_[False, article[:-1]] & same_below & np.r_[article[1:], False]
        return where(noted | (found & ~inside), "boilerplate_disclaimer")
