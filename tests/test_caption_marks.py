"""Captions marked in ways the caption rule missed: a picture word and a colon opening a long caption ("Photo: …",
"عکس: …", "فوٹو: فائل"), an archive or aerial picture named first ("صورة أرشيفية لـ…"), a bare archive mark in
brackets ("… (أرشيف)"), a credit after an Urdu full stop ("… ۔ فوٹو: …"), a photographer's initials after a bar
("… | M. F."), and an outlet's site and photographer in brackets ("(Example.com/Rina Putri)"). Composed lines."""

from __future__ import annotations

from builder.rules.credits import Caption
from tests.test_line_rules import classify, decide


def test_captions_with_these_marks_go() -> None:
    captions = ["Photo: A man walks past the flooded market in the old town on Monday morning after the storm",
                "عکس: آرشیو نشریه / کارگران در حال بارگیری گندم در انبار شهرستان",
                "فوٹو: فائل",
                "صورة أرشيفية لمحطة الكهرباء الرئيسية في المدينة خلال أعمال الصيانة",
                "صورة جوية للسوق القديم بعد انتهاء أعمال الترميم الشهر الماضي",
                "صيادون يفرغون حمولة القارب في ميناء المدينة صباح أمس (أرشيف)",
                "دریا کے کنارے کسان گندم کی کٹائی کر رہے ہیں۔ فوٹو: اخبار نامہ",
                "Un pescador repara sus redes en el puerto de Valparaíso al amanecer. | J. P.",
                "Warga membersihkan lumpur di depan rumahnya, Selasa (1/12/2026). (BeritaKota.com/Rina Putri)"]
    assert decide(Caption(), captions) == ["boilerplate_caption"] * len(captions)


def test_a_caption_that_places_the_pictures_goes() -> None:
    """A caption of several pictures says where each is ("Clockwise from top: …", "From left: …", "De gauche à
    droite, …"), as a list item or not; an article's sentence that starts the same way has no colon or comma there."""
    captions = ["- Clockwise from top: an old net loft; the harbour wall at low tide; a ferry leaving at dawn",
                "From left: the mayor, the head teacher and two pupils at the opening of the new library",
                "De gauche à droite, la directrice, le maire et deux élèves devant la nouvelle bibliothèque",
                "Von links nach rechts: Bürgermeisterin, Schulleiter und zwei Schüler vor der Bibliothek"]
    sentences = ["From left to right the valley narrows until the road runs between two walls of rock.",
                 "From top to bottom the report is a list of failures the council had been warned about."]
    assert decide(Caption(), captions + sentences) == ["boilerplate_caption"] * len(captions) + [None] * len(sentences)


def test_article_sentences_with_the_same_words_stay() -> None:
    """A sentence that opens with a picture (of a situation), mentions an archive, ends with a web address in
    brackets, or has a bar before a capital."""
    sentences = ["صورة قاتمة رسمها التقرير الأخير للبنك الدولي عن الاقتصاد المحلي هذا العام.",
                 "وقالت الوزارة إن الوثائق محفوظة في الأرشيف الوطني منذ عام 1960.",
                 "Les inscriptions se font en ligne sur le site de la mairie (mairie-exemple.fr/inscriptions).",
                 "The report compares two periods | A and B | and finds little change in the rate."]
    assert decide(Caption(), sentences) == [None] * len(sentences)


SITE_PAGE = ["تطوان اليوم", "جريدة إلكترونية مستقلة", "الرئيسية | جهات | سياسة",
             "عادت المياه إلى التدفق صباح الأربعاء في سقاية باب العقلة بعد عقدين من الجفاف الكامل.",
             "وقال المهندس المشرف على الورش إن الفريق اعتمد على خرائط قديمة لشبكة القنوات الفخارية.",
             "جانب من أشغال ترميم سقاية باب العقلة، حيث يعيد حرفيون تركيب قطع الزليج الأصلية (تطوان اليوم)",
             "وأوضح المصدر ذاته أن الحرفيين أعادوا استعمال أكثر من ثمانين في المئة من القطع الأصلية.",
             "ومن المرتقب أن تنتهي الأشغال قبل نهاية شهر مارس المقبل بكلفة تناهز أربعة ملايين درهم."]


def test_a_caption_credited_to_the_site_itself_or_after_a_photo_word_goes() -> None:
    """A picture's caption credited, in brackets at its end, to the site itself (the name its masthead gives above
    the article: "… (تطوان اليوم)", "… (ننګرهار غږ)"), or after a photo word in Hausa or Swahili ("(Hoto: Labaran
    Sokoto)", "(Picha na Habari za Dodoma)"): the caption goes, the paragraphs around it stay."""
    decided = classify(SITE_PAGE)
    assert decided[5] == "boilerplate_caption"
    assert decided[3:5] + decided[6:] == [None] * 4
    captions = ["Manoma suna aikin share magudanar ruwa a Goronyo kafin fara shuka (Hoto: Labaran Sokoto)",
                "Mashine ya kukamua mafuta katika kiwanda cha ushirika cha Chamwino. (Picha na Habari za Dodoma)"]
    assert decide(Caption(), captions) == ["boilerplate_caption"] * len(captions)


