"""Labels of a related-stories box that web-dev's news pages use and the lexicon lacked ("Auch interessant",
"Artikel Berkaitan", "اس موضوع پر مزید", "Latest news"): the label and the headlines under it go, between
two paragraphs of the article. Composed pages."""

from __future__ import annotations

import pytest

from tests.test_line_rules import classify

ABOVE = "The council approved the new bus timetable on Tuesday after a long debate about rural routes."
BELOW = "Residents can comment on the plan until the end of January, the council said in a statement."


@pytest.mark.parametrize("label", ["Auch interessant", "Artikel Berkaitan", "اس موضوع پر مزید", "Latest news",
                                   "Últimas noticias", "آخر الأخبار"])
def test_a_related_box_under_these_labels_goes(label: str) -> None:
    headlines = ["Ferry timetable changes from Monday", "Two new libraries open in the north of the city"]
    decided = classify([ABOVE, label, *headlines, BELOW])
    assert decided[0] is None and decided[-1] is None
    assert all(reason is not None for reason in decided[1:-1]), decided


@pytest.mark.parametrize("label", ["ملتے جلتے تھریڈز", "ملتے جلتے سوالات", "ملتے جلتے موضوعات", "موضوعات متعلقة",
                                   "Hot Network Questions", "Similar questions", "Terpopuler", "تازہ ترین خبریں"])
def test_a_box_under_a_similar_threads_or_most_read_label_goes(label: str) -> None:
    """Round 10's forums, Q&A pages and news pages label their box of other threads or stories "similar threads /
    questions / topics" (Urdu's ملتے جلتے …, Arabic's موضوعات متعلقة), "Hot Network Questions", "Terpopuler" (most
    read), "تازہ ترین خبریں" (latest news): the label and the questions or headlines under it go, the paragraphs
    around them stay."""
    headlines = ["Which inverter suits a five kilowatt solar system", "How often should the panels be washed?"]
    decided = classify([ABOVE, label, *headlines, BELOW])
    assert decided[0] is None and decided[-1] is None
    assert all(reason is not None for reason in decided[1:-1]), decided


def test_a_ticker_label_is_not_a_box_s() -> None:
    """"تازہ ترین:" ("latest:") heads a one-item ticker above the page's title: taken as a box's label, the run under it
    reached the title, so it is not in the list."""
    page = ["تازہ ترین:", "کراچی: شہر میں آج رات سے ہلکی بارش کا امکان",
            "سردی بڑھتے ہی گیس کی لوڈشیڈنگ، لاہور کے کئی علاقوں میں چولہے ٹھنڈے", "ویب ڈیسک",
            "لاہور میں سردی کی شدت میں اضافے کے ساتھ ہی سوئی گیس کی لوڈشیڈنگ بڑھ گئی ہے اور شہری پریشان ہیں۔"]
    assert classify(page)[2] is None


def test_a_read_also_line_in_indonesian_goes() -> None:
    """"Baca juga: <headline>" on one line, as "Read also: …" and "Lire aussi : …" are."""
    decided = classify([ABOVE, "Baca juga: Harga beras naik lagi di pasar induk kota", BELOW])
    assert decided == [None, "boilerplate_phrase", None]


@pytest.mark.parametrize("label", ["Berita berkaitan", "Habari zinazohusiana:", "اړوند مطالب:", "Potrebbe interessarti",
                                   "Labaran da aka fi karantawa", "Berita Popular",
                                   "Habari Zilizosomwa Zaidi"])
def test_a_related_or_most_read_box_in_hausa_malay_swahili_pashto_and_italian_goes(label: str) -> None:
    """Round 11's news pages label their related or most-read box in languages the lexicon had no label for, and the
    article goes on under the box with a subheading over its own figures: the label and the headlines go, the
    paragraphs, the subheading and the figures stay."""
    headlines = ["Ferry timetable changes from Monday", "Two new libraries open in the north of the city"]
    own = ["The timetable in figures", "Buses an hour: 6", "Night routes: 3", "Drivers hired: 42", "Fare: 2 euros"]
    decided = classify([ABOVE, label, *headlines, *own, BELOW])
    assert decided[0] is None and decided[-len(own) - 1:] == [None] * (len(own) + 1), decided
    assert all(reason is not None for reason in decided[1:-len(own) - 1]), decided


