"""A listing's or a profile's fact box between the title and the first paragraph ("Key details" over "Bedrooms: 2",
"Floor area: 68 m²"): the article's own named values, where the header trim took them as chrome above the body
(issue 11, session 24)."""

from __future__ import annotations

from builder.outcomes import Document, Location
from builder.rules.paragraphs import lines_table
from builder.run.plan import LINE_RULES, Plan


def classify(lines: list[str]) -> list[str | None]:
    """The plan's decision for each line of a page."""
    doc = Document("d", "\n".join(lines), "site.example/a.txt", Location("site.example/a.txt"))
    return Plan(LINE_RULES).classify(lines_table([doc])).to_pylist()


HEADER = ["Harbour Market", "Buy, sell and rent locally since 2009", "For sale", "Property", "Jobs", "Services"]
TITLE = "Bright two-bedroom flat above the old bakery, Market Street"
BOX = ["Key details", "Bedrooms: 2", "Bathrooms: 1", "Floor area: 68 m² (732 sq ft)", "Available from: 4 January 2027",
       "Furnishing: Part furnished", "Deposit: £1,000", "Council tax band: B", "Description"]
BODY = [
    "Second-floor flat in a converted building on Market Street, two minutes' walk from the bus station and five "
    "from the railway.",
    "The living room has two tall sash windows facing south, and the kitchen was refitted last year with a gas hob.",
    "Viewings on Saturday mornings only. Please message with a little about yourself and when you would like to move.",
]


def test_a_fact_box_between_the_title_and_the_body_is_kept() -> None:
    page = [*HEADER, TITLE, "£875 pcm", *BOX, *BODY, "About us · Help · Terms · Privacy"]
    got = classify(page)
    assert [got[page.index(line)] for line in (TITLE, *BOX, *BODY)] == [None] * (1 + len(BOX) + len(BODY))
    assert got[page.index("Property")] is not None  # the header above the title still goes


def test_a_player_card_in_another_language_is_kept() -> None:
    box = ["Fiche du joueur", "Âge : 24 ans", "Taille : 1,86 m", "Poste : milieu défensif", "Sélections : 12"]
    body = ["Le milieu de terrain a signé jeudi un contrat de trois ans avec le club, qui cherchait un joueur de son "
            "profil depuis l'été.", "Il jouait depuis 2021 dans le championnat belge, où il a disputé 96 matches."]
    title = "Le nouveau milieu du club arrive de Belgique"
    page = ["Le Sport Ouest", "Football", "Basket", "Rugby", title, *box, *body]
    got = classify(page)
    assert [got[page.index(line)] for line in box] == [None] * len(box)


def test_named_rows_without_figures_above_the_body_stay_header() -> None:
    """An article's meta rows ("Author: …", "Section: …", "Tags: …") are named values too, but no fact box: a run of
    figures is what makes one."""
    meta = ["Author: Jane Doe", "Section: Property", "Tags: housing, rent, town centre"]
    page = [*HEADER, TITLE, *meta, *BODY]
    got = classify(page)
    assert all(got[page.index(line)] is not None for line in meta)


def test_a_long_card_whose_values_are_mostly_words_is_kept() -> None:
    """A flat's card names its finish, heating and view in words as often as its rooms and area in figures (session
    27): nine rows, four of them figures, under a heading; its last rows, a run of short named values without
    figures, are no menu either."""
    box = ["تفاصيل الشقة", "النوع: شقة", "المساحة: 140 متراً مربعاً", "الغرف: 3 نوم وصالون", "الحمامات: 2",
           "الطابق: الثاني", "عمر البناء: 4 سنوات", "التشطيب: ممتاز", "التدفئة: مركزية", "الإطلالة: شرقية",
           "الوصف"]
    body = ["شقة واسعة في عمارة هادئة قرب المدارس والأسواق، مطبخها جديد وغرفها مشمسة طوال النهار.",
            "المعاينة يومياً بعد العصر بموعد مسبق، والسعر قابل للتفاوض البسيط."]
    title = "شقة للبيع في حي الياسمين"
    page = ["سوق البيوت", "شقق للبيع", "شقق للإيجار", "أراض", "محلات", title, "95,000 دينار", *box, *body]
    got = classify(page)
    assert [got[page.index(line)] for line in (title, *box, *body)] == [None] * (1 + len(box) + len(body))


def test_short_named_values_in_words_are_no_menu() -> None:
    """Four short lines in a row, three of them a label and its value in words ("Heating: central"), are a card's
    rows, not link text; four section names are still a menu."""
    from builder.rules.menus import Menu
    from tests.test_line_rules import decide
    card = ["Finish: deluxe", "Heating: central", "View: open west", "Description"]
    assert decide(Menu(), [*card, "The flat is on the third floor of a quiet building near the park."]) == [None] * 5
    menu = ["Politics", "Business", "Sport", "Culture"]
    assert decide(Menu(), [*menu, "The flat is on the third floor of a quiet building near the park."]) \
        == ["boilerplate_menu"] * 4 + [None]
