"""LinkChecker's own command line, run without its switch to the `nobody` user.

Run as root, LinkChecker 10.6 sets its effective user to `nobody` before it loads its plugins.
Where its Python lives in a folder `nobody` cannot read (`/root/.pyenv`, as on CI machines and in
many containers), it then finds no plugins and says nothing: AnchorCheck never runs and every broken
#anchor passes. Here it only ever fetches http://127.0.0.1 from our own server, which reads the
files, so the switch guards nothing and is skipped.

Usage: python hooks/checks/linkchecker_main.py [LinkChecker arguments] (a script: it imports nothing of ours).
"""

from __future__ import annotations

import sys


def main() -> int:
    from linkcheck.command import linkchecker as command

    command.drop_privileges = lambda: None  # see the module docstring
    return int(command.linkchecker() or 0)


if __name__ == "__main__":
    sys.exit(main())
