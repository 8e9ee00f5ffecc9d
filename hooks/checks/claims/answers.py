"""Short answers in an FAQ, read with the question they answer.

"Who issues ISO certificates? ISO does." (or just "ISO.") is judged as the claim that ISO issues
them; "When did ISO 45001 first come out? Back in 2013." and "Which standard covers information
security? ISO 14001." as the sentence the answer completes; a yes/no question that the next sentence
answers "Yes, ..." or "No, ..." is held as the answer says (holding.py decides). The Checker
(checker.py) calls these with what they need: its context, registry, parser and page judging.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from hooks.pages.markdown import ParsedPage
from hooks.pages.markdown import parse as parse_markdown

from .evaluate import Context, Hit, judge_role, judge_subject
from .gazetteer import Mention
from .holding_words import BELIEVING, NEGATIVE_WORDS, SAYING
from .reading import Reading
from .registry import Registry
from .roles import role_claims
from .sentences import Clause
from .subjects import subject_claims

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not when the engine loads
    from spacy.tokens import Doc

Parse = Callable[[str], "Doc"]
"""The checker's parser (memoized; while prefetching, it notes the sentence and stops)."""
PageHits = Callable[[ParsedPage], list[tuple[Clause, Hit]]]
"""The checker's judging of a page: a restated answer is judged as a page of its own."""

_BACK = re.compile(r"\b(?:them|it)\b", re.I)
"""A pronoun by which an answer may name what the question asks about ('ISO issues them ...')."""
_YES_NO = re.compile(r"\W*(yes|no)\b", re.I)
_WHO = re.compile(r"\W*(?:who|which\s+(?:body|bodies|organi[sz]ations?|company|companies))\b", re.I)
_RESTATABLE = re.compile(r"\W*(?P<wh>when|what)\s+(?P<aux>did|does|do|was|is|were)\s+(?:the\s+)?", re.I)
"""A question whose short answer fills the place of its wh-word (see _restated)."""
_WHICH_STANDARD = re.compile(r"\W*(?:which|what)\s+(?:ISO\s+)?standard\b", re.I)
_WHICH_EDITION = re.compile(r"\W*(?:which|what)\s+(?:edition|version|revision)\s+of\s+", re.I)
"""'Which edition of ISO 14001 is current? ISO 14001:2015.': the answer put in the question's place."""
_WHAT_KIND = re.compile(r"\W*(?:what|which)\s+(?:kind|type|sort)\s+of\s+\w+\s+(?P<be>is|are)\s+(?P<of>[^?]{3,80}?)\s*\?[*_\s]*$",
                        re.I)
"""'What kind of audit is a customer audit? A third-party audit.': the answer said of what the question names."""
_TITLE = re.compile(r"\W*what\s+is\s+(?:the\s+(?:(?:full|formal|official)\s+)?title\s+of\s+[^?]+?|"
                    r"[^?]+?['’]s\s+(?:(?:full|formal|official)\s+)?title)\s*\?[*_\s]*$", re.I)
"""'What is ISO 14001's title? <a title>': the answer is the standard's title (see titles.py)."""


def answerable(text: str) -> str | None:
    """The sentence, where it is a question whose short answer the next sentence can give (who, which
    standard, when or what); else None."""
    return text if (_WHO.match(text) or _WHICH_STANDARD.match(text) or _RESTATABLE.match(text)
                    or _WHICH_EDITION.match(text) or _WHAT_KIND.match(text)) and text.rstrip().endswith("?") else None


