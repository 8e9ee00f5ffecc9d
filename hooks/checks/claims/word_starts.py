"""Where in a text a name pattern can match, found by looking its words up instead of trying the
pattern at every character.

The gazetteer's patterns are long alternations of names (every organization, subject and
predecessor of the data), and Python's regex engine tries each alternative at each word of a
sentence: the cost grows with the data. But each of those patterns can only match where a word
starts (a lookbehind or a \\b forbids a word character before) and only if that whole word is
one of a few known words: the first words of its names, read from the pattern itself. So a
sentence is split into its words once, the words are looked up in one set, and each pattern is
tried only where a word it could start with stands: the same matches as `pattern.finditer`,
in the same order, with the same spans.

Only plain ASCII text is read so (nearly every sentence): there a word is [A-Za-z0-9_]+ and
case-insensitive equality of ASCII letters is `str.lower()`. Any other text, and any pattern
whose first words cannot be listed (one that may start with a digit run, say), is searched by
the pattern as it is.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from importlib import import_module

_WORD = re.compile(r"\w+")
_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")
"""\\w in ASCII text."""
_MAX_STATES = 20_000
"""More ways to begin than this and the pattern is searched as it is."""


class WordStarts:
    """The first words of some patterns, to find where in a text each of them can match."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]):
        self._keys: dict[str, list[int]] = {}
        """A first word -> the patterns (their ids) that can start with it."""
        self._indexed: set[int] = set()
        """The ids of the patterns looked up by their first words (a pattern's own hash reads its whole code)."""
        for pattern in patterns:
            words = first_words(pattern)
            if words is None:
                continue
            self._indexed.add(id(pattern))
            for word in words:
                self._keys.setdefault(word, []).append(id(pattern))

    def scan(self, text: str) -> Scan:
        """The places in text where each pattern could match."""
        if not text.isascii():
            return Scan(text, None, self._indexed)
        folded = text.lower()
        starts: dict[int, list[int]] = {}
        for key in self._keys.keys() & _WORD.findall(folded):
            patterns = self._keys[key]
            n, at = len(key), folded.find(key)
            while at >= 0:
                end = at + n
                if (at == 0 or folded[at - 1] not in _WORD_CHARS) and (end == len(folded) or folded[end] not in _WORD_CHARS):
                    for pattern in patterns:
                        starts.setdefault(pattern, []).append(at)
                at = folded.find(key, at + 1)
        if len(starts) > 1 or any(len(places) > 1 for places in starts.values()):
            for places in starts.values():
                places.sort()
        return Scan(text, starts, self._indexed)


class Scan:
    """One text's candidate places for each pattern looked up (None: search every pattern as it is)."""

    __slots__ = ("indexed", "starts", "text")

    def __init__(self, text: str, starts: dict[int, list[int]] | None, indexed: set[int]):
        self.text = text
        self.starts = starts
        self.indexed = indexed

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """What pattern.finditer(text) yields."""
        if self.starts is None or id(pattern) not in self.indexed:
            return pattern.finditer(self.text)
        places = self.starts.get(id(pattern))
        return self._tried(pattern, places) if places else iter(())

    def _tried(self, pattern: re.Pattern[str], places: list[int]) -> Iterator[re.Match[str]]:
        # finditer's leftmost, non-overlapping matches: a match can start at no other place, and
        # match() at a place sees the text before it (lookbehinds, \b) as a search does.
        end = 0
        for at in places:
            if at < end:
                continue
            found = pattern.match(self.text, at)
            if found is not None:
                yield found
                end = found.end()


class _Unknown(Exception):
    """The pattern's first words cannot be listed."""


