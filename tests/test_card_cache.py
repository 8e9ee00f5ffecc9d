"""Check that the social cards kept in the cache are data: a kept card is used only when it is a regular
file of the cards folder whose checksum holds; a link, a flipped, cut or foreign file is a miss, drawn
afresh and kept anew, never published and never a traceback. A card reaches the site as a new file with
the umask's permissions, even where a link stood. The cache keeps working: a good card is not redrawn."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hooks.pages.cards import Painter, card_path
from hooks.pages.paths import Page
from hooks.publish import cards
from hooks.publish.cards import Written, start, write_cards

TITLE = "What is ISO certification?"
SITE, FOOTER = "Site", "example.org · Editorial team"
SECRET = b"password: hunter2\n"

Writer = Callable[[Path, Path], Written]
"""Writes the card of index.md into a site folder, keeping cards in a cache folder."""


def _write_cards(site: Path, cache: Path) -> Written:
    return write_cards([("index.md", TITLE)], site, SITE, FOOTER, cache)


def _start(site: Path, cache: Path) -> Written:
    """As the build does: kept cards copied here, the others drawn by a forked child."""
    return start([Page("index.md", "", TITLE, "", "", True)], site, SITE, FOOTER, cache_dir=cache)()


WRITERS = pytest.mark.parametrize("writer", [_write_cards, _start], ids=["write_cards", "start"])


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The titles drawn in this process (a forked child's draws show in its Written only)."""
    drawn: list[str] = []
    draw = Painter.draw

    def counted(self: Painter, title: str) -> bytes:
        drawn.append(title)
        return draw(self, title)

    monkeypatch.setattr(cards.Painter, "draw", counted)
    yield drawn


def _fresh() -> bytes:
    return Painter(SITE, FOOTER).draw(TITLE)


def _kept(cache: Path) -> Path:
    """The one card kept in the cache (after a first build)."""
    (kept,) = (cache / "cards").glob("*.png")
    return kept


def _card(site: Path) -> Path:
    return site / card_path("index.md")


@WRITERS
def test_a_kept_card_that_is_a_link_is_not_published(tmp_path: Path, writer: Writer) -> None:
    """Check that a link in a kept card's place (to a file outside the cache) is a miss: the site gets the
    card drawn afresh, the link is removed, the file it pointed at is left alone and the new card is kept."""
    cache = tmp_path / "cache"
    assert writer(tmp_path / "a", cache) == Written(1, 0)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    kept = _kept(cache)
    kept.unlink()
    kept.symlink_to(secret)
    assert writer(tmp_path / "b", cache) == Written(1, 0)
    card = _card(tmp_path / "b")
    assert not card.is_symlink() and card.read_bytes() == _fresh()
    assert secret.read_bytes() == SECRET
    assert not any(p.is_symlink() for p in (cache / "cards").iterdir())
    assert writer(tmp_path / "c", cache) == Written(0, 1)  # kept anew, and good


@WRITERS
@pytest.mark.parametrize("damage", ["flipped", "cut", "junk", "empty"])
def test_a_damaged_kept_card_is_redrawn(tmp_path: Path, writer: Writer, damage: str) -> None:
    """Check that a kept card with a flipped byte, cut in half, replaced by junk or emptied is a miss: the
    site gets the card drawn afresh and the cache the good card in its place."""
    cache = tmp_path / "cache"
    writer(tmp_path / "a", cache)
    kept = _kept(cache)
    data = bytearray(kept.read_bytes())
    if damage == "flipped":
        data[len(data) // 2] ^= 0x01
    elif damage == "cut":
        del data[len(data) // 2:]
    elif damage == "junk":
        data = bytearray(SECRET)
    else:
        data = bytearray()
    kept.write_bytes(bytes(data))
    assert writer(tmp_path / "b", cache) == Written(1, 0)
    assert _card(tmp_path / "b").read_bytes() == _fresh()
    assert _kept(cache).read_bytes() == _fresh()
    assert writer(tmp_path / "c", cache) == Written(0, 1)


def test_a_card_kept_without_its_checksum_is_redrawn_and_removed(tmp_path: Path, draws: list[str]) -> None:
    """Check that a card kept under its key alone (`<key>.png`, the format before the checksum) is a miss,
    even a good one: it is drawn and kept anew, and the old file is removed."""
    cache = tmp_path / "cache"
    _write_cards(tmp_path / "a", cache)
    kept = _kept(cache)
    old = kept.with_name(kept.name.split(".")[0] + ".png")
    kept.rename(old)
    assert _write_cards(tmp_path / "b", cache) == Written(1, 0)
    assert draws == [TITLE, TITLE]
    assert not old.exists() and _kept(cache).read_bytes() == _fresh()


def test_a_good_kept_card_is_reused_and_written_as_a_new_file(tmp_path: Path, draws: list[str]) -> None:
    """Check that a good kept card is copied, not redrawn, and reaches the site as a new regular file with
    the umask's permissions: a link standing in its place in the site folder is replaced, not written through."""
    cache = tmp_path / "cache"
    previous = os.umask(0o027)
    try:
        _write_cards(tmp_path / "a", cache)
        outside = tmp_path / "outside.png"
        outside.write_bytes(SECRET)
        card = _card(tmp_path / "b")
        card.parent.mkdir(parents=True)
        card.symlink_to(outside)
        assert _write_cards(tmp_path / "b", cache) == Written(0, 1)
    finally:
        os.umask(previous)
    assert draws == [TITLE]  # the first build's only
    assert not card.is_symlink() and card.read_bytes() == _fresh()
    assert card.stat().st_mode & 0o777 == 0o640
    assert outside.read_bytes() == SECRET
