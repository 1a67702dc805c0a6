"""Which corpus documents the held-out labelled set holds, drawn at random with a fixed seed.

The set (`benchmarks/labels/`, read by `benchmarks.corpus_docs`) labels every non-blank line of the
documents this script draws: from every part of ../shared/corpus, in rough proportion to its size but
at least 10 per part, ant-multisource evenly across its five sites. A document with no non-blank line
(16 empty SaudiNewsNet records, an HTML page trafilatura finds no text in) is passed over for the next
one drawn.

Round 2 (`--round 2`) draws another sample with its own seed and quotas, never a document of round 1;
its labels go to `labels-round2-*.tsv`. A site round 1 did not have is put in dev or test by
`new_site_split` (a hash of the site's name), fixed before any of its lines are labelled.

Round 3 (`--round 3`, labels in `labels-round3.tsv`) draws about 70 more, never a document of rounds
1-2, weighted toward chrome: rounds 1-2 were mostly clean article text (the text parts' lines are
under 3% drop; 95% of the 798 drop lines are in the HTML parts, 415 in one Wikipedia page), so removal
was measured on few chrome lines from few pages. Its quotas were
fixed from rounds 1-2's share of drop lines per part, before any round-3 document was read: every
remaining HTML page of trafilatura's (29% drop) and newspaper4k's (13%) evaluation sets; Readability's
15 pages are all in rounds 1-2; then the text parts in order of their drop share, ANT by site (BBC 4.6%,
CNN 4.3%, France24 2.4%, Alarabia and SkyNews none), Urdu (9.3%) six, and one to five each from the
nearly chrome-free SaudiNewsNet (2.6%), Fars News (1.3%) and JawharaFM (none), so every part with
documents left is in it. Sites keep their part in `splits.tsv`; new ones get `new_site_split`.

Round 4 (`--round 4`, seed 20261202, labels in `labels-round4.tsv`) draws 80 more, never a document
of rounds 1-3, from the text parts only (ANT's five multi-source sites and JawharaFM, SaudiNewsNet,
Urdu, Fars News): issue 11's set A is a plain random sample of these parts, so this round is one too,
not weighted toward chrome, to measure Arabic, Persian and Urdu removal on more of their own lines.
Quotas in proportion to each part's size (of the 2,503 text documents) with at least 8 per part and
ant-multisource evenly across its five sites: 36 SaudiNewsNet, 20 ANT multi-source (4 a site), 8 each
Fars News, JawharaFM and Urdu. All of these parts' sites are already in `splits.tsv`.

Round 5 (`--round 5`, seed 20261203, labels in `labels-round5.tsv`) draws 80 more, never a document
of rounds 1-4, the same way as round 4 and for the same reason (the rules generalise badly to the
Arabic sites they were not tuned on, and these parts' dev and test have few drop lines): a plain random
sample of the text parts, with round 4's quotas, fixed before any round-5 document was read: 36
SaudiNewsNet, 20 ANT multi-source (4 a site), 8 each Fars News, JawharaFM and Urdu.

Round 6 (`--round 6`, seed 20261204, labels in `labels-round6.tsv`) draws 84 more, never a document of
rounds 1-5, weighted toward chrome again: the HTML parts are used up (every page is in rounds 1-3),
and the text parts' drop lines sit in a few sites' pages: per labelled document of rounds 1-5, BBC
1.31 drop lines, Urdu 0.68, JawharaFM 0.51 (all in one press release), CNN 0.28, Fars News 0.24,
France24 0.17, SaudiNewsNet 0.08, Alarabia and SkyNews none. Quotas fixed from those figures before
any round-6 document was drawn or read, roughly in proportion to them and at least one per site: 24
BBC, 20 Urdu (of the 56 left), 10 CNN, 8 Fars News, 8 JawharaFM, 6 France24, 6 SaudiNewsNet, 1
Alarabia, 1 SkyNews.

Round 7 (`--round 7`, seed 20261205, labels in `labels-round7.tsv`) draws 84 more, never a document of
rounds 1-6, a plain random sample of the text parts again, not weighted: round 6 was weighted toward the
sites with most chrome, and issue 11's set A is a plain random sample, so this round measures the parts
as they are, on documents no rule was written from. Quotas fixed before any round-7 document was drawn
or read, in proportion to each part's size (of the 2,503 text documents) with at least 6 a part and
ant-multisource evenly across its five sites: JawharaFM and Urdu get the minimum 6 (4.5 and 3.4 by
size), the other 72 go by size to the other three parts (41.8, 20.6, 9.5): 42 SaudiNewsNet, 20 ANT
multi-source (4 a site), 10 Fars News, 6 JawharaFM, 6 Urdu (of the 36 left).

Round 8 (`--round 8`, seed 20261206, labels in `labels-round8.tsv`) draws 80 more, never a document of
rounds 1-7, weighted toward chrome again as round 6 was: round 7's plain random draw was 2.7% drop lines,
so removal (test 0.807, ar 0.611) was measured on few of them. The HTML parts are used up, so the weight
is within the text parts, by their drop lines per labelled document in rounds 1-7 (counted from the
labels files before any round-8 document was drawn or read): BBC 0.89, Urdu 0.84, JawharaFM 0.38, CNN
0.23, Fars News 0.17, France24 0.15, SaudiNewsNet 0.10, Alarabia and SkyNews none. Quotas roughly in
proportion to those, at least one per site: 25 BBC, 22 Urdu (of the 30 left), 11 JawharaFM, 7 CNN, 5
Fars News, 4 France24, 4 SaudiNewsNet, 1 Alarabia, 1 SkyNews.

Run:
  .venv/bin/python -m benchmarks.sample_for_labelling            # the sample: corpus_path, site
  .venv/bin/python -m benchmarks.sample_for_labelling --show N    # print the Nth drawn document with
                                                                  # its line numbers, to label it
  .venv/bin/python -m benchmarks.sample_for_labelling --check     # labels.tsv covers exactly the sample
  (each with --round 2 to 8 for that round's sample and labels files)
(--show prints corpus text to the terminal: never save it into the repository.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from benchmarks.corpus_docs import LABELS, LABELS_DIR, Corpus, line_hash, nonblank_lines, read_labels, read_splits

SEED = 20261130
# Documents to draw per corpus part (the corpus has 2,607: 1,318 saudinewsnet, 650 ant-multisource,
# 300 farsnews-persian, 135 ant-jawharafm, 100 urdu, 50 + 15 + 39 HTML/text test pages).
QUOTA = {
    "saudinewsnet": 66,
    "ant-multisource": 35,  # 7 from each of Alarabia, BBC, CNN, France24, SkyNews
    "farsnews-persian": 16,
    "ant-jawharafm": 10,
    "urdu-bend-the-truth": 10,
    "trafilatura-html": 10,
    "readability-html": 10,
    "newspaper4k": 10,
}
SEED_2 = 20261129
# Round 2: at least 150 more documents, every part, HTML pages (read by the HTML reader) included.
QUOTA_2 = {
    "saudinewsnet": 48,
    "ant-multisource": 35,
    "farsnews-persian": 16,
    "ant-jawharafm": 12,
    "urdu-bend-the-truth": 12,
    "trafilatura-html": 12,
    "readability-html": 12,
    "newspaper4k": 12,
}
SEED_3 = 20261201
# Round 3: about 70 more, toward the chrome-rich parts (see the module docstring); ANT by site.
QUOTA_3: dict[str, int | dict[str, int]] = {
    "saudinewsnet": 5,
    "ant-multisource": {"BBC": 4, "CNN": 3, "France24": 2, "Alarabia": 1, "SkyNews": 1},
    "farsnews-persian": 3,
    "ant-jawharafm": 1,
    "urdu-bend-the-truth": 6,
    "trafilatura-html": 28,  # all that rounds 1-2 left
    "readability-html": 0,  # none left
    "newspaper4k": 17,  # all that rounds 1-2 left
}
SEED_4 = 20261202
# Round 4: a plain random sample of the text parts (see the module docstring); no HTML page.
QUOTA_4: dict[str, int | dict[str, int]] = {
    "saudinewsnet": 36,
    "ant-multisource": 20,  # 4 from each of its five sites
    "farsnews-persian": 8,
    "ant-jawharafm": 8,
    "urdu-bend-the-truth": 8,
    "trafilatura-html": 0,
    "readability-html": 0,
    "newspaper4k": 0,
}
SEED_5 = 20261203
# Round 5: another plain random sample of the text parts, with round 4's quotas (see the module docstring).
QUOTA_5 = QUOTA_4
SEED_6 = 20261204
# Round 6: the text parts again, toward the sites with most drop lines per document (see the module docstring).
QUOTA_6: dict[str, int | dict[str, int]] = {
    "saudinewsnet": 6,
    "ant-multisource": {"BBC": 24, "CNN": 10, "France24": 6, "Alarabia": 1, "SkyNews": 1},
    "farsnews-persian": 8,
    "ant-jawharafm": 8,
    "urdu-bend-the-truth": 20,
    "trafilatura-html": 0,  # none left
    "readability-html": 0,  # none left
    "newspaper4k": 0,  # none left
}
SEED_7 = 20261205
# Round 7: a plain random sample of the text parts, in proportion to size, at least 6 a part (see the module docstring).
QUOTA_7: dict[str, int | dict[str, int]] = {
    "saudinewsnet": 42,
    "ant-multisource": 20,  # 4 from each of its five sites
    "farsnews-persian": 10,
    "ant-jawharafm": 6,
    "urdu-bend-the-truth": 6,
    "trafilatura-html": 0,  # none left
    "readability-html": 0,  # none left
    "newspaper4k": 0,  # none left
}
SEED_8 = 20261206
# Round 8: the text parts toward the sites with most drop lines per document in rounds 1-7 (see the module docstring).
QUOTA_8: dict[str, int | dict[str, int]] = {
    "saudinewsnet": 4,
    "ant-multisource": {"BBC": 25, "CNN": 7, "France24": 4, "Alarabia": 1, "SkyNews": 1},
    "farsnews-persian": 5,
    "ant-jawharafm": 11,
    "urdu-bend-the-truth": 22,
    "trafilatura-html": 0,  # none left
    "readability-html": 0,  # none left
    "newspaper4k": 0,  # none left
}
ROUNDS = {1: (QUOTA, SEED), 2: (QUOTA_2, SEED_2), 3: (QUOTA_3, SEED_3), 4: (QUOTA_4, SEED_4),
          5: (QUOTA_5, SEED_5), 6: (QUOTA_6, SEED_6), 7: (QUOTA_7, SEED_7), 8: (QUOTA_8, SEED_8)}


def new_site_split(site_name: str) -> str:
    """The part of a site first seen in round 2 or later: a hash of its name, not a choice made after reading it."""
    return "dev" if hashlib.sha1(site_name.encode("utf-8")).digest()[0] % 2 == 0 else "test"

# A site is one publisher (same chrome); the dev/test split never cuts one in two. Editions of one
# brand in different languages count as one site (BBC Arabic and BBC News; CNN Arabic and CNN).
_ANT_SITES = {"Alarabia": "alarabiya.net", "BBC": "bbc", "CNN": "cnn", "France24": "france24.com",
              "SkyNews": "skynewsarabia.com"}
_BRANDS = ("bbc", "cnn")
_TWO_LEVEL = re.compile(r"\.(co|com|org|net|gov|ac)\.[a-z]{2}$")
# Pages whose extraction has no URL, by file: the site read from the page itself.
_NO_URL = {
    "readability-html/test/test-pages/bbc-1/source.html": "bbc",
    "readability-html/test/test-pages/qq/source.html": "qq.com",
    "trafilatura-html/tests/eval/anarc.at.cdpath.html": "anarc.at",
    "trafilatura-html/tests/eval/archive.org.dzs-clan.de.html": "dzs-clan.de",
    "trafilatura-html/tests/eval/bahamaslocal.com-atlantis.html": "bahamaslocal.com",
    "trafilatura-html/tests/eval/dalloz-actualite.fr.raoult.html": "dalloz-actualite.fr",
    "newspaper4k/tests/data/html/chinese_article.html": "newspaper4k:chinese_article",
}
# newspaper4k's expected texts with no page beside them, by the site their text names (video_article_01:
# the byline's author writes for The Oregonian; video_article_02 signs off as ONE Esports).
_TXT_SITES = {"cleveland.com1": "cleveland.com", "fox13now_001": "fox13now.com",
              "video_article_01": "oregonlive.com", "video_article_02": "oneesports.gg"}


def site(corpus: Corpus, path: str) -> str:
    part = path.split("/", 1)[0]
    if part == "ant-multisource":
        return _ANT_SITES[path.split("/")[1]]
    if part == "ant-jawharafm":
        return "jawharafm.net"
    if part == "farsnews-persian":
        return "farsnews.ir"
    if part == "urdu-bend-the-truth":
        return "urdu-bend-the-truth"  # BBC Urdu, Express, Jang, ... mixed, and the files do not say which
    if part == "saudinewsnet":
        file, index = path.split("#")
        return _saudi_sources(corpus.root / file)[int(index)]
    if path.startswith("newspaper4k/") and path.endswith(".txt"):
        # newspaper4k's expected texts: the twin of a page in data/html/ is that page's site
        twin = path.replace("/txt/", "/html/")[: -len(".txt")] + ".html"
        if (corpus.root / twin).is_file():
            return site(corpus, twin)
        stem = Path(path).stem
        for brand in _BRANDS:
            if stem.startswith(brand):
                return brand
        return _TXT_SITES.get(stem, f"newspaper4k:{stem}")
    if path in _NO_URL:
        return _NO_URL[path]
    url = corpus.get(path).url
    assert url, f"{path}: no URL; add its site to _NO_URL"
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].split(":")[0]
    keep = 3 if _TWO_LEVEL.search(host) else 2
    domain = ".".join(host.split(".")[-keep:])
    return next((brand for brand in _BRANDS if domain.split(".")[0] == brand), domain)


_saudi_cache: dict[Path, list[str]] = {}


def _saudi_sources(file: Path) -> list[str]:
    if file not in _saudi_cache:
        _saudi_cache[file] = [item["source"] for item in json.loads(file.read_text(encoding="utf-8"))]
    return _saudi_cache[file]


def sample(corpus: Corpus, round_: int = 1) -> list[str]:
    """The drawn corpus_paths, in drawing order within each part (never a document of an earlier round).

    The rounds are drawn in order, each once: drawing each earlier round again for every round (as
    this did) made 64 draws for round 7, 32 of them round 1's: about two minutes a call."""
    taken: set[str] = set()
    for earlier in range(1, round_):
        taken.update(_sample_round(corpus, earlier, taken))
    return _sample_round(corpus, round_, taken)


