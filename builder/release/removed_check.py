"""removed_lines.json of a release: the structure a build writes (schema/removed_lines.schema.json),
known reason codes, and no raw e-mail or IP address in a line or a folder name.

The file is part of what a release publishes, and the card promises no raw address anywhere in it; a
file edited after the build (its sha256 in the manifest recomputed) could hold anything, so it is
read bounded, parsed, and checked like the rows of rejects/, whose lines it counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from builder.release.layout import REMOVED_LINES
from builder.release.untrusted import ReleaseError, read_bounded
from builder.schemas import validator
from builder.text.pii import pseudonymise
from builder.text.sanitise import RAW_ADDRESS, unsanitised

# the top lines (builder.run.report.TOP_LINES) of each source folder: no more than the manifest, which
# lists every input, may hold
MAX_REMOVED_LINES_BYTES = 256 * 1024 * 1024


def removed_lines_problems(folder: Path, reasons: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(JSON path, message) for each problem of the release's removed_lines.json."""
    try:
        data = json.loads(read_bounded(folder, REMOVED_LINES, MAX_REMOVED_LINES_BYTES).decode("utf-8"))
    except (ReleaseError, OSError) as exc:
        yield "$", str(exc).removeprefix(f"{REMOVED_LINES}: ")
        return
    except RecursionError:
        yield "$", "not valid JSON: nested too deeply"
        return
    except ValueError as exc:  # not UTF-8 (UnicodeDecodeError), not JSON
        yield "$", f"not valid JSON as a build writes it: {str(exc)[:200]}"
        return
    errors = sorted(validator("removed_lines").iter_errors(data), key=lambda e: (e.json_path, e.message))
    if errors:
        yield from ((e.json_path, e.message[:240]) for e in errors[:10])
        return
    for group, lines in data.items():
        where = f"$[{json.dumps(group, ensure_ascii=False)}]"
        if pseudonymise(group) != group:  # as sanitise.path writes a folder (spelling a name twice would change it)
            yield where, f"the source folder {RAW_ADDRESS} (with <email:HASH>, <ip:HASH> or <secret:HASH>)"
        for i, line in enumerate(lines):
            if unsanitised(line["text"]):
                yield f"{where}[{i}].text", f"the line {RAW_ADDRESS} (with <email>, <ip> or <secret>)"
            if line["reason"] not in reasons:
                yield (f"{where}[{i}].reason", f"{line['reason'][:80]!r} is not a reason code of this tool "
                                               "(builder/reasons.py) or of a step manifest.json lists")
