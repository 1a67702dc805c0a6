"""The line rules, one by one on small composed inputs, and in the plan's order on the labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from builder.outcomes import Document, Location
from builder.rules.blocks import HeadlineRun, LabelledBox
from builder.rules.credits import Caption, Credit
from builder.rules.paragraphs import BASE_SCHEMA, lines_table, raw_lines, site, with_features
from builder.rules.patterns import (
    Byline,
    Dateline,
    EmptyLine,
    Image,
    Link,
    Navigation,
    Phrase,
    Separator,
    SlashCrumbs,
    Teaser,
)
from builder.rules.repeated import Repeated, RepeatedLines
from builder.rules.site import site_of
from builder.rules.structure import Structure
from builder.rules.tails import PageTail
from builder.rules.web import ConsentBanner
from builder.run.plan import Plan
from builder.steps import LineRule
from builder.text.keys import line_key
from tests.labelled import _documents, load, ours, score

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def table(texts: list[str], reasons: list[str | None] | None = None, repeated: list[bool] | None = None,
          docs: list[int] | None = None) -> pa.Table:
    """A lines table of cleaned lines (raw = cleaned here), one document unless `docs` says otherwise."""
    n = len(texts)
    return with_features(pa.table({
        "doc": docs or [0] * n, "line": list(range(1, n + 1)), "char_start": [0] * n, "char_end": [0] * n,
        "raw": texts, "text": texts, "site": ["example.org"] * n, "repeated": repeated or [False] * n,
        "elsewhere": [False] * n, "block": [False] * n, "closing": [False] * n, "reason": reasons or [None] * n},
        schema=BASE_SCHEMA))


def decide(rule: LineRule, texts: list[str], **kwargs: list) -> list[str | None]:  # type: ignore[type-arg]
    return rule.decide(table(texts, **kwargs)).to_pylist()


def classify(lines: list[str], site_name: str = "example.org",
             repeated: RepeatedLines | None = None) -> list[str | None]:
    """What the default plan's rules decide for a document made of `lines`."""
    doc = Document("d", "\n".join(lines), f"{site_name}/a.txt", Location(f"{site_name}/a.txt"))
    return Plan().classify(lines_table([doc], repeated)).to_pylist()


@pytest.mark.parametrize(("rule", "dropped", "kept"), [
    (EmptyLine(), [""], ["x"]),
    (Separator(), ["-----", "* * *", "═══"], ["--", "A - B"]),
    (Link(), ["https://example.org/a?b=1", "www.example.org", "news@example.org", "#climate @reuters"],
     ["See https://example.org for more."]),
    (Image(), ["Photo: Reuters", "ربما تحتوي الصورة على: شخص واحد"],
     ["Photo editors met on Monday to plan the issue."]),
    (Byline(), ["By Jane Miller", "Par Claire Dubois", "بقلم محمد علي"], ["By", "Bypass roads closed today"]),
    (Dateline(), ["10:45 GMT", "Last updated 3 March 2024", "Publié le 3 mars"], ["The meeting ended at 10:45."]),
    (Navigation(), ["Business | Energy", "Home » World » Africa", "Video >"],
     ["Prices rose > 3% in March, the office said."]),
    # three parts or more of a few words each; one slash, a long part or a sentence is no breadcrumb
    (SlashCrumbs(), ["الرئيسية / أخبار / أخبار مصر", "Forums / Car maintenance / Toyota", "Inicio / León /"
                     " Seguridad / Policía"],
     ["Cairo / agencies", "Trains run Paris / Lyon / Marseille twice a day", "Day one / day two / day three.",
      "and/or"]),
    (Phrase(), ["Share", "Read also: the budget in numbers", "Tous droits réservés 2024", "Download our app now"],
     ["Share prices rose sharply on Monday after the announcement."]),
])
def test_a_pattern_rule_drops_its_lines_with_its_one_reason(rule: LineRule, dropped: list[str],
                                                            kept: list[str]) -> None:
    (reason,) = rule.reasons
    assert decide(rule, dropped + kept) == [reason] * len(dropped) + [None] * len(kept)


def test_a_sentence_about_downloading_an_app_is_not_an_app_promotion() -> None:
    """A call to download an app is short; an article about apps says "download" and "app" in its sentences."""
    sentence = ("The researchers said the hackers only need the user to download an app that looks harmless, "
                "and the virus file travels inside it to the phone.")  # 26 words
    assert decide(Phrase(), [sentence, "Download our app now"]) == [None, "boilerplate_phrase"]


def test_a_rule_decides_only_the_lines_still_kept() -> None:
    decided = decide(Separator(), ["-----", "-----"], reasons=["empty_after_clean", None])
    assert decided == [None, "boilerplate_separator"]


def test_a_byline_label_on_its_own_line_takes_the_short_line_under_it() -> None:
    lines = ["Article by", "Kareem Smith", "Published on", "April 21, 2022", "Author",
             "Jane Doe, who wrote the first report on plastic waste, welcomed the vote."]
    assert decide(Byline(), lines) == ["boilerplate_byline"] * 4 + [None, None]


def test_settings_are_dataclass_fields() -> None:
    line = "Photo: the harbour at dawn seen from the lighthouse on the hill"  # 12 words
    assert decide(Image(), [line]) == ["boilerplate_image"]
    assert decide(Image(max_words=6), [line]) == [None]


def test_repeated_lines_are_dropped_with_the_reason_of_their_kind() -> None:
    """`repeated` is already the threshold of the line's kind; the rule only names the kind."""
    prose = "The council approved the budget on Tuesday after six hours of debate."
    lines, repeated = ["Subscribe now", prose, "Subscribe now", prose], [True, True, False, False]
    assert decide(Repeated(), lines, repeated=repeated) == ["boilerplate_repeated", "boilerplate_template", None, None]


def test_teaser_is_the_line_under_a_read_also_label_in_the_same_document() -> None:
    """The label goes with what it announces; a label with nothing under it in its document is left to the phrase
    list."""
    lines = ["اقرأ أيضاً:", "قمة المناخ: ماذا تعني درجة ونصف الدرجة؟", "Read also:", "Another headline"]
    assert decide(Teaser(), lines, docs=[0, 0, 0, 1]) == ["boilerplate_teaser", "boilerplate_teaser", None, None]


def test_teaser_block_is_the_run_of_headlines_under_a_label_up_to_the_next_sentence() -> None:
    lines = ["یہ بھی پڑھیے", "پرینکا کے 75 فٹ لمبے دوپٹے نے میگن مارکل کو بھی مات دے دی",
             "پرینکا چوپڑا نے نِک جونس سے شادی کر لی", "Will the storm reach the coast tonight?",
             "The council approved the budget on Tuesday after six hours of debate.", "Budget passes"]
    assert decide(Teaser(), lines) == [*["boilerplate_teaser"] * 4, None, None]
    # without a colon, a label followed by a sentence announces nothing
    assert decide(Teaser(), ["Related", lines[4]]) == [None, None]


def test_named_figures_split_by_bars_are_the_article_s_fields_not_a_menu() -> None:
    """A line whose every part between bars names a figure ("Prep: 15 min | Bake: 40 min | Serves: 6", a recipe
    card's times or its nutrition line) gives the article's values; a menu's parts are words, and a ticker's ("Rates:
    USD 17.40 | EUR 18.90") leaves a part unnamed."""
    fields = ["Prep: 15 min | Bake: 40 min | Serves: 6", "Per slice: Energy: 310 kcal | Fat: 12g | Salt: 0.4g"]
    assert decide(Navigation(), fields) == [None, None]
    # nor a headline: under a box's label, with the recipe's title, it makes no run of other stories' headlines
    card = ["Subscribe", "Leek and potato soup with crispy sage", fields[0], "Ingredients", "3 large leeks, sliced"]
    assert decide(LabelledBox(), card) == [None] * 5
    chrome = ["Rates: USD 17.40 | EUR 18.90", "Home | Recipes: 120 | Contact", "Video | Live: 3 matches"]
    assert decide(Navigation(), chrome) == ["boilerplate_navigation"] * 3


def test_a_table_without_outer_bars_is_the_articles_not_a_menu() -> None:
    """Rows of a table written without its outer bars look like menu lines one by one; three or more in a row with
    as many bars, figures in two of them, are a table, kept, and a "read also" run stops at them. Lines of words
    alone with bars, one under the other, are still a menu."""
    table = ["Town | Price per month | Price per kWh", "Northfield | 105 dollars | 45 cents",
             "Eastbury | 80 dollars | 39 cents", "Westmoor | 70 dollars | 41 cents"]
    menu = ["Home | News | Sport", "Business | Culture | Weather", "Contact | About us | Jobs"]
    assert decide(Navigation(), [*table, *menu], docs=[0] * len(table) + [1] * len(menu)) == \
        [None] * len(table) + ["boilerplate_navigation"] * len(menu)
    assert decide(Navigation(), table[:2]) == ["boilerplate_navigation"] * 2  # two rows: no table yet
    assert decide(Teaser(), ["Read also:", *table]) == [None] * (1 + len(table))
    assert decide(Teaser(), ["Read also:", "Town councils vote on new energy prices", *table]) == \
        ["boilerplate_teaser"] * 2 + [None] * len(table)


def test_a_league_table_between_paragraphs_is_no_orphan_number() -> None:
    """A league table's rows without their outer bars ("Multan | 6 | 5 | 1 | 10") hold one word each, like the stray
    dates and numbers Structure takes inside an article; three or more rows with as many bars are a table the article
    gives, and the body runs on through them. A lone "12" between the paragraphs is still an orphan."""
    intro = "After the win the points table reads as follows, with two rounds left to play:"
    closing = "Multan play Karachi on Friday in the last match of the group stage."
    rows = ["Team | Played | Won | Lost | Points", "Multan | 6 | 5 | 1 | 10", "Karachi | 6 | 4 | 2 | 8",
            "Quetta | 6 | 3 | 3 | 6"]
    assert decide(Structure(), [intro, *rows, closing]) == [None] * (len(rows) + 2)
    assert decide(Structure(), [intro, "12", closing]) == [None, "boilerplate_short_line", None]
    assert decide(Structure(), [intro, *rows[1:3], closing]) == [None, *["boilerplate_short_line"] * 2, None]


def test_a_line_that_opens_or_closes_with_read_is_a_label_when_headlines_follow() -> None:
    """"… کے بارے میں مزید پڑھیے" and "Read more on the budget" are a related box's labels whatever they name; a
    line under them with fewer than three words is the article's next subheading, and a sentence that ends with
    the verb is the article's."""
    prose = "The council approved the budget on Tuesday after six hours of debate."
    lines = ["بجٹ کے بارے میں جاننے کے لیے مزید پڑھیے", "بجٹ میں تعلیم کے لیے کتنی رقم رکھی گئی؟",
             "حکومت کا نیا ٹیکس منصوبہ کیا ہے", "اہم نکات", prose]
    assert decide(Teaser(), lines) == [*["boilerplate_teaser"] * 3, None, None]
    assert decide(Teaser(), ["Read more on the budget", "Five things the budget changes", prose]) == \
        ["boilerplate_teaser", "boilerplate_teaser", None]
    assert decide(Teaser(), ["اقرار الميزانية الجديدة", "خمسة أشياء تغيرها الميزانية", prose]) == [None] * 3
    sentence = "طلبہ روزانہ ایک گھنٹہ کتاب پڑھیں۔"
    assert decide(Teaser(), [sentence, "حکومت کا نیا ٹیکس منصوبہ کیا ہے", prose]) == [None] * 3


def test_structure_keeps_the_title_and_drops_header_footer_and_orphans() -> None:
    lines = ["Menu", "Council approves the new budget after debate", "Home",
             "The council approved the budget on Tuesday after six hours of debate.", "April 21, 2022",
             "Work starts in March and should end within two years.", "Transport", "1. Buses",
             "The first lanes open in the spring.", "Contact us", "About"]
    # a date alone in the body is an orphan; a one-word subheading or a numbered item is the article's
    assert decide(Structure(), lines) == ["boilerplate_header", None, "boilerplate_header", None,
                                          "boilerplate_short_line", None, None, None, None,
                                          "boilerplate_footer", "boilerplate_footer"]
    assert decide(Structure(), ["Menu", "Home", "Contact"]) == ["boilerplate_no_prose"] * 3
    # only kept lines take part: a dropped prose line does not make the document have prose
    assert decide(Structure(), ["The council approved the budget on Tuesday.", "Menu"],
                  reasons=["boilerplate_phrase", None]) == [None, "boilerplate_no_prose"]


