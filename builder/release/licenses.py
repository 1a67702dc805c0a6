"""The license ids the Hugging Face Hub knows for a card's `license:` (its documentation's table, shipped
here: a build downloads nothing). Another value is published as written, but the Hub shows no license
for it; `other` (with the terms in the description) is the Hub's own way to name one it does not list."""

from __future__ import annotations

HUB_LICENSES = frozenset("""
apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m bigscience-bloom-rail-1.0 bigcode-openrail-m
afl-3.0 artistic-2.0 bsl-1.0 bsd bsd-2-clause bsd-3-clause bsd-3-clause-clear c-uda cc cc0-1.0 cc-by-2.0 cc-by-2.5
cc-by-3.0 cc-by-4.0 cc-by-sa-3.0 cc-by-sa-4.0 cc-by-nc-2.0 cc-by-nc-3.0 cc-by-nc-4.0 cc-by-nd-4.0 cc-by-nc-nd-3.0
cc-by-nc-nd-4.0 cc-by-nc-sa-2.0 cc-by-nc-sa-3.0 cc-by-nc-sa-4.0 cdla-sharing-1.0 cdla-permissive-1.0
cdla-permissive-2.0 wtfpl ecl-2.0 epl-1.0 epl-2.0 etalab-2.0 eupl-1.1 eupl-1.2 agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0
lgpl lgpl-2.1 lgpl-3.0 isc h-research intel-research lppl-1.3c ms-pl apple-ascl apple-amlr mpl-2.0 odc-by odbl
openmdw-1.0 openrail++ osl-3.0 postgresql ofl-1.1 ncsa unlicense zlib pddl lgpl-lr deepfloyd-if-license
fair-noncommercial-research-license llama2 llama3 llama3.1 llama3.2 llama3.3 llama4 gemma unknown other
""".split())


def license_warning(license: str) -> str | None:
    """What to tell the user of a card license the Hub does not know, or None."""
    if license in HUB_LICENSES:
        return None
    close = license.strip().lower().replace(" ", "-").replace("_", "-")
    hint = f" (did you mean {close}?)" if close in HUB_LICENSES else ""
    return (f"the license {license!r} is not one the Hugging Face Hub knows{hint}: the card says it as written, "
            "but the Hub will show no license; use an id such as cc-by-4.0 or apache-2.0, or `other` with the "
            "terms in the card's description")
