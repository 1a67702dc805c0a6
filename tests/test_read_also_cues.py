"""Another story's title after a cue on the same line: a related-stories label, an editor's pick, the blog's previous
or next post, or a longer clause that closes with a call to read ("… read my last column too: …"). Composed lines."""

from __future__ import annotations

from builder.rules.pointers import Pointer
from tests.test_line_rules import classify, decide

# A page's own title above the lines: a cue on a document's first line is its title, not another story's
# (a live page's "مباشر: …"), so the cues are tested below one.
_TITLE = "شہر میں دھند سے ٹریفک متاثر"


def test_a_related_or_neighbour_post_cue_and_a_title_go() -> None:
    """The cue is a related-stories label ("You might enjoy", "مطلب پیشنهادی", "اسی سے متعلق"), a feminine or Bengali
    call to read ("اقرئي أيضاً في …", "আরও পড়ুন"), or the post before or after this one ("نوشته قبلی", "پچھلی
    تحریر", "Previous post")."""
    lines = ["You might enjoy: Ten soups for a cold week in the hills",
             "مطلب پیشنهادی: چرا باتری گوشی در زمستان زودتر خالی می‌شود؟",
             "اسی سے متعلق: شہر میں پانی کی قلت پر شہری سڑکوں پر نکل آئے",
             "اقرئي أيضاً في مجلتنا: خمس عادات صباحية لبشرة أكثر إشراقاً",
             "আরও পড়ুন: নদীর ভাঙনে ঘর হারাল শতাধিক পরিবার",
             "نوشته قبلی: دستور پخت آش رشته با کشک محلی",
             "پچھلی تحریر: پہاڑوں میں سردیوں کا پہلا سفر",
             "Previous post: A weekend of bread baking with my grandmother"]
    assert decide(Pointer(), [_TITLE, *lines]) == [None] + ["boilerplate_cued_headline"] * len(lines)


def test_a_long_clause_that_closes_with_a_call_to_read_and_a_title_goes() -> None:
    """Urdu puts the verb last: "if you liked this column, read my last column too: TITLE"."""
    line = "اگر آپ کو یہ تحریر اچھی لگی تو میرا پچھلا مضمون بھی پڑھیں: کراچی کی پرانی گلیاں اور ان کے قصے"
    assert decide(Pointer(), [_TITLE, line]) == [None, "boilerplate_cued_headline"]


def test_sentences_with_such_words_before_a_colon_stay() -> None:
    """A sentence that reports what someone read, a label's sentence that ends with a full stop, a long clause whose
    verb is not a call to read, a related label followed by a sentence."""
    lines = ["اس نے کہا کہ اس نے کل رات پرانی کتاب پڑھی: غالب کے خطوط کا ایک نایاب نسخہ",
             "You might enjoy: the long walk up the hill is worth it for the view at the top.",
             "The council said on Monday that residents had two options: pay the fee or leave the scheme",
             "Previous post: we baked bread all weekend and the kitchen is still covered in flour."]
    assert decide(Pointer(), lines) == [None] * len(lines)


def test_an_editors_pick_label_and_its_titles_go_in_the_plan() -> None:
    """"پیشنهاد سردبیر:" (the editor's pick) over two other stories' titles under the article's last paragraph: the
    label is a chrome line, the titles under it a teaser box."""
    body = ["باغ ارم از این هفته شب‌ها تا ساعت یازده برای بازدید گردشگران باز است و بلیت آن را می‌توان در ورودی باغ "
            "خرید.",
            "به گفته مدیر باغ، نورپردازی تازه درختان سرو قدیمی را در شب بهتر نشان می‌دهد و مسیرهای پیاده‌روی هم "
            "روشن‌تر شده‌اند.",
            "مسئولان می‌گویند این طرح تا پایان فصل زمستان ادامه خواهد داشت و در صورت استقبال تمدید می‌شود."]
    box = ["پیشنهاد سردبیر:", "کتابخانه مرکزی شهر پس از دو سال بازسازی دوباره باز شد",
           "بازار سنتی در شب‌های زمستان تا دیروقت باز می‌ماند"]
    assert classify([*body, *box]) == [None] * len(body) + ["boilerplate_phrase"] + ["boilerplate_teaser"] * 2


