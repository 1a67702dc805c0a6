"""A most-read box: a short label over other stories' headlines numbered 1, 2, 3 … at the foot of the page. The
article's own numbered lines (a league table, steps, a ranked list under a heading that names its subject) stay.
Composed pages, through the plan."""

from __future__ import annotations

import pytest

from tests.test_line_rules import classify

ARTICLE = {
    "en": ["Tomato growers in the valley say the price of a crate fell from 18 dollars to under 5 this month.",
           "Farmers blame a glut at harvest time, the lack of a processing plant nearby and the state of the road.",
           "The agriculture office said it would meet the growers' association next week to discuss storage."],
    "ur": ["وادی کے کاشتکاروں کا کہنا ہے کہ اس مہینے ٹماٹر کے ایک کریٹ کی قیمت پانچ سو رہ گئی ہے۔",
           "کسان زیادہ پیداوار، پروسیسنگ پلانٹ کے نہ ہونے اور سڑک کی خراب حالت کو ذمہ دار ٹھہراتے ہیں۔",
           "محکمہ زراعت نے کہا کہ وہ اگلے ہفتے کاشتکاروں کی تنظیم سے ذخیرہ کرنے کے مسئلے پر ملاقات کرے گا۔"],
    "ha": ["Manoman tumatir a kwarin sun ce farashin kwando ya sauka zuwa kasa da Naira 5,000 a wannan wata.",
           "Manoman sun dora laifin kan yawan amfanin gona da rashin masana'antar sarrafa tumatir a kusa.",
           "Ofishin noma ya ce zai gana da kungiyar manoman a mako mai zuwa domin tattauna batun ajiya."],
}
BOX = {
    "en": ["Most read this week", "1. Council approves new bus route to the university campus",
           "2. Two schools close early as the first snow of winter reaches the hills",
           "3. Local club names its new captain ahead of the cup final"],
    "ur": ["سب سے زیادہ پڑھی گئی خبریں", "1. بی آر ٹی کا نیا روٹ حیات آباد سے یونیورسٹی ٹاؤن تک",
           "2. پشاور زلمی نے نئے کپتان کا اعلان کر دیا", "3. باجوڑ میں سکولوں کی موسم سرما کی تعطیلات کا اعلان"],
    "ha": ["Mafi karantuwa a wannan mako", "1. Gwamnati ta bude sabbin asibitoci uku a garin Funtua",
           "2. Farashin masara ya tashi a kasuwar Charanchi a makon nan",
           "3. Kungiyar kwallon kafa ta garin ta ci wasa a gida ranar Lahadi"],
}
FOOTER = "About us | Contact | Privacy"


@pytest.mark.parametrize("language", sorted(BOX))
def test_a_most_read_box_of_numbered_headlines_goes(language: str) -> None:
    page = [*ARTICLE[language], *BOX[language], FOOTER]
    decided = classify(page)
    assert decided[:3] == [None] * 3, decided
    assert all(reason is not None for reason in decided[3:7]), decided


def test_a_box_with_a_label_of_no_known_words_goes_when_its_items_tell_other_stories() -> None:
    """"Editors' picks" names no most-read cue; its items share no word with the article: a box still."""
    page = [*ARTICLE["en"], "Editors' picks", *BOX["en"][1:], FOOTER]
    assert all(reason is not None for reason in classify(page)[3:7])


def test_a_league_table_under_its_heading_stays() -> None:
    """Short rows with a figure each under a heading: the report's table, not headlines."""
    page = ["The home side won the derby 2-1 with a goal in the 88th minute and moved up to second in the league.",
            "The visitors had led since the 19th minute through a header from their captain.",
            "Top of the league after week twelve", "1. Petrochemi – 26 points", "2. Azarakhsh – 24 points",
            "3. Shahrdari Marand – 22 points", "4. Sahand – 21 points",
            "Azarakhsh travel to Ardabil next week to face the league leaders' neighbours, Sabalan."]
    assert classify(page) == [None] * len(page)


def test_the_article_s_own_ranked_list_stays() -> None:
    """A heading naming the article's subject over items that name it, and the article going on below them."""
    page = ["The city's library has published the list of books its readers borrowed most this year.",
            "Crime novels and books about the region's history led the library's list for the third year running.",
            "The library's most borrowed books", "1. A history of the region's old mills and their millers",
            "2. The library's own guide to walking the region's valleys",
            "3. A crime novel set in the region's old port",
            "The librarian said the region's history shelves are now the busiest in the building, ahead of fiction."]
    assert classify(page) == [None] * len(page)
