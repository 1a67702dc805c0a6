"""The benchmark's corpus (benchmarks.throughput.make_corpus): its copies of the corpus must not repeat it, or
the build drops them as duplicates and repeated lines and the benchmark measures rejects.

benchmarks/ is not shipped, so this check lives beside the code it checks and is not part of the project's test
suite (tests/test_suite_rules.py): run it with `pytest benchmarks/test_make_corpus.py` after changing make_corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

from benchmarks.throughput import Variants, make_corpus

_ARTICLE = ("The council met on Tuesday 14 March to discuss the harbour bridge repairs, which engineers estimate "
            "will cost 2.5 million and take eighteen months. Residents of the northern district complained about "
            "the noise of the night works and asked for compensation.")
_ARABIC = ("أعلنت وزارة الصحة يوم الأحد عن افتتاح مستشفى جديد في المدينة يضم 120 سريرا ويخدم سكان الأحياء الشمالية "
           "التي عانت طويلا من نقص الخدمات الطبية والمرافق الصحية الحديثة.")
_MENU = "Home | News | Sport | Contact"


def _base() -> list[dict]:
    docs = []
    for i in range(40):  # enough distinct words for the varied part; the menu line repeats as a site's does
        words = _ARTICLE.split()
        rotated = " ".join(words[i % len(words):] + words[: i % len(words)])
        docs.append({"id": f"english/site/{i}.txt", "title": f"Story {i}", "text": f"{_MENU}\n{rotated} word{i}x"})
        docs.append({"id": f"arabic/site/{i}.txt", "text": f"{_ARABIC} كلمة{i}"})
    return docs


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = text.split()
    return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}


def test_copy_zero_is_the_document_and_later_copies_are_not_duplicates_of_it() -> None:
    base = _base()
    variants = Variants(base)
    for doc in base:
        first, second, third = (variants.document(doc, copy) for copy in (0, 1, 2))
        assert first == {**doc, "id": doc["id"] + "~0"}
        assert len({first["text"], second["text"], third["text"]}) == 3
        for copy in (second, third):
            alike = _shingles(doc["text"]) & _shingles(copy["text"])
            assert len(alike) <= 0.2 * len(_shingles(doc["text"]))  # MinHash's near-duplicate bar is far above
            assert len(copy["text"].split()) == len(doc["text"].split())  # the same shape: words swapped, not cut


def test_a_copy_varies_words_alike_in_every_document_and_within_their_language() -> None:
    base = _base()
    variants = Variants(base)
    menus = {variants.document(doc, 1)["text"].split("\n")[0] for doc in base if doc["id"].startswith("english")}
    assert len(menus) == 1  # a site's repeated line still repeats within one copy
    words = {name: {w for doc in base if doc["id"].startswith(name) for field in ("title", "text")
                    for w in re.findall(r"[^\W\d_]+", doc.get(field, ""))}
             for name in ("english", "arabic")}
    for doc in base:
        varied = re.findall(r"[^\W\d_]+", variants.document(doc, 1)["text"])
        assert set(varied) <= words[doc["id"].split("/")[0]]  # another word of the same collection
        assert [len(w) for w in varied] == [len(w) for w in re.findall(r"[^\W\d_]+", doc["text"])]
        shifted = [str((int(d) + 1) % 10) for d in re.findall(r"\d", doc["text"])]
        assert re.findall(r"\d", variants.document(doc, 1)["text"]) == shifted  # 14 March -> 25, 120 beds -> 231



def test_make_corpus_is_deterministic_and_its_ids_unique(tmp_path: Path) -> None:
    corpus = tmp_path / "no-corpus"  # missing: the examples are used
    sizes = [make_corpus(tmp_path / f"out{i}", 0.05, 3, corpus) for i in range(2)]
    assert sizes[0] == sizes[1]
    for name in ("part-0000.jsonl", "part-0001.jsonl", "part-0002.jsonl"):
        assert (tmp_path / "out0" / name).read_bytes() == (tmp_path / "out1" / name).read_bytes()
    docs = [json.loads(line) for part in sorted((tmp_path / "out0").iterdir()) for line in part.open(encoding="utf-8")]
    assert len(docs) == sizes[0][1] and len({doc["id"] for doc in docs}) == len(docs)
    texts = [doc["text"] for doc in docs]
    assert len(set(texts)) > 0.9 * len(texts)  # copied as they were, every copy's texts repeated the first's