def test_a_short_title_the_lede_vouches_for_is_the_title_and_a_tagline_is_header() -> None:
    """A title of two or three words ("Lesser kestrel", a person's name) is kept when most of its words open the
    article, even below a wordier tagline, which then goes with the header; a "place - agency" dateline whose words
    the lede repeats is not a title, and a line the lede does not vouch for leaves the wordiest headline kept."""
    lede = "The lesser kestrel is a small falcon that nests in the old walls of southern towns."
    more = "Its numbers fell by half in the last century, and nest boxes have helped it since."
    lines = ["Wingbook", "The open guide to the birds of the south", "Lesser kestrel", lede, more]
    assert decide(Structure(), lines) == ["boilerplate_header", "boilerplate_header", None, None, None]
    dated = ["Harbour fees to rise in spring", "Portvale - Coast Wire",
             "Portvale - Coast Wire: the harbour board said on Monday that fees would rise by a tenth."]
    assert decide(Structure(), dated) == [None, "boilerplate_header", None]
    unvouched = ["Lesser kestrel", "The open guide to the birds of the south",
                 "Small falcons have come back to the walls of southern towns after a mild winter.", more]
    assert decide(Structure(), unvouched) == ["boilerplate_header", None, None, None]
    # a kicker that ends with a colon and the headline under it are one title
    kicker = ["Theatre at the old depot:", "Rain on the stage",
              "Sixteen dancers and sixteen zinc buckets fill the depot for the new season."]
    assert decide(Structure(), ["Menu", *kicker]) == ["boilerplate_header", None, None, None]
    # without the colon they are two headlines, and only the wordier stays
    assert decide(Structure(), ["Menu", "Theatre at the old depot", *kicker[1:]]) == \
        ["boilerplate_header", None, "boilerplate_header", None]


def test_the_title_is_the_headline_after_the_menus_not_the_wordier_tagline_above_them() -> None:
    """Where the lede vouches for no line above the body, the title is the headline below the page's menus and
    breadcrumb (or a run of one-word lines no rule took, a blog's "Home", "About"), not the site's tagline over them,
    though the tagline is wordier and shares a word with the body too (its town)."""
    body = ["Trustees approved a budget line on Monday to reopen the main branch in Ashgrove on Sundays.",
            "The library closed on Sundays two years ago when the town cut its hours.",
            "Staff from the branch will work the new shifts, and volunteers will run the reading room upstairs."]
    page = ["Independent news for Ashgrove and the valley since 1921", "News", "Schools", "Business", "Opinion",
            "Home / News / Local", "Library board restores Sunday hours", *body]
    menus = [None, *["boilerplate_menu"] * 4, "boilerplate_breadcrumb", None, *[None] * len(body)]
    assert decide(Structure(), page, reasons=menus) == ["boilerplate_header", *[None] * 6, *[None] * len(body)]
    # a menu no earlier rule took: three one-word lines in a row or more end the header as well
    blog = [page[0], "Home", "About", "Walks", "Archive", page[6], *body]
    assert decide(Structure(), blog) == [*["boilerplate_header"] * 5, *[None] * (1 + len(body))]


def test_a_headline_s_deck_on_the_body_s_topic_stays_with_it() -> None:
    """A second headline line right under the title, as wordy as one and sharing a word with the body, is the
    article's deck; under it, a "place - site" line is header, and so is a line under the title that shares no
    word with the body (a tagline)."""
    body = ["The ministry opened the winter farm markets on Friday with ninety local farms taking part.",
            "Vegetable stalls were busy all morning, and tomatoes sold out before noon."]
    lines = ["Menu", "Winter farm markets open in Doha", "Vegetable prices fall as the season starts",
             "Doha - The Mirror", *body]
    assert decide(Structure(), lines) == ["boilerplate_header", None, None, "boilerplate_header", None, None]
    tagline = ["Menu", "Winter farm markets open in Doha", "Independent news from the coast since 1904", *body]
    assert decide(Structure(), tagline) == ["boilerplate_header", None, "boilerplate_header", None, None]


def test_a_deck_between_the_headline_and_the_credit_stays_whatever_its_words() -> None:
    """A line as wordy as a title between the headline and the article's credit (a correspondent's line and the date
    an earlier rule took) is the headline's deck even when it tells what the body does not (the villages the bridge
    serves, over a lede on its opening); with no credit under it, it shares no word with the body and is header, as
    a tagline is."""
    body = ["The suspension bridge opens at Asadabad on Tuesday after two years of work, the governor said.",
            "The public works department said the bridge is 180 metres long and will be inspected every month.",
            "Engineers from the capital checked the steel cables and the concrete towers before the ceremony began."]
    head = ["Menu", "Suspension bridge opens at Asadabad", "Farmers of five villages can now reach the market by lorry"]
    credit = ["Asadabad – Kunar News", "3 December 2026"]
    reasons = [None, None, None, "boilerplate_reporter", "boilerplate_dateline", None, None, None]
    assert decide(Structure(), head + credit + body, reasons=reasons) == ["boilerplate_header", *[None] * 7]
    assert decide(Structure(), head + body) == ["boilerplate_header", None, "boilerplate_header", None, None, None]


def test_the_result_of_the_match_the_headline_reports_stays_with_it() -> None:
    """A match report gives its result next to its headline ("Mahdia 2 - 1 Sousse" under "Mahdia come back to beat
    Sousse", "آذرخش ۲ - ۱ سهند" above its headline): a line of scores, not the title's or a deck's shape, that the
    header took. It stays when one side is named by the headline or the lede; a ticker's result of another match
    above the title, or several results on one line split by bars, are still header."""
    body = ["Mahdia scored twice in the last ten minutes to win the coastal derby in front of eight thousand fans.",
            "The winner came from a free kick in the 88th minute, and Mahdia now lead the group by two points."]
    lines = ["Menu", "Gabes 1 - 2 Sfax", "Mahdia come back to beat Sousse in the derby", "Mahdia 2 - 1 Sousse", *body]
    assert decide(Structure(), lines) == ["boilerplate_header", "boilerplate_header", None, None, None, None]
    above = ["Menu", "Mahdia 2 - 1 Sousse", "Late free kick settles the coastal derby", *body]
    assert decide(Structure(), above) == ["boilerplate_header", None, None, None, None]
    ticker = ["Menu", "Mahdia 2 - 1 Sousse | Gabes 1 - 2 Sfax", "Late free kick settles the coastal derby", *body]
    assert decide(Structure(), ticker) == ["boilerplate_header", "boilerplate_header", None, None, None]
    persian = ["خانه", "آذرخش ۲ - ۱ سهند", "دربی تبریز با گل دقیقه ۸۸ به آذرخش رسید",
               "گل دیرهنگام رامین اصغرزاده آذرخش را به رده دوم جدول رساند و هواداران تا پاسی از شب جشن گرفتند.",
               "سهند در نیمه اول با ضربه سر مدافع میانی خود پیش افتاده بود و تا دقیقه هفتاد برتری داشت.",
               "مربی آذرخش پس از بازی گفت تیمش در ده دقیقه پایانی با تمام توان حمله کرد و پاداش گرفت."]
    assert decide(Structure(), persian) == ["boilerplate_header", None, None, None, None, None]


def test_a_deck_shares_a_word_with_the_body_in_another_form_of_it() -> None:
    """A deck's long word and the body's are compared on their first five letters: the deck's "Farmers" is the body's
    "farmer" ("المزارعون" / "المزارعين" in Arabic), and the deck stays under the title (a tagline's "south" is still
    not the body's "southern": see the test above)."""
    body = ["The date season opened at the central market of Buraydah at dawn, with trucks queueing on the ring road.",
            "Every farmer we met said that labour had cost more this year than last, and prices had fallen."]
    lines = ["Menu", "Date season opens at the central market", "Farmers: transport and packing costs eat the margin",
             "Buraydah - The Daily", *body]
    assert decide(Structure(), lines) == ["boilerplate_header", None, None, "boilerplate_header", None, None]


def test_the_headline_above_a_deck_the_lede_vouches_for_and_a_deck_under_a_deck_stay() -> None:
    """When the lede vouches for the deck rather than the headline, the headline right above it (as wordy as one, on
    the body's topic) is the title's first line, not header; when it vouches for a section label over the headline,
    the deck under the headline stays with them. A menu's word above and a "place - site" line below still go."""
    body = ["The water board published cut schedules by district while repairs to the aqueduct finish this month.",
            "Residents of the southern districts will have running water only in the mornings until Christmas."]
    deck = ["Menu", "Southern districts face morning-only water through December",
            "Water board published cut schedules by district while repairs to the aqueduct finish", *body]
    assert decide(Structure(), deck) == ["boilerplate_header", None, None, None, None]
    match = ["The visitors scored twice in the last ten minutes to win the Northern League derby at Eastbury.",
             "Northfield move to fourth place in the Northern League, two points behind the leaders.",
             "Eastbury had led since the first half, when their captain headed in a corner from the left side.",
             "The home crowd had started to leave when the first of the two late goals went in off the post."]
    label = ["Menu", "Northern League", "Northfield come from behind to win the Eastbury derby",
             "Two goals in the last ten minutes give the visitors a deserved win", "Eastbury - Sports Desk", *match]
    assert decide(Structure(), label) == ["boilerplate_header", None, None, None, "boilerplate_header", *[None] * 4]


def test_a_cookie_line_with_its_buttons_is_a_banner() -> None:
    """A cookie notice that neither addresses the visitor nor offers a choice in its own words is a banner
    when its buttons follow it (lines of a word or three that offer a choice); an article's sentence about
    cookies has no buttons under it."""
    notice = "هذا الموقع يستخدم ملفات تعريف الارتباط لتحسين التجربة."
    assert decide(ConsentBanner(), [notice, "موافق", "إدارة التفضيلات", "Title of the story"]) == \
        ["boilerplate_consent"] * 3 + [None]
    assert decide(ConsentBanner(), ["Questo sito utilizza cookie tecnici.", "Accetta"]) == ["boilerplate_consent"] * 2
    article = "Browsers will stop third-party cookies next year, the company said on Monday."
    assert decide(ConsentBanner(), [article, "Why it matters", "Advertisers have two years to adapt."]) == [None] * 3
    assert decide(ConsentBanner(), [notice, "Why it matters"]) == [None, None]
    # buttons that name the cookies are the banner's lines and its buttons at once
    banner = ["This website uses cookies", "We use some essential cookies to make this website work.",
              "Accept additional cookies", "Reject additional cookies"]
    assert decide(ConsentBanner(), banner) == ["boilerplate_consent"] * 4
    news = ["Cookies: what the new law changes", "Sites must ask before they set cookies, the regulator said."]
    assert decide(ConsentBanner(), news) == [None, None]


@pytest.mark.parametrize("notice", [
    "يستعمل هذا الموقع ملفات تعريف الارتباط لتحسين تجربتكم. بمواصلة التصفح فإنكم توافقون على ذلك.",
    "Este site utiliza cookies para melhorar a sua experiência. Ao continuar a navegar, aceita a sua utilização."])
def test_a_lone_cookie_notice_in_arabic_or_portuguese_that_addresses_the_visitor_is_a_banner(notice: str) -> None:
    """The site speaks of itself and of the visitor's experience ("هذا الموقع", "تجربتكم", "a sua experiência") and
    offers the choice of going on: a banner without buttons under it (session 27)."""
    assert decide(ConsentBanner(), [notice, "Why it matters"]) == ["boilerplate_consent", None]


def test_a_credit_set_apart_after_a_caption_s_sentence_makes_it_a_caption() -> None:
    """The credit follows the caption's sentence after its full stop, in brackets or after a separator, with or
    without a colon, and the line ends with the name; a sentence that mentions a photo goes on after the word."""
    captions = ["Les parents devant l'école, le 14 juin. Photo CdM/Pierre Lenoir",
                "Il teatro illuminato durante la prova generale (foto di Pasquale Iannotti)",
                "Okafor celebrates his second goal in front of the fans. Credit: J. Whitley/NFW",
                "فیروزه تراشی در یکی از کارگاه های بازار؛ عکس از علی نوروزی",
                "کیپشن: لاہور کی مال روڈ پر جمعہ کی صبح حدِ نگاہ چند سو میٹر رہ گئی تھی"]
    sentences = ["The mayor posed for a photo with the traders in front of the gate.",
                 "Une exposition de photos anciennes (photo de couverture comprise) reste ouverte jusqu'en mars.",
                 "The photo of the crowd was shared ten thousand times in one night"]
    assert decide(Caption(), captions + sentences) == ["boilerplate_caption"] * len(captions) + [None] * len(sentences)