def answered(question: str | None, text: str, ctx: Context, registry: Registry, parse: Parse, page_hits: PageHits) -> list[Hit]:
    """'Who issues ISO certificates? ISO does.' (or just 'ISO.'): the short answer to a question
    asking who does something states that its body does it; read together, judged as one claim."""
    if question is not None and _TITLE.match(question):
        return _answered_title(question, text, ctx, page_hits)  # a title is long: not a short answer
    bare = _short_answer(text) if question is not None else None
    long = len((bare or text).split()) > 8
    if question is None or (long and not _BACK.search(text)):
        return []  # short: the name with its aside ("ISO does, after an audit by its own staff."), or one that
        # names what it is about by a pronoun only ("ISO issues them from its head office after each audit.")
    gaz = ctx.gaz
    if _RESTATABLE.match(question):
        return _restated(question, text, ctx, page_hits)
    if _WHICH_EDITION.match(question):
        return _answered_edition(question, text, ctx, page_hits)
    if _WHAT_KIND.match(question):
        return _answered_kind(question, text, page_hits)
    which = _WHICH_STANDARD.match(question)
    if which is not None:
        return _answered_standard(question[which.end():], text, ctx, registry, parse)
    names = [m for m in gaz.find(text) if m.kind in ("org", "class")]
    if not names:
        return []
    said = f"{bare} does." if bare is not None and text[names[0].start:names[0].end] == bare \
        and text[:names[0].start].strip(" *_").casefold() in ("", "the") else text
    combined = f"{question} {said}"
    reading = Reading(combined, gaz.find(combined), parse, lambda token: False)
    reading.authority = lambda token: _is_org(reading.mention(token))
    shift = len(question) + 1
    # a long answer is judged on its own too: here only what it says through the question
    alone = {(c.predicate, c.agent.start + shift) for c in role_claims(Reading(text, gaz.find(text), parse, lambda token: False),
                                                                       registry)} if long else set()
    hits = []
    for claim in role_claims(reading, registry):
        if claim.agent.start < shift or (claim.predicate, claim.agent.start) in alone or (hit := judge_role(claim, ctx)) is None:
            continue
        end = names[0].end if said != text else max(claim.agent.end, claim.end) - shift
        hit.start, hit.end = max(0, claim.agent.start - shift), min(len(text), end)
        hits.append(hit)
    return hits


def _restated(question: str, text: str, ctx: Context, page_hits: PageHits) -> list[Hit]:
    """'When did ISO 45001 first come out? Back in 2013.' and 'What does ISO 14001 cover? Information
    security, mainly.': the fragment put in the question's place ('ISO 45001 did first come out back in
    2013.') and that sentence judged; what is wrong in the answer's part is found on the answer."""
    asked = _RESTATABLE.match(question)
    bare = _short_answer(text)
    if asked is None or bare is None:
        return []
    named = [m for m in ctx.gaz.find(question) if m.kind == "standard"]
    subject = next((m for m in named if m.start == asked.end()), None)
    if subject is None:
        return []
    rest = question[subject.end:].rstrip().rstrip("?*_ ")
    if asked.group("wh").casefold() == "when":
        if not re.search(r"\b(?:19|20)\d\d\b", bare) or len(bare.split()) > 4:
            return []
        bare = bare if re.match(r"(?i)(?:back\s+)?(?:in|on|during|around)\b", bare) else f"in {bare}"
    elif not any(m.kind == "subject" for m in ctx.gaz.find(bare)):
        return []
    prefix = f"{question[subject.start:subject.end]} {asked.group('aux')}{rest} "
    return _completed(prefix, bare, text, page_hits)


def _completed(prefix: str, bare: str, text: str, page_hits: PageHits) -> list[Hit]:
    """The answer put after the question's words (`prefix`) and that sentence judged; what is wrong in the
    answer's part is found on the answer (`text`)."""
    said = f"{prefix}{bare[0].lower() + bare[1:] if bare[:2] != bare[:2].upper() else bare}."
    hits = []
    for _, hit in page_hits(parse_markdown(said)):
        if hit.end > len(prefix) and hit.severity != "info":
            hit.start, hit.end = len(text) - len(text.lstrip()), len(text.rstrip())
            hits.append(hit)
    return hits


def _answered_edition(question: str, text: str, ctx: Context, page_hits: PageHits) -> list[Hit]:
    """'Which edition of ISO 14001 is current? ISO 14001:2015.': the edition put in the question's place
    ('ISO 14001:2015 is current.') and that sentence judged; a finding is placed on the answer."""
    asked = _WHICH_EDITION.match(question)
    bare = text.strip().rstrip(".!").strip()
    named = [m for m in ctx.gaz.find(bare) if m.kind == "standard"]
    of = next((m for m in ctx.gaz.find(question) if m.kind == "standard" and asked is not None and m.start == asked.end()), None)
    if of is None or len(named) != 1 or (named[0].start, named[0].end) != (0, len(bare)) or named[0].ref != of.ref \
            or not re.match(r"\s+(?:is|remains)\b", question[of.end:]):
        return []  # the answer names an edition of the standard asked about, and the question says what it is
    said = f"{bare}{question[of.end:].rstrip().rstrip('?*_ ')}."
    hits = []
    for _, hit in page_hits(parse_markdown(said)):
        if hit.start < len(bare) and hit.severity != "info":
            hit.start, hit.end = len(text) - len(text.lstrip()), len(text.rstrip())
            hits.append(hit)
    return hits


