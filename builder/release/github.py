"""Lines for a CI log that cannot be taken for GitHub Actions workflow commands.

The runner reads every line of a log that starts with `::` as a command, so a file name with a newline
in it (`x\\n::warning::…`, or `::add-mask::`) printed raw would run one. Annotations are escaped as the
workflow-commands spec says (properties: % \\r \\n : ,; the message: % \\r \\n), any other control or bidi
character is shown as its escape in both, and plain-text lines
have their control characters escaped so that one issue is always one line.
"""

from __future__ import annotations

from builder.text.visible import visible


def _printable(text: str) -> str:
    """Text that prints whatever the terminal's encoding: lone surrogates (from undecodable file names)
    become \\udcxx escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def escape_data(text: str) -> str:
    """The spec's escapes, then any other control, separator or bidi character as its escape (builder.text.visible),
    as the text format shows them: a file name's ESC or U+202E is not handed raw to the log viewer."""
    return visible(_printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, **properties: object) -> str:
    """`::level key=value,…::message`; properties that are None are left out."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def one_line(text: str) -> str:
    """`text` with control characters (newlines included), separators and bidi controls shown as escapes
    (builder.text.visible), so it stays one log line and reads in its own order."""
    return visible(_printable(text))