def test_a_box_of_headlines_under_a_label_at_the_foot_of_the_page_goes() -> None:
    """A short label below the article and two to six headlines under it, with the page's end or a line already
    dropped after them, are a related box, the label with them (one an earlier rule dropped keeps its reason).
    Not: the article's own list under a subheading with more of the article after it, a title and its deck
    under a menu's last item above the body, a ranking (numbers in two lines), or an article without full
    stops, where every line looks like a headline."""
    article = ["The council approved the budget on Tuesday after six hours of debate.",
               "Work on the new bus lanes starts in March and should end within two years."]
    box = ["Related stories", "Ferry timetable changes from Monday", "Two new libraries open in the north",
           "Police log: car stolen from a driveway"]
    assert decide(LabelledBox(), [*article, *box]) == [None, None] + ["boilerplate_box"] * 4
    dropped = [None, None, "boilerplate_phrase", None, None, None, "boilerplate_phrase"]
    assert decide(LabelledBox(), [*article, *box, "Share"], reasons=dropped) == \
        [None, None, None] + ["boilerplate_box"] * 3 + [None]
    own_list = ["What to bring", "Warm boots and a hat", "A thermos of hot tea", article[1]]
    assert decide(LabelledBox(), [*article, *own_list]) == [None] * 6
    deck = ["News", "Winter farm markets open in Doha", "Vegetable prices fall as the season starts", *article]
    assert decide(LabelledBox(), deck, reasons=["boilerplate_menu", None, None, None, None]) == [None] * 5
    ranking = ["Standings", "1 Northfield United 31 points", "2 Eastbury Town 28 points"]
    assert decide(LabelledBox(), [*article, *ranking]) == [None] * 5
    unended = [line.rstrip(".") + " and the mayor welcomed it" for line in article]  # prose by length alone
    assert decide(LabelledBox(), [*unended, *box]) == [None] * 6


def test_a_box_with_more_chrome_kept_under_it_goes_and_the_article_s_list_or_subheading_stays() -> None:
    """A box followed by a kept line that is no paragraph and has none right under it (a comment count over a
    commenter's name, a form's label) goes too. The article goes on, and the run stays, when the line below is a
    paragraph or has one under it (a subheading), when the label or that line ends with a colon (a lead-in, the
    next list), or when a line of the run is shorter than a headline (a list of tools under "What you need")."""
    article = ["The council approved the budget on Tuesday after six hours of debate.",
               "Work on the new bus lanes starts in March and should end within two years."]
    box = ["Related stories", "Ferry timetable changes from Monday", "Two new libraries open in the north"]
    comments = ["Mireille", "26 November 2026 at 9.14 pm"]
    assert decide(LabelledBox(), [*article, *box, *comments]) == [None, None] + ["boilerplate_box"] * 3 + [None] * 2
    subheading = ["What happens next", article[0]]
    assert decide(LabelledBox(), [*article, *box, *subheading]) == [None] * 7
    lead_in = ["Line-up:", "Defence: Hani, Ibrahim, Dari and Maaloul", "Midfield: Attia, Ashour and Tawfik",
               "Key figures:", "Possession: 61% to 39%"]
    assert decide(LabelledBox(), [*article, *lead_in]) == [None] * 7
    next_list = ["The team", "Defence: Hani, Ibrahim, Dari and Maaloul", "Midfield: Attia, Ashour and Tawfik",
                 "Key figures:", "Possession 61% to 39%"]
    assert decide(LabelledBox(), [*article, *next_list]) == [None] * 7
    tools = ["What you will need", "An adjustable spanner", "A replacement washer or cartridge", "A towel", "Jump to:"]
    assert decide(LabelledBox(), [*article, *tools], reasons=[None] * 6 + ["boilerplate_menu"]) == [None] * 7


def test_a_run_of_named_figures_is_the_article_s_list_not_other_stories_headlines() -> None:
    """Lines that each give a label, a colon and a value with a number ("Buses: line 283 keeps the detour") are
    a list the article gives, between two paragraphs or at the foot; headlines that open with a place and a
    colon but mostly give no number are still a box."""
    before = "The old bridge stays closed to cars until Easter, the town said on Monday evening."
    after = "The repairs will cost 2.8 million euros instead of the 2.1 million first planned."
    figures = ["Cyclists: free again from 14 December", "Buses: line 283 keeps the detour via Villmar",
               "Residents of Schadeck: access over road 441"]
    assert decide(HeadlineRun(), [before, *figures, after]) == [None] * 5
    assert decide(LabelledBox(), [before, "What changes", *figures]) == [None] * 5
    places = ["Oran: the pine bridge reopens to traffic", "Ain Temouchent: a good citrus season ahead",
              "Sidi Bel Abbes: 1500 homes handed over"]
    assert decide(HeadlineRun(), [before, *places, after]) == [None, *["boilerplate_headlines"] * 3, None]
    assert decide(LabelledBox(), [before, "Related", *places]) == [None, *["boilerplate_box"] * 4]


def test_a_run_shaped_as_one_list_s_items_is_the_article_s_not_a_related_box() -> None:
    """A run is the article's list, not other stories' headlines, when its lines are items of one list: each names
    something and a colon gives its value (a label of five words too), every one with a number, or most of them
    under a heading of their own; or a question above them asks what they answer. A box whose headlines each open
    with a place and a colon, one of them with a number, still goes."""
    before = "The night train leaves Belgrade at nine and reaches the coast a little after eight in the morning."
    after = "We left twenty minutes late, and the conductor came round with tea before we reached the hills."
    fares = ["Couchette in a four-berth compartment: about 30 euros", "Sleeper in a two-berth compartment: about 45 "
             "euros", "Seat only: about 22 euros"]
    assert decide(HeadlineRun(), [before, *fares, after]) == [None] * 5
    figures = ["The figures of the season", "Expected output: 1.4 million kilos", "Online sales: 31% of the total",
               "Exports: France, Mexico and the United States above all"]
    assert decide(HeadlineRun(), [before, *figures, after]) == [None] * 6
    # a question over the run that names more than a box's label does: the list answers it; "Have you read these?"
    # is a box's label
    before_phase = "The third phase adds three event squares, two playgrounds and shaded seats along the walkway."
    new = ["A cycle lane of 4 km apart from the footpath", "Solar-powered lighting along the whole walkway",
           "First-aid points in three places", "Open-air fitness machines for everyone"]
    assert decide(HeadlineRun(), [before_phase, "What is new in this phase?", *new, after]) == [None] * 7
    assert decide(HeadlineRun(), [before_phase, "Have you read these?", *new, after]) == \
        [None, None, *["boilerplate_headlines"] * 4, None]
    box = ["Oran: the pine bridge reopens to traffic", "Ain Temouchent: a good citrus season ahead",
           "Sidi Bel Abbes: 1500 homes handed over"]
    assert decide(HeadlineRun(), [before, "More news", *box, after]) == [None, *["boilerplate_headlines"] * 4, None]


def test_a_read_also_run_stops_at_a_subheading_the_next_paragraph_vouches_for() -> None:
    """The last line under a "read also" box, just above the article's next paragraph, is the article's
    subheading when most of its words are in that paragraph; another story's headline there shares a word with
    the paragraph at most."""
    box = ["Read also:", "Council opens two new libraries in the north", "Ferry timetable changes from Monday"]
    resumed = "Parents' demands were sent to the school office last week, signed by forty families."
    assert decide(Teaser(), [*box, "Parents' demands", resumed]) == ["boilerplate_teaser"] * 3 + [None, None]
    assert decide(Teaser(), [*box, "Heavy snow closes the ferry port", resumed]) == ["boilerplate_teaser"] * 4 + [None]


def test_a_read_also_run_stops_at_a_short_subheading_over_the_next_paragraph() -> None:
    """A line of a subheading's size (up to five words), two words or more shorter than the headline above it and
    right above a paragraph, a table or a lead-in, is the article's next section, not the box's last headline:
    another story's headline is about as wordy as the box's others. A short headline first under a bare label, or
    one nearly as long as the headline above it, is still the box's."""
    box = ["Read also:", "Council opens two new libraries in the north",
           "Ferry timetable changes from Monday for winter"]
    resumed = "Parents asked the school for a second bus last week, in a letter signed by forty families."
    assert decide(Teaser(), [*box, "What the parents want", resumed]) == ["boilerplate_teaser"] * 3 + [None, None]
    table = ["Pos. | Team | P | Pts", "1 | Northfield | 14 | 31", "2 | Eastwick | 14 | 29"]
    assert decide(Teaser(), [*box, "The table so far", *table]) == ["boilerplate_teaser"] * 3 + [None] * 4
    urdu = ["یہ بھی پڑھیں", "شہر میں بجلی کے نرخوں میں اضافے کا اعلان", "بندرگاہ پر مزدوروں کی ہڑتال ختم",
            "کسانوں کا مطالبہ", "کسانوں نے کہا کہ نہری پانی کی بندش سے گندم کی فصل کو نقصان پہنچے گا۔"]
    assert decide(Teaser(), urdu) == ["boilerplate_teaser"] * 3 + [None, None]
    assert decide(Teaser(), ["Read also", "Ferry fares rise again", resumed]) == ["boilerplate_teaser"] * 2 + [None]
    assert decide(Teaser(), [*box, "Heavy snow closes the ferry port", resumed]) == ["boilerplate_teaser"] * 4 + [None]
    near = ["Read also:", "Ferry timetable changes from Monday", "Snow closes the ferry port", resumed]
    assert decide(Teaser(), near) == ["boilerplate_teaser"] * 3 + [None]


def test_a_read_also_run_stops_at_a_subheading_the_article_names_though_it_is_as_long_as_the_headlines() -> None:
    """A short line under a box's headlines, right above a paragraph or a lead-in, as wordy as the headline above
    it, is the article's next section when the article's prose outside the box names most of its words, in another
    form ("Le pari des variétés anciennes" in a story whose deck says "les variétés anciennes", "Üreticilerin
    aldığı önlemler" in one of "üreticileri" taking "önlem"); another story's headline that shares one word with the
    article is still the box's."""
    deck = "Les producteurs de champignons du Saumurois misent sur la qualité et les variétés anciennes pour survivre."
    box = ["À lire aussi", "Saumur : le festival des vins annonce ses dates",
           "Fontevraud : l'abbaye dévoile son programme"]
    resumed = "Pour tenir, plusieurs exploitants se sont tournés vers des cultures à plus forte valeur ajoutée."
    assert decide(Teaser(), [deck, *box, "Le pari des variétés anciennes", resumed]) \
        == [None, *["boilerplate_teaser"] * 3, None, None]
    assert decide(Teaser(), [deck, *box, "Le pari des caves du Layon", resumed]) \
        == [None, *["boilerplate_teaser"] * 4, None]
    title = "Dans les caves de Saumur, les champignonnistes face à la concurrence"
    assert classify([title, deck, *box, "Le pari des variétés anciennes", resumed])[3:] \
        == ["boilerplate_teaser"] * 2 + [None, None]
    assert classify([title, deck, *box, "Le pari des caves du Layon", resumed])[3:] \
        == ["boilerplate_teaser"] * 3 + [None]
    turkish = ["Sera üreticileri gece nöbetinde, fideler için önlem aldı", "İlgili Haberler",
               "Antalya'da narenciye hasadı başladı", "Serik'te fırtına seraları vurdu", "Üreticilerin aldığı önlemler",
               "Ziraat mühendisleri, üreticilere şu önerilerde bulundu:"]
    assert decide(Teaser(), turkish) == [None, *["boilerplate_teaser"] * 3, None, None]


def test_a_read_also_run_takes_a_headline_that_trails_off_and_two_questions_on_one_subject() -> None:
    """A headline that trails off with an ellipsis ("… but...", "… مگر۔۔۔") ends no sentence; a headline-sized
    question under another headline of the box is its next headline, not the paragraph that vouches for a
    subheading, though they share the subject's words. A sentence after the box still ends it."""
    resumed = "The index had been under pressure since the summer, when the rupee fell against the dollar."
    trailing = ["Also read", "The five Tests Pakistan could have won but...", "Can the PSL rival the IPL?"]
    assert decide(Teaser(), [*trailing, resumed]) == ["boilerplate_teaser"] * 3 + [None]
    urdu = ["کرکٹ سے متعلق یہ بھی پڑھیے", "وہ پانچ ٹیسٹ میچ جو پاکستان جیت سکتا تھا مگر۔۔۔"]
    assert decide(Teaser(), urdu) == ["boilerplate_teaser"] * 2
    same_subject = ["Read more", "Why did the stock exchange fall so fast?",
                    "Is the stock exchange fall a sign of worse to come?"]
    assert decide(Teaser(), [*same_subject, resumed]) == ["boilerplate_teaser"] * 3 + [None]
    # a sentence that ends with a full stop after the label is no headline: the run stops there
    assert decide(Teaser(), ["Also read", "The five Tests Pakistan could have won, but did not.", resumed]) \
        == [None] * 3