@pytest.mark.parametrize("line", ["Karanta kuma: Farashin hatsi ya sauka a kasuwar Illela bayan girbi",
                                  "Potrebbe interessarti: Castelnuovo, la festa della castagna chiude con 12mila "
                                  "presenze"])
def test_a_read_also_line_in_hausa_and_italian_goes(line: str) -> None:
    """"Karanta kuma: <headline>" (Hausa "read also"), "Potrebbe interessarti: …" on one line, as "Baca juga: …"."""
    decided = classify([ABOVE, line, BELOW])
    assert decided[0] is None and decided[1] is not None and decided[-1] is None


@pytest.mark.parametrize("label", ["Related articles", "Articles similaires", "Artículos relacionados",
                                   "Artigos relacionados", "Verwandte Artikel"])
def test_a_help_centre_s_related_articles_go_under_an_article_of_questions(label: str) -> None:
    """A help centre's article is set out as questions, each answered by a sentence under it; below it a "related
    articles" box (a label the phrase list dropped alone) lists other articles' titles, one of them a question: the
    label and the titles go, the article's own questions and answers stay."""
    article = ["Who can move their payment date?", "Any customer paying by Direct Debit can pick a new date online.",
               "What happens to a missed payment?", "We add it to the next bill and send you a letter about it.",
               "Can I pay by card instead?", "Yes, by phone or online, and there is no charge for paying by card."]
    titles = ["How to change your address before you move home", "Am I eligible for the discount scheme?",
              "Paying your bill at the post office"]
    decided = classify([*article, label, *titles, BELOW])
    assert decided[:len(article)] == [None] * len(article) and decided[-1] is None, decided
    assert all(reason is not None for reason in decided[len(article):-1]), decided


@pytest.mark.parametrize("label", ["طالع أيضاً:", "Simak juga:", "Lihat juga", "Veja também:", "Ka tún:", "Soma pia:",
                                   "Siehe auch:", "Vedi anche", "یہ رپورٹ بھی ملاحظہ کریں:", "دا هم ولولئ:",
                                   "هي به پڙهو:", "Also in The Courier:", "In this issue", "في السياق ذاته:",
                                   "Zum selben Thema", "در همین زمینه", "آپ کو یہ بھی پسند آئے گا",
                                   "Você também pode gostar", "ډېر لوستل شوي", "تازيون خبرون"])
def test_a_box_under_a_read_also_same_subject_or_also_like_label_goes(label: str) -> None:
    """Round 12's news pages call the reader to read or see another story in more languages (Arabic طالع, Indonesian
    Simak / Lihat, Portuguese Veja, Yoruba Ka, Swahili Soma, Urdu ملاحظہ کریں, Pashto ولولئ, Sindhi پڙهو, a magazine's
    "Also in …"), or label the box "on the same subject", "you may also like", "most read" or "latest news" (Pashto,
    Sindhi): the label and the headlines under it go as a box's (a label and two headlines between paragraphs may go
    as a run of headlines without one), the paragraphs around them stay."""
    headlines = ["Ferry timetable changes from Monday", "Two new libraries open in the north of the city"]
    decided = classify([ABOVE, label, *headlines, BELOW])
    assert decided[0] is None and decided[-1] is None
    assert decided[1] in ("boilerplate_teaser", "boilerplate_phrase"), decided
    assert decided[2:-1] == ["boilerplate_teaser"] * len(headlines), decided


def test_a_read_also_box_stops_at_the_heading_of_the_article_s_list() -> None:
    """Under a read-also box's headlines, a heading right over the article's numbered list is the article's (a
    headline's shape, but the list opens under it): the box goes, the heading and the list stay."""
    headlines = ["Ferry timetable changes from Monday", "Two new libraries open in the north of the city"]
    own = ["The villages the new bridge joins to the town", "1. Shigal", "2. Sarkano", "3. Gambir"]
    page = [ABOVE, "Read also:", *headlines, *own, BELOW]
    decided = classify(page)
    assert all(reason is not None for reason in decided[1:4]), decided
    assert decided[4:] == [None] * (len(own) + 1), decided
