"""Render pages: the sandboxed Jinja2 environment, generated pages from templates, and
hand-written pages that opt in to data with `jinja: true` in their front matter.

Every value from data that a template prints is escaped for Markdown and HTML (see
`escape.py`), so a pasted `<script>` or `[link](javascript:...)` lands as inert text.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from hooks.core.findings import DataError, error
from hooks.data.citations import cite_problem, kinds
from hooks.data.model import Site

from . import escape, prose
from .citations import FOOTNOTE_MARK, once_per_paragraph, strip_footnotes, with_footnotes
from .content import ContentPage, clashes, read_content, site_files
from .origin import Origins
from .paths import GLOSSARY, PILLAR, SOURCES, Page, Span, page_paths, standard_path
from .slow_markdown import too_slow
from .sourcemap import MARK_CLOSE, MARK_OPEN, MARK_TEXT, LineMarks, unmark


class CiteError(ValueError):
    """A cite() that names an unknown source, no kind, or a kind its source does not support."""


class Renderer:
    """Builds the Jinja environment for one site and renders its pages."""

    def __init__(self, site: Site):
        self.site = site
        self.templates_dir = site.project.templates_dir
        self.env = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(str(self.templates_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            finalize=self._finalize,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=[LineMarks],
        )
        self.env.filters.update(
            capitalize=prose.sentence,
            slug=prose.slug,
            date=escape.format_date,
            month=escape.month,
            number_words=prose.number,
            md=self._markdown_field,
            inline=escape.inline,
            supporting=self._supporting,
        )
        self.paths = page_paths(site)
        self._fields: dict[str, dict[str, tuple[str, tuple]]] | None = None
        self._origin = ""
        """The data file of the page being rendered, preferred where a value is written in several files."""
        self._marked: dict[int, tuple[Markup, tuple[str, tuple, str]]] = {}
        """Values handed to templates whose data field is known by identity (the guide's rendered prose)."""
        self._refs: list[tuple[str, tuple, str]] = []
        self._template_files: dict[str, str] = {}
        self.spans: list[Span] = []
        """The source map of the page rendered last."""
        self.content_links: list[tuple[str, str]] = []
        """(title, path) of the hand-written pages, for the pillar's reading list."""

    # --- context ------------------------------------------------------------------------------

    def context(self, page_path: str, used: set[str]) -> dict[str, Any]:
        site = self.site

        def link(key: str, anchor: str = "") -> str:
            target = self.paths.get(key)
            if target is None:
                raise jinja2.UndefinedError(f"link(): no page for {key!r}; expected one of {sorted(self.paths)}")
            href = posixpath.relpath(target, posixpath.dirname(page_path) or ".")
            return Markup(href + (f"#{anchor}" if anchor else ""))

        def cite(source_id: str, kind: str = "") -> Markup:
            # `kind` names the kind of fact cited (schema.FactKind), checked against the source's `supports`.
            problem = cite_problem(site, source_id, kind)
            if problem:
                raise CiteError(f"cite(): {problem}")
            used.add(source_id)
            return Markup(f"[^{source_id}]")

        def page_link(path: str) -> str:
            return Markup(posixpath.relpath(path, posixpath.dirname(page_path) or "."))

        return {
            "site": site,
            "settings": site.settings,
            "standards": list(site.standards.values()),
            "standard": None,
            "concepts": site.concepts,
            "organizations": site.organizations,
            "subjects": site.subjects,
            "sources": site.sources,
            "cert": site.certification,
            "guide": site.guide,
            "link": link,
            "cite": cite,
            "edition": prose.edition,
            **prose.helpers(site),  # std(), org(), count(), number(), names(), editions(), sentence() ...
            "page_link": page_link,
            "content_pages": self.content_links,
            "anchor": lambda ident: Markup(" {#" + escape.anchor_id(str(ident)) + "}"),
            "page_path": page_path,
        }

    # --- the source map -----------------------------------------------------------------------

    def _finalize(self, value: Any) -> Any:
        """Escape what a template prints (escape.finalize) and mark where it came from: a data field
        whose value it is, so a finding on it points at that field, not at a guess."""
        out = escape.finalize(value)
        held = self._marked.get(id(value))
        ref = held[1] if held is not None and held[0] is value else None
        if ref is None and isinstance(value, str) and not isinstance(value, Markup) and value:
            found = self.fields.get(value)
            if found:  # a value written in several places ("ISO"): the page's own file first
                path, loc = found.get(self._origin) or next(iter(found.values()))
                ref = (path, loc, value)
        if ref is None or not out:
            return out
        self._refs.append(ref)
        return Markup(f"{MARK_OPEN}{len(self._refs) - 1}{MARK_TEXT}{out}{MARK_CLOSE}")

    @property
    def fields(self) -> dict[str, dict[str, tuple[str, tuple]]]:
        """Each string of the data -> each file holding it (in the order read) -> its first field there.
        A dict, not a list of every place: "ISO" stands in a thousand standard files, and each page
        looks its own file up."""
        if self._fields is None:
            self._fields = {}
            for text, path, loc in self.site.strings():
                self._fields.setdefault(text, {}).setdefault(path, (path, loc))
        return self._fields

    def _unmark(self, text: str) -> tuple[str, list[Span]]:
        """The rendered text without its marks, and the spans they delimited."""
        return unmark(text, self._refs, self._template_file)

    def _template_file(self, name: str) -> str:
        """A template's file relative to the project (resolved once per template: unmark asks per line)."""
        found = self._template_files.get(name)
        if found is None:
            found = self._template_files[name] = self.site.project.rel(self.site.project.template(name))
        return found

    def _supporting(self, source_ids: list[str], kind: str) -> list[str]:
        """Of the sources named, those that declare they back this kind of fact (a row of a standard's
        timeline cites, of its edition's sources, only those that say what the row says)."""
        return [sid for sid in source_ids if sid in self.site.sources and kind in kinds(self.site.sources[sid])]

    def _markdown_field(self, text: str, context_page: str = "") -> Markup:
        """A Markdown-valued data field: rendered as a sandboxed template, then made safe."""
        return Markup(escape.markdown_field(text))

    # --- pages --------------------------------------------------------------------------------

    def render_template(self, name: str, page_path: str, origin: str = "", **extra: Any) -> tuple[str, set[str]]:
        used: set[str] = set()
        self._refs = []
        self._origin = origin
        ctx = self.context(page_path, used)
        ctx.update(extra)
        try:
            template = self.env.get_template(name)
            text = template.render(ctx)
        except jinja2.TemplateSyntaxError as exc:
            raise DataError([error(self._template_display(exc.filename or name), exc.lineno or 1, 1,
                                   "template-syntax", f"{exc.message}.")]) from None
        except jinja2.TemplateNotFound as exc:
            raise DataError([error(self.site.project.rel(self.site.project.template(name)), 0, 0, "missing-file",
                                   f"template {exc.name!r} not found.")]) from None
        except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError, ValueError, AttributeError) as exc:
            line = _template_line(exc, name)
            hint = "" if isinstance(exc, CiteError) else " Check the field names against the schema (`python -m hooks schema`)."
            raise DataError([error(self._template_display(name), line, 1, _code(exc), f"{exc}.{hint}")]) from None
        text, self.spans = once_per_paragraph(*self._unmark(text))
        text = with_footnotes(text, used, self.site, page_path)
        self.spans += self._footnote_spans(text, used)
        return text, used

    @cached_property
    def _source_entries(self) -> tuple[str, dict[str, int], list[Any]]:
        """The sources file, each source id's place in its list, and the list (read once per site)."""
        path = self.site.data_file("sources")
        doc = self.site.documents.get(path)
        entries = doc.data.get("sources", []) if doc is not None and isinstance(doc.data, dict) else []
        return path, {str(entry.get("id")): i for i, entry in enumerate(entries) if isinstance(entry, dict)}, entries

    def _footnote_spans(self, text: str, used: set[str]) -> list[Span]:
        """Each footnote line maps to its source's entry in the sources file."""
        path, where, entries = self._source_entries
        spans = []
        for sid in used:
            at = text.find(f"\n[^{sid}]: ")
            if at >= 0 and sid in where:
                end = text.find("\n", at + 1)
                spans.append(Span(at + 1, len(text) if end < 0 else end, path, ("sources", where[sid], "title"),
                                  str(entries[where[sid]].get("title", ""))))
        return spans

    def render_string(self, text: str, page_path: str, origin: str, line_offset: int,
                      column: int = 1) -> tuple[str, set[str]]:
        """Render a hand-written page or a Markdown data field as a sandboxed template."""
        used: set[str] = set()
        try:
            out = self.env.from_string(text).render(self.context(page_path, used))
        except jinja2.TemplateSyntaxError as exc:
            raise DataError([error(origin, line_offset + (exc.lineno or 1), column, "template-syntax",
                                   f"{exc.message}.")]) from None
        except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError, ValueError, AttributeError) as exc:
            raise DataError([error(origin, line_offset + _template_line(exc, "<template>"), column, _code(exc),
                                   f"{exc}.")]) from None
        out, _ = self._unmark(out)  # a Markdown field rendered on its own: its place is the field itself
        out, _ = once_per_paragraph(out, [])
        return out, used

    def _template_display(self, name: str) -> str:
        path = Path(name)
        if not path.is_absolute():
            path = self.site.project.template(name)
        return self.site.project.rel(path)

    def pages(self, content_dir: Path | None = None) -> list[Page]:
        """Every page of the site: generated from data, then hand-written ones (from the project's
        content folder, or the one given)."""
        site = self.site
        files = site_files(site, content_dir)
        contents = read_content(files)
        self.content_links = [(str(c.meta.get("title") or c.first_heading or Path(c.path).stem), c.path)
                              for c in contents if c.meta.get("keep_reading") is True]
        pages = [_reviewed_note(p, site) for p in self._generated()]
        clashing = clashes(pages, files)
        if clashing:
            raise DataError(clashing)
        pages += [self._content(content) for content in contents]
        slow = too_slow(pages, Origins(site).locate)  # before MkDocs' renderer, which would take minutes on them
        if slow:
            raise DataError(slow)
        return pages

    def _generated(self) -> list[Page]:
        site = self.site
        pages = [self._pillar()]
        pages += [self._standard(sid) for sid in site.standards]
        pages.append(self._simple("glossary.md.j2", GLOSSARY, "Glossary",
                                  "Definitions of the terms used in ISO certification, each with its source.",
                                  site.data_file("concepts"), [c.verified for c in site.concepts.values()]))
        pages.append(self._simple("sources.md.j2", SOURCES, "Sources",
                                  "Every source the facts on this site come from, with the date each was verified.",
                                  site.data_file("sources"), [s.verified for s in site.sources.values()]))
        return pages

    def _pillar(self) -> Page:
        guide = self.site.guide
        sections = []
        used_all: set[str] = set()
        listed: set[str] = set()
        for i, section in enumerate(guide.sections):
            body, used = self.render_string(section.body, PILLAR, self._guide, *self._offset(("sections", i, "body")))
            used_all |= used
            listed |= set(section.sources)
            # A title may name the standards or their number from data ("{{ names(standards) }} at a glance");
            # the heading's anchor is the section's id, so it stays put when the list grows.
            title, used = self.render_string(section.title, PILLAR, self._guide, *self._offset(("sections", i, "title")))
            used_all |= used
            sections.append({"section": section,
                             "title": self._mark(Markup(escape.markdown_field(title.strip())),
                                                 ("sections", i, "title"), section.title),
                             "body": self._mark(Markup(escape.markdown_field(body)),
                                                ("sections", i, "body"), section.body)})
        faq = []
        for i, item in enumerate(guide.faq):
            answer, used = self.render_string(item.answer, PILLAR, self._guide, *self._offset(("faq", i, "answer")))
            used_all |= used
            listed |= set(item.sources)
            faq.append({"question": item.question,
                        "answer": self._mark(Markup(escape.markdown_field(answer)), ("faq", i, "answer"), item.answer)})
        intro, used = self.render_string(guide.intro, PILLAR, self._guide, *self._offset(("intro",)))
        used_all |= used
        text, used = self.render_template("pillar.md.j2", PILLAR, self._guide, sections=sections, faq=faq,
                                          intro=self._mark(Markup(escape.markdown_field(intro)), ("intro",), guide.intro))
        used_all |= used
        text = with_footnotes(strip_footnotes(text), used_all, self.site, PILLAR)
        body_end = text.find(FOOTNOTE_MARK)
        self.spans = [sp for sp in self.spans if body_end < 0 or sp.end <= body_end] + self._footnote_spans(text, used_all)
        everything = used_all | listed
        reviewed = max(self.site.sources[s].verified for s in everything) if everything else None
        return Page(PILLAR, text, guide.title, guide.description, self._guide, True, "pillar.md.j2",
                    reviewed=reviewed, sources=sorted(everything), spans=self.spans)

    def _mark(self, value: Markup, loc: tuple, written: str) -> Markup:
        """Remember the guide field a rendered Markdown value came from, for the source map."""
        self._marked[id(value)] = (value, (self._guide, loc, written))  # the value held, so its id is not reused
        return value

    @property
    def _guide(self) -> str:
        return self.site.data_file("guide")

    def _offset(self, loc: tuple) -> tuple[int, int]:
        """(lines before, column of) a Markdown field's text in guide.yaml, so template errors point into it."""
        doc = self.site.documents.get(self._guide)
        if doc is None:
            return 0, 1
        line, column = doc.locate_text(loc, 0)
        return line - 1, column

    def _standard(self, sid: str) -> Page:
        std = self.site.standards[sid]
        path = standard_path(sid)
        text, used = self.render_template("standard.md.j2", path, self.site.standard_files[sid], standard=std,
                                          subject=self.site.subjects[std.subject],
                                          siblings=self._siblings(std))

        def verified(value: Any) -> list[dt.date]:  # every `verified:` of the file: the page is as new as its newest fact
            if isinstance(value, dict):
                return [d for k, v in value.items() for d in ([v] if k == "verified" else verified(v))]
            return [d for v in value for d in verified(v)] if isinstance(value, list) else []

        dates = verified(std.model_dump())
        title = f"{std.designation} certification"
        description = (f"{std.designation}:{std.current_edition.year}, {std.title}: what it covers, who it suits, "
                       "its editions and how certification to it works.")
        return Page(path, text, title, description, self.site.standard_files[sid], True, "standard.md.j2",
                    reviewed=max(dates), sources=sorted(used), spans=self.spans)

    def _siblings(self, std: Any) -> list[Any]:
        """The standards a page links to: its related ones from the data, else those on its subject.
        (Not every other standard: with a thousand standards that is a million links.)"""
        standards = self.site.standards
        chosen = [standards[r] for r in std.related if r in standards and r != std.id]
        if not chosen:
            chosen = [s for s in standards.values() if s.subject == std.subject and s.id != std.id][:12]
        return chosen

    def _simple(self, template: str, path: str, title: str, description: str, origin: str,
                dates: list[dt.date]) -> Page:
        text, used = self.render_template(template, path, origin)
        return Page(path, text, title, description, origin, True, template,
                    reviewed=max(dates) if dates else None, sources=sorted(used), spans=self.spans)

    def _content(self, content: ContentPage) -> Page:
        text = content.body
        used: set[str] = set()
        if content.meta.get("jinja") is True:
            text, used = self.render_string(text, content.path, content.origin, content.line_offset)
            text = with_footnotes(text, used, self.site, content.path)
        title = str(content.meta.get("title") or content.first_heading or Path(content.path).stem)
        return Page(content.path, text, title, str(content.meta.get("description") or ""), content.origin,
                    False, line_offset=content.line_offset, sources=sorted(used), meta=content.meta)