def test_a_column_that_closes_paragraphs_on_questions_is_no_interview_for_a_read_also_box() -> None:
    """A box's question-headlines each answered by the paragraph below are the interviewer's questions only on an
    interview's page: three questions of a question's length between two answers. A columnist's paragraphs that
    end on a question and a box's headlines under a label or a headline do not make one."""
    para = "The pitch gave the seamers nothing on the fourth morning, and the batsmen settled in without fuss."
    long_q = " ".join(["Who could have guessed, after fifty runs of an opening stand, that"] * 4) + " it would end?"
    box = ["Also read", "Ten years of spin at Dubai", "What is the fourth-innings ghost?"]
    column = [para, long_q, para, long_q, para, "What did he do differently?", para, *box, para]
    assert decide(Teaser(), column)[-4:] == ["boilerplate_teaser"] * 3 + [None]
    interview = [para, "Why did you declare so early?", para, "Did the rain change your plan?", para,
                 "Will you pick two spinners again?", para, *box, para]
    assert decide(Teaser(), interview)[-4:] == ["boilerplate_teaser"] * 2 + [None, None]


def test_a_listed_label_with_a_colon_over_a_list_of_tags_is_chrome() -> None:
    """"Tags: gas, boiler, saving" and "برچسب‌ها: گاز، پکیج، صرفه‌جویی": a whole-line chrome label, a colon and
    short items between commas. The same label over a sentence, a label the list does not know, or one item, stay."""
    lines = ["Tags: gas, boiler, saving", "برچسب‌ها: گاز، پکیج، صرفه‌جویی",
             "Tags: the boiler was serviced in May, and the bill fell.", "Ingredients: flour, water, salt",
             "Tags: boiler"]
    assert decide(Phrase(), lines) == ["boilerplate_phrase", "boilerplate_phrase", None, None, None]


def test_a_list_label_over_tags_split_by_bars_spaces_or_hashtags_is_chrome() -> None:
    """A list label ("كلمات مفتاحية", "Tag", "برچسب‌ها") over its tags: split by commas or bars, hashtags, or a few
    words a space splits (session 27). A sentence, a figure or one word under it stays."""
    lines = ["كلمات مفتاحية: زيت الزيتون، ميناء صفاقس، التصدير", "Tag: Semarang, Ojek Online, Dishub",
             "الوسوم: #حمى_الأطفال #باراسيتامول", "برچسب‌ها: انگور هرس زمستان", "الوسوم: الزرقاء | البلدية",
             "Tag: the council met on Monday and agreed.", "Tags: 2026 budget", "Tags: boiler"]
    assert decide(Phrase(), lines) == ["boilerplate_phrase"] * 5 + [None] * 3


def test_a_call_to_share_over_its_networks_buttons_on_one_line_is_chrome() -> None:
    """The call and the buttons after its colon, networks split by bars or dots (session 27); a sentence that names
    networks, or a colon over other words split by bars, stays."""
    lines = ["اگر یہ تحریر پسند آئی ہو تو دوستوں سے شیئر کریں: فیس بک | واٹس ایپ | ٹوئٹر",
             "Send this column to your friends: WhatsApp · Facebook · X",
             "The ministry posted the notice on Facebook and WhatsApp, and the page was shared widely on Monday.",
             "Prices this week: tomatoes | onions | potatoes"]
    assert decide(Phrase(), lines) == ["boilerplate_phrase"] * 2 + [None, None]


def test_a_numbered_table_of_contents_ends_at_its_first_section_s_heading() -> None:
    """A table of contents under "Contents" numbers its entries ("1 Description"); the first section's heading
    right under it ("Description") repeats an entry without the number and is the article's, not one more entry."""
    lead = "The grey heron is a long-legged wading bird of the heron family, found throughout Europe and Asia."
    toc = ["Contents", "1 Description", "2 Distribution and habitat", "3 Behaviour", "4 References"]
    body = ["Description", "The grey heron stands up to a metre tall, with a white head and neck and a black stripe.",
            "Distribution and habitat", "It breeds in colonies in tall trees near lakes, rivers or the sea coast."]
    decided = classify(["Grey heron", lead, *toc, *body])
    assert decided[3:2 + len(toc)] == ["boilerplate_menu"] * (len(toc) - 1)
    assert decided[2 + len(toc):] == [None] * len(body)


def test_a_help_page_s_contents_name_its_sections_however_long_and_its_sections_stay() -> None:
    """Under "In this article", entries as long as a heading ("Shared and secondary calendars") are contents when
    the page repeats each as a section's heading below; those sections, a heading over two short lines, are the
    article's, not a run of other stories' headlines between its paragraphs. So is a section a contents line names
    ("On this page: Before you start · Steps"); the contents line itself and what is next to it still go."""
    lead = "Connecting your calendar lets the app hold your desk on days when you have a meeting at the office."
    toc = ["In this article", "What the app can see", "Shared and secondary calendars"]
    section = ["What the app can see", "Start and end times of events on the calendars you choose",
               "The location field, but only to match it against your office name"]
    body = ["The app cannot see descriptions, attachments or guest lists of your events.",
            "Shared and secondary calendars",
            "You can add up to five calendars, and a shared team calendar works the same way as your own."]
    decided = classify(["Connect your calendar to the app", lead, *toc, *section, *body])
    assert decided[2:2 + len(toc)] == ["boilerplate_menu"] * len(toc)
    assert decided[2 + len(toc):] == [None] * (len(section) + len(body))
    unnamed = classify(["Connect your calendar to the app", lead, *section, *body])
    assert unnamed[2:2 + len(section)] == ["boilerplate_headlines"] * len(section)  # no contents: a run of headlines
    line = ["On this page: Before you start · Steps", "Edit this page on GitHub", "Before you start"]
    steps = ["You need the Owner or Admin role in the workspace to create a key or to revoke one.",
             "Steps", "Open the settings, choose API keys and create a new key with a name that says where it is used."]
    decided = classify(["Rotate an API key", lead, *line, *steps])
    assert decided[2:4] == ["boilerplate_headlines"] * 2 and decided[4:] == [None] * 4


def test_the_plan_gives_exactly_the_old_classifier_reasons_on_the_labelled_set() -> None:
    """tests/fixtures/labelled_reasons.json was written by `classify` of rules/boilerplate.py (commit
    986267b), the one function the rules replaced: every line of every labelled document."""
    expected = json.loads((FIXTURES / "labelled_reasons.json").read_text(encoding="utf-8"))
    docs = _documents(load())
    repeated = RepeatedLines.count((site(doc), raw_lines(doc)[1]) for doc in docs)
    lines = lines_table(docs, repeated)
    reasons = Plan().classify(lines).to_pylist()
    by_doc: dict[str, list[str | None]] = {}
    for d, reason in zip(lines.column("doc").to_pylist(), reasons, strict=True):
        by_doc.setdefault(docs[d].id, []).append(reason)
    assert by_doc == expected
    assert len({r for rs in expected.values() for r in rs}) >= 10  # most rules have lines to decide here


def test_labelled_set_scores() -> None:
    docs = load()
    assert len(docs) >= 40
    recall, removal = score(docs, ours(docs))["all"]
    assert recall >= 0.99 and removal >= 0.95


def test_urdu_lines_without_full_stops_are_kept() -> None:
    lines = ["کھیل",
             "پاکستان نے تیسرے ون ڈے میچ میں سری لنکا کو پانچ وکٹوں سے شکست دے دی",
             "کراچی میں کھیلے گئے میچ میں سری لنکا نے پہلے بیٹنگ کرتے ہوئے دو سو ستر رنز بنائے",
             "اس کامیابی کے ساتھ پاکستان نے سیریز دو ایک سے اپنے نام کر لی",
             "شیئر کریں"]
    assert classify(lines, "ur") == ["boilerplate_header", None, None, None, "boilerplate_phrase"]


def test_lists_and_subheadings_inside_the_article_are_kept() -> None:
    lines = ["Council approves the new budget after a long debate",
             "The council approved the budget on Tuesday after six hours of debate.",
             "What changes",
             "The plan includes:",
             "new bus lanes,",
             "two libraries.",
             "Work starts in March and should end within two years.",
             "Share"]
    assert classify(lines, "en") == [None] * 7 + ["boilerplate_phrase"]


def test_teaser_under_read_also_label() -> None:
    lines = ["وقال الوزير إن الحكومة ستعلن خطة جديدة للنقل العام خلال الأسبوع المقبل.",
             "اقرأ أيضاً:",
             "قمة المناخ: ماذا تعني درجة ونصف الدرجة؟",
             "ويأتي الإعلان بعد أشهر من الانتقادات لضعف شبكة الحافلات في العاصمة."]
    assert classify(lines, "ar") == [None, "boilerplate_phrase", "boilerplate_teaser", None]


def test_lines_repeated_across_a_site_are_dropped_but_repeated_prose_is_left_to_dedup() -> None:
    chrome = "خدمة الرسائل القصيرة اشترك الآن"
    prose = "وأجريت الانتخابات الأخيرة عام 2009، وكان يفترض أن تستمر ولاية البرلمان أربعة أعوام."
    repeated = RepeatedLines.count([("example.org", [chrome, prose])] * 3, min_docs=3)
    twice = RepeatedLines.count([("example.org", [chrome, chrome])] * 2, min_docs=3)
    assert not twice.repeated(RepeatedLines.line_keys(["example.org"], [chrome])).any()  # once per document
    body = "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم تستهدف مليون طفل في المدن."
    assert classify([body, chrome, prose], "example.org", repeated) == [None, "boilerplate_repeated", None]
    assert classify([body, chrome], "other.org", repeated) == [None, "boilerplate_footer"]


def test_the_frequent_keys_answer_membership_from_their_sorted_array() -> None:
    """A sign-off's key is looked up one at a time (a binary search): below, between, above the keys held."""
    repeated = RepeatedLines([30, 10, 20, 10, 2**64 - 1])
    assert len(repeated) == 4 and list(repeated.keys) == [10, 20, 30, 2**64 - 1]
    assert [key in repeated for key in (10, 20, 30, 2**64 - 1)] == [True] * 4
    assert [key in repeated for key in (0, 15, 31, 2**64 - 2)] == [False] * 4
    assert not RepeatedLines() and 10 not in RepeatedLines()


def test_a_sentence_on_many_pages_of_a_site_is_a_template_but_on_a_few_it_is_content() -> None:
    """A disclaimer on every page goes; a background paragraph two or three stories share stays."""
    disclaimer = "The views expressed in the comments are those of their authors and not of this site."
    background = "The last parliamentary elections were held in 2009 and the mandate was extended twice."
    body = "The council approved the budget on Tuesday after six hours of debate."
    pages = [("example.org", [f"Story {i} opens the council session today.", disclaimer]) for i in range(5)]
    assert classify([body, disclaimer], "example.org", RepeatedLines.count(pages)) == [None, None]
    pages += [("example.org", ["Another story of the week.", disclaimer, background])] * 1
    pages += [("example.org", [background])] * 4
    repeated = RepeatedLines.count(pages)
    assert classify([body, disclaimer, body], "example.org", repeated) == [None, "boilerplate_template", None]
    assert classify([body, background, body], "example.org", repeated) == [None, None, None]  # 5 pages: content


def test_lines_count_by_shape_with_links_and_addresses_masked() -> None:
    """An author line with each author's address, or a rights line with its year, is one template."""
    pages = [("example.org", [f"Contact the author: writer{i}@example.org or @writer{i}", f"© {2010 + i} Example News"])
             for i in range(3)]
    repeated = RepeatedLines.count(pages)
    body = "The council approved the budget on Tuesday after six hours of debate."
    assert classify([body, "Contact the author: kim@example.net or @kim", "© 2024 Example News"], "example.org",
                    repeated) == [None, "boilerplate_repeated", "boilerplate_repeated"]


def test_lines_count_by_shape_with_month_names_masked() -> None:
    """"Filed on March 3" and "Filed on May 9" are one template; a line that differs in a word is not."""
    pages = [("example.org", [f"Filed at the desk on {month} {i}, 2019", f"The {word} desk met today"])
             for i, (month, word) in enumerate([("March", "sports"), ("May", "news"), ("octobre", "arts")])]
    repeated = RepeatedLines.count(pages)
    body = "The council approved the budget on Tuesday after six hours of debate."
    assert classify([body, "Filed at the desk on December 12, 2020", "The city desk met today", body], "example.org",
                    repeated) == [None, "boilerplate_repeated", None, None]


def test_matching_key_folds_spelling_variants_but_output_is_untouched() -> None:
    assert line_key("اقرأ أيضاً:") == line_key("إقرا ايضا")
    assert line_key("Read ALSO 2019") == line_key("read also 2020")
    assert site_of("https://www.Example.org/a/b", "feeds/x.jsonl") == "example.org"
    assert site_of(None, "news/ar/x.txt") == "news/ar"


def test_a_run_of_headlines_between_paragraphs_is_a_related_box_but_one_subheading_stays() -> None:
    body = "The council approved the budget on Tuesday after six hours of debate."
    more = "Work on the new bus lanes starts in March and should end within two years."
    headlines = ["Storm prompts airlines to relax travel policies", "Five healthy eating tips for travelers",
                 "A day in the life of the busiest airport"]
    assert classify([body, *headlines, more]) == [None, *["boilerplate_headlines"] * 3, None]
    assert classify([body, "What the budget pays for", more]) == [None, None, None]
    items = ["- Finland and its lakes in summer", "- Norway and its fjords in winter", "- Canada and its forests"]
    assert classify([body, *items, more]) == [None, None, None, None, None]  # the article's own list


