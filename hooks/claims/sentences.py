"""Split a parsed page into clauses: the unit a claim is read from.

A clause keeps its offset in its segment, so every match maps back to the Markdown
source line and column. Quoted text is masked (a claim quoted is mentioned, not
made) unless the sentence vouches for the quote ("... and that is accurate").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markdown_text import ParsedPage, Segment

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9#|-])")
_CLAUSE_SPLIT = re.compile(r"\s*;\s+|\s+[—–]\s+")
_QUOTE = re.compile(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’")
_MARKUP = re.compile(r"`[^`\n]*`|\[\^[^\]]+\]|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[*_`\[]|\{#[^}]*\}|<!--.*?-->|<[^>]+>")
VOUCH = re.compile(r"\b(accurate|rightly|correctly|correct|true|proudly|officially)\b", re.I)


@dataclass
class Clause:
    text: str
    """The clause with markup and (usually) quoted text blanked out; offsets match the segment."""
    segment: Segment
    start: int
    """Offset of text[0] within the segment text."""
    sentence: str
    question: bool
    kind: str
    previous: "Clause | None" = None
    """The clause before this one in the same block, for pronouns ("it", "they")."""
    quoted: bool = False
    sentence_start: int = 0
    """Offset of sentence[0] within the segment text."""
    mentions: list = field(default_factory=list)
    """What the gazetteer found in text (filled in by the checker)."""

    @property
    def previous_mentions(self) -> list:
        return self.previous.mentions if self.previous is not None else []


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


_ENTITY = re.compile(r"&(quot|amp|lt|gt|#39|apos);|\\(?=[\\`*_\[\]{}()#+\-.!|<>])")
_ENTITY_CHAR = {"quot": '"', "amp": "&", "lt": "<", "gt": ">", "#39": "'", "apos": "'"}


def clean(text: str) -> str:
    """Blank out Markdown markup and decode entities and escapes, keeping every offset."""
    text = _ENTITY.sub(lambda m: _ENTITY_CHAR[m.group(1)].ljust(len(m.group(0))) if m.group(1) else " ", text)
    return _MARKUP.sub(_blank, text)


def clauses(parsed: ParsedPage) -> list[Clause]:
    """Every clause of every prose block of the page, table rows read as 'header: cell, ...'."""
    result: list[Clause] = []
    for segment in _rows(parsed.segments):
        previous = None
        text = clean(segment.text)
        for s_start, sentence in _split(text, _SENTENCE_END):
            question = sentence.rstrip().rstrip("*_\"”'").endswith("?")
            masked = sentence if VOUCH.search(sentence) else _QUOTE.sub(_blank, sentence)
            for c_start, clause_text in _split(masked, _CLAUSE_SPLIT):
                if not clause_text.strip():
                    continue
                clause = Clause(clause_text, segment, s_start + c_start, sentence, question, segment.kind, previous,
                                quoted=masked != sentence, sentence_start=s_start)
                result.append(clause)
                previous = clause
    return result


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    parts, start = [], 0
    for match in pattern.finditer(text):
        parts.append((start, text[start: match.start() + (1 if pattern is _SENTENCE_END else 0)]))
        start = match.end()
    parts.append((start, text[start:]))
    return [(s, t) for s, t in parts if t.strip()]


def _rows(segments: list[Segment]) -> list[Segment]:
    """Merge table cells into one segment per row: 'Header: cell, Header: cell'."""
    out: list[Segment] = []
    header: list[str] = []
    row: list[Segment] = []

    def flush() -> None:
        if not row:
            return
        if row[0].row_header:
            header[:] = [clean(c.text).strip() for c in row]
        else:
            parts, lines, offset = [], [], 0
            for i, cell in enumerate(row):
                label = f"{header[i]}: " if i < len(header) and header[i] else ""
                piece = f"{label}{cell.text}"
                lines.append((offset + len(label), cell.line, cell.lines[0][2] if cell.lines else 1))
                parts.append(piece)
                offset += len(piece) + 2
            merged = Segment("table", ", ".join(parts), row[0].line, lines)
            out.append(merged)
        row.clear()

    current = None
    for seg in segments:
        if seg.kind == "table":
            if seg.row_id != current:
                flush()
                current = seg.row_id
            row.append(seg)
            continue
        flush()
        current = None
        out.append(seg)
    flush()
    return out
