"""A sentence read once: its text, the names the data knows in it, and its parse.

Names are found by the gazetteer on the sentence as written. Before parsing, each organization's
name is replaced by the pronoun "it" and each standard by a fixed designation: the English model
reads "ISO issues certificates" as a noun phrase more often than "it issues certificates", and
template sentences that differ only in names parse once. Tokens map back to the written offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .gazetteer import Mention
from .holding import held
from .holding_value import Authority, Holding
from .syntax import known_verb_form

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Doc, Token

AGENTIVE = ("org", "class", "other")


@dataclass
class Reading:
    text: str
    mentions: list[Mention]
    parser: Callable[[str], Doc]
    """Parses a skeleton (memoized by the checker); called only when a check needs the syntax."""
    authority: Authority
    previous: list[Mention] = field(default_factory=list)
    """Mentions of the sentence before, for 'it' and 'they'."""
    _doc: Doc | None = None
    skeleton_starts: list[int] = field(default_factory=list)
    """Start offset in the skeleton of each replaced piece, sorted."""
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(skeleton start, skeleton end, text start, text end) of each replaced piece."""
    _by_token: dict[int, Mention | None] = field(default_factory=dict)

    @property
    def doc(self) -> Doc:
        if self._doc is None:
            text, self.pieces = skeleton(self.text, self.mentions)
            self.skeleton_starts = [p[0] for p in self.pieces]
            self._doc = self.parser(text)
        return self._doc

    def token_at(self, offset: int) -> Token | None:
        """The token at (or the first after) a written offset."""
        doc = self.doc
        for token in doc:
            _, end = self.span(token)
            if end > offset and not token.is_space:
                return token
        return doc[-1] if len(doc) else None

    answer: str | None = None
    """'yes' or 'no' where the sentence is a question answered by the next one ("Is X so? Yes.")."""

    def held(self, token: Token, extra_negations: int = 0, presupposed: bool = False,
             skip: tuple[int, int] | None = None) -> Holding:
        """How the sentence holds the claim whose predicate is `token` (holding.py decides)."""
        return held(token, self.authority, extra_negations, presupposed, skip, self.answer)

    def holding_at(self, offset: int, skip: tuple[int, int] | None = None) -> Holding:
        """How the sentence holds what it says at a written offset (see holding.py); negations in
        the written span `skip` are part of what is said."""
        token = self.token_at(offset)
        if token is None:
            return Holding("asserted")
        tokens = None
        if skip is not None:
            inside = [t.i for t in self.doc if skip[0] <= self.span(t)[0] < skip[1]]
            tokens = (inside[0], inside[-1] + 1) if inside else None
        return self.held(token, skip=tokens)

    def offset(self, skel: int) -> int:
        """The written offset of a skeleton offset."""
        i = bisect.bisect_right(self.skeleton_starts, skel) - 1
        if i < 0:
            return skel
        s_start, s_end, t_start, t_end = self.pieces[i]
        if skel < s_end:
            return t_start if skel == s_start else t_end if skel >= s_end else min(t_start + (skel - s_start), t_end)
        return t_end + (skel - s_end)

    def span(self, token: Token) -> tuple[int, int]:
        """The written [start, end) of a token."""
        return self.offset(token.idx), self.offset(token.idx + len(token.text))

    def mention(self, token: Token) -> Mention | None:
        """The mention the token stands in (or heads), if any."""
        if token.i not in self._by_token:
            start, end = self.span(token)
            found = None
            for m in self.mentions:
                if (m.start <= start and end <= m.end) or (start <= m.start and m.end <= end):
                    found = m
                    break
            self._by_token[token.i] = found
        return self._by_token[token.i]

    def mentions_in(self, token: Token) -> list[Mention]:
        """Every mention a token stands for: "they" may stand for "ISO and IEC"."""
        start, end = self.span(token)
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        found = self.mention(token)
        return inside if len(inside) > 1 else [found] if found is not None else []

    def noun_mention(self, token: Token) -> Mention | None:
        """The mention a noun phrase headed by token names: the head's own, else a compound's."""
        found = self.mention(token)
        if found is not None:
            return found
        for child in token.children:
            if child.dep_ in ("compound", "nmod") and child.i < token.i:
                found = self.mention(child)
                if found is not None and found.kind in ("standard", "subject"):
                    return found
        return None