def test_a_lead_in_after_the_last_paragraph_carries_the_body_through_its_named_list() -> None:
    """Under a lead-in ending with a colon after the article's last sentence, the named items of its list ("Defence:
    NAME, NAME") are the article's (a match report's line-up), and so is a second lead-in's list under it with its
    figures; the footer starts at the first line that is neither. Named lines right under the last sentence, with no
    lead-in above them, are still the footer."""
    article = ["Northfield win the derby at home", "Northfield beat Eastbury 2-1 on Sunday in front of a full stand.",
               "The coach said the second half was the best his side has played this season."]
    line_up = ["Northfield's line-up:", "Goal: Ana Ruiz", "Defence: Mia Lopez, Sara Gil, Eva Moreno",
               "Attack: Lucia Vega, Marta Sanz", "Match figures:", "Corners: 8 – 2"]
    footer = ["Follow us", "Contact"]
    assert decide(Structure(), [*article, *line_up, *footer]) == [None] * 9 + ["boilerplate_footer"] * 2
    assert decide(Structure(), [*article, *line_up[1:4], *footer]) == [None] * 3 + ["boilerplate_footer"] * 5


def test_a_lead_in_naming_the_article_s_subject_carries_the_body_through_its_list_at_the_foot() -> None:
    """A lead-in ending with a colon below the article's last sentence that names its subject (a long word of its
    prose: "The orchard's stages:" in a story about the orchard) opens the article's own list, named or not: its
    items stay, up to a line an earlier rule dropped. A label naming nothing of the article ("Follow us:") is still
    the footer, and so is a box's short label with headlines under it when it names nothing."""
    article = ["The village orchard comes back",
               "The village orchard was replanted this spring by forty volunteers, who first cleared the brambles.",
               "Volunteers said the young apple trees would give their first apples in three years."]
    stages = ["The orchard's stages:", "clearing the brambles and dead trees", "planting sixty young apple trees",
              "building a fence against the deer"]
    assert decide(Structure(), [*article, *stages]) == [None] * 7
    assert decide(Structure(), [*article, *stages, "Share this article"], reasons=[None] * 7 + ["boilerplate_phrase"]) \
        == [None] * 8
    assert decide(Structure(), [*article, "Follow us:", "Facebook page", "Instagram account"])[-2:] == \
        ["boilerplate_footer"] * 2
    # footer links right under such a lead-in neither give a figure nor name the subject: no list of the article's
    assert decide(Structure(), [*article, stages[0], "About us", "Contact us today", "Privacy policy and terms"])[-3:] \
        == ["boilerplate_footer"] * 3
    # a paragraph ending with a colon points somewhere else (a feed, a page): what follows it is not its list
    pointer = "Volunteers will post photos of the orchard every week, and you can follow the orchard's year here:"
    assert decide(Structure(), [*article, pointer, "Orchard news Orchard photos Volunteer days"]) == \
        [None] * 4 + ["boilerplate_footer"]
    assert decide(LabelledBox(), [*article, *stages]) == [None] * 7
    box = ["More from us:", "Council opens two new libraries in the north", "Ferry timetable changes from Monday"]
    assert decide(LabelledBox(), [*article, *box]) == [None] * 3 + ["boilerplate_box"] * 3


def test_the_page_tail_leaves_the_list_a_lead_in_naming_the_subject_opens() -> None:
    """Under the article's last sentence, the list a lead-in naming the article's subject opens stays when reader
    comments follow it, as in Structure (`presented_list`); the comments below it still go."""
    article = ["Ferry timetable to change in the new year",
               "The island ferry will run two extra sailings on weekday mornings from January, the operator said.",
               "Commuters had complained for months that the first ferry left too late for shifts starting at eight.",
               "The new timetable adds an early departure and moves the last evening crossing forward."]
    listed = ["The new ferry sailings:", "a first crossing before the morning shifts",
              "a second crossing after the school run", "a later crossing on Friday nights"]
    comments = ["Pat Morgan", "2 December 2025 at 8:41 am", "About time. I have been late three times this month.",
                "Reply", "Sam O'Neill", "2 December 2025 at 9:05 am",
                "Will the Sunday sailings change too? Nothing about that here.", "Reply"]
    reasons = decide(PageTail(), [*article, *listed, *comments])
    assert reasons[:8] == [None] * 8
    assert reasons[10] == reasons[14] == "boilerplate_tail"


def test_a_life_s_span_under_the_name_stays_with_the_title() -> None:
    """Two dates split by a dash, the second in a later year ("June 4, 1938 – November 17, 2025" under an obituary's
    name) are a life or a period, not the page's stamp: through the plan the line stays with the title above the
    body, while the page's one date, or a date and its update in the same year, is still a dateline."""
    body = ["Margaret Ann Kowalski, 87, of Clarkston, passed away peacefully on Monday, November 17, 2025.",
            "She graduated from St. Mary's High School in 1956 and worked for thirty years as a school secretary."]
    for span in ("June 4, 1938 – November 17, 2025", "4. Juni 1938 – 17. November 2025", "1938 - 2025"):
        assert classify(["Margaret Ann Kowalski", span, *body]) == [None] * 4
    for stamp in ("November 18, 2025", "November 17, 2025 – November 18, 2025"):
        assert classify(["Margaret Ann Kowalski", stamp, *body])[1] == "boilerplate_dateline"


def test_time_coded_lines_in_a_rising_run_are_a_list_not_datelines() -> None:
    """Three or more lines in a row that open with a time code, the times rising, are a list the page gives (a
    podcast's chapters, a day's programme); a ticker's times fall (newest first) and a stamp is one line, both
    still datelines."""
    chapters = ["00:00 Introduction", "03:40 How the records survived a fire", "1:02:15 Questions from listeners"]
    assert decide(Dateline(), chapters) == [None] * 3
    ticker = ["10:32 Fire closes the ring road", "09:15 Council approves the budget",
              "08:02 Storm warning for the coast"]
    assert decide(Dateline(), ticker) == ["boilerplate_dateline"] * 3
    assert decide(Dateline(), ["Updated 10:32", "The council approved the budget on Tuesday."]) == \
        ["boilerplate_dateline", None]
    assert decide(Dateline(), chapters[:2]) == ["boilerplate_dateline"] * 2  # two lines are no list yet


def test_named_times_between_paragraphs_are_the_article_s_timetable_not_datelines() -> None:
    """Two or more named times of the day in a row, no year, after the article's first sentence and before its last
    ("First tram from town: 5:50" / "Last tram from town: 22:10", an Urdu flight schedule) are a
    timetable the article gives. The page's stamps stay datelines: a named time alone, stamps that date themselves
    with a year, and named times above the body."""
    first = "The number 4 tram returns to the bridge on Monday after eight months of repairs to the deck."
    last = "The city says the fares stay the same until the end of the year, whatever the new route costs."
    times = ["First tram from town: 5:50", "Last tram from town: 22:10"]
    assert decide(Dateline(), [first, "New timetable", *times, last]) == [None] * 5
    urdu = ["پیر اور بدھ: روانگی صبح 7:40", "جمعہ اور اتوار: روانگی شام 6:15"]
    assert decide(Dateline(), [first, *urdu, last]) == [None] * 4
    assert decide(Dateline(), [first, times[0], last]) == [None, "boilerplate_dateline", None]
    stamps = ["Published: 3 December 2026, 10:40", "Updated: 3 December 2026, 11:15"]
    assert decide(Dateline(), [first, *stamps, last]) == [None, *["boilerplate_dateline"] * 2, None]
    assert decide(Dateline(), [*times, first, last]) == [*["boilerplate_dateline"] * 2, None, None]


def test_a_named_figure_in_any_script_is_not_an_orphan_number() -> None:
    """"Rainfall in Aleg: 312" in Arabic letters is a named value like "Servings: 8" (RE2's \\w is ASCII's): not an
    orphan; a number alone still is."""
    article = ["Rains return to the east", "The rains came early this year and the herders moved south in October.",
               "كميات الأمطار:", "العيون: 312", "كوبني: 287", "1998",
               "The wells in the valley are full again, the governor said on Monday."]
    assert decide(Structure(), article) == [None] * 5 + ["boilerplate_short_line", None]


def test_an_orphan_count_in_persian_or_arabic_indic_digits_is_an_orphan_too() -> None:
    """A Q&A page's vote count "۹ رأی" between the question and an answer is "9 votes" in Persian digits (RE2's \\d
    is ASCII's): an orphan like "9 votes"; a numbered item of the answer's list in the same digits stays."""
    page = ["چطور قبض گاز را کم کنیم؟", "قبض گاز دی ماه پارسال نزدیک سه برابر ماه‌های دیگر شد. چه کنیم؟",
            "۹ رأی", "دمای پکیج را روی ۶۰ درجه بگذارید، نه ۸۰. برای آپارتمان کوچک کافی است.",
            "۲. پشت رادیاتورها ورق عایق بچسبانید.", "۳ ۴", "پرده‌های ضخیم را شب‌ها بکشید تا گرما بماند."]
    assert decide(Structure(), page) == [None, None, "boilerplate_short_line", None, None, "boilerplate_short_line",
                                         None]


def test_a_heading_over_two_named_figures_is_the_article_s_list() -> None:
    """A heading and two named figures under it ("New rota" / "East side: from 6 to 8, from 2 to 4" / "West side:
    …") are the article's, though only two of the three lines are named: the heading names none."""
    before = "The power company said on Monday that the daily cuts would be shorter from next week on."
    after = "Residents said they doubted the new rota would hold once the cold weather set in."
    rota = ["The new rota", "East side: on from 6 to 8 in the morning and from 2 to 4", "West side: on from 8 to 10 "
            "in the morning and from 4 to 6"]
    assert decide(HeadlineRun(), [before, *rota, after]) == [None] * 5


def test_a_timeline_or_a_fact_box_of_named_figures_is_the_article_s() -> None:
    """Three or more named figures in a row, a number in the label or the value ("2019: hourly …", "Sector 1
    (North, Hill): 5:00 to 11:00") with their heading, are the article's: not a run of other stories' headlines,
    not the end of a "read also" box, not the footer. A paywall notice between them and another line ends the
    run; headlines that only open with a place and a colon are still a box."""
    before = "People in three villages say the plan to cut the number 14 bus will leave them stranded."
    after = "The county council said no decision had been made and the consultation closes on 18 December."
    timeline = ["How the 14 has changed", "2015: every 30 minutes, seven days a week",
                "2019: hourly, Sunday service reduced", "2027 (proposed): three buses a day, no Sunday service"]
    assert decide(HeadlineRun(), [before, *timeline, after]) == [None] * 6
    # with the article's next subheading under it, the run is longer but still holds the timeline
    assert decide(HeadlineRun(), [before, *timeline, "2031: the line ends", "How to have your say", after]) == \
        [None] * 8
    sectors = ["Sector 1 (North, Hill Park): from 5:00 to 11:00", "Sector 2 (Mill End): from 11:00 to 17:00",
               "Sector 3 (Valley): from 17:00 to 23:00"]
    assert decide(HeadlineRun(), [before, *sectors, after]) == [None] * 5
    box = ["Read also:", "Council opens two new libraries in the north", "Figures of the season", "Flocks: 64",
           "Ewes: about 38 000", "Attacks reported: 27"]
    assert decide(Teaser(), [before, *box, after]) == [None, "boilerplate_teaser", "boilerplate_teaser"] + [None] * 5
    footer = ["Figures of the season", "Flocks: 64", "Ewes: about 38 000", "Attacks reported: 27"]
    assert decide(Structure(), ["Villages fear losing their bus", before, *footer, "Subscribe", "Contact us"]) == \
        [None] * 6 + ["boilerplate_footer"] * 2
    archive = [f"- {day} June 2016: a report on the radio" for day in range(1, 10)]  # a press list, not a fact box
    assert decide(Structure(), ["Villages fear losing their bus", before, *archive]) == \
        [None, None] + ["boilerplate_footer"] * 9
    paywall = ["Flocks: about 64", "Ewes: about 38 000", "This article is for subscribers.", "Pau: about 3 cars stolen"]
    assert decide(Structure(), ["Villages fear losing their bus", before, *paywall],
                  reasons=[None, None, None, None, "boilerplate_notice", None]) == \
        [None, None, "boilerplate_footer", "boilerplate_footer", None, "boilerplate_footer"]