def test_a_line_ending_with_a_bracketed_name_the_masthead_does_not_give_stays() -> None:
    """A bracketed name at a line's end that is not the site's masthead (a place, a party, a subheading further
    down) leaves the line to the article."""
    page = [*SITE_PAGE[:5], "جانب من أشغال ترميم سقاية باب العقلة التي بنيت في القرن الثامن عشر (باب العقلة)",
            "باب العقلة", *SITE_PAGE[6:]]
    assert classify(page)[5] is None


def test_a_caption_credited_to_the_outlet_goes_whether_a_masthead_line_or_a_head_or_foot_line_names_it() -> None:
    """One rule takes a caption credited in brackets to the page's outlet: the name is a whole line above the
    article (a one-word masthead, "(Courier)"), or its 2-4 words stand in a line of the page's head or foot (a
    masthead with a tagline on its line, the copyright line). A bracket naming nothing of the head or foot stays."""
    article = ["Volunteers have spent eighteen months repairing the village school, and the hall opened on Saturday.",
               "The roof was replaced with slate from a quarry in the next valley, paid for by a grant and two fairs."]
    closing = "The hall committee has already taken bookings for a dance class, a film club and a weekly lunch."
    caption = "Volunteers carry chairs into the restored hall before Saturday's opening, under the new beams ({})"
    masthead = classify(["Courier", "Home | Local | Sport", *article, caption.format("Courier"), closing])
    assert masthead[4] == "boilerplate_caption" and masthead[2:4] + masthead[5:] == [None] * 3
    copyright_line = "© 2026 Valley Courier | Privacy | Terms"
    footed = classify(["Home | Local | Sport", *article, caption.format("Valley Courier"), closing, copyright_line])
    assert footed[3] == "boilerplate_caption" and footed[1:3] + footed[4:5] == [None] * 3
    tagged = classify(["Valley Courier: news for the upper valley since 1921", "Home | Local | Sport", *article,
                       caption.format("Valley Courier"), closing])
    assert tagged[4] == "boilerplate_caption"
    other = classify(["Courier", "Home | Local | Sport", *article, caption.format("Parish Council"), closing])
    assert other[4] is None


def test_a_caption_credited_to_a_stock_or_arabic_agency_or_to_the_outlet_and_its_photographer_goes() -> None:
    """A stock library or an agency alone in the closing bracket ("(Shutterstock)", "(واس)"), the outlet before its
    photographer after a slash ("(Courier / Ann Lee)", "(KotaKita/Ayu)", the masthead given with its web address,
    "KotaKita.id"), or a © with the photographer's initials ("… © Photo Courier / A. B."). The article's lines stay,
    and a copyright line whose outlet ends in capitals and a dot is no caption ("© 2026 WTVC. All rights
    reserved.")."""
    article = ["Volunteers have spent eighteen months repairing the village school, and the hall opened on Saturday.",
               "The roof was replaced with slate from a quarry in the next valley, paid for by a grant and two fairs."]
    closing = "The hall committee has already taken bookings for a dance class, a film club and a weekly lunch."
    captions = ["A woman puts moisturiser on her face by a window on a rainy day (Shutterstock)",
                "مسؤولون خلال افتتاح أحد المجمعات التجارية الجديدة شمال المدينة في أكتوبر الماضي (واس)",
                "Volunteers carry chairs into the restored hall before the opening, under the new beams "
                "(Courier / Ann Lee)",
                "Volunteers carry chairs into the restored hall. (KotaKita/Ayu)",
                "Monique Lafarge dans son atelier, mardi. © Photo Courier / A. B."]
    for caption in captions:
        decided = classify(["Courier", "KotaKita.id", "Home | Local | Sport", *article, caption, closing])
        assert decided[5] == "boilerplate_caption", caption
        assert decided[3:5] + decided[6:] == [None] * 3, caption
    assert decide(Caption(), ["© 2026 WTVC. All rights reserved."]) == [None]


def test_an_agency_s_bracket_alone_on_its_line_is_the_story_s_credit_not_a_caption() -> None:
    """"(واس)" alone on a line credits the story (Credit); only after a caption's words is it the picture's."""
    assert decide(Caption(), ["(واس)", "(رويترز)"]) == [None, None]


def test_a_help_page_s_screenshot_caption_goes() -> None:
    """A help page captions its screenshots with "Screenshot:" and what the screen shows, in several languages
    (session 28, rules31); a step that tells the reader to take a screenshot stays."""
    captions = ["Screenshot: the settings screen with the sync switch turned on.",
                "Capture d'écran : l'écran des réglages avec la synchronisation activée.",
                "Bildschirmfoto: die Einstellungen mit eingeschaltetem Abgleich.",
                "لقطة شاشة: صفحة الإعدادات بعد تفعيل المزامنة."]
    kept = ["Take a screenshot of the error and send it to us with your order number."]
    assert decide(Caption(), captions + kept) == ["boilerplate_caption"] * len(captions) + [None] * len(kept)
