"""HTML pages: the text trafilatura extracts is cleaned like any other document (the same line rules,
site templates across pages included, the site taken from the page's URL), and the [read]
html_extraction setting chooses trafilatura's trade-off."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.config import BuildConfig, ConfigError, ReadSettings, RunSettings
from builder.outcomes import RawDocument, Reject
from builder.read.discovery import discover
from builder.read.html import EXTRACTION, extract
from builder.read.registry import ReadOptions, read
from builder.run.pipeline import build
from tests.releases import release_rows

# one site, seven pages: a template sentence needs 6 pages of a site
TOPICS = ["le budget", "la piscine", "les écoles", "le marché", "la gare", "le musée", "les parcs"]
PLACES = ["Brest", "Lorient", "Vannes", "Quimper", "Rennes", "Nantes", "Angers"]


def page(i: int) -> str:
    topic, place = TOPICS[i], PLACES[i]
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{topic} | La Gazette</title>
<link rel="canonical" href="https://www.gazette.example.org/2023/article-{i}"></head>
<body><article>
<h1>Le conseil municipal débat de {topic} pendant la séance {i}</h1>
<p>Le conseil municipal a consacré mardi soir une longue partie de sa séance à {topic}, un dossier qui divise la
majorité depuis des mois.</p>
<p>Photo : Jean Dupont / AFP</p>
<p>Les élus de l'opposition ont demandé un vote séparé sur {topic}, estimant que les chiffres présentés par
l'adjoint n'étaient pas complets.</p>
<p>Lire aussi :</p>
<p>Un incendie détruit un entrepôt à {place}</p>
<p>Le festival de {place} annonce sa programmation</p>
<p>Le maire a promis de revenir devant le conseil avec un calendrier précis pour {topic} avant la fin de l'année.</p>
<p>Cet article a été rédigé avec l'aide des agences de presse et relu par notre rédaction avant sa publication.</p>
<p>Plusieurs habitants présents dans la salle ont applaudi la décision sur {topic}, tandis que d'autres ont
quitté la séance avant le vote.</p>
</article></body></html>"""


rows = release_rows


def test_extracted_text_goes_through_the_same_line_rules_as_plain_text(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    for i in range(len(TOPICS)):  # a folder each: only the pages' URL says they are one site
        (pages / f"section-{i}").mkdir(parents=True)
        (pages / f"section-{i}" / f"article-{i}.html").write_text(page(i), encoding="utf-8")
    extracted = [{"id": f"section-{i}/article-{i}", **extract(page(i).encode(), **EXTRACTION["precision"])}
                 for i in range(len(TOPICS))]
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "pages.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in extracted),
                                       encoding="utf-8")
    config = BuildConfig(run=RunSettings(cache=False))
    build([str(pages)], tmp_path / "from-html", config)
    build([str(texts)], tmp_path / "from-text", config)

    def lines(release: Path) -> list[tuple]:
        return [(r["doc_id"], r["reason"], r["text"], r["char_start"]) for r in rows(release, "rejects")
                if r["kind"] == "line"]

    def records(release: Path) -> list[tuple]:
        return [(r["doc_id"], r["text"], r["char_start"], r["char_end"], r["url"], r["title"])
                for r in rows(release, "data")]

    from_html = lines(tmp_path / "from-html")
    assert from_html == lines(tmp_path / "from-text")
    assert records(tmp_path / "from-html") == records(tmp_path / "from-text")
    reasons = {(reason, text.split()[0]) for _, reason, text, _ in from_html}
    assert {("boilerplate_image", "Photo"), ("boilerplate_phrase", "Lire"), ("boilerplate_teaser", "Un"),
            ("boilerplate_teaser", "Le"), ("boilerplate_template", "Cet")} <= reasons
    assert len(from_html) == 5 * len(TOPICS)
    kept = [r["text"] for r in rows(tmp_path / "from-html", "data") if r["doc_id"] == "section-0/article-0"]
    assert len(kept) == 5 and kept[0].startswith("Le conseil municipal débat") and "Cet article" not in " ".join(kept)


