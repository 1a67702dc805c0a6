"""Render the dataset card (README.md of a release): YAML the Hub and `datasets` read, and a readable body."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

import yaml

from builder.columns import RECORD_COLUMNS, REJECT_COLUMNS, Column
from builder.release.layout import REJECTS_SPLIT
from builder.run.report import TOP_LINES
from builder.text.clean import remove_invisible
from builder.text.language import UNDETERMINED
from builder.text.pii import KIND_NAMES
from builder.text.visible import visible

if TYPE_CHECKING:
    from collections import Counter

    from builder.config import BuildConfig
    from builder.run.summary import BuildSummary, SplitStats

TEMPLATE = Path(__file__).with_name("card_template.md")
_SIZE_CATEGORIES = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                    (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B")]


# A language is named in the card's `language:` list only with this share of the kept characters: 1% is a
# real part of the text (a thousand paragraphs in a 100,000-paragraph release), while what the detector gets
# wrong stays below it (the 15 languages a 5-language build once listed came from a few paragraphs each).
CARD_LANGUAGE_SHARE = 0.01


def size_category(rows: int) -> str:
    return next((name for limit, name in _SIZE_CATEGORIES if rows < limit), "1B<n<10B")


def _features_yaml(columns: Sequence[Column]) -> list[dict[str, str]]:
    return [{"name": c.name, "dtype": c.dtype} for c in columns]


def _info(name: str, columns: Sequence[Column], splits: dict[str, SplitStats], download_size: int) -> dict[str, Any]:
    return {
        "config_name": name,
        "features": _features_yaml(columns),
        "splits": [{"name": s, "num_bytes": st.num_bytes, "num_examples": st.paragraphs} for s, st in splits.items()],
        "download_size": download_size,
        "dataset_size": sum(st.num_bytes for st in splits.values()),
    }


def card_yaml(summary: BuildSummary, config: BuildConfig, out: Path, columns: Sequence[Column]) -> dict[str, Any]:
    def size(shards: list[str]) -> int:
        return sum((out / s).stat().st_size for s in shards)

    splits = {name: st for name, st in summary.splits.items() if st.paragraphs}
    data_shards = [s for st in splits.values() for s in st.shards]
    configs = [{"config_name": "default", "default": True,
                "data_files": [{"split": s, "path": f"data/{s}-*.parquet"} for s in splits]}]
    infos = [_info("default", columns, splits, size(data_shards))]
    if summary.rejects.paragraphs:
        configs.append({"config_name": "rejects",
                        "data_files": [{"split": REJECTS_SPLIT, "path": f"rejects/{REJECTS_SPLIT}-*.parquet"}]})
        infos.append(_info("rejects", REJECT_COLUMNS, {REJECTS_SPLIT: summary.rejects}, size(summary.rejects.shards)))
    return {
        "pretty_name": _pretty_name(config),
        "license": config.card.license,
        "language": card_languages(summary.language_chars, config.filter.languages),
        "task_categories": ["text-generation"],
        "size_categories": [size_category(summary.paragraphs)],
        "configs": configs,
        "dataset_info": infos,
    }


def card_languages(chars: Mapping[str, int], kept: Sequence[str] = ()) -> list[str]:
    """The card's `language:` list, which hubs filter datasets by: languages with at least CARD_LANGUAGE_SHARE
    of the kept characters, and only the build's languages when it keeps some. The paragraph counts of
    every detected language stay in the card's table."""
    total = sum(chars.values())
    return sorted(lang for lang, n in chars.items()
                  if lang != UNDETERMINED and n >= CARD_LANGUAGE_SHARE * total and (not kept or lang in kept))


def _language_note(kept: Sequence[str]) -> str:
    """Why the YAML `language:` list can name fewer languages than the table: the rule card_languages applies."""
    within = f", of the languages the build keeps ({', '.join(kept)})" if kept else ""
    return (f"The `language:` list of the YAML header, which hubs filter datasets by, names the languages with at "
            f"least {CARD_LANGUAGE_SHARE:.0%} of the kept characters{within}; this table counts the paragraphs of "
            "every language detected, misdetected ones included.")


_REJECTS_NOTE = ("Every dropped document and line is in the `rejects` config (`rejects/*.parquet`), with its reason, "
                 "source,\nline and offsets. It is one `train` split, whatever the data's splits: documents go to a "
                 "split by a hash of their\nid, and many rejects (a malformed line, a duplicate or missing id, an "
                 "unreadable file) have no id of their own.")
_NO_REJECTS_NOTE = "No document or line was dropped, so the release has no `rejects` config."


def _pretty_name(config: BuildConfig) -> str:
    return pretty_name(config.card.pretty_name)


def pretty_name(name: str) -> str:
    """The dataset's name as the card writes it everywhere (YAML header, title, citation): one line, each run
    of whitespace one space, without the invisible characters text cleaning removes (a zero-width space would
    make two names that read the same differ), so it is a title and nothing YAML can misread."""
    return " ".join(remove_invisible(name).split())


def _cell(value: object) -> str:
    """Table cells come from user data (file names): keep them from breaking or injecting Markdown, and
    show the characters that would reorder or break what a reader sees as escapes (builder.text.visible)."""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")
    for char in "`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return visible(text)


def _rows(rows: Sequence[tuple[object, ...]], empty: str) -> str:
    if not rows:
        return f"| {empty} |"
    return "\n".join("| " + " | ".join(_cell(c) if isinstance(c, str) else str(c) for c in row) + " |" for row in rows)