def test_a_box_s_run_stops_at_the_article_s_heading_over_its_list_of_like_items() -> None:
    """Under a "see also" box, the article goes on with a subheading over a list of like items with no markers
    ("the bridges in the plan" / "bridge of …" / "bridge of …"): the items open with the same word, one the story's
    prose names, and the run of the box's headlines stops at the subheading."""
    body = ["Work on the old stone bridges of the river valley began on Monday, starting with the bridge at Millford, "
            "the oldest of the seven.",
            "Engineers said the mortar would be replaced by hand, using lime from the same quarry as in 1820."]
    box = ["See also", "Council approves new budget for the town's libraries",
           "Farmers' market moves to the square for the winter months"]
    own = ["The seven in the plan", "Bridge at Millford", "Bridge at Eastcote", "Bridge at Holme Lane",
           "The last two bridges are due to reopen before the end of March, the council said on Tuesday."]
    reasons = classify([*body, *box, *own])
    assert reasons[len(body) + 1:len(body) + 3] == ["boilerplate_teaser"] * 2
    assert reasons[len(body) + len(box):] == [None] * len(own)


def test_two_box_headlines_that_open_with_the_story_s_word_stay_the_box_s() -> None:
    """The box's last two headlines open with the story's own word ("Gas …" in a story about gas): no run of short
    like items follows, so they go with the box and the article's subheading under them stays."""
    body = ["Gas pressure in the city's northern districts fell again on Monday, leaving many homes without heating "
            "for most of the morning.",
            "Residents said the cuts were longest at breakfast and dinner, when demand is highest."]
    box = ["Read also", "Bottled fuel prices rise for the third month in a row",
           "Gas theft campaign cuts three hundred illegal connections", "Gas company's response"]
    rest = ["A spokesman for the gas company said demand doubles in winter while supply in the network falls."]
    reasons = classify([*body, *box, *rest])
    assert reasons[len(body) + 1:len(body) + 3] == ["boilerplate_teaser"] * 2
    assert reasons[-1] is None


def test_a_foot_box_of_sources_titles_and_summaries_under_read_also_goes() -> None:
    """"À lire aussi :" at the page's foot over items that each give a review's name, a colon, a title and its summary
    in sentences: every line to the page's end has that shape. The article's own list of "label : sentence" items
    under a lead-in stays."""
    body = ["Le débat public suppose une langue commune, et c'est elle qui se défait quand chacun parle à la place de "
            "l'autre.",
            "L'anthropologue décrit ce consensus de crise comme une prostration du langage, que les réseaux sociaux "
            "accélèrent."]
    box = ["À lire aussi :",
           "Revue Projet : Savons-nous débattre ? Le débat est partout et nulle part. Le dossier revient sur ses "
           "formes.",
           "Revue Mots : Restons groupés ! La construction discursive des relations sociales dans la presse."]
    assert classify([*body, *box]) == [None, None, "boilerplate_phrase", "boilerplate_teaser", "boilerplate_teaser"]
    own = ["Trois questions restent ouvertes :",
           "Le calendrier : la mairie vise une ouverture au printemps, mais rien n'est signé.",
           "Le coût : le devis dépasse de loin le budget voté en mars."]
    assert classify([*body, *own]) == [None] * (len(body) + len(own))



def test_a_channel_s_call_to_watch_or_a_ticker_s_cue_before_an_item_goes() -> None:
    """"Watch tonight at 9: PROGRAMME" with the verb last, Urdu's "بریکنگ" (breaking) and Pashto's "تازه" (latest)
    before a colon and another story's headline."""
    lines = [_TITLE, "آج رات 9 بجے دیکھیں: شہر کی سڑکوں پر ہمارا خصوصی پروگرام",
             "بریکنگ: موٹروے دھند کے باعث کئی گھنٹوں کے لیے بند",
             "تازه: د کندهار - هرات لویه لار بیا پرانیستل شوه"]
    assert decide(Pointer(), lines) == [None] + ["boilerplate_cued_headline"] * (len(lines) - 1)