# fix20: a 300 KB line of "x dot x dot …" was kept as a paragraph: no rule looked at a line made of one word or a
# few words over and over
@pytest.mark.parametrize("line", ["x dot " * 50000, "ha " * 20, "لا لا لا " * 8, "spam eggs ham spam " * 10])
def test_a_line_of_a_few_words_repeated_is_dropped_as_repetitive(line: str) -> None:
    sentence = "The minister said on Monday that the plan for the city would be published next week."
    assert classify([sentence, line.strip(), sentence + " Talks go on."]) == [None, "repetitive_line", None]


@pytest.mark.parametrize("line", [
    "No, no, no, no, no, no, no, no: the council said it would never, never, never agree to the plan as it stands.",
    "Buffalo buffalo Buffalo buffalo buffalo buffalo Buffalo buffalo",  # 8 words: too short to judge
    "قال الوزير إن الخطة الجديدة للمدينة ستنشر الأسبوع المقبل بعد محادثات طويلة مع السكان والتجار في المدينة",
])
def test_lines_with_repeated_words_in_a_sentence_are_kept(line: str) -> None:
    assert classify([line]) == [None]


def test_an_item_of_named_figures_is_no_box_label_over_the_list_s_next_items() -> None:
    """In a recipe's ingredients ("লঙ্কা: ৫টি", chillies: 5), an item of 1-4 words that gives a named figure has
    the size of a box's label, and the next items are headline-sized: a label with a colon and a number is a list's
    item, not "Related" over other stories' headlines."""
    article = ["পুজোর আগে বাজারে সবজির দাম বেড়েছে, তাই এবার ঘরেই সহজ একটা রান্না করলাম।",
               "রান্নাটা খুব সহজ, আর স্বাদও দারুণ হয়েছে, সবাই খুব পছন্দ করেছে।"]
    items = ["লঙ্কা: ৫টি", "হলুদ গুঁড়ো: আধা চা চামচ", "সর্ষের তেল: ৩ টেবিল চামচ", "নুন আন্দাজমতো", "প্রণালী"]
    assert decide(LabelledBox(), [*article, *items]) == [None] * 7


def test_a_lead_in_sentence_over_its_list_above_the_first_paragraph_opens_the_body() -> None:
    """A sentence that ends with a colon over the figures it announces, right above the first paragraph ("The
    ministry set this month's fuel prices as follows:" over "Petrol (91): 229 baisa a litre"), is the article's
    opening, not header chrome above it (nor the title, with an item as its second line); a short label with a
    colon over named values ("Markets:" over a ticker) stays above the body. Two items that differ only in their
    numbers are the list's, not a page's copy of one line."""
    header = ["طاقة", "أسعار الوقود لشهر ديسمبر: ثبات للمرة الخامسة على التوالي", "مسقط - العمانية",
              "01 ديسمبر 2026 | 07:15 ص"]
    lead = ["أعلنت وزارة الطاقة والمعادن أسعار الوقود لشهر ديسمبر، وجاءت كما يلي:",
            "بنزين (م91): 229 بيسة للتر", "بنزين (م95): 239 بيسة للتر", "الديزل: 258 بيسة للتر"]
    body = ["وبذلك تبقى الأسعار عند المستوى نفسه للشهر الخامس على التوالي، وفق السقف الذي حددته الحكومة.",
            "وقال محللون إن تثبيت السقف يكلف الخزينة مبالغ أقل هذا العام مقارنة بالعام الماضي، بعد أن تراجعت "
            "أسعار النفط في الأسواق العالمية خلال الأشهر الأخيرة.",
            "وتشير بيانات المركز الوطني للإحصاء إلى أن استهلاك البنزين ارتفع بنسبة ثلاثة في المئة خلال الأشهر "
            "العشرة الأولى من العام، مع زيادة عدد المركبات المسجلة.",
            "وكانت الحكومة قد حددت سقفا لأسعار الوقود قبل خمس سنوات، وتتحمل الخزينة الفارق بين السعر الفعلي "
            "والسقف كل شهر منذ ذلك الحين."]
    assert classify([*header, *lead, *body]) == ["boilerplate_header", None, "boilerplate_header",
                                                 "boilerplate_dateline"] + [None] * 8
    ticker = ["Markets:", "Brent: 71.80 dollars", "Gold: 2,410 dollars an ounce"]
    english = ["Fuel prices stay the same for a fifth month",
               "The ministry kept petrol and diesel prices where they were for December, it said on Sunday.",
               "Analysts said the cap now costs the treasury far less than it did two years ago."]
    assert classify([*ticker, *english]) == ["boilerplate_header"] * 3 + [None] * 3


def test_a_title_and_deck_the_first_paragraph_echoes_are_no_run_of_other_headlines() -> None:
    """Under a cookie notice's sentence (taken for the article's first paragraph), the title, its deck and the
    byline are a run of headline-shaped lines between two "paragraphs"; the paragraph below echoes the title (most
    of its long words, two side by side, compared on their first letters as Turkish and Russian inflect them), which
    other stories' headlines in a box are not. With a short label above ("Kabul Et", the banner's button) the run
    is a labelled box's shape: it stays too."""
    notice = "Sitemizde size daha iyi hizmet sunabilmek için çerezler kullanılmaktadır. Detaylı bilgi için tıklayın."
    header = ["Kaş'ta zeytin hasadı başladı: Üreticiler yüzde 20 fazla rekolte bekliyor",
              "Kooperatif sıkım fiyatını açıkladı, işçi ücretleri geçen yıla göre arttı", "Haber: Ayşe Kaya"]
    lede = ["Kaş'ta zeytin hasadı bu hafta başladı ve üreticiler bu yıl yüzde 20 daha fazla rekolte bekliyor.",
            "Kooperatif başkanı, sıkım fiyatının kilo başına 4 lira olacağını söyledi."]
    assert decide(HeadlineRun(), [notice, *header, *lede]) == [None] * 6
    dated = [notice, "Kabul Et", *header, "01.12.2026 - 09:12", *lede]
    assert decide(LabelledBox(), dated, reasons=[None] * 5 + ["boilerplate_dateline", None, None]) == [None] * 8
    box = ["Antalya'da narenciye hasadı rekor kırdı", "Serik'te fırtına seraları vurdu",
           "Alanya'da yeni otopark açıldı"]
    assert decide(HeadlineRun(), [notice, *box, *lede]) == [None] + ["boilerplate_headlines"] * 3 + [None] * 2


def test_a_consent_banner_in_russian_or_turkish_goes_and_a_report_on_cookies_stays() -> None:
    """Russian and Turkish banners speak to the visitor ("мы используем", "вы соглашаетесь", "sitemizde",
    "kabul ediyorsunuz") about cookies ("cookie", "çerez") and offer the choice of going on or agreeing, with an
    "OK" button under them; a report on the law about cookies neither addresses the reader nor offers a choice."""
    ru = ["Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с политикой обработки данных.",
          "Хорошо", "Набережную откроют только в сентябре"]
    assert decide(ConsentBanner(), ru) == ["boilerplate_consent"] * 2 + [None]
    tr = ["Sitemizde çerezler kullanılmaktadır. Siteyi kullanarak çerez politikamızı kabul etmiş olursunuz.",
          "Kabul Et", "Seralarda don önlemleri"]
    assert decide(ConsentBanner(), tr) == ["boilerplate_consent"] * 2 + [None]
    news = ["Роскомнадзор потребует от сайтов хранить файлы cookie на серверах в России, сообщил ведомство.",
            "Хорошо известно, что правило вступит в силу с марта.",
            "Kurum, çerez kullanan sitelerin kullanıcılardan onay alması gerektiğini açıkladı."]
    assert decide(ConsentBanner(), news) == [None] * 3


def test_share_rows_and_comment_forms_in_russian_turkish_and_bengali_are_phrases() -> None:
    """The share row's label and networks, the reply button and the comment form's platform lines (WordPress's own
    strings in its Russian, Turkish and Bengali translations) are chrome lines as their English ones are; a sentence
    that names a network or asks to share goes on with the article's words."""
    chrome = ["Поделиться:", "ВКонтакте", "Одноклассники", "Ответить", "Читайте также: Мост закроют на ремонт в марте",
              "Bu haberi paylaş", "Yorumlar", "উত্তর দিন", "একটি মন্তব্য করুন",
              "আপনার ইমেল ঠিকানা প্রকাশ করা হবে না।", "Ваш адрес email не будет опубликован."]
    prose = ["Мэрия опубликовала схему объезда во ВКонтакте и в Telegram-канале города.",
             "Vali, yorumlar için teşekkür etti ve önlemlerin süreceğini söyledi.",
             "রান্নার পরে ফেসবুক পেজে ছবি দিয়েছেন অনেকে।"]
    assert decide(Phrase(), chrome + prose) == ["boilerplate_phrase"] * len(chrome) + [None] * len(prose)


def test_a_credit_set_apart_in_russian_or_pashto_makes_a_caption() -> None:
    """"Фото:" and "انځور:" after the caption's sentence credit the picture as "Photo:" does."""
    captions = ["Так выглядит набережная в районе лодочной станции сейчас. Фото: Дмитрий Ершов",
                "د ارغنداب په یوه باغ کې بزګران انار ټولوي. انځور: کندهار رڼا"]
    sentences = ["Фотографии набережной мэрия опубликовала в субботу, их посмотрели тысячи горожан."]
    assert decide(Caption(), captions + sentences) == ["boilerplate_caption"] * len(captions) + [None]


def test_two_headlines_under_a_box_s_label_between_paragraphs_go_and_a_subheading_s_pair_stays() -> None:
    """Under a short label between two paragraphs ("نور ولولئ", "اخبار مرتبط", "More stories"), two headline-shaped
    lines are a related box: label and headlines go. Without a label they go too when nothing else of the page
    stands between them and the two paragraphs (session 24); with a dropped line in between, or a second line that
    goes on from the first (a small letter), they stay; so do two under a label that names the article's subject (a
    subheading)."""
    before = "The council approved the budget on Tuesday after six hours of debate in the town hall."
    after = "Work on the new bus lanes starts in March and should end within two years, the mayor said."
    pair = ["Ferry timetable changes from Monday morning", "Two new libraries open in the northern suburbs"]
    assert decide(HeadlineRun(), [before, "More stories", *pair, after]) == \
        [None, *["boilerplate_headlines"] * 3, None]
    assert decide(HeadlineRun(), [before, *pair, after]) == [None, *["boilerplate_headlines"] * 2, None]
    wrapped = [pair[0], "and two new libraries open in the northern suburbs"]
    assert decide(HeadlineRun(), [before, *wrapped, after]) == [None] * 4
    assert decide(HeadlineRun(), [before, "Budget debate", *pair, after]) == [None] * 5


def test_a_page_whose_headlines_and_captions_outnumber_its_paragraphs_still_punctuates() -> None:
    """Whether a page ends its sentences is weighed in characters: a title, a long caption and a box of three
    headlines are more long lines than the article's three paragraphs, but far fewer characters, so the box between
    two paragraphs still goes (counted line by line, the page "did without full stops" and every line was kept)."""
    title = "Salt water reaches the orchards south of the city as the river runs low"
    paragraph = ("Farmers south of the city say the river water has turned too salty to use on their orchards, "
                 "and many now buy water by the tanker every second day at a price they cannot keep paying.")
    caption = ("A farmer looks over henna trees whose leaves turned yellow after the salt water reached his "
               "orchard in the south of the province last week")
    box = ["Water minister arrives in the city to follow the crisis",
           "Governor declares a state of emergency in three districts",
           "In pictures: dead fish along the river near the old port"]
    lines = [title, paragraph, caption, *box, paragraph, paragraph]
    assert decide(HeadlineRun(), lines) == [None] * 3 + ["boilerplate_headlines"] * 3 + [None] * 2


def test_a_run_followed_by_a_long_line_without_a_full_stop_stays() -> None:
    """Below a box, the article goes on with a sentence that ends; a long line without a full stop below a run is
    the next item of the same list (an episode's topics), so the run stays."""
    before = ("In 1891 a cotton mill in Lancashire recorded every wage it paid, every fine it took and every girl who "
              "left, and the books survived a fire, two bankruptcies and a century in a damp cellar under the mill.")
    topics = ["Why the fines column was longer than the wages column in some weeks",
              "How a half-timer of twelve worked mornings in the mill and afternoons in school",
              "What Helen found when she traced one family through the census records"]
    longer = "The week in 1893 when forty weavers left on the same day and what the books say about why they went"
    assert decide(HeadlineRun(), [before, *topics, longer]) == [None] * 5
    assert decide(HeadlineRun(), [before, *topics, longer + "."]) == [None, *["boilerplate_headlines"] * 3, None]


