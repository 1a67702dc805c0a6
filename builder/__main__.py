import sys

from builder.cli import console

sys.exit(console())
