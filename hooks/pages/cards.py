"""Social cards: one 1200x630 PNG per page with its title and the site's name, drawn with Pillow.

The card is what a link to the page shows when shared (og:image, twitter:image, the JSON-LD image).
It is drawn locally with the font that ships with Pillow (Aileron, SIL Open Font License), so
nothing is downloaded. This module only turns text into PNG bytes and names where each card lives;
`hooks/publish/cards.py` writes them into the built site, reusing cards drawn before.
The colours are the site's palette (content/stylesheets/site.css).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

SIZE = (1200, 630)
FOLDER = "assets/cards"
"""Where the cards are in the built site."""
PETROL, PETROL_DARK, AMBER, WHITE, MIST = "#0e4a5c", "#0a3a48", "#f0a868", "#ffffff", "#cfe3ea"
_MARGIN = 80
_TITLE_SIZES = (76, 66, 58, 50)
"""Title font sizes tried in turn until the title fits in three lines."""
_TITLE_LINES = 3
_BASE_COLOURS, _RAMP = 192, 64
"""The paletted card: up to 192 colours for what every card shares, 64 shades of the title."""


def card_path(page_path: str) -> str:
    """Where a page's card is in the built site: 'standards/iso-9001.md' -> 'assets/cards/standards/iso-9001.png'."""
    stem = page_path[:-3] if page_path.endswith(".md") else page_path
    return f"{FOLDER}/{stem}.png"


def card_key(title: str, site_name: str, footer: str) -> str:
    """A hash of everything a card shows and of the code that draws it: equal keys, equal cards."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for part in (title, site_name, footer):
        h.update(b"\0" + part.encode())
    return h.hexdigest()


class Painter:
    """Draws the cards of one site. The background, the mark, the site's name and the footer are drawn once,
    in full colour, then reduced to a palette; each card only adds its title, in shades of white on petrol
    kept at the end of that palette. A paletted PNG is a third of the bytes and about twice as quick to
    write as a full-colour one, which is what a thousand cards on a cold build wait for."""

    def __init__(self, site_name: str, footer: str):
        self.fonts = {size: ImageFont.load_default(size=size) for size in (*_TITLE_SIZES, 40, 30)}
        base = Image.new("RGB", SIZE, PETROL)
        draw = ImageDraw.Draw(base)
        draw.rectangle((0, SIZE[1] - 110, SIZE[0], SIZE[1]), fill=PETROL_DARK)
        draw.rectangle((0, 0, 16, SIZE[1]), fill=AMBER)
        self._mark(draw, _MARGIN, 70, 64)
        draw.text((_MARGIN + 84, 102), site_name, font=self.fonts[40], fill=WHITE, anchor="lm", stroke_width=1, stroke_fill=WHITE)
        draw.text((_MARGIN, SIZE[1] - 55), footer, font=self.fonts[30], fill=MIST, anchor="lm")
        paletted = base.quantize(colors=_BASE_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        colours = (paletted.getpalette() or [])[: 3 * _BASE_COLOURS]
        colours += [0] * (3 * _BASE_COLOURS - len(colours))
        fg, bg = ImageColor.getrgb(WHITE), ImageColor.getrgb(PETROL)
        for step in range(_RAMP):  # the title's antialiasing: petrol to white in even steps
            colours += [round(b + (f - b) * step / (_RAMP - 1)) for f, b in zip(fg, bg, strict=True)]
        paletted.putpalette(colours)
        self.base = paletted
        self._shade = [_BASE_COLOURS + (v * (_RAMP - 1) + 127) // 255 for v in range(256)]
        self._cover = [255 if v else 0 for v in range(256)]

    @staticmethod
    def _mark(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
        """The site's mark (content/assets/logo.svg): a white seal with a check and an amber arc."""
        s = size / 48
        draw.ellipse((x + 2.5 * s, y + 2.5 * s, x + 45.5 * s, y + 45.5 * s), fill=WHITE, outline=PETROL, width=round(3 * s))
        draw.line([(x + 15.5 * s, y + 24.5 * s), (x + 21.5 * s, y + 30.5 * s), (x + 32.5 * s, y + 18 * s)],
                  fill=PETROL, width=round(4.2 * s), joint="curve")
        draw.arc((x + 7 * s, y + 7 * s, x + 41 * s, y + 41 * s), start=35, end=70, fill="#c2621f", width=round(3 * s))

    def draw(self, title: str) -> bytes:
        """The PNG of one card."""
        width = SIZE[0] - 2 * _MARGIN
        for size in _TITLE_SIZES:
            lines = _wrap(title, self.fonts[size], width)
            if len(lines) <= _TITLE_LINES:
                break
        lines = lines[:_TITLE_LINES]
        font = self.fonts[size]
        step = round(size * 1.22)
        top = 190 + (_TITLE_LINES * step - len(lines) * step) // 2
        mask = Image.new("L", SIZE, 0)
        draw = ImageDraw.Draw(mask)
        for i, line in enumerate(lines):
            for dx in (0, 1):  # drawn twice, a pixel apart: a semibold weight from the one regular font
                draw.text((_MARGIN + dx, top + i * step), line, font=font, fill=255)
        image = self.base.copy()
        image.paste(mask.point(self._shade), (0, 0), mask.point(self._cover))
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=6)
        return out.getvalue()


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    """The words of text in lines no wider than width (a word longer than a line stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > _TITLE_LINES:
        lines[_TITLE_LINES - 1] = lines[_TITLE_LINES - 1].rstrip(".,;:") + "…"
    return lines
