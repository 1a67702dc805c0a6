"""What the line rules' step costs, rule by rule: the default plan's `LINE_RULES` over --size-mb of the corpus
(its documents replicated with fresh ids), in tables of --batch documents, as the workers run them.

    PYTHONPATH=$PWD .venv/bin/python -m benchmarks.line_rules_cost [--size-mb 15] [--batch 500] [--scorer]

`--scorer` adds the learned line scorer after the rules (as `[clean] line_scorer = true` runs it) and times it too
(`scorer_cpu`: its process time, which the machine's load moves less than the seconds; `rules_cpu`: the rules'
before it).

Prints one JSON line: the megabytes and documents read, the step's seconds and each rule's. Run it in two trees
(the base and a branch), alternating, and compare medians: the machine's load moves single runs a lot.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from benchmarks.corpus_to_jsonl import DEFAULT_CORPUS, documents
from builder.outcomes import Document, Location
from builder.rules.paragraphs import lines_table, raw_lines, site
from builder.rules.repeated import RepeatedLines
from builder.rules.scorer import LineScorer
from builder.run.plan import LINE_RULES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=15)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scorer", action="store_true", help="time the line scorer after the rules too")
    args = parser.parse_args()
    raw = list(documents(args.corpus))
    docs: list[Document] = []
    size = 0
    while raw and size < args.size_mb * 1e6:
        for d in raw:
            n = len(docs)
            docs.append(Document(f"{d['id']}~{n}", d["text"], f"{d['id'].split('/')[0]}/{n}.txt", Location(d["id"])))
            size += len(d["text"].encode())
            if size >= args.size_mb * 1e6:
                break
    repeated = RepeatedLines.count((site(doc), raw_lines(doc)[1]) for doc in docs)
    tables = [lines_table(docs[i:i + args.batch], repeated) for i in range(0, len(docs), args.batch)]
    per: dict[str, float] = {}
    cpu: dict[str, float] = {}
    started = time.perf_counter()
    for lines in tables:
        for rule in (*LINE_RULES, LineScorer()) if args.scorer else LINE_RULES:
            begun, begun_cpu = time.perf_counter(), time.process_time()
            decided = rule.decide(lines).cast(pa.string())
            per[type(rule).__name__] = per.get(type(rule).__name__, 0.0) + time.perf_counter() - begun
            cpu[type(rule).__name__] = cpu.get(type(rule).__name__, 0.0) + time.process_time() - begun_cpu
            reasons = pc.coalesce(lines.column("reason").combine_chunks(), decided)
            lines = lines.set_column(lines.schema.get_field_index("reason"), "reason", reasons)
    total = time.perf_counter() - started
    print(json.dumps({"mb": round(size / 1e6, 2), "documents": len(docs), "seconds": round(total, 3),
                      "rules": {name: round(seconds, 3) for name, seconds in per.items()},
                      "rules_cpu": round(sum(s for name, s in cpu.items() if name != "LineScorer"), 3),
                      **({"scorer_cpu": round(cpu["LineScorer"], 3)} if args.scorer else {})}))


if __name__ == "__main__":
    main()