def first_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The words (lowercased) every match of pattern starts with, a whole word each: a match
    starts where no word character stands before it and its first word is one of these. None
    where that cannot be read from the pattern: it may start inside a word or with something
    other than a word character, its first word may run on (a digit run), or it uses what this
    reader does not know."""
    try:  # the regex engine's own parser (Python 3.11 on): what the engine reads, read the same way
        parser, sre = import_module("re._parser"), import_module("re._constants")
    except ImportError:  # another Python's internals: search as it is
        return None
    try:
        tree = parser.parse(pattern.pattern, pattern.flags)
        states = _Reader(sre).sequence(list(tree), {("", False, False)})
    except (_Unknown, re.error, RecursionError):
        return None
    if any(not closed or not word for word, closed, _ in states):
        return None  # a match may end inside its first word, or be empty
    words = frozenset(word.lower() for word, _, _ in states)
    return words if all(word.isascii() for word in words) else None


State = tuple[str, bool, bool]
"""(the first word read so far, whether it has ended, whether a word boundary before it is certain)."""


class _Reader:
    """Reads a parsed pattern from its start, keeping the ways its first word can go."""

    def __init__(self, sre):  # the regex engine's constants (re._constants)
        self.c = sre

    def sequence(self, items: list, states: set[State]) -> set[State]:
        for op, av in items:
            if all(closed for _, closed, _ in states):
                return states
            states = self.item(op, av, states)
            if len(states) > _MAX_STATES:
                raise _Unknown
        return states

    def item(self, op, av, states: set[State]) -> set[State]:
        c = self.c
        if op is c.LITERAL:
            return self.chars([chr(av)], False, states)
        if op is c.IN:
            return self.charset(av, states)
        if op is c.BRANCH:
            return set().union(*(self.sequence(list(branch), states) for branch in av[1]))
        if op is c.SUBPATTERN:
            return self.sequence(list(av[-1]), states)
        if op is c.ATOMIC_GROUP:
            return self.sequence(list(av), states)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return self.repeat(av, states)
        if op is c.AT:
            return self.at(av, states)
        if op is c.ASSERT_NOT:
            return self.assert_not(av, states)
        if op is c.ASSERT:
            return states  # only narrows the matches: the words stay a superset
        raise _Unknown

    def chars(self, chars: list[str], space: bool, states: set[State]) -> set[State]:
        """One character read, any of chars (and, if space, any non-word character)."""
        out: set[State] = set()
        for state in states:
            word, closed, anchored = state
            if closed:
                out.add(state)
                continue
            if not anchored:
                raise _Unknown  # a match could start inside a word
            for ch in chars:
                if _is_word(ch):
                    out.add((word + ch, False, True))
                elif word:
                    out.add((word, True, True))
                else:
                    raise _Unknown  # begins with something other than a word character
            if space:
                if not word:
                    raise _Unknown
                out.add((word, True, True))
        return out

    def charset(self, items: list, states: set[State]) -> set[State]:
        c = self.c
        chars: list[str] = []
        space = False
        for op, av in items:
            if op is c.LITERAL:
                chars.append(chr(av))
            elif op is c.RANGE and av[1] - av[0] < 64:
                chars += [chr(i) for i in range(av[0], av[1] + 1)]
            elif op is c.CATEGORY and av in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
                space = True  # \s: never a word character
            else:
                raise _Unknown  # a negation, a digit or word class, a wide range
        return self.chars(chars, space, states)

    def repeat(self, av, states: set[State]) -> set[State]:
        low, high, body = av
        out = set(states) if low == 0 else set()
        current = states
        for count in range(1, 10):
            following = self.sequence(list(body), current)
            if count >= low:
                out |= following
            if count == high or following == current:
                return out
            current = following
        raise _Unknown  # still growing: a run of word characters

    def at(self, where, states: set[State]) -> set[State]:
        c = self.c
        out: set[State] = set()
        for state in states:
            word, closed, _ = state
            if closed:
                out.add(state)
            elif where is c.AT_BOUNDARY or (where in (c.AT_BEGINNING, c.AT_BEGINNING_STRING) and not word):
                # before a word character: none stands before it; after one: the word has ended
                out.add((word, True, True) if word else ("", False, True))
            elif where in (c.AT_END, c.AT_END_STRING) and word:
                out.add((word, True, True))
            else:
                raise _Unknown
        return out

    def assert_not(self, av, states: set[State]) -> set[State]:
        direction, body = av
        if not self._any_word_char(list(body)):
            return states  # only narrows the matches
        out: set[State] = set()
        for state in states:
            word, closed, _ = state
            if closed:
                out.add(state)
            elif direction < 0 and not word:
                out.add(("", False, True))  # (?<!\w...): no word character before
            elif direction > 0 and word:
                out.add((word, True, True))  # (?!\w...): the word ends here
            else:
                out.add(state)
        return out

    def _any_word_char(self, body: list) -> bool:
        """Whether the assertion's body is one character class holding every word character."""
        c = self.c
        return len(body) == 1 and body[0][0] is c.IN and \
            any(op is c.CATEGORY and av in (c.CATEGORY_WORD, c.CATEGORY_UNI_WORD) for op, av in body[0][1])


def _is_word(ch: str) -> bool:
    return _WORD.fullmatch(ch) is not None
