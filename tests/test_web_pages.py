"""Whole web pages of the kinds issue 11's set B holds (tests/fixtures/labelled_web/: a crawl's visible text
of Arabic news sites and forums, English, French, Spanish, German, Persian and Urdu pages, menus, consent
banners, galleries, comments and footers included), every line marked `+ ` keep or `- ` drop by the
held-out rules of benchmarks/README.md. Composed by the team and labelled before any build ran on them;
split by site into dev/ (read its errors) and test/ (scored once, at the end, by
`benchmarks.boilerplate_eval --set web-test`: no test here runs the builder on it). Round 2 (session 13)
added 32 pages on 32 more sites, 16 a part; round 3 (session 14) 32 more, with Italian and Urdu in both parts."""

from __future__ import annotations

from tests.labelled import WEB_PAGES, Labelled, load, ours, score

# Round 2's sites (session 13). Its dev pages are left out of the held figures below until the rules
# engineer has scored them untuned (`boilerplate_eval --set web-dev`): the thresholds were set on round 1.
ROUND_2 = {
    "dev": {"ar-akhbarelnil", "ar-lubnanelyom", "ar-montadaalomahat", "ar-qartajpress", "ar-sadaalkhaleej",
            "de-allgaeuerbote", "de-aquaristikforum", "en-birdpedia", "en-oakandthread", "en-riverbendgazette",
            "es-cocinaconalba", "es-marcadorandino", "fa-rooznegar", "fr-courrierdumorvan",
            "fr-jardinspartageslyon", "ur-shehrkhabar"},
    "test": {"ar-dafaterlayla", "ar-istifsar", "ar-omanalaan", "ar-qudsnabd", "ar-rabatecho", "de-heimwerkerrat",
             "de-tsvbergheim", "en-marshfieldlibrary", "en-tinkerworkshop", "en-wandersketch", "es-unilitoral",
             "es-vozdelcarmen", "fa-sedayemardom", "fr-carnetsdelea", "fr-mairie-saintaubin", "fr-numeriquehebdo"},
}
# Round 3's sites (session 14), left out of the held figures for the same reason as round 2's.
ROUND_3 = {
    "dev": {"ar-ammanalyawm", "ar-dohamirror", "ar-khartoumtoday", "ar-montadaalsayyarat", "ar-rafidainpost",
            "de-gartenfreunde-talk", "de-mainecho", "en-harrowfieldcourier", "en-hopelinetrust", "en-saltandcrumb",
            "es-heraldodelbajio", "fa-neyshaburnews", "fr-atelierdeclaire", "fr-echosdurouergue",
            "it-cronacadelsannio", "ur-jahanurdu"},
    "test": {"ar-ahsanews", "ar-bawabetelsaeed", "ar-ishrahli", "ar-madadatqalam", "ar-wahranpress",
             "de-kaffeemuehlentest", "en-castlebrookuni", "en-fernleyrovers", "en-gearverdict", "es-ecosdelplata",
             "es-rutasdeasturias", "fa-ketabnevis", "fr-cinebulles", "fr-voixdusaguenay", "it-viaggiareslow",
             "ur-qalamkarblog"},
}


def _site(doc: Labelled) -> str:
    return doc.name.split("/")[0]


def _round(part: str, doc: Labelled) -> int:
    return 2 if _site(doc) in ROUND_2[part] else 3 if _site(doc) in ROUND_3[part] else 1


DEV = [d for d in load(WEB_PAGES / "dev") if _round("dev", d) == 1]


def test_web_dev_recall_and_removal_hold() -> None:
    """Held where they stand (0.966 / 0.749 when the pages were added, 0.968 / 0.852 with the page's tail
    judged as a block, 0.996 / 0.877 once an article's own lead-in, its interview questions, its schedule
    and its named values stopped being taken for a box, a dateline or a menu): a change that eats more
    article text fails, and so does one that keeps every line. Issue 11 aims at recall >= 0.98 on set B."""
    recall, removal = score(DEV, ours(DEV))["all"]
    print(f"web-dev: content recall {recall:.3f}, chrome removed {removal:.3f}")
    assert recall >= 0.99
    assert removal >= 0.86


def test_the_parts_share_no_site_and_hold_every_kind_of_page() -> None:
    """Split by site, as the held-out corpus set is; 18 pages a part in round 1 and 16 in rounds 2 and 3, each
    round with Arabic, English, French, Spanish, German and Persian in both parts (round 3 Italian and Urdu
    too); each part has a Persian page written with Arabic ي/ك, and round 3 one in all."""
    parts = {part: load(WEB_PAGES / part) for part in ("dev", "test")}
    sites = {part: {_site(d) for d in docs} for part, docs in parts.items()}
    assert not sites["dev"] & sites["test"]
    assert ROUND_3["dev"] | ROUND_3["test"] <= sites["dev"] | sites["test"]
    languages = {1: {"ar", "en", "fr", "es", "de", "fa"}, 2: {"ar", "en", "fr", "es", "de", "fa"},
                 3: {"ar", "en", "fr", "es", "de", "fa", "it", "ur"}}
    for part, docs in parts.items():
        for number, size in ((1, 18), (2, 16), (3, 16)):
            in_round = [d for d in docs if _round(part, d) == number]
            assert len(in_round) == size, (part, number)
            assert languages[number] <= {d.language for d in in_round}, (part, number)
        assert all(any(k for k, _ in d.lines) and any(not k for k, _ in d.lines) for d in docs), part
        assert any(d.language == "fa" and "ي" in d.raw and "ی" not in d.raw for d in docs), part
    round_3 = [d for part, docs in parts.items() for d in docs if _round(part, d) == 3]
    assert sum(d.language == "fa" and "ي" in d.raw and "ی" not in d.raw for d in round_3) == 1
