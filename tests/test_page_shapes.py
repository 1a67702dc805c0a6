"""Pages of shapes the rules were not tuned on (tests/fixtures/labelled_shapes/: forum threads, blog posts
with comments, a recipe, a Q&A page, an interview transcript, a press release with an FAQ, a wiki-like
article, a product page, a blog post that quotes a poem; Arabic, English, French, Spanish, German), every
line marked `+ ` keep or `- ` drop as in tests/fixtures/labelled. The rules were built on news pages; here
a rule that eats forum posts, a poem or a recipe's lines fails. Composed by the team, so these are unit
fixtures, not a headline figure (benchmarks/README.md gives the held-out ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.labelled import load, ours, ours_reasons, score

SHAPES = Path(__file__).resolve().parent / "fixtures" / "labelled_shapes"
DOCS = load(SHAPES)


def test_content_recall_on_pages_of_other_shapes() -> None:
    """Content loss is worse than chrome kept: at least 0.98 of the article characters survive (0.965
    before the fixes of this set's first round). Chrome removal is printed and held where it is (0.568
    before, 0.726 once Menu took the rows between forum posts), so a change that keeps everything fails too."""
    recall, removal = score(DOCS, ours(DOCS))["all"]
    print(f"page shapes: content recall {recall:.3f}, chrome removed {removal:.3f}")
    assert recall >= 0.98
    assert removal >= 0.70


def _reason(name: str, text: str) -> str | None:
    (doc,) = [d for d in DOCS if d.name == name]
    (reasons,) = ours_reasons([doc])
    (reason,) = [r for (_, line), r in zip(doc.lines, reasons, strict=True) if line == text]
    return reason


@pytest.mark.parametrize(("name", "text"), [
    # a poem the post introduces with a colon is no run of other articles' headlines
    ("ar-blog/02_poetry_post.txt", "عيدٌ بأيّةِ حالٍ عدتَ يا عيدُ"),
    ("ar-blog/02_poetry_post.txt", "يقول المتنبي:"),
    # the title is the headline-like line that shares words with the body, not a wordier byline or cookie line
    ("ar-blog/01_travel_diary.txt", "ثلاثة أيام في شفشاون: المدينة الزرقاء"),
    ("ar-forum/02_grandmother_recipe.txt", "طريقة المكبوس على أصول جدتي"),
    ("es-shapes/01_producto.txt", "Cafetera italiana de acero inoxidable, 6 tazas"),
    # a salutation ending with a comma runs into the post under it
    ("de-shapes/01_forum_heizung.txt", "Hallo zusammen,"),
    ("fr-shapes/01_forum_jardin.txt", "Bonjour à tous,"),
    # a named value is the recipe's, not a stray number
    ("en-shapes/02_recipe.txt", "Servings: 8"),
    # a post's short first or last line next to the thread's repeated rows is the post's, not the rows'
    ("ar-forum/01_car_engine.txt", "شكراً لكم جميعاً"),
    ("ar-forum/02_grandmother_recipe.txt", "بالعافية عليكم 🌹"),
])
def test_lines_the_news_rules_used_to_eat_are_kept(name: str, text: str) -> None:
    assert _reason(name, text) is None


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("de-shapes/01_forum_heizung.txt", "Heizungsprofi", "boilerplate_menu"),  # a username in the rows between posts
    ("de-shapes/01_forum_heizung.txt", "Moderator", "boilerplate_phrase"),  # a rank: lexicon.FORUM_LINES
    ("en-shapes/01_forum_bikes.txt", "velo_dan", "boilerplate_menu"),
])
def test_the_rows_between_forum_posts_are_a_menu(name: str, text: str, reason: str) -> None:
    """"Reply / Quote / Report / username / rank" under every post: the same row elsewhere in the thread
    does not make it the text's topic (Menu's cohesion counts only the page's other lines), and once the phrase
    list has taken the buttons and the rank, the username left between them is still the row's."""
    assert _reason(name, text) == reason
