"""``python -m abrege`` runs the command line."""

import sys

from .cli import main

# Guarded: worker processes started by "spawn" (macOS, Windows) import this module again.
if __name__ == "__main__":
    sys.exit(main())