# Words after a name that make the name a modifier ("ISO standards", "an ISO certified supplier"):
# there the name stays, since "it standards" would not parse.
_MODIFIED = re.compile(r"\s+(?:(?-i:[A-Z][A-Za-z]*[A-Z])\b|(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)\b|"
                       r"standards?|certif(?:ied|ication|icates?)\b|complian\w*|logo|marks?|family|members?|approved|accredited|registered|"
                       r"website|site|pages?|statements?|guidance|rules?|documents?|inspectors?|evaluators?|specialists?|brochures?|leaflets?|handbooks?|blog|articles?|newsletters?|"
                       r"reports?|publications?|faqs?|signator(?:y|ies)|auditors?|assessors?|team|staff|"
                       r"experts?|representatives?|officials?|secretariats?|headquarters|offices?|polic(?:y|ies)|requirements?|criteria|"
                       r"directory|database|register|list)\b", re.I)
_CLASS_LEAD = re.compile(r"(?:^|[^\w\s]|\b(?:by|and|or|but|that|nor|from|to|with|of|for|as|"
                         r"the|a|an|our|your|their|its|every|each|"
                         r"only|all|most|many|some|which|who|when|if|because|while|whereas|how|why|what|where|so|then|not|"
                         r"is|are|was|were|be)\b)\s*$", re.I)
_PRONOUN_NEXT = re.compile(r"\s+(?:(?:that|which|whom|who)\b|"
                           r"(?:they|we|it|you|i|he|she)\b)", re.I)
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|whom)\s+$", re.I)
_PARTICIPLE = re.compile(r"\s+(?:accredited|approved|registered|certified)\b", re.I)
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|our|your|their|its|every|each)\s+)$", re.I)