def test_a_latvian_consent_banner_goes_and_a_report_on_cookies_stays() -> None:
    """A Latvian banner names cookies in its own word ("sīkdatnes") or the English one, speaks to the visitor ("Jūs")
    and says that going on ("Turpinot") is agreeing ("piekrītat"); a report on the law about cookies does neither."""
    banner = ["Informējam, ka portālā tiek izmantotas sīkdatnes. Turpinot lietot šo portālu, Jūs piekrītat, ka mēs "
              "uzkrāsim un izmantosim sīkdatnes Jūsu ierīcē.", "Rīgas dome apstiprināja jauno budžetu"]
    assert decide(ConsentBanner(), banner) == ["boilerplate_consent", None]
    news = ["Datu valsts inspekcija atgādināja, ka portāliem sīkdatņu izmantošanai vajadzīga lietotāju piekrišana."]
    assert decide(ConsentBanner(), news) == [None]


def test_a_bbc_style_author_and_role_line_is_a_byline_and_a_sentence_with_the_word_stays() -> None:
    """BBC-style pages set the author and the role after a label and a comma ("Author, Jane Smith" / "Role, BBC News",
    "مصنف، ثنا اعجاز" / "عہدہ، جہان اردو، لاہور"); the same words opening a headline without the comma stay."""
    bylines = ["مصنف، ثنا اعجاز", "عہدہ، جہان اردو، لاہور", "Author, Jane Smith", "Role, BBC News, Lagos"]
    kept = ["عہدہ سنبھالنے کے بعد پہلا دورہ", "Author Salman Rushdie speaks in Lagos", "Role of the central bank"]
    assert decide(Byline(), bylines + kept) == ["boilerplate_byline"] * len(bylines) + [None] * len(kept)


def test_a_heading_over_the_article_s_small_letter_items_or_named_figures_is_no_related_run() -> None:
    """A run that ends with the article's own list under its heading is no box of other stories' headlines: items
    that open with a small letter, going on from the heading ("What is changing" / "benches with backs …"), or that
    each give a named figure ("Lift opening hours" / "Friday: 7 am to midnight"); two other stories' headlines set
    right above that heading go, and the heading and its list stay (session 28). A clan's headlines that open with
    its tag in small letters follow another headline, not a heading, and still go; so do a box's headlines under
    its label."""
    before = "The embankment will get new lights and benches next spring, the city administration said on Monday."
    after = "Residents who took part in the consultation asked for the old cast-iron railing to be kept."
    items = ["benches with backs along the whole path", "ramps at the steps down to the water",
             "lime trees planted along the parapet"]
    assert decide(HeadlineRun(), [before, "What is changing", *items, after]) == [None] * 6
    assert decide(LabelledBox(), [before, "What you need", *items]) == [None] * 5
    hours = ["Lift opening hours", "Saturday to Thursday: 5 am to midnight", "Friday: 7 am to midnight"]
    others = ["Forty thousand mangrove seedlings planted on the beach", "Royal commission opens summer training"]
    assert decide(HeadlineRun(), [before, *others, *hours, after]) == \
        [None, *["boilerplate_headlines"] * 2] + [None] * 4
    clan = ["My meeting with Ono and Harada in Cologne", "dzs EmssiOne reports from the fair",
            "gamescom 2010 in Cologne as dzs saw it"]
    assert decide(HeadlineRun(), [before, *clan, after]) == [None, *["boilerplate_headlines"] * 3, None]
    box = ["Storm prompts airlines to relax travel policies", "Five healthy eating tips for travelers"]
    assert decide(LabelledBox(), [before, "Related", *box]) == [None, *["boilerplate_box"] * 3]


def test_a_lead_in_under_a_read_also_line_with_its_headline_is_the_article_s() -> None:
    """Under a "Read also: HEADLINE" line, a sentence that ends with a colon opens the article's own list, not more of
    the box (the plan drops the line itself); under a bare "Read also:" label the next line is the box's headline
    whatever it ends with."""
    before = "Three of the town's waterwheels turn again this week after six months of repairs by local workshops."
    lead_in = "The craftsmen asked the town council for several things, above all:"
    items = ["Wood from one steady source instead of buying it by the piece",
             "Training young men in the trade before it dies out", "Cleaning the river bed in front of the wheels"]
    after = "The waterwheels are the town's emblem and visitors come in spring when the river runs high."
    page = [before, "Read also: Heating diesel handed out in the old quarter", lead_in, *items, after]
    assert decide(Teaser(), page) == [None] * 7  # the line itself goes as a listed phrase, in the plan:
    reasons = classify(page)
    assert reasons[1] is not None and reasons[:1] + reasons[2:] == [None] * 6
    assert decide(Teaser(), [before, "Read also:", "Heating diesel handed out in the old quarter", after]) == \
        [None, "boilerplate_teaser", "boilerplate_teaser", None]


def test_a_row_of_short_parts_split_by_middle_dots_is_the_page_s_in_the_plan() -> None:
    """A post's buttons ("Like · Quote · Reply"), an answerer's rank and points, a player's label and length: short
    parts split by spaced middle dots, as a menu's by bars. What stays: a recipe card's named values (as with bars), a
    how-to's steps marked with bullets inside one line, a name written with a middle dot and no spaces, a sentence,
    and a row that says when (a comment's credit, for the comment rules: the comment under it goes with it)."""
    article = ["The new ferry timetable starts on Monday, with a boat every twenty minutes at peak hours.",
               "Prep: 10 min · Cook: 25 min · Serves: 4",
               "• Open the app. • Tap the menu icon. • Choose the settings.",
               "约翰·史密斯说，新的时刻表将在周一开始实行，高峰时段每二十分钟一班。",
               "The operator said the change was the biggest since 1998 · the year the second pier opened."]
    rows = ["Like · Quote · Reply", "Senior engineer · 4,210 points", "Listen to this story · 4 min",
            "پسند کریں · اقتباس · جواب", "عضو نشط · 540 نقطة"]
    credit = ["Dave_K · 3 days ago", "Sarah K. · Verified buyer · 12 October 2026"]
    assert decide(Navigation(), credit) == [None, None]
    closing = ["Tickets bought before Monday stay valid on every boat until the end of the month, the operator said."]
    assert classify([*article, *rows, *closing]) == \
        [None] * len(article) + ["boilerplate_navigation"] * len(rows) + [None] * len(closing)


def test_a_network_s_name_or_the_comments_label_alone_is_a_button_in_any_script() -> None:
    """A share button is a network's name alone on its line, in Latin or in the page's script ("یوٹیوب", "فیس بک",
    "واٹس ایپ"); "Comments" alone labels the comment form ("تبصرے", "نظرات"). A sentence that names them stays."""
    article = ["یوٹیوب پر شہر کے سیلاب کی ویڈیوز لاکھوں لوگوں نے دیکھیں، انتظامیہ کے ترجمان نے بتایا۔",
               "The council's YouTube channel now streams every planning meeting live, the clerk said."]
    buttons = ["YouTube", "TikTok", "فیس بک", "ٹوئٹر", "واٹس ایپ", "یوٹیوب", "تبصرے", "نظرات"]
    closing = "شہریوں نے مطالبہ کیا کہ نکاسی آب کا نظام بارشوں سے پہلے درست کیا جائے۔"
    for button in buttons:  # one alone between two sentences: no menu's run of short lines takes it
        assert classify([*article, button, closing]) == [None] * len(article) + ["boilerplate_phrase", None], button


@pytest.mark.parametrize(("before", "label", "headline", "heading", "items", "after"), [
    ("The town's carpet weavers are insured for the first time this year, and registration opens to all villages.",
     "Read also:", "Pistachio prices fall at the city market",
     "Registration conditions", ["A weaver's card from the crafts office", "Two years at the loom at least",
                                 "No other insurance of any kind"],
     "The second round of registration opens for the two southern districts in January."),
    ("مديركل صنايع دستي استان از بيمه شدن ۳۱۰ بافنده فرش در روستاهاي شهرستان خبر داد و گفت ثبت‌نام ادامه دارد.",
     "بيشتر بخوانيد:", "قيمت پسته در بازار شهر كاهش يافت",
     "شرايط ثبت‌نام", ["داشتن كارت شناسايي بافندگي از اداره", "دست‌كم دو سال سابقه بافت", "نداشتن بيمه ديگر"],
     "به گفته مسئولان، مرحله دوم ثبت‌نام براي بافندگان دو شهرستان ديگر از دي ماه آغاز مي‌شود."),
    ("أعلنت البلدية فتح باب التسجيل للحرفيين في برنامج التأمين الصحي الجديد اعتباراً من الأسبوع المقبل.",
     "اقرأ أيضاً:", "انخفاض أسعار الفستق في سوق المدينة",
     "شروط التسجيل", ["بطاقة حرفي صادرة عن غرفة الصناعة", "خبرة سنتين في المهنة على الأقل", "عدم وجود تأمين آخر"],
     "وقال مدير البرنامج إن المرحلة الثانية من التسجيل تبدأ في كانون الثاني للقرى الجنوبية."),
    ("ضلعی حکومت نے دستکاروں کے لیے صحت انشورنس کی رجسٹریشن اگلے ہفتے سے شروع کرنے کا اعلان کیا ہے۔",
     "یہ بھی پڑھیں:", "شہر کی منڈی میں پستے کی قیمت کم ہو گئی",
     "رجسٹریشن شرائط", ["دستکاری دفتر کا جاری کردہ کارڈ", "کم از کم دو سال کا تجربہ", "کوئی دوسری انشورنس نہ ہو"],
     "حکام کے مطابق رجسٹریشن کا دوسرا مرحلہ جنوری میں جنوبی دیہات کے لیے شروع ہوگا۔"),
    ("Die Genossenschaft betreibt den Dorfladen seit einem Jahr, und das Sortiment wächst mit jedem Monat.",
     "Lesen Sie auch:", "Neue Buslinie verbindet Simmern mit dem Flughafen",
     "Sortiment heute", ["Brot und Brötchen aus einer Bäckerei im Ort", "Fleisch und Wurst aus zwei Metzgereien",
                         "Obst und Gemüse von Höfen der Umgebung"],
     "Neben zwei Teilzeitkräften helfen 25 Ehrenamtliche an der Kasse und beim Einräumen."),
], ids=["en", "fa", "ar", "ur", "de"])
def test_a_heading_where_a_read_also_box_stops_opens_the_article_s_list(
        before: str, label: str, headline: str, heading: str, items: list[str], after: str) -> None:
    """A "read also" box between two paragraphs ends where Teaser stops: a line shorter than a headline is the
    article's next subheading. When that heading names what the article's prose is about and a run of short lines
    follows it up to the next paragraph, the run is the article's list under it ("شرايط ثبت‌نام" over three
    conditions), not a second box; a second box's label that names nothing of the article still goes with its
    headlines."""
    reasons = classify([before, label, headline, heading, *items, after])
    assert reasons[1] is not None and reasons[2] == "boilerplate_teaser"
    assert reasons[3:] == [None] * (len(items) + 2)
    others = ["Council to vote on new parking meters", "Storm closes the coast road for a day",
              "School choir wins the regional final"]
    reasons = classify([before, label, headline, "Elsewhere today", *others, after])
    assert reasons[3:-1] == ["boilerplate_headlines"] * 4 and reasons[-1] is None


@pytest.mark.parametrize(("ticker", "title", "deck", "caption", "body"), [
    ("شريط الأخبار: بدء توزيع مازوت التدفئة في حي الحاضر | تعديل مواعيد السرافيس على خط السلمية اعتباراً من الأحد",
     "النواعير تعود إلى الدوران بعد صيانة استمرت ستة أشهر",
     "ورشات من أبناء المدينة أعادت بناء ثلاث نواعير بخشب الجوز",
     "ناعورة المحمدية بعد تركيب الأخشاب الجديدة",
     ["عادت ثلاث من نواعير حماة إلى الدوران هذا الأسبوع على نهر العاصي، بعد أشهر من أعمال الصيانة التي نفذتها ورشة"
      " محلية من النجارين المتخصصين، وهي مهنة لم يعد يتقنها في المدينة سوى عدد قليل من العائلات.",
      "وقال رئيس الورشة إن العمل شمل استبدال أكثر من أربعمئة قطعة خشبية، معظمها من خشب الجوز والمشمش، لأنه يتحمل"
      " الماء ولا يتشقق بسرعة، والناعورة تحتاج خشباً يعرف النهر."]),
    ("Latest: Heating oil handed out in the old quarter from Monday | New minibus times on the ring road line",
     "Old wheels of Hama back in motion after a long overhaul",
     "A family trade kept alive by a handful of carpenters",
     "The Muhammadiyah wheel with its new timbers",
     ["Three of the town's waterwheels turned again this week on the river, after months of work by a local"
      " workshop of carpenters, a trade that only a few families in the town still know.",
      "The head of the workshop said more than four hundred wooden parts had been replaced, most of them in walnut"
      " and apricot wood, because it takes the water and does not split quickly."]),
], ids=["ar", "en"])
def test_a_ticker_row_above_the_title_is_no_paragraph_before_a_headline_run(
        ticker: str, title: str, deck: str, caption: str, body: list[str]) -> None:
    """A news ticker's row of headlines split by bars is as long as a sentence but no paragraph of the body: the title,
    the deck and a photo's caption under it are no run of other stories' headlines between two paragraphs."""
    reasons = decide(HeadlineRun(), [ticker, title, deck, caption, *body])
    assert reasons == [None] * 6


