"""Turn raw scraped documents into a validated, cleaned, paragraph-level Hugging Face dataset.

The Python API (builder.api) and the configuration types are exported here; the extension interface
(the kinds of step a user's own class subclasses) is builder.steps.
"""

from builder.api import (
                         BuildResult,
                         NothingKeptError,
                         SplitResult,
                         UnreadableReleaseError,
                         UsageError,
                         ValidationReport,
                         build,
                         diff,
                         publish,
                         reasons,
                         validate,
)
from builder.config import (
                         BuildConfig,
                         CardSettings,
                         CleanSettings,
                         ConfigError,
                         FilterSettings,
                         OutputSettings,
                         ReadSettings,
                         RunSettings,
)
from builder.version import __version__

__all__ = [
                         "BuildConfig",
                         "BuildResult",
                         "CardSettings",
                         "CleanSettings",
                         "ConfigError",
                         "FilterSettings",
                         "NothingKeptError",
                         "OutputSettings",
                         "ReadSettings",
                         "RunSettings",
                         "SplitResult",
                         "UnreadableReleaseError",
                         "UsageError",
                         "ValidationReport",
                         "__version__",
                         "build",
                         "diff",
                         "publish",
                         "reasons",
                         "validate",
]
