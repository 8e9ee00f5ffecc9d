"""Write each page's social card (hooks/pages/cards.py draws it) into the built site.

A card is redrawn only when what it shows changed: drawn cards are kept in the cache folder
(`.cache/pillar/cards/`, keyed by a hash of the title, the site's name, the footer line and the
drawing code) and copied from there on later builds. A kept card is data, as the rest of the cache
is (hooks/core/cache.py): it is named `<key>.<sha256>.png`, with the checksum that cache's entries
carry (over the key and the value, here the PNG's bytes), and it is used only when it is a regular
file of the cards folder (never through a link), its checksum holds and it begins as a 1200x630 PNG.
Anything else (a link, a flipped or cut file, a card kept before cards carried their checksum) is a
miss: it is removed and the card drawn and kept anew. A card reaches the site as a new file holding
the bytes that verified, with the umask's permissions, never as a link or through one.

During `mkdocs build` the cards are written by a forked child while MkDocs renders the pages (as the
checks are, see background.py), so even a cold build of a large site waits little for them; `serve`
writes them inline. `PILLAR_CARDS=off` builds without them (the pages still point at them), to
measure what they cost.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hooks.core.cache import checksum
from hooks.core.forking import spawn
from hooks.data.model import Site
from hooks.pages.cards import SIZE, Painter, card_key, card_path
from hooks.pages.paths import Page

_ENTRY = re.compile(r"([0-9a-f]{64})\.([0-9a-f]{64})\.png")
"""A kept card's name: its key and its checksum."""
_OLD = re.compile(r"[0-9a-f]{64}\.png")
"""A card kept before cards carried their checksum: never read, removed."""
_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + struct.pack(">II", *SIZE)
"""How every card begins: the PNG signature, then the header chunk with the card's size."""
_LARGEST = 1 << 22
"""No card comes near 4 MiB (one is some tens of KB): a larger file is not read."""
_NO_LINK = os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True)
class Written:
    """What writing the cards did."""

    drawn: int
    reused: int


Collect = Callable[[], Written]
_Card = tuple[str, str, str]
"""A page's path, its title and its card's key."""


def footer_line(site_url: str, site: Site) -> str:
    """The card's bottom line: the site's address and who publishes it."""
    host = site_url.split("://", 1)[-1].strip("/")
    name = site.publisher.name if site.publisher is not None else site.settings.publisher
    return " · ".join(part for part in (host, name) if part)


def write_cards(titles: list[tuple[str, str]], site_dir: Path, site_name: str, footer: str,
                cache_dir: Path | None = None) -> Written:
    """Write the card of each (page path, title) under site_dir, reusing the cards kept in cache_dir/cards that verify."""
    store = cache_dir / "cards" if cache_dir is not None else None
    left = _copy_kept(titles, site_dir, site_name, footer, store)
    return Written(_draw(left, site_dir, site_name, footer, store), len(titles) - len(left))


def start(pages: list[Page], site_dir: Path, site_name: str, footer: str, *, background: bool = True,
          cache_dir: Path | None = None) -> Collect:
    """Start writing the cards of pages; call the returned function to wait until they are written.

    Cards already drawn are copied at once, here: a fork costs more than copying a thousand small files.
    Only the cards left to draw are drawn by a forked child (when `background`)."""
    titles = [(page.path, str(page.title)) for page in pages]
    store = cache_dir / "cards" if cache_dir is not None else None
    left = _copy_kept(titles, site_dir, site_name, footer, store)
    reused = len(titles) - len(left)

    def work() -> Written:
        return Written(_draw(left, site_dir, site_name, footer, store), reused)

    if not background or not left:
        done = work()
        return lambda: done
    return spawn(work)


def _copy_kept(titles: list[tuple[str, str]], site_dir: Path, site_name: str, footer: str,
               store: Path | None) -> list[_Card]:
    """Write the cards kept in store that verify; the cards left to draw."""
    cards = [(path, title, card_key(title, site_name, footer)) for path, title in titles]
    kept = _kept(store, {key for _, _, key in cards})
    for path, _, key in cards:
        if key in kept:
            _write_new(site_dir / card_path(path), kept[key])
    return [card for card in cards if card[2] not in kept]


def _draw(cards: list[_Card], site_dir: Path, site_name: str, footer: str, store: Path | None) -> int:
    """Draw cards into site_dir and keep them in store; how many were drawn."""
    if not cards:
        return 0
    painter = Painter(site_name, footer)
    folder = _open_folder(store, create=True)
    try:
        for path, title, key in cards:
            data = painter.draw(title)
            _write_new(site_dir / card_path(path), data)
            if folder is not None:
                _keep(folder, key, data)
    finally:
        if folder is not None:
            os.close(folder)
    return len(cards)


# The kept cards ------------------------------------------------------------------------------

def _open_folder(store: Path | None, *, create: bool) -> int | None:
    """The cards' folder, open; None when there is none (or it cannot be made) or a link stands in its place:
    the cache stays cold."""
    if store is None:
        return None
    try:
        if create:
            store.mkdir(parents=True, exist_ok=True)
        return os.open(store, os.O_RDONLY | os.O_DIRECTORY | _NO_LINK)
    except OSError:
        return None


def _kept(store: Path | None, keys: set[str]) -> dict[str, bytes]:
    """The bytes of the cards kept in store under keys, each verified. An entry of these keys that does not
    verify, a second entry of one key and a card of the old format are removed."""
    found: dict[str, bytes] = {}
    folder = _open_folder(store, create=False)
    if folder is None:
        return found
    try:
        for name in os.listdir(folder):
            entry = _ENTRY.fullmatch(name)
            if entry is None:
                if _OLD.fullmatch(name):
                    _unlink(folder, name)
                continue
            key = entry[1]
            if key not in keys:
                continue
            data = None if key in found else _read(folder, name)
            if data is not None and data.startswith(_HEAD) and checksum(key.encode(), data).decode() == entry[2]:
                found[key] = data
            else:
                _unlink(folder, name)
    except OSError:
        pass  # the folder went away meanwhile: what was found stands, the rest is drawn
    finally:
        os.close(folder)
    return found


def _read(folder: int, name: str) -> bytes | None:
    """The bytes of a regular file of folder, or None: never through a link, and never opening a pipe or a device."""
    try:
        if not stat.S_ISREG(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode):
            return None
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _NO_LINK, dir_fd=folder)
        with open(fd, "rb") as file:
            info = os.fstat(fd)  # what was opened, which may differ from what was looked at
            if not stat.S_ISREG(info.st_mode) or info.st_size > _LARGEST:
                return None
            return file.read(_LARGEST + 1)
    except OSError:
        return None


def _keep(folder: int, key: str, data: bytes) -> None:
    """Keep a drawn card in folder under its key and checksum, atomically (two builds may share the cache);
    a read-only cache stays cold."""
    tmp = f".card-{secrets.token_hex(8)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_LINK, 0o600, dir_fd=folder)
        with open(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, f"{key}.{checksum(key.encode(), data).decode()}.png", src_dir_fd=folder, dst_dir_fd=folder)
    except OSError:
        _unlink(folder, tmp)


def _unlink(folder: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=folder)
    except OSError:
        pass  # gone already, or a read-only cache: it is not read either way


# The site --------------------------------------------------------------------------------------

def _write_new(path: Path, data: bytes) -> None:
    """Write data at path as a new regular file with the umask's permissions, as the rest of the site is;
    whatever stood there (a link too) is replaced, never written through."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_LINK, 0o666)
    with open(fd, "wb") as file:
        file.write(data)
