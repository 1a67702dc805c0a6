"""The version of this package (its own module, so that any stage can name it without importing the API)."""

__version__ = "0.1.0"
