"""Which corpus documents the held-out labelled set holds, drawn at random with a fixed seed.

The set (`benchmarks/labels/`, read by `benchmarks.corpus_docs`) labels every non-blank line of the
documents this script draws: from every part of ../shared/corpus, in rough proportion to its size but
at least 10 per part, ant-multisource evenly across its five sites. A document with no non-blank line
(16 empty SaudiNewsNet records, an HTML page trafilatura finds no text in) is passed over for the next
one drawn.

Run:
  .venv/bin/python -m benchmarks.sample_for_labelling            # the sample: corpus_path, site
  .venv/bin/python -m benchmarks.sample_for_labelling --show N    # print the Nth drawn document with
                                                                  # its line numbers, to label it
  .venv/bin/python -m benchmarks.sample_for_labelling --check     # labels.tsv covers exactly the sample
(--show prints corpus text to the terminal: never save it into the repository.)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

from benchmarks.corpus_docs import Corpus, line_hash, nonblank_lines, read_labels

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


def sample(corpus: Corpus) -> list[str]:
    """The drawn corpus_paths, in drawing order within each part."""
    by_part: dict[str, list[str]] = {}
    for path in corpus.paths():
        by_part.setdefault(path.split("/", 1)[0], []).append(path)
    assert set(by_part) == set(QUOTA), f"corpus parts {sorted(by_part)} != {sorted(QUOTA)}"
    drawn = []
    for part, quota in QUOTA.items():
        rng = random.Random(f"{SEED}:{part}")
        if part == "ant-multisource":
            strata: dict[str, list[str]] = {}
            for path in by_part[part]:
                strata.setdefault(path.split("/")[1], []).append(path)
            for name in sorted(strata):
                drawn += _draw(corpus, rng, strata[name], quota // len(strata))
        else:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--show", type=int, metavar="N", help="print the Nth drawn document (0-based), numbered")
    parser.add_argument("--check", action="store_true", help="labels.tsv labels exactly the drawn documents")
    args = parser.parse_args()
    corpus = Corpus(args.corpus) if args.corpus else Corpus()
    if not corpus.exists():
        sys.exit(f"no corpus at {corpus.root}")
    drawn = sample(corpus)
    if args.show is not None:
        path = drawn[args.show]
        doc = corpus.get(path)
        print(f"# {args.show} {path}  site={site(corpus, path)}  url={doc.url}")
        for number, line in nonblank_lines(doc.text):
            print(f"{number}\t{line_hash(line)}\t{line.strip()}")
        return
    if args.check:
        labelled = set(read_labels())
        missing, extra = [p for p in drawn if p not in labelled], sorted(labelled - set(drawn))
        print(f"{len(drawn)} drawn, {len(labelled)} labelled; not labelled: {missing or 'none'}; "
              f"labelled but not drawn: {extra or 'none'}")
        sys.exit(1 if missing or extra else 0)
    for i, path in enumerate(drawn):
        print(f"{i}\t{path}\t{site(corpus, path)}")
    print(Counter(p.split("/", 1)[0] for p in drawn), file=sys.stderr)


if __name__ == "__main__":
    main()
