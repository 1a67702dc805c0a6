"""Every reason code a document or line can be dropped for, with the sentence that explains it.

The same codes appear in rejects/, in manifest.json counts and in the card.
"""

DOCUMENT_REASONS = {
    "invalid_utf8": "the file or line is not valid UTF-8",
    "malformed_json": "the line or file is not valid JSON",
    "schema_invalid": "the document does not match schema/document.schema.json",
    "duplicate_id": "another document with the same id came first",
    "unsupported_format": "the file is not one of the supported input formats",
    "html_no_content": "the HTML extractor found no article text in the page",
    "unreadable_source": "the file could not be read (permissions, truncated archive, corrupt data)",
    "invalid_file_name": "the file name is not valid UTF-8",
    "too_large": "the document (or JSONL line) is over max_document_bytes, or has more lines than max_document_lines",
    "decompression_limit": "a compressed input expanded past max_decompression_ratio (a decompression bomb?)",
    "binary_content": "the text is mostly control bytes: a binary file, not text",
    "outside_source_root": "a symlink that points outside the source folder",
    "empty_after_clean": "no paragraph left after cleaning and boilerplate removal",
    "near_duplicate": "most of its text is in an earlier document (MinHash, word 5-grams); see duplicate_of",
    "language_filtered": "not in one of the languages the build keeps",
    "excluded": "on the takedown list given with --exclude (by id or URL); nothing of it is kept",
}

LINE_REASONS = {
    "empty_after_clean": "nothing left after Unicode cleaning",
    "boilerplate_separator": "a row of dashes, stars or other symbols",
    "boilerplate_link": "a bare URL, e-mail address, hashtag or handle",
    "boilerplate_image": "image alt text or a photo credit",
    "boilerplate_dateline": "a date/time line of the page",
    "boilerplate_byline": "an author line (\"By …\", \"Par …\", \"بقلم …\")",
    "boilerplate_navigation": "a breadcrumb or menu line (segments split by | » › >)",
    "boilerplate_teaser": "the headline of another article, under a \"read also\" label",
    "boilerplate_phrase": "site chrome from the phrase list (tags, related articles, comment forms, app promotions)",
    "boilerplate_repeated": "a short line that recurs in 3 or more documents of the same site",
    "boilerplate_header": "page chrome above the article (before the first prose line, other than the title)",
    "boilerplate_footer": "page chrome below the article (after the last prose line)",
    "boilerplate_short_line": "an orphan label inside the article (one word, no punctuation)",
    "boilerplate_no_prose": "the document has no prose line, so none of its lines is article text",
    "duplicate_paragraph": "the same paragraph (up to spelling variants) was kept earlier; see duplicate_of",
    "language_filtered": "a paragraph confidently detected in a language the build does not keep",
    "quality_too_short": "fewer words than the build's min_words",
    "quality_low_alpha": "a smaller share of letters than the build's min_alpha_ratio",
}


def explain(code: str) -> str:
    return LINE_REASONS.get(code) or DOCUMENT_REASONS.get(code) or code