NEWSLETTER = "Recevez notre lettre d'information chaque matin dans votre boîte, c'est gratuit et sans engagement."
# trafilatura's precision setting prunes the article's "bottom" box; its default keeps it
BOTTOM_BOX = f"""<html><head><link rel="canonical" href="https://gazette.example.org/budget"></head><body><article>
<h1>Le budget municipal adopté</h1>
{"<p>Le conseil municipal a consacré mardi soir une longue partie de sa séance au budget, un dossier qui divise "
 "la majorité depuis des mois et que l'opposition conteste.</p>" * 3}
<div class="article-bottom"><p>{NEWSLETTER}</p></div>
</article></body></html>"""


@pytest.mark.parametrize(("extraction", "has_box"), [(None, False), ("precision", False), ("balanced", True),
                                                     ("recall", True)])
def test_html_extraction_setting_chooses_the_trade_off(extraction: str | None, has_box: bool, tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "budget.html").write_text(BOTTOM_BOX, encoding="utf-8")
    toml = tmp_path / "build.toml"
    toml.write_text(f'[read]\nhtml_extraction = "{extraction}"\n' if extraction else "", encoding="utf-8")
    build([str(tmp_path / "pages")], tmp_path / "out", BuildConfig.load(toml))
    texts = [r["text"] for r in rows(tmp_path / "out", "data") + rows(tmp_path / "out", "rejects")]
    assert any("budget" in t for t in texts)
    assert any("lettre d'information" in t for t in texts) == has_box


def test_an_unknown_html_extraction_is_a_located_error(tmp_path: Path) -> None:
    toml = tmp_path / "build.toml"
    toml.write_text('[read]\nhtml_extraction = "strict"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"build\.toml: \$\.read\.html_extraction: 'strict' is not one of"):
        BuildConfig.load(toml)
    with pytest.raises(ConfigError, match=r"\$\.read\.html_extraction"):
        ReadSettings(html_extraction="strict")  # type: ignore[arg-type]


def nested(depth: int) -> str:
    """A page whose one article paragraph is `depth` elements deep (a composed fixture: the tester's in/nest)."""
    text = {100: "The council voted on the harbour budget after a long evening of questions from residents.",
            300: "A new bridge over the river opens next spring, the engineers told reporters on Friday.",
            1000: "The museum lends its oldest maps to a school exhibition about the history of the coast.",
            3000: "Farmers in the valley expect an early harvest after a dry and unusually warm summer."}[depth]
    return ("<html><head><title>t</title></head><body><article>" + "<div>" * depth + f"<h1>A page {depth} levels "
            f"deep</h1><p>{text}</p>" + "</div>" * depth + "</article></body></html>")


def test_a_page_nested_past_the_parsers_limit_keeps_its_text_or_says_why_not(tmp_path: Path) -> None:
    """lxml reads 256 levels of nesting (trafilatura then found no text: html_no_content); such a page is read
    again to libxml2's huge_tree limit, 2,048 levels, and a page deeper still is rejected with that limit named."""
    src = tmp_path / "src"
    src.mkdir()
    for depth in (100, 300, 1000, 3000):
        (src / f"n{depth}.html").write_text(nested(depth), encoding="utf-8")
    out = tmp_path / "out"
    build([str(src)], out, BuildConfig(run=RunSettings(workers=1, cache=False)))
    kept = set(pq.read_table(out / "data").column("doc_id").to_pylist())
    assert kept == {"n100", "n300", "n1000"}
    (rejected,) = [r for r in rows(out, "rejects") if r["reason"] == "html_no_content"]
    assert rejected["source"].endswith("n3000.html") and "nested deeper than 2048 levels" in rejected["message"]


WORDS = ("the council approved the new water plan on Tuesday after months of debate between farmers and city "
         "officials about prices roads schools and the budget").split()


def _article(paragraphs: list[str], big: str = "", at: int = 0) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:at]) + big + "".join(f"<p>{p}</p>" for p in paragraphs[at:])
    return ("<html><head><meta charset=utf-8><title>t</title><link rel=canonical href='https://a.example.org/1'>"
            f"</head><body><article>{body}</article></body></html>")


