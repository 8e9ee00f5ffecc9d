"""Write each page's social card (hooks/pages/cards.py draws it) into the built site.

A card is redrawn only when what it shows changed: drawn cards are kept in the cache folder
(`.cache/pillar/cards/`, keyed by a hash of the title, the site's name, the footer line and the
drawing code) and copied from there on later builds. During `mkdocs build` the cards are written by
a forked child while MkDocs renders the pages (as the checks are, see background.py), so even a cold
build of a large site waits little for them; `serve` writes them inline. `PILLAR_CARDS=off` builds
without them (the pages still point at them), to measure what they cost.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hooks.core.forking import spawn
from hooks.data.model import Site
from hooks.pages.cards import Painter, card_key, card_path
from hooks.pages.paths import Page


@dataclass(frozen=True)
class Written:
    """What writing the cards did."""

    drawn: int
    reused: int


Collect = Callable[[], Written]


def footer_line(site_url: str, site: Site) -> str:
    """The card's bottom line: the site's address and who publishes it."""
    host = site_url.split("://", 1)[-1].strip("/")
    name = site.publisher.name if site.publisher is not None else site.settings.publisher
    return " · ".join(part for part in (host, name) if part)


def write_cards(titles: list[tuple[str, str]], site_dir: Path, site_name: str, footer: str,
                cache_dir: Path | None = None) -> Written:
    """Write the card of each (page path, title) under site_dir, reusing cards kept in cache_dir/cards."""
    store = cache_dir / "cards" if cache_dir is not None else None
    painter: Painter | None = None
    drawn = reused = 0
    for path, title in titles:
        target = site_dir / card_path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        kept = store / f"{card_key(title, site_name, footer)}.png" if store is not None else None
        if kept is not None:
            try:
                shutil.copyfile(kept, target)
                reused += 1
                continue
            except OSError:
                pass  # not drawn yet (or removed meanwhile): draw it
        painter = painter or Painter(site_name, footer)
        data = painter.draw(title)
        target.write_bytes(data)
        drawn += 1
        if kept is not None:
            _keep(kept, data)
    return Written(drawn, reused)


def start(pages: list[Page], site_dir: Path, site_name: str, footer: str, *, background: bool = True,
          cache_dir: Path | None = None) -> Collect:
    """Start writing the cards of pages; call the returned function to wait until they are written.

    Cards already drawn are copied at once, here: a fork costs more than copying a thousand small files.
    Only the cards left to draw are drawn by a forked child (when `background`)."""
    titles = [(page.path, str(page.title)) for page in pages]
    store = cache_dir / "cards" if cache_dir is not None else None
    kept = {t for t in titles if store is not None and (store / f"{card_key(t[1], site_name, footer)}.png").is_file()}
    copied = write_cards([t for t in titles if t in kept], site_dir, site_name, footer, cache_dir)
    left = [t for t in titles if t not in kept]

    def work() -> Written:
        drawn = write_cards(left, site_dir, site_name, footer, cache_dir)
        return Written(copied.drawn + drawn.drawn, copied.reused + drawn.reused)

    if not background or not left:
        done = work()
        return lambda: done
    return spawn(work)


def _keep(path: Path, data: bytes) -> None:
    """Store a drawn card in the cache atomically (two builds may share it); a read-only cache stays cold."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".card-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