def skeleton(text: str, mentions: list[Mention]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The text to parse, and the replaced pieces."""
    out: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    at = 0
    length = 0
    for m, last in _runs(text, mentions):
        stand_in = _stand_in(text, m)
        if stand_in is None or m.start < at:
            continue
        start, end = m.start, m.end
        if last is not m:  # "ISO and IEC": one plural subject, "they"; "neither ISO nor IEC": "nobody"
            stand_in, end = "they", last.end
            neither = re.search(r"\bneither\s+$", text[max(at, start - 10):start], re.I)
            if neither is not None:
                stand_in, start = "nobody", start - len(neither.group(0))
        if stand_in in ("it", "they"):
            det = _DETERMINER.search(text, max(at, start - 8), start)
            if det is not None:
                start = det.start()
        elif stand_in == "its":
            end = m.end + 2
        if start == 0 or (text[:start].rstrip().endswith((".", ":", "#", "|")) and stand_in != "ISO 9001"):
            stand_in = stand_in.capitalize() if stand_in in ("it", "they", "its") else stand_in
        length = _plain(text, at, start, out, pieces, length)
        pieces.append((length, length + len(stand_in), start, end))
        out.append(stand_in)
        length += len(stand_in)
        at = end
    _plain(text, at, len(text), out, pieces, length)
    return _squeeze("".join(out), pieces)


# A verb prefix joined by a hyphen ("co-signed", "peer-evaluates", "re-issued"): the tokenizer splits the
# hyphen and the parse of the pieces goes wrong. The prefix is joined where that makes a verb the
# lemmatizer knows ("cosigned", "coordinates"), else dropped where the rest is one ("publishes"): a
# co-publisher publishes, a peer evaluation evaluates.
_PREFIXED = re.compile(r"\b(co|peer|re)[-‑]([a-z]{3,})\b", re.I)


def _plain(text: str, start: int, end: int, out: list[str], pieces: list[tuple[int, int, int, int]], length: int) -> int:
    """Append text[start:end] to the skeleton with its prefixed verbs read as one word; the new length."""
    at = start
    for m in _PREFIXED.finditer(text, start, end):
        joined = m.group(1) + m.group(2)
        word = joined if known_verb_form(joined) else m.group(2) if known_verb_form(m.group(2)) else None
        if word is None:
            continue
        out.append(text[at:m.start()])
        length += m.start() - at
        pieces.append((length, length + len(word), m.start(), m.end()))
        out.append(word)
        length += len(word)
        at = m.end()
    out.append(text[at:end])
    return length + end - at


_SPACES = re.compile(r"[ \t]{2,}|\n\s*")


def _squeeze(skel: str, pieces: list[tuple[int, int, int, int]]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Runs of blanks (left where markup and quotes were masked) become one space, so sentences that
    differ only in what was masked parse once; the pieces keep mapping back to the written text."""
    if "  " not in skel and "\n" not in skel and "\t" not in skel:
        return skel, pieces
    runs = [(m.start(), m.end()) for m in _SPACES.finditer(skel)]
    if not runs:
        return skel, pieces

    def written(at: int) -> int:  # skeleton offset -> written offset, through the name pieces
        shift = 0
        for s_start, s_end, t_start, t_end in pieces:
            if at < s_start:
                break
            if at < s_end:
                return t_start + min(at - s_start, t_end - t_start)
            shift = t_end - s_end
        return at + shift

    merged: list[tuple[int, int, int, int]] = []
    out: list[str] = []
    at = new = 0
    events = sorted([(p[0], p[1], "name", p) for p in pieces] + [(a, b, "space", None) for a, b in runs])
    for start, end, kind, piece in events:
        if start < at:
            continue
        out.append(skel[at:start])
        new += start - at
        stand_in = skel[start:end] if kind == "name" else " "
        t_start, t_end = (piece[2], piece[3]) if piece is not None else (written(start), written(end))
        merged.append((new, new + len(stand_in), t_start, t_end))
        out.append(stand_in)
        new += len(stand_in)
        at = end
    out.append(skel[at:])
    return "".join(out), merged


_JOINED = re.compile(r"\s*(?:,\s*(?:and|or|nor)?|and|or|nor|&)\s*$", re.I)


def _runs(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Each mention with the last of the organizations coordinated with it ("ISO and IEC")."""
    runs: list[tuple[Mention, Mention]] = []
    i = 0
    while i < len(mentions):
        first = last = mentions[i]
        j = i + 1
        while first.kind == "org" and j < len(mentions) and mentions[j].kind == "org" \
                and _JOINED.match(text[last.end:mentions[j].start]) and not _MODIFIED.match(text, mentions[j].end) \
                and text[mentions[j].end:mentions[j].end + 1] not in ("-", "‑"):
            last = mentions[j]
            j += 1
        joined = [text[a.end:b.start] for a, b in zip(mentions[i:j], mentions[i + 1:j], strict=False)]
        if joined and not any(re.search(r"\b(?:and|or|nor)\b|&", sep, re.I) for sep in joined):
            last, j = first, i + 1  # "According to UKAS, ISO issues ...": commas alone join no list
        runs.append((first, last))
        i = j
    return runs


def _stand_in(text: str, m: Mention) -> str | None:
    after = text[m.end:m.end + 2]
    if m.kind in ("org", "class"):
        if after[:1] in ("-", "‑") or (_MODIFIED.match(text, m.end) and not (
                _PARTICIPLE.match(text, m.end) and _RELATIVE_BEFORE.search(text, max(0, m.start - 8), m.start))):
            return None  # "ISO-approved", "ISO standards": the name is part of a phrase ("that ANAB accredited": a verb)
        if after in ("'s", "’s"):
            return "its" if m.kind == "org" else None
        if m.kind == "class":
            if _PRONOUN_NEXT.match(text, m.end):
                return None  # "the bodies (that) they accredited", "the body that audited us": a relative clause needs its noun
            if not _CLASS_LEAD.search(text, 0, m.start):
                return None  # "an ISO-accredited certification body": the modifier needs its noun
            return "they" if text[m.start:m.end].casefold().endswith(("ies", "s")) else "it"
        return "it"
    if m.kind == "standard" and not m.predecessor:
        return "ISO 9001:2015" if m.year else "ISO 9001"
    return None
