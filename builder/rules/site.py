"""What counts as one site, for the lines a site repeats across its pages."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def site_of(url: str | None, source: str) -> str:
    """The URL's host (without www.), else the input's folder: one folder per site, usually."""
    if url:
        host = _SCHEME.sub("", url.strip()).split("/")[0].lower()
        if host:
            return host.removeprefix("www.")
    return source.rsplit("/", 1)[0] if "/" in source else ""
