"""`python -m hooks ...`: see cli.py."""

import logging
import os
import sys

from hooks.cli import main

code = main()
# Leave without tearing the interpreter down: freeing all a check holds (the English pipeline, the
# site, its pages) object by object took a quarter of a second at N=1000. What is written is
# flushed first; a command that raises leaves the usual way, with its traceback.
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
