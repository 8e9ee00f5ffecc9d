"""`python -m hooks ...`: see cli.py."""

import sys

from hooks.cli import main

sys.exit(main())
