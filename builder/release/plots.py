"""PNG figures for the card: paragraph lengths and languages, drawn with Pillow (the plots extra).

Bar charts need no plotting library: importing matplotlib and laying out its two figures took about
1.5 s of every build, a third of a rebuild from the cache; Pillow draws them in a few milliseconds.
The PNGs carry no timestamp or version, so rebuilding gives the same bytes.
"""

from __future__ import annotations

import io
import itertools
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from builder.release.fresh import write_new

if TYPE_CHECKING:  # Pillow is an optional extra, imported when plots are drawn
    from PIL import ImageDraw, ImageFont

LENGTH_BINS = (0, 25, 50, 100, 200, 400, 800, 1600, 3200)  # characters; the last bin is open
PLOTS = "plots"
FIGURES = ("paragraph_lengths.png", "languages.png")  # the only files a build writes in plots/
SIZE = (700, 320)  # pixels
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 24, 64  # margins around the bars: tick labels and axis titles
INK, GRID = "#333333", "#e6e6e6"
FONT_SIZE = 13


def length_bin(chars: int) -> int:
    return sum(chars >= edge for edge in LENGTH_BINS[1:])


def _labels() -> list[str]:
    edges = [*LENGTH_BINS, None]
    return [f"{a}-{b - 1}" if b else f"{a}+" for a, b in itertools.pairwise(edges)]  # the font has no en dash


def write_plots(folder: Path, lengths: Counter[int], languages: Counter[str]) -> list[str]:
    """The figures written, as paths relative to the release; none when Pillow is missing."""
    try:
        from PIL import ImageFont
    except ImportError:
        return []
    font = ImageFont.load_default(FONT_SIZE)
    labels = _labels()
    top = sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
    figures = {
        "paragraph_lengths.png": _bars(labels, [lengths.get(i, 0) for i in range(len(labels))], "#4c72b0",
                                       "paragraph length (characters)", font),
        "languages.png": _bars([lang for lang, _ in top], [n for _, n in top], "#55a868",
                               "language (detected per paragraph)", font),
    }
    assert tuple(figures) == FIGURES  # names.release_path_problem allows these in plots/, and no others
    (folder / PLOTS).mkdir(exist_ok=True)
    for name, png in figures.items():
        write_new(folder / PLOTS / name, png)  # a new file, never one written through (builder.release.fresh)
    return [f"{PLOTS}/{name}" for name in figures]


def _bars(labels: Sequence[str], counts: Sequence[int], color: str, xlabel: str,
          font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> bytes:
    """A bar chart of paragraphs per label, as PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    x0, x1, y0, y1 = LEFT, SIZE[0] - RIGHT, TOP, SIZE[1] - BOTTOM
    step = _step(max(counts, default=0))
    ceiling = max(step, math.ceil(max(counts, default=0) / step) * step)
    for tick in range(0, ceiling + 1, step):
        y = round(y1 - tick / ceiling * (y1 - y0))
        draw.line([(x0, y), (x1, y)], fill=GRID)
        draw.line([(x0 - 4, y), (x0, y)], fill=INK)
        _text(draw, (x0 - 7, y), f"{tick:,}", font, "rm")
    slot = (x1 - x0) / max(len(labels), 1)
    for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
        left, right = round(x0 + (i + 0.15) * slot), round(x0 + (i + 0.85) * slot)
        height = round(count / ceiling * (y1 - y0))
        if count:
            draw.rectangle([(left, y1 - height), (right, y1)], fill=color)
        _text(draw, ((left + right) / 2, y1 - height - 3), f"{count:,}", font, "mb")  # the bar's count over it
        _text(draw, ((left + right) / 2, y1 + 7), label, font, "mt")
    draw.line([(x0, y0), (x0, y1), (x1, y1)], fill=INK)
    _text(draw, ((x0 + x1) / 2, SIZE[1] - 8), xlabel, font, "mb")
    side = Image.new("RGB", _size(draw, "paragraphs", font), "white")  # the y axis's title, turned a quarter
    _text(ImageDraw.Draw(side), (0, 0), "paragraphs", font, "lt")
    side = side.transpose(Image.Transpose.ROTATE_90)
    image.paste(side, (8, round((y0 + y1 - side.height) / 2)))
    png = io.BytesIO()
    image.save(png, format="PNG")
    return png.getvalue()


def _step(largest: int) -> int:
    """A round tick step (1, 2 or 5 times a power of ten) that gives at most six ticks up to `largest`."""
    for power in itertools.count():
        for unit in (1, 2, 5):
            if largest <= 5 * unit * 10**power:
                return int(unit * 10**power)
    raise AssertionError  # unreachable: itertools.count never ends


def _size(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> tuple[int, int]:
    _, _, right, bottom = draw.textbbox((0, 0), text, font=font)
    return round(right) + 1, round(bottom) + 2


def _text(draw: ImageDraw.ImageDraw, at: tuple[float, float], text: str,
          font: ImageFont.FreeTypeFont | ImageFont.ImageFont, anchor: str) -> None:
    """`text` placed by `anchor` (horizontal l/m/r, vertical t/m/b), measured, so that Pillow's bitmap
    font (without FreeType) places it too."""
    width, height = _size(draw, text, font)
    x = at[0] - {"l": 0, "m": width / 2, "r": width}[anchor[0]]
    y = at[1] - {"t": 0, "m": height / 2, "b": height}[anchor[1]]
    draw.text((round(x), round(y)), text, fill=INK, font=font)