def _paragraphs(n: int) -> list[str]:
    return [" ".join(WORDS[(i * 7 + j) % len(WORDS)] for j in range(30)).capitalize() + f" {i}." for i in range(n)]


def _read_html(src: Path) -> dict[str, RawDocument | Reject]:
    return {item.source: item for item in read(discover([str(src)]), ReadOptions())}


def test_a_page_of_more_elements_than_the_extractor_is_given_is_too_large_and_located(tmp_path: Path) -> None:
    """edge24: trafilatura's time and memory grow with a page's elements, not its bytes (a 4.3 MB page of 250,000
    `<span>`s: over 90 s of CPU and 600 MB). A page of more than MAX_HTML_ELEMENTS start tags is too_large, its
    count in the message; `<` in text is not an element (a page of 300,000 `1<2` and `x < y` is read), nor is a
    closing tag."""
    from builder.read.inputs import MAX_HTML_ELEMENTS

    src = tmp_path / "src"
    src.mkdir()
    paragraphs = _paragraphs(3)
    spans = "".join(f"<i>{WORDS[i % len(WORDS)]}</i> " for i in range(MAX_HTML_ELEMENTS))  # with the page's own: over
    (src / "spans.html").write_text(_article(paragraphs, f"<p>{spans}</p>", 1), encoding="utf-8")
    (src / "less.html").write_text(_article(paragraphs, "<p>" + "a &lt; b 1<2 x < y " * 150_000 + "</p>", 1),
                                   encoding="utf-8")
    out = tmp_path / "out"
    summary = build([str(src)], out, BuildConfig(run=RunSettings(workers=1, cache=False)))
    (rejected,) = [r for r in rows(out, "rejects") if r["kind"] == "document"]
    elements = MAX_HTML_ELEMENTS + 11  # the spans, and html head meta title link body article and the 4 p
    assert (rejected["reason"], rejected["source"]) == ("too_large", "spans.html")
    assert rejected["message"].startswith(f"an HTML page of {elements} elements, over the limit of {MAX_HTML_ELEMENTS}")
    assert summary.documents_kept == 1 and set(pq.read_table(out / "data").column("doc_id").to_pylist()) == {"less"}


@pytest.mark.slow  # three pages of 10 MB
def test_a_page_with_an_attribute_or_script_over_the_parsers_node_limit_keeps_all_its_text(tmp_path: Path) -> None:
    """libxml2 reads 10,000,000 bytes of one text node or attribute, then drops the rest of the page: a 10 MB
    inline image cut the article short, silently, and one before the article left no text (html_no_content).
    Such a page is parsed with the limit lifted."""
    paragraphs = _paragraphs(5)
    image = f'<img src="data:image/png;base64,{"QUJD" * 2_600_000}">'  # 10.4 MB
    script = '<script>window.__DATA__="' + "a" * 10_400_000 + '";</script>'
    small = image[:5000] + '">'
    for name, page in {"image": _article(paragraphs, image, 2), "script": _article(paragraphs, script, 2),
                       "before": _article(paragraphs, image, 0), "small": _article(paragraphs, small, 2)}.items():
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
    found = _read_html(tmp_path)
    for name in ("image", "script", "before", "small"):
        document = found[f"{name}.html"]
        assert isinstance(document, RawDocument), name
        assert document.fields["text"].split("\n") == paragraphs, name


