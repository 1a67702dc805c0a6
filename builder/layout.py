"""Names of the files and folders in a release."""

DATA = "data"
REJECTS = "rejects"
REJECTS_SPLIT = "train"
CARD = "README.md"
MANIFEST = "manifest.json"
REMOVED_LINES = "removed_lines.json"
STAGING = ".staging"