def test_a_place_or_the_outlet_s_name_with_special_to_is_a_credit() -> None:
    """"حماة اليوم - خاص", "بيروت – خاص": the outlet's own report credited after its name or a place, alone on its line
    as an agency's "الرياض - واس" is. "خاص" inside a phrase ("القطاع الخاص") or a sentence stays."""
    credits = ["حماة اليوم - خاص", "بيروت – خاص", "دمشق / خاص"]
    kept = ["القطاع الخاص", "قال مسؤول في القطاع الخاص إن الأسعار سترتفع - خاص بالمستوردين فقط."]
    assert decide(Credit(), credits + kept) == ["boilerplate_credit"] * len(credits) + [None] * len(kept)
def test_an_arabic_cookie_line_that_says_browsing_on_agrees_is_a_banner() -> None:
    """"يستخدم موقعنا ملفات تعريف الارتباط …، وبمواصلة التصفح فإنك توافق": the site addresses the visitor and says going
    on is agreeing, as "By continuing to browse you agree" does; an article's sentence about cookies stays."""
    body = "أعلنت البلدية اليوم عن خطة لترميم السوق القديم تبدأ في الربيع المقبل وتستمر عامين على ثلاث مراحل."
    banner = "يستخدم موقعنا ملفات تعريف الارتباط لتحسين الخدمة، وبمواصلة التصفح فإنك توافق على ذلك."
    assert classify([banner, body]) == ["boilerplate_consent", None]
    article = [body, "ملفات تعريف الارتباط ملفات نصية صغيرة يحفظها المتصفح، ويمكن للمستخدم أن يوافق عليها أو يرفضها."]
    assert classify(article) == [None, None]


def test_a_cookie_line_over_its_buttons_on_one_barred_line_is_a_banner() -> None:
    """The banner's buttons on one line split by bars ("Accept all | Essential only | Cookie settings", "أقبل | أرفض |
    تخصيص"), which the navigation rule drops first, still vouch for the cookie line above them: "We use essential
    cookies …", "نستعمل ملفات الارتباط …", "Questo sito utilizza cookie …". An article's sentence about cookies over
    the site's menu (no choice offered) stays."""
    body = ["Fernvale Water says most bills this winter will be based on a meter reading sent in by customers.",
            "Readings can be sent online, by phone or with the card left by the meter reader at the door."]
    banners = [("We use essential cookies to keep you signed in and optional ones to understand how the Help Centre "
                "is used.", "Accept all | Essential only | Cookie settings"),
               ("نستعمل ملفات الارتباط لقياس عدد الزيارات وتحسين عرض المحتوى، ويمكنكم تغيير اختياركم في أي وقت.",
                "أقبل | أرفض | تخصيص"),
               ("Questo sito utilizza cookie tecnici e, previo consenso, cookie di profilazione di terze parti.",
                "Accetta tutti | Rifiuta | Personalizza")]
    for banner, buttons in banners:
        decided = classify(["Fernvale Water", banner, buttons, "Home | Billing | Meters | Contact", *body])
        assert decided[1] == "boilerplate_consent", banner
        assert decided[-2:] == [None, None]
    article = "Browsers will block third-party cookies by default from next year, the company said on Monday."
    decided = classify(["Tech news", *body[:1], article, "Home | News | Sport | Weather", body[1]])
    assert decided[2] is None


@pytest.mark.parametrize(("before", "heading", "items", "after"), [
    ("Hundreds of growers stopped sending cane to the sugar mills on Wednesday, saying the price of 425 rupees "
     "is below their costs.",
     "Farmers' demands", ["A price of 500 rupees for each maund", "Mills to pay growers within fifteen days",
                          "Weighing checked at every scale", "Dues of the last season paid at once"],
     "A mill spokesman said a higher price was not possible at the current sugar price, but talks could go on."),
    ("مردان کے سینکڑوں کاشتکاروں نے شوگر ملز کو گنے کی سپلائی روکنے کا اعلان کیا اور کہا کہ گزشتہ سال کے مقابلے "
     "میں اخراجات بڑھ چکے ہیں۔",
     "کسانوں کے مطالبات", ["گنے کا نرخ 500 روپے فی من مقرر کیا جائے", "ملز کاشتکاروں کو ادائیگی پندرہ دن میں کریں",
                           "کنڈوں پر وزن کی جانچ ہو", "گزشتہ سیزن کے واجبات فوری ادا کیے جائیں"],
     "دوسری جانب ایک شوگر مل کے ترجمان نے کہا کہ موجودہ قیمت پر زیادہ نرخ دینا ملوں کے لیے ممکن نہیں۔"),
], ids=["en", "ur"])
def test_a_heading_where_a_read_also_line_stops_opens_the_article_s_list_its_items_tell(
        before: str, heading: str, items: list[str], after: str) -> None:
    """Where a "read also" line stops, a heading that names the article's subject in a form of its own ("Farmers'
    demands" over a story of growers, "کسانوں" over one of "کاشتکاروں") still opens the article's list when its
    items tell the article: most of them give a figure or share a word with its prose, as `presented_list` asks of a
    lead-in's list. A second box's headlines under a label that names nothing tell no more than one word of it."""
    cue = ["Read also:", "Museum opens at the old ruins near the town"] if heading.isascii() \
        else ["اسے بھی پڑھیے: تخت بائی کے کھنڈرات میں نیا عجائب گھر کھل گیا"]  # a box, or a headline on the cue's line
    reasons = classify([before, *cue, heading, *items, after])
    assert None not in reasons[1:1 + len(cue)]
    assert reasons[1 + len(cue):] == [None] * (len(items) + 2)
    others = ["Council to vote on new parking meters", "Storm closes the coast road for a day",
              "School choir wins the regional final"]
    reasons = classify([before, *cue, "Elsewhere today", *others, after])
    assert reasons[1 + len(cue):-1] == ["boilerplate_headlines"] * 4 and reasons[-1] is None


def test_a_picture_named_among_a_list_s_items_is_no_alt_text() -> None:
    """An item of the article's list that names a picture ("صورة جواز السفر" among the documents a page asks for)
    sits between the list's heading and its next item, under a paragraph: it stays. Alt text alone between
    paragraphs, a credit after a colon, and a credit that closes a list go."""
    paragraph = "تعلن الجمعية عن فتح باب التسجيل في برنامج المنح الدراسية للعام الجامعي المقبل لأبناء المحافظة."
    listed = [paragraph, "المستندات اللازمة", "صورة جواز السفر أو الهوية الشخصية", "صورة كشف العلامات للثانوية",
              "شهادة راتب ولي الأمر", paragraph]
    assert decide(Image(), listed) == [None] * 6
    alone = [paragraph, "صورة أرشيفية", paragraph, "الصورة: وكالة الأنباء", paragraph]
    assert decide(Image(), alone) == [None, "boilerplate_image", None, "boilerplate_image", None]
    closing = [paragraph, "أطعمة تسبب الحساسية", "الفول السوداني", "السمسم", "تصویر کے کاپی رائٹ Getty Images",
               paragraph]
    assert decide(Image(), closing) == [None] * 4 + ["boilerplate_image", None]


def test_a_heading_over_items_of_one_shape_is_the_article_s_list_and_a_box_is_not() -> None:
    """Under a heading shorter than its items, two items that open with the same word ("Copy of …" / "Copy of …") or
    one that opens with a small letter are the article's own list, not other stories' headlines. A clan's
    headlines under a longer first one, and a box whose first headline quotes a claim (no heading), still go."""
    before = "The charity opened its grant scheme for students on Monday, with two hundred places for the coming year."
    after = "Applications are taken at the charity's office from Sunday to Thursday until the end of the month."
    documents = ["Documents to bring", "Copy of your passport or identity card", "Copy of your school results",
                 "A letter from your employer or a recent payslip"]
    assert decide(HeadlineRun(), [before, *documents, after]) == [None] * 6
    stalls = ["What the market sells", "Cheese and milk from a farm in the valley",
              "Honey and candles from the beekeeper", "fresh flowers from the nursery"]
    assert decide(HeadlineRun(), [before, *stalls, after]) == [None] * 6
    clan = ["Mein Treffen mit Ono und Harada", "dzs EmssiOne berichtet", "gamescom 2010 in Köln aus Sicht von dzs"]
    assert decide(HeadlineRun(), [before, *clan, after]) == [None, *["boilerplate_headlines"] * 3, None]
    museums = ['Half the paintings in a French museum are "fakes"', "Museum in Paris lets visitors in at night",
               "Museum in space for satellites out of service"]
    assert decide(HeadlineRun(), [before, *museums, after]) == [None, *["boilerplate_headlines"] * 3, None]


def test_a_couplet_between_paragraphs_stays_and_two_headlines_go() -> None:
    """Two lines of verse set between paragraphs with no lead-in are as short as a line of verse, about as long as
    each other and carry no title's marks; two other stories' headlines are longer, or give a figure or a colon."""
    before = "The young poet closed the evening with a poem about exile, and the hall said its last lines with him."
    after = "The library will give its next evening to poems for children, and schools may send their pupils."
    couplet = ["وما الدار إلا من يحب وإن نأى", "وما البعد إلا أن تغيب المحبة"]
    assert decide(HeadlineRun(), [before, *couplet, after]) == [None] * 4
    long_pair = ["The book fair opens its doors for the twenty-fifth time this week",
                 "Ministry of culture names the winners of the novel prize in a gala"]
    assert decide(HeadlineRun(), [before, *long_pair, after]) == [None, *["boilerplate_headlines"] * 2, None]
    figures = ["Book fair opens with 400 publishers", "Culture prize goes to a first novel"]
    assert decide(HeadlineRun(), [before, *figures, after]) == [None, *["boilerplate_headlines"] * 2, None]


def test_a_ghazal_s_rhymed_lines_between_paragraphs_stay_and_unrhymed_headlines_of_their_size_go() -> None:
    """Four lines or more of verse between paragraphs, every second line ending with the same letter (the rhyme), are
    a poem's couplets; three or four short headlines of about one length that end each their own way are a box."""
    before = "The poet wrote these lines on the night of the first snow and says that the poem is not finished yet."
    after = "The metre is the one the old masters used, and she admits that the rhyme is a little loose in places."
    ghazal = ["شام ڈھلی تو یاد تمہاری آئی ہے", "دل کے آنگن میں پھر سے تنہائی ہے",
              "گلیوں میں بارش کا شور بہت ہے آج", "آنکھوں میں بھی ایک گھٹا سی چھائی ہے"]
    assert decide(HeadlineRun(), [before, *ghazal, after]) == [None] * 6
    headlines = ["Snow closes the mountain road again", "Council votes on the new bus lanes",
                 "Bakery on Mill Street changes owner", "School choir wins the county prize"]
    assert decide(HeadlineRun(), [before, *headlines, after]) == [None, *["boilerplate_headlines"] * 4, None]


def test_a_subheading_naming_the_subject_over_short_items_is_the_article_s_list_and_a_box_is_not() -> None:
    """A subheading of a few words that names the article's subject in another form of a word ("growers" in prose of
    one "grower"), no longer than any of three items or more under it, none of them with a headline's colon or quotes,
    heads the article's own list between its paragraphs, and stays under another story's headline above it on the
    same run (which still goes) or with the photo's caption below it (LabelledBox); a box's label that names the
    subject over headlines with a colon ("More from growers" / "Lindqvist: …") still goes."""
    before = ["Apple growers count the cost of a late frost",
              "Orchards across the upper valley lost a third of their blossom to a frost, and the harvest that ended "
              "this week was the smallest in a decade.",
              "One grower in Millbrook said he had sprayed water over his trees all night to save the buds."]
    after = "The regional farm office said it would answer the letter before the end of the month."
    items = ["What the growers want", "Frost insurance that small orchards can afford",
             "A fund for wind machines and overhead sprinklers",
             "Longer contracts with the cooperative at a fixed price"]
    assert classify([*before, *items, after]) == [None] * 8
    other = "Cider makers in the north report a record year"
    assert classify([*before, other, *items, after]) == [None] * 3 + ["boilerplate_headlines"] + [None] * 5
    caption = "Blossom killed by the frost on a tree near Millbrook (Photo: Valley Times)"
    assert classify([*before, *items, caption])[:7] == [None] * 7
    box = ["More from growers", "Lindqvist: a profile of the pilot who became the airline's boss",
           "Harbour Steel agrees pay deal after a six-week strike", "Why housebuilders are betting on timber frames"]
    assert classify([*before, *box, after]) == [None] * 3 + ["boilerplate_headlines"] * 4 + [None]
