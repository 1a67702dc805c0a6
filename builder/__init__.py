"""Turn raw scraped documents into a validated, cleaned, paragraph-level Hugging Face dataset."""

__version__ = "0.1.0"