def _sample_round(corpus: Corpus, round_: int, taken: set[str]) -> list[str]:
    """One round's draw, given the documents of the rounds before it."""
    quotas, seed = ROUNDS[round_]
    by_part: dict[str, list[str]] = {}
    for path in corpus.paths():
        by_part.setdefault(path.split("/", 1)[0], []).append(path)
    assert set(by_part) == set(quotas), f"corpus parts {sorted(by_part)} != {sorted(quotas)}"
    by_part = {part: [p for p in paths if p not in taken] for part, paths in by_part.items()}
    drawn = []
    for part, quota in quotas.items():
        rng = random.Random(f"{seed}:{part}")
        if part == "ant-multisource":
            strata: dict[str, list[str]] = {}
            for path in by_part[part]:
                strata.setdefault(path.split("/")[1], []).append(path)
            for name in sorted(strata):
                drawn += _draw(corpus, rng, strata[name],
                               quota[name] if isinstance(quota, dict) else quota // len(strata))
        else:
            assert isinstance(quota, int)
            drawn += _draw(corpus, rng, by_part[part], quota)
    return drawn


def _draw(corpus: Corpus, rng: random.Random, paths: list[str], k: int) -> list[str]:
    order = sorted(paths)
    rng.shuffle(order)
    chosen = []
    for path in order:
        if len(chosen) == k:
            break
        if any(True for _ in nonblank_lines(corpus.get(path).text)):
            chosen.append(path)
    return chosen


def round_labels(round_: int) -> dict[str, list[dict[str, str]]]:
    """The labels of one round's files: labels.tsv, labels-round2-*.tsv, then labels-round3.tsv to labels-round8.tsv."""
    files = [LABELS] if round_ == 1 else sorted(LABELS_DIR.glob(f"labels-round{round_}*.tsv"))
    return {path: rows for file in files for path, rows in read_labels(file).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--show", type=int, metavar="N", help="print the Nth drawn document (0-based), numbered")
    parser.add_argument("--check", action="store_true", help="the labels files label exactly the drawn documents")
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=1, dest="round_",
                        help="which sample (a round excludes the documents of the rounds before it)")
    args = parser.parse_args()
    corpus = Corpus(args.corpus) if args.corpus else Corpus()
    if not corpus.exists():
        from benchmarks.corpus_to_jsonl import missing

        sys.exit(missing(corpus.root))
    drawn = sample(corpus, args.round_)
    splits = read_splits()
    if args.show is not None:
        path = drawn[args.show]
        doc = corpus.get(path)
        name = site(corpus, path)
        part = splits[name]["split"] if name in splits else new_site_split(name) + " (new site)"
        print(f"# {args.show} {path}  site={name}  split={part}  url={doc.url}")
        for number, line in nonblank_lines(doc.text):
            print(f"{number}\t{line_hash(line)}\t{line.strip()}")
        return
    if args.check:
        labelled = set(round_labels(args.round_))
        missing, extra = [p for p in drawn if p not in labelled], sorted(labelled - set(drawn))
        print(f"{len(drawn)} drawn, {len(labelled)} labelled; not labelled: {missing or 'none'}; "
              f"labelled but not drawn: {extra or 'none'}")
        sys.exit(1 if missing or extra else 0)
    for i, path in enumerate(drawn):
        name = site(corpus, path)
        print(f"{i}\t{path}\t{name}\t{splits[name]['split'] if name in splits else new_site_split(name) + '*'}")
    print(Counter(p.split("/", 1)[0] for p in drawn), file=sys.stderr)


if __name__ == "__main__":
    main()
