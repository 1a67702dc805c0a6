"""A shop's buy box and a Q&A page's answer rows: short lines that speak of the sale or of the page's posts, not of
the product or of the question.

A product page sets its buy box around the description: the cart and buy-now buttons, the stock left, the quantity
widget, the instalment offer, the delivery and returns lines, the price alone on its line. `ShopRows` takes those
lines only on a page that is a shop's: two kinds of the box's own lines (a cart or buy button, the stock, the
quantity, an instalment offer) somewhere on it. An article about delivery times or prices has none of them, and the
product's description and specifications ("Weight: 1.8 kg", "المنشأ: خراسان") name no sale.

A Q&A, fatwa or health-answer page labels its posts: the asker ("السائل: …", "سوال از: …"), the question's number,
the answerer ("أجاب عنه: …"), the vote arrows ("▲ 42 ▼"), a verified mark ("✔ إجابة موثقة"), the answer's heading
("الجواب", "جواب") and "more answers" over the next one, with the answerer's name and title in a short line or two
under those headings. `AnswerRows` takes them on a page with two kinds of those lines (the answer's heading one of
them, never alone: an interview's "Answer" stays); the question and answer text
are sentences or longer lines, and a greeting ending with a comma ("محترمہ فرح صاحبہ،") opens the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, matching
from builder.steps import LineRule, array, undecided

# A cart or buy button, or the cart's link ("Add to basket", "أضف إلى السلة", "السلة (2)", "ٹوکری میں ڈالیں",
# "میری ٹوکری (0)", "افزودن به سبد خرید", "اشترِ الآن", "ابھی خریدیں"); "كرة السلة" (basketball) is none.
_BUTTON = (r"(?i)(?:add to (?:cart|basket|bag)|buy (?:it )?now|in den warenkorb|jetzt kaufen|ajouter au panier|"
           r"acheter maintenant|añadir al carrito|comprar ahora|sepete ekle|hemen al|(?:إلى|في) السلة|"
           r"(?:^|\| )السلة|اشتر[ِي]? الآن|ٹوکری میں|میری ٹوکری|ابھی خریدیں|سبد خرید|"
           r"^(?:cart|basket|bag|panier|warenkorb|carrito|sepet)(?:\s*\(|$))")
# The stock left ("Only 3 left in stock", "✔ متوفر في المخزون", "اسٹاک میں صرف 4 باقی", "موجود در انبار"); not the
# stock exchange ("اسٹاک ایکسچینج") nor a store room in a news caption ("بارگیری جو در انبار").
_STOCK = (r"(?i)(?:in stock|out of stock|auf lager|en stock|stokta|المخزون|اسٹاک میں|موجود در انبار|"
          r"در انبار باقی|only \d+ left)")
# The quantity widget ("Quantity", "الكمية: - 1 +", "مقدار: − 1 +", "تعداد: ۱ | …").
_QUANTITY = (r"(?i)^(?:quantity|qty|menge|quantité|cantidad|adet|الكمية|مقدار|تعداد)\s*[:：]?\s*"
             r"(?:$|[-−–+]?\s*\d)")
# An instalment offer, its count or its provider ("Pay in 3 instalments", "قسّم فاتورتك على 4 دفعات", "3 آسان اقساط",
# "۴ قسط", "… مع تمارا"): a count, for a "قسط" alone is a loan's or an aid's tranche in the news, or a serial's part.
_INSTALMENT = (r"(?i)(?:\d\s*(?:interest-free )?instal+ments|\d\s*(?:دفعات|أقساط|قسط|آسان اقساط)|klarna|afterpay|"
               r"clearpay|tamara|tabby|تمارا|تابي|اسنپ‌?پی)")
# Delivery and returns ("Free UK delivery on orders over £60", "التوصيل خلال 2-4 أيام", "واپسی: 7 دن",
# "ضمانت بازگشت کالا").
_DELIVERY = (r"(?i)(?:deliver(?:y|ed)|returns?\b|shipping|ships? (?:in|within)|dispatch|livraison|retours?\b|"
             r"versand|lieferung|rückgabe|envío|devoluci|kargo|iade|التوصيل|توصيل|الشحن|شحن|يُشحن|يشحن|إرجاع|"
             r"الاسترجاع|الاستبدال|ڈلیوری|واپسی|ارسال|بازگشت کالا|ضمانت بازگشت)")
# A price ("89.00 ر.س", "£89.00", "۴٬۸۵۰٬۰۰۰ تومان", "قیمت: 6,450 روپے").
_PRICE = (r"(?i)(?:[€£$¥₹]\s?\d|\d[\d,.٬٫]*\s?(?:€|£|\$|ر\.س|ريال|ريالاً|روپے|تومان|ریال|درهم|د\.إ|جنيه|"
          r"دينار|ليرة|tl|₺|rs\.?|eur|usd|gbp)(?:\W|$))")

SHOP_WORDS = 16  # a buy box's line: "يمكن إرجاع المنتج خلال 7 أيام إذا كان مغلقاً وبحالته الأصلية" (11)
PRICE_WORDS = 8  # a price line: "السعر قبل الخصم: 110.00 ر.س | وفّر 19%"


@dataclass(frozen=True)
class ShopRows(LineRule):
    """A product page's buy box: on a page with two of its kinds of lines (a cart or buy button, the stock left,
    the quantity widget, an instalment offer), every short line of those kinds, the delivery and returns lines and
    a price alone on its line."""

    name = "shop_rows"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_shop": "a shop's buy-box line on a product page: a cart or buy button, the stock left, the "
                            "quantity, an instalment offer, delivery and returns, a price alone",
    }
    max_words: int = SHOP_WORDS
    price_words: int = PRICE_WORDS

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words = array(lines, "words")
        short = (array(lines, "length") > 0) & (words <= self.max_words)
        kinds = [matching(lines, pattern, among=short) for pattern in (_BUTTON, _STOCK, _QUANTITY, _INSTALMENT)]
        out: list[str | None] = [None] * len(lines)
        if sum(int(kind.any()) for kind in kinds) < 2:
            return pa.array(out, pa.string())
        kept = undecided(lines) & short
        sale = kept & (kinds[0] | kinds[1] | kinds[2] | kinds[3])
        sale |= matching(lines, _DELIVERY, among=kept)
        sale |= matching(lines, _PRICE, among=kept & (words <= self.price_words))
        for start, end in document_slices(lines, among=sale):
            if sum(int(kind[start:end].any()) for kind in kinds) < 2:
                continue
            for r in np.flatnonzero(sale[start:end]).tolist():
                out[start + r] = "boilerplate_shop"
        return pa.array(out, pa.string())


# The asker ("السائل: …", "سوال از: …", "Asked by: …", "سُئل بواسطة: …").
_ASKER = (r"(?i)^(?:السائل|سائل|سؤال من|سُئل بواسطة|سئل بواسطة|سوال از|سوال کنندہ|سائل کا نام|پرسش از|پرسشگر|"
          r"asked by|question from|question by)\s*[:：]")
# The answerer ("أجاب عنه: …", "Answered by: …", "جواب از: …").
_ANSWERER = (r"(?i)^(?:أجاب عنه|أجاب عنها|أجاب عليه|المجيب|المفتي|جواب از|جواب دہندہ|مجیب|پاسخ از|پاسخگو|"
             r"answered by|answer by)\s*[:：]")
# The question's or fatwa's number ("رقم الفتوى: 48213", "Question No. 512", "فتویٰ نمبر: 1207").
_NUMBER = (r"(?i)^(?:رقم الفتوى|رقم السؤال|فتویٰ نمبر|فتوی نمبر|سوال نمبر|شماره پرسش|شماره سؤال|شماره سوال|"
           r"question (?:no\.?|number|#)|fatwa (?:no\.?|number))\s*[:：]?\s*#?\d")
# The vote arrows ("▲ 42 ▼ صوّت على السؤال", "▲ 9 ▼", "▲ ▼").
_VOTES = r"^[▲△⬆↑]\s*\d*\s*[▼▽⬇↓]"
# A verified or accepted mark ("✔ إجابة موثقة", "✓ Accepted answer", "✔ پاسخ تأیید شده", "✓" alone).
_VERIFIED = r"(?i)^[✔✓☑]\s*(?:$|إجابة|الإجابة|جواب|پاسخ|answer|accepted|verified|best answer)"
# "More answers" over the next one.
_MORE = (r"(?i)^(?:مزید جوابات|دیگر جوابات|إجابات أخرى|المزيد من الإجابات|الإجابات الأخرى|پاسخ‌های دیگر|"
         r"پاسخ های دیگر|more answers|other answers)\s*[:：]?$")
# The answer's heading alone ("الجواب", "جواب", "الإجابة:", "پاسخ", "Answer").
_HEADING = r"(?i)^(?:الجواب|الإجابة|جواب|پاسخ|answer|réponse|respuesta|antwort)\s*[:：]?$"

ROW_WORDS = 12  # an asker's or answerer's line: "أجاب عنه: الشيخ عبد الرحمن المصري – عضو لجنة الفتوى"
HEAD_WORDS = 5  # the answerer's name or title under a heading: "ماہر امراض اطفال", "تجربہ: 14 سال"
HEAD_LINES = 3


@dataclass(frozen=True)
class AnswerRows(LineRule):
    """A Q&A page's labels of its posts: on a page with two kinds of them (the asker, the question's number, the
    answerer, the vote arrows, a verified mark, "more answers", the answer's heading; one of them a label, not the
    heading), each of those lines, the answer's heading alone,
    and up to three short lines under a heading or "more answers" (the answerer's name and title) down to the
    answer's first sentence or greeting."""

    name = "answer_rows"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_answer_row": "a Q&A page's label of a post: the asker, the question's number, the answerer, "
                                  "the votes, a verified mark, the answer's heading and \"more answers\", with the "
                                  "answerer's name and title under it",
    }
    max_words: int = ROW_WORDS
    head_words: int = HEAD_WORDS
    head_lines: int = HEAD_LINES

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words = array(lines, "words")
        nonblank = array(lines, "length") > 0
        short = nonblank & (words <= self.max_words)
        kinds = [matching(lines, pattern, among=short)
                 for pattern in (_ASKER, _ANSWERER, _NUMBER, _VOTES, _VERIFIED, _MORE)]
        out: list[str | None] = [None] * len(lines)
        heading = matching(lines, _HEADING, among=short & (words <= 2))
        if sum(int(kind.any()) for kind in (*kinds, heading)) < 2:
            return pa.array(out, pa.string())
        kept = undecided(lines)
        labels = np.logical_or.reduce(kinds)
        opens = heading | kinds[5]
        head = (kept & nonblank & (words <= self.head_words) & ~array(lines, "ends_sentence")
                & ~matching(lines, r"[,،:：]\s*$", among=nonblank))
        ends = labels | heading
        texts = lines.column("text")
        for start, end in document_slices(lines, among=labels):
            if sum(int(kind[start:end].any()) for kind in (*kinds, heading)) < 2:
                continue  # a label and the answer's heading, or two labels
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            for p, r in enumerate(rows):
                if not ends[r]:
                    continue
                if kept[r]:
                    out[r] = "boilerplate_answer_row"
                if not opens[r]:
                    continue
                run = []  # the answerer's name and title under the heading, a run the answer's text closes
                for q in rows[p + 1:p + 2 + self.head_lines]:
                    if ends[q] or not head[q] or "?" in str(texts[q]) or "؟" in str(texts[q]):
                        break
                    run.append(q)
                if len(run) <= self.head_lines:
                    for q in run:
                        out[q] = "boilerplate_answer_row"
        return pa.array(out, pa.string())