def test_a_page_that_says_it_is_utf8_is_held_to_it_as_a_text_file_is(tmp_path: Path) -> None:
    """A page with bytes that are not UTF-8 is an invalid_utf8 reject located at the first bad one (not its
    text with U+FFFD or a guessed code page's letters inside a word) when it says it is UTF-8; a page that says
    another charset, or none, is read in the encoding it is in, and a valid UTF-8 page as UTF-8 whatever it
    says. A reference to no character (`&#0;`, `&#xD800;`) is removed, as a control character is."""
    arabic = "قال الوزير يوم الثلاثاء إن الميزانية الجديدة ستزيد الإنفاق على المدارس والمستشفيات في جميع أنحاء البلاد"
    english = _paragraphs(1)[0]
    broken = _article([arabic, "Tuesd@ay " + english]).replace("<body>", "\n<body>\n").encode("utf-8")
    broken = broken.replace(b"@", b"\xff\xfe\xc3(")
    (tmp_path / "bad.html").write_bytes(broken)
    (tmp_path / "bad_bom.html").write_bytes(b"\xef\xbb\xbf" + broken.replace(b"<meta charset=utf-8>", b""))
    (tmp_path / "cp1256.html").write_bytes(_article([arabic]).replace("utf-8", "windows-1256").encode("cp1256"))
    (tmp_path / "cp1256_unsaid.html").write_bytes(_article([arabic]).replace("<meta charset=utf-8>", "")
                                                  .encode("cp1256"))
    (tmp_path / "lying.html").write_bytes(_article([arabic]).replace("utf-8", "iso-8859-1").encode("utf-8"))
    (tmp_path / "refs.html").write_text(_article([english.replace(" ", " &#0;&#xD800;&#x110000;&#99999999;", 1)]),
                                        encoding="utf-8")
    found = _read_html(tmp_path)
    for name in ("bad.html", "bad_bom.html"):
        reject, at = found[name], (tmp_path / name).read_bytes().index(b"\xff")
        assert isinstance(reject, Reject) and reject.reason == "invalid_utf8", name
        assert reject.message == f"invalid UTF-8 at byte {at}: invalid start byte" and reject.location.line == 3
    for name in ("cp1256.html", "cp1256_unsaid.html", "lying.html"):
        document = found[name]
        assert isinstance(document, RawDocument) and document.fields["text"] == arabic, name
    refs = found["refs.html"]
    assert isinstance(refs, RawDocument) and refs.fields["text"] == english


def test_template_content_is_not_article_text(tmp_path: Path) -> None:
    """A `<template>` is markup a script may copy into the page later, never shown as it stands."""
    paragraphs = _paragraphs(3)
    template = f"<template><p>{_paragraphs(4)[3]}</p><p>Template only text.</p></template>"
    (tmp_path / "t.html").write_text(_article(paragraphs, template, 1), encoding="utf-8")
    document = _read_html(tmp_path)["t.html"]
    assert isinstance(document, RawDocument) and document.fields["text"].split("\n") == paragraphs


def test_a_canonical_urls_query_keeps_the_order_the_page_gives(tmp_path: Path) -> None:
    """trafilatura's URL normalisation sorts the query's parameters (story=12&page=2 became page=2&story=12); a
    URL is an identity a user compares with their own, so the page's order is kept (a tracker trafilatura
    drops stays dropped)."""
    paragraphs = _paragraphs(3)
    page = _article(paragraphs).replace("https://a.example.org/1", "https://a.example.org/n?story=12&amp;utm_source=x"
                                        "&amp;page=2&amp;lang=fr#top")
    (tmp_path / "q.html").write_text(page, encoding="utf-8")
    (tmp_path / "one.html").write_text(_article(paragraphs).replace("/1'", "/1?b=2'"), encoding="utf-8")
    found = _read_html(tmp_path)
    assert {name: document.fields["url"] for name, document in found.items() if isinstance(document, RawDocument)} == {
        "q.html": "https://a.example.org/n?story=12&page=2&lang=fr#top", "one.html": "https://a.example.org/1?b=2"}