def _answered_kind(question: str, text: str, page_hits: PageHits) -> list[Hit]:
    """'What kind of audit is a customer audit? A third-party audit.': judged as 'A customer audit is a
    third-party audit.'; a finding is placed on the answer."""
    asked = _WHAT_KIND.match(question)
    bare = _short_answer(text)
    if asked is None or bare is None or len(bare.split()) > 5:
        return []
    prefix = f"{asked.group('of')[0].upper()}{asked.group('of')[1:]} {asked.group('be')} "
    return _completed(prefix, bare, text, page_hits)


def _answered_title(question: str, text: str, ctx: Context, page_hits: PageHits) -> list[Hit]:
    """'What is ISO 14001's title? <ISO 45001's title>.': judged as 'The title of ISO 14001 is <the answer>.'; only
    what is said of the title counts (titles.py), placed on the answer."""
    named = [m for m in ctx.gaz.find(question) if m.kind == "standard" and not m.predecessor]
    if len(named) != 1:
        return []
    prefix = f"The title of {question[named[0].start:named[0].end]} is "
    lead = len(text) - len(text.lstrip(" *_"))
    said = f"{prefix}{text.strip(' *_').rstrip('.')}."
    hits = []
    for _, hit in page_hits(parse_markdown(said)):
        if hit.code == "standard-title" and hit.start >= len(prefix):
            hit.start, hit.end = hit.start - len(prefix) + lead, min(len(text), hit.end - len(prefix) + lead)
            hits.append(hit)
    return hits


def _answered_standard(asked: str, text: str, ctx: Context, registry: Registry, parse: Parse) -> list[Hit]:
    """'Which standard covers information security? ISO 14001.': the answer put in the question's place."""
    bare = text.strip().rstrip(".!").strip()
    named = [m for m in ctx.gaz.find(bare) if m.kind == "standard"]
    if len(named) != 1 or (named[0].start, named[0].end) != (0, len(bare)):
        return []
    said = f"{bare}{asked.rstrip().rstrip('?')}."
    reading = Reading(said, ctx.gaz.find(said), parse, lambda token: False)
    hits = []
    for claim in subject_claims(reading, registry):
        hit = judge_subject(claim, ctx)
        if hit is not None and claim.standard is not None and claim.standard.start == 0:
            hit.start, hit.end = 0, len(bare)
            hits.append(hit)
    return hits


def yes_no_answer(text: str, following: tuple[tuple[int, int], list[Clause]] | None, segment_id: int) -> str | None:
    """'yes' or 'no' where a question is answered so by the next sentence of its paragraph (an FAQ)."""
    if following is None or not text.rstrip().endswith("?"):
        return None
    (next_segment, _), group = following
    if next_segment != segment_id and group[0].kind != "paragraph":
        return None
    found = _YES_NO.match(group[0].sentence)
    return found.group(1).casefold() if found else None


_ASIDE = re.compile(r"\s*(?:itself|themselves|alone|of course|obviously)?"
                    r"\s*(?:[,;(\u2013\u2014-]\s*(?P<aside>[^.!?]*))?[.!]*\s*$", re.I)


def _short_answer(text: str) -> str | None:
    """The name a short answer gives, without its aside: 'ISO itself, after its auditors visit.' -> 'ISO';
    None where the aside could turn it round ('ISO, or so people think'; 'UKAS, not ISO')."""
    bare = text.strip()
    bare = bare[4:] if bare[:4].casefold() == "the " else bare
    end = next((i for i, ch in enumerate(bare) if ch in ",;(.!\u2013\u2014" or bare[i:i + 7].casefold() == " itself"), len(bare))
    head, rest = bare[:end].strip(), bare[end:]
    aside = _ASIDE.match(rest)
    if not head or aside is None:
        return None
    words = set(re.findall(r"[a-z']+", f"{head} {aside.group('aside') or ''}".casefold()))
    if words & (NEGATIVE_WORDS | SAYING | BELIEVING | {"some", "people", "say", "says", "said", "or", "but"}):
        return None
    return head


def _is_org(mention: Mention | None) -> bool:
    return mention is not None and mention.kind == "org"
