"""PNG figures for the card: paragraph lengths and languages (matplotlib, an optional extra).

Figures are written with no timestamp or version in their metadata, so rebuilding gives the same bytes.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from builder.release.fresh import write_new

if TYPE_CHECKING:  # matplotlib is an optional extra, imported when plots are drawn
    from matplotlib.figure import Figure

LENGTH_BINS = (0, 25, 50, 100, 200, 400, 800, 1600, 3200)  # characters; the last bin is open
PLOTS = "plots"


def length_bin(chars: int) -> int:
    return sum(chars >= edge for edge in LENGTH_BINS[1:])


def _labels() -> list[str]:
    edges = [*LENGTH_BINS, None]
    return [f"{a}–{b - 1}" if b else f"{a}+" for a, b in itertools.pairwise(edges)]


def write_plots(folder: Path, lengths: Counter[int], languages: Counter[str]) -> list[str]:
    """The figures written, as paths relative to the release; none when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    (folder / PLOTS).mkdir(exist_ok=True)
    written = []
    labels = _labels()
    figure, axes = plt.subplots(figsize=(7, 3.2), dpi=100)
    axes.bar(labels, [lengths.get(i, 0) for i in range(len(labels))], color="#4c72b0")
    axes.set_xlabel("paragraph length (characters)")
    axes.set_ylabel("paragraphs")
    axes.tick_params(axis="x", labelrotation=30)
    written.append(_save(figure, folder, "paragraph_lengths.png"))
    top = sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    figure, axes = plt.subplots(figsize=(7, 3.2), dpi=100)
    axes.bar([lang for lang, _ in top], [n for _, n in top], color="#55a868")
    axes.set_xlabel("language (detected per paragraph)")
    axes.set_ylabel("paragraphs")
    written.append(_save(figure, folder, "languages.png"))
    plt.close("all")
    return written


def _save(figure: Figure, folder: Path, name: str) -> str:
    figure.tight_layout()
    png = io.BytesIO()
    figure.savefig(png, format="png", metadata={"Software": None})
    write_new(folder / PLOTS / name, png.getvalue())  # a new file, never one written through (builder.release.fresh)
    return f"{PLOTS}/{name}"