CARD_TOP_LINES = 5


def _top_reasons(removed: Counter[str]) -> str:
    return ", ".join(f"{reason} ({n})" for reason, n in sorted(removed.items(), key=lambda kv: (-kv[1], kv[0]))[:2])


def _takedown(record: dict[str, Any] | None) -> str:
    if not record:
        return ""
    return (f"\n## Takedowns\n\nA takedown list of {record['entries']} entries (sha256 `{record['sha256']}`) was "
            f"applied: {len(record['excluded'])} documents were left out entirely; their ids are in `manifest.json`.\n")


def _changes(changes: Any) -> str:
    if changes is None:
        return "\nFirst release, or built without `--previous`: no changelog.\n"
    added, removed, changed = changes.documents_added, changes.documents_removed, changes.documents_changed
    return (f"\nSince {_cell(changes.old_version or 'the previous release')}: documents added "
            f"{len(added)}{_names(added)}, removed {len(removed)}{_names(removed)}, "
            f"changed {len(changed)}{_names(changed)}; "
            f"paragraphs added {changes.paragraphs_added}, removed {changes.paragraphs_removed}, unchanged "
            f"{changes.paragraphs_kept}{_column_changes(changes)}.\n")


def _column_changes(changes: Any) -> str:
    """Columns only one of the releases has (a metadata field or annotator added or dropped)."""
    parts = [f"columns {kind} {len(names)}{_names(names)}" for kind, names in
             (("added", changes.columns_added), ("removed", changes.columns_removed)) if names]
    return "; " + ", ".join(parts) if parts else ""


def _names(items: list[str]) -> str:
    """The first ten ids or names, for a sentence of the changelog."""
    shown = ", ".join(_cell(i) for i in items[:10])
    return f" ({shown}{', …' if len(items) > 10 else ''})" if items else ""


def _removed(report: dict[str, list[dict[str, Any]]]) -> str:
    if not report:
        return "No line was removed."
    rows = [(group, line["text"], line["reason"], line["count"])
            for group, lines in report.items() for line in lines[:CARD_TOP_LINES]]
    return "| source | line | reason | count |\n|---|---|---|---:|\n" + _rows(rows, "")


def render(summary: BuildSummary, config: BuildConfig, out: Path, columns: Sequence[Column] = RECORD_COLUMNS) -> str:
    """The card of a release with these record columns."""
    header = yaml.safe_dump(card_yaml(summary, config, out, columns), sort_keys=False, allow_unicode=True, width=1000)
    rejects = [(code, "document", n, summary.reasons.explain(code, "document"))
               for code, n in sorted(summary.document_rejects.items())]
    rejects += [(code, "line", n, summary.reasons.explain(code, "line"))
                for code, n in sorted(summary.line_rejects.items())]
    languages = sorted(summary.languages.items(), key=lambda kv: (-kv[1], kv[0]))
    values = {
        "yaml": header,
        "title": _cell(_pretty_name(config)),
        "description": _cell(config.card.description) if config.card.description else "",
        "split_names": ", ".join(name for name, st in summary.splits.items() if st.paragraphs) or "none",
        "rejects_load": ('rejects = load_dataset("PATH_OR_REPO", "rejects")  # everything dropped, with a reason\n'
                         if summary.rejects.paragraphs else "# nothing was rejected, so there is no rejects config\n"),
        "count_rows": _rows([(name, s.documents, s.paragraphs) for name, s in summary.splits.items()], "none"),
        "documents_in": summary.documents_in,
        "documents_kept": summary.documents_kept,
        "documents_rejected": summary.documents_rejected,
        "lines_kept": summary.lines_kept,
        "lines_dropped": sum(summary.line_rejects.values()),
        "source_rows": _rows([(name, s.documents, s.kept, s.paragraphs, s.chars, sum(s.lines_removed.values()),
                               _top_reasons(s.lines_removed)) for name, s in sorted(summary.by_source.items())],
                             "none"),
        "version_line": f"\n**Version {_cell(config.card.version)}**\n" if config.card.version else "",
        "plots": "".join(f"\n![{Path(p).stem.replace('_', ' ')}]({p})\n" for p in summary.plots),
        "takedown": _takedown(summary.takedown),
        "changes": _changes(summary.changes),
        "cite_key": re.sub(r"\W+", "_", config.card.pretty_name.lower()).strip("_") or "dataset",
        "cite_title": _pretty_name(config).replace("{", "(").replace("}", ")"),
        "cite_version": config.card.version or "unversioned",
        "language_rows": _rows(languages, "none"),
        "language_note": _language_note(config.filter.languages),
        "rejects_note": _REJECTS_NOTE if summary.rejects.paragraphs else _NO_REJECTS_NOTE,
        "reject_rows": _rows(rejects, "nothing was removed"),
        "phones_note": ("; phone numbers by `<phone>`" if config.clean.pii_phones
                        else " (phone numbers are left as written)"),
        "pii_rows": _rows([(name, summary.pii[k]) for k, name in KIND_NAMES.items()
                           if (k != "phone" or config.clean.pii_phones) and (k != "id" or summary.pii[k])],
                          "none"),
        "top_lines": TOP_LINES,
        "removed_rows": _removed(summary.removed_lines),
        "field_rows": _rows([(c.name, c.dtype, c.description) for c in columns], "none"),
    }
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(values)
