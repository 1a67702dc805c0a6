"""Turn raw scraped documents into a validated, cleaned, paragraph-level Hugging Face dataset.

The Python API (builder.api) and the configuration types are exported here; the extension interface
(the kinds of step a user's own class subclasses) is builder.steps.
"""

from builder.run.lean import arrow_on_malloc

arrow_on_malloc()  # before anything here imports pyarrow, which picks its allocator at its import (run/lean.py)

from builder.api import (  # noqa: E402
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
from builder.config import (  # noqa: E402
                         BuildConfig,
                         CardSettings,
                         CleanSettings,
                         ConfigError,
                         FilterSettings,
                         OutputSettings,
                         ReadSettings,
                         RunSettings,
)
from builder.version import __version__  # noqa: E402

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