def _reviewed_note(page: Page, site: Site | None = None) -> Page:
    """Under each generated page's title, who publishes it, who reviewed it and when its facts were last
    verified (data/publisher.yaml, `Page.reviewed`), with a link to the editorial policy. It is Markdown, so
    the exported site keeps it; without a publisher the line gives the review date alone."""
    publisher = site.publisher if site is not None else None
    parts = []
    if publisher is not None and site is not None:
        parts.append(f"By {escape.inline(publisher.name)}")
        reviewer = site.reviewer(page.path)
        if reviewer is not None:
            parts.append(f"Reviewed by {escape.inline(reviewer.name)}, {escape.inline(reviewer.role)}")
    if page.reviewed is not None:
        day = escape.format_date(page.reviewed).replace(" ", "\u00a0")  # the date is not split across lines
        parts.append(f'Last reviewed <time datetime="{page.reviewed.isoformat()}">{day}</time>')
    if not parts:
        return page
    if publisher is not None:
        parts.append(f"[Editorial policy]({posixpath.relpath(publisher.policy, posixpath.dirname(page.path) or '.')})")
    # After the title line (the H1 every template opens with), before any text: the spans after it move down.
    at = page.markdown.find("\n") + 1 if page.markdown.startswith("# ") else 0
    # Kept out of the search index, whose preview of every page would otherwise open with the same line.
    line = "\n" + " · ".join(parts) + "\n{: .pillar-byline data-search-exclude }\n" + ("" if at else "\n")
    page.markdown = page.markdown[:at] + line + page.markdown[at:]
    page.spans = [sp if sp.start < at else sp._replace(start=sp.start + len(line), end=sp.end + len(line)) for sp in page.spans]
    return page


def _code(exc: BaseException) -> str:
    return "cite" if isinstance(exc, CiteError) else "template-error"


def _template_line(exc: BaseException, name: str) -> int:
    tb = exc.__traceback__
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name) or tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_pages(site: Site, content_dir: Path | None = None) -> list[Page]:
    return Renderer(site).pages(content_dir)


__all__ = ["Page", "Renderer", "render_pages"]
