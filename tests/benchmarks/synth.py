"""Write a complete copy of the site with N synthetic standards, for the benchmarks.

    python tests/benchmarks/synth.py N OUTDIR

OUTDIR gets mkdocs.yml, hooks/, templates/, content/ and data/ from the repository, plus:

- N standards, data/standards/iso-9NNNN.yaml (every fifth a joint ISO/IEC standard,
  iso-iec-9NNNN.yaml), valid per hooks/data/schema.py, with realistic text;
- hand-written pages content/notes/note-NNN.md (one per 50 standards) that link to
  several synthetic standard pages, and content/notes/index.md linking every note
  (each note links back to it, so no note is an orphan);
- a fixed, deterministic set of planted faults in those notes (broken links to a
  missing page, links to a missing anchor, false claims), listed in OUTDIR/planted.json.

Everything is a pure function of N: the same N gives byte-identical files. The planted
faults make `mkdocs build` fail on purpose (false claims are errors); the benchmarks build with
PILLAR_FAIL_ON_ERRORS=off, which reports them without failing.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("mkdocs.yml", "hooks", "templates", "content", "data")
FIRST_NUMBER = 90001  # ISO 90001 ... ISO 99999: clear of 9001, 14001, 27001 and 45001
MAX_STANDARDS = 99999 - FIRST_NUMBER + 1
PER_NOTE = 50
CHECK_DATE = dt.date(2026, 12, 5)  # the day the newest real data was verified; run.py checks as of it

# What each subject's standards are about, so the prose stays on the standard's own subject
# (the fact checker reports a standard given another standard's subject).
ASPECTS = {
    "quality": ["supplier quality", "service delivery", "measurement processes", "design and development",
                "complaints handling", "calibration laboratories", "customer satisfaction monitoring",
                "outsourced processes", "product release", "quality planning"],
    "environment": ["product life cycle thinking",  # not "for life cycle ...": see the report in run.py
                     "environmental performance evaluation", "waste and resources",
                    "water stewardship", "energy use in operations", "environmental communication",
                    "emissions monitoring", "biodiversity on operational sites", "supply chain impacts",
                    "environmental aspects of products"],
    "information-security": ["cloud services", "supplier relationships", "security incident handling",
                             "identity and access control", "privacy information", "security monitoring",
                             "secure development", "business continuity of ICT", "cryptographic controls",
                             "operational technology"],
    "occupational-health-and-safety": ["contractor safety", "psychosocial risk", "hazard identification",
                                       "emergency preparedness", "worker participation", "incident investigation",
                                       "safe work on construction sites", "fatigue management",
                                       "ergonomics in warehouses", "lone working"],
}
THEMES = {
    "quality": ["customer requirements and feedback", "control of externally provided products",
                "monitoring and measurement", "nonconformity and corrective action", "competence and awareness",
                "documented information", "planning of changes", "release of products and services"],
    "environment": ["environmental aspects and impacts", "compliance obligations", "operational control",
                    "emergency preparedness and response", "environmental objectives", "life cycle perspective",
                    "monitoring of environmental performance", "communication with interested parties"],
    "information-security": ["risk assessment and treatment", "statement of applicability", "access control",
                             "supplier security", "incident management", "security awareness and training",
                             "logging and monitoring", "protection of records"],
    "occupational-health-and-safety": ["hazard identification and risk assessment", "consultation and participation of workers",
                                       "legal requirements", "operational planning and control", "management of change",
                                       "contractors and procurement", "incident investigation", "emergency preparedness"],
}
SECTORS = ["manufacturers", "logistics providers", "software companies", "hospitals and clinics", "food producers",
           "construction contractors", "public bodies", "engineering consultancies", "retailers", "utilities",
           "laboratories", "hotels and caterers"]
SIZES = ["small and medium-sized", "multi-site", "growing", "service", "export-oriented", "family-owned"]
STAGES = [("DIS", "a draft international standard was out for ballot"),
          ("CD", "a committee draft was circulating among national members"),
          ("FDIS", "the final draft was registered for formal approval")]


def copy_site(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"), dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / part)


class _NoAliases(yaml.SafeDumper):
    """The loader rejects YAML anchors and aliases, so never write them (repeated dates would get them)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _sources_by_kind(path: Path) -> dict[str, list[str]]:
    """Each kind of fact -> the ids of the sources that declare they back it."""
    found: dict[str, list[str]] = {}
    for source in yaml.safe_load(path.read_text("utf-8"))["sources"]:
        for kind in dict.fromkeys(s["kind"] for s in source.get("supports", [])):
            found.setdefault(kind, []).append(source["id"])
    return found


def _subjects(path: Path) -> dict[str, dict]:
    return {s["id"]: s for s in yaml.safe_load(path.read_text("utf-8"))["subjects"]}


def standard_ids(n: int) -> list[str]:
    return [_id(k) for k in range(n)]


def _number(k: int) -> int:
    return FIRST_NUMBER + k


def _joint(k: int) -> bool:
    return k % 5 == 4


def _id(k: int) -> str:
    return f"iso-iec-{_number(k)}" if _joint(k) else f"iso-{_number(k)}"


def _designation(k: int) -> str:
    return f"ISO/IEC {_number(k)}" if _joint(k) else f"ISO {_number(k)}"


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _day(base: dt.date, k: int, spread: int) -> dt.date:
    return base - dt.timedelta(days=(k * 37) % spread)


def make_standard(k: int, n: int, subjects: dict[str, dict], subject_ids: list[str],
                  sources: dict[str, list[str]]) -> dict:
    sid = _id(k)
    designation = _designation(k)
    subject_id = subject_ids[k % len(subject_ids)]
    subject = subjects[subject_id]
    system = subject["system"]
    aspect = ASPECTS[subject_id][(k // len(subject_ids)) % len(ASPECTS[subject_id])]
    pool = THEMES[subject_id]
    themes = [pool[(k + i * 3) % len(pool)] for i in range(5 + k % 3)]
    themes = list(dict.fromkeys(themes))
    sector = SECTORS[k % len(SECTORS)]
    sector2 = SECTORS[(k * 7 + 3) % len(SECTORS)]
    size = SIZES[k % len(SIZES)]
    year = 2010 + (k * 7) % 13  # 2010..2022
    published = dt.date(year, 1 + (k * 5) % 12, 1 + (k * 11) % 28)
    verified = _day(CHECK_DATE, k, 200)
    def src(i: int, kind: str) -> str:
        """A source that declares it backs this kind of fact (as the check requires), varied by standard."""
        pool = sources[kind]
        return pool[(k * 3 + i) % len(pool)]

    title_kind = "Requirements" if k % 3 else "Requirements with guidance for use"
    std: dict = {
        "id": sid,
        "designation": designation,
        "developers": ["iso", "iec"] if _joint(k) else ["iso"],
        "title": f"{subject['name'].capitalize()} systems — {aspect.capitalize()} — {title_kind}",
        "subject": subject_id,
        "committee": f"ISO/IEC JTC 1/SC {27 + k % 15}" if _joint(k) else f"ISO/TC {200 + k % 120}/SC {1 + k % 6}",
        "summary": (
            f"{designation} sets out requirements for {_a(system)} {system} that gives particular attention to {aspect}. "
            f"It asks the organization to understand its context, plan how it will meet its objectives for {aspect}, "
            f"run and monitor the processes involved, and review the results so that the system keeps improving. "
            f"Like other management system standards it follows the harmonized structure, which makes it easier "
            f"to combine with the organization's other management systems."
        ),
        "suits": (
            f"{size.capitalize()} organizations, such as {sector} and {sector2}, that want to show customers and "
            f"regulators a structured approach to {aspect} within their {subject['name']}."
        ),
        "themes": themes,
        "certification_notes": [
            f"Certification bodies often audit {designation} together with the organization's other management "
            f"systems in one combined audit, which shortens the time auditors spend on site.",
            f"The certificate names the sites and activities in scope; {_a(system)} {system} covering only part of the "
            f"business is certified for that part alone.",
        ] + ([f"Organizations moving from an earlier edition of {designation} agree a transition plan with their "
              f"certification body before the end of the transition period."] if k % 2 == 0 else []),
        "current_edition": {
            "year": year,
            "published": published,
            "source": src(0, "edition"),
            "verified": verified,
        },
        "related": sorted({_id((k + 1) % n), _id((k + 7) % n)} - {sid}),
        "source": src(1, "standard-content"),
        "verified": verified,
    }
    if k % 3 == 0 and year <= 2021:
        std["current_edition"]["amendments"] = [{
            "designation": f"{designation}:{year}/Amd 1:{year + 3}",
            "published": dt.date(year + 3, 2 + k % 10, 1 + k % 27),
            "summary": f"Adds a requirement to consider whether climate change is a relevant issue for the {system}.",
            "source": src(2, "edition"),
            "verified": verified,
        }]
    if k % 2 == 0:
        std["earlier_editions"] = [{
            "year": year - 7,
            "withdrawn": published,
            "certificates_valid_until": published + dt.timedelta(days=3 * 365),
            "source": src(3, "edition"),
            "verified": verified,
        }]
    if k % 10 == 0:
        stage, note = STAGES[k % len(STAGES)]
        std["revision"] = {
            "stage": stage,
            "expected": 2027 + k % 2,
            "as_of": verified,
            "note": f"When checked, {note}; certification continues to the current edition until a new one is published.",
            "source": src(4, "revision"),
            "verified": verified,
        }
    if not std["related"]:
        del std["related"]
    return std


# --- hand-written notes -------------------------------------------------------------------------

# Planted faults: a fixed list, whatever N. Each goes into note (i * 3) % notes.
PLANTED_LINKS = [
    ("link-missing-page", "../standards/iso-00000.md", "the withdrawn checklist standard"),
    ("link-missing-page", "../guides/transition-checklist.md", "our transition checklist"),
    ("link-missing-anchor", "{std}#transition-plan", "the transition plan for {designation}"),
    ("link-missing-anchor", "{std}#scope-statement", "the scope statement of {designation}"),
]
PLANTED_CLAIMS = [
    ("role-issuer", "ISO issues certificates to companies."),
    ("role-accreditor", "Our registrar is accredited by ISO."),
    ("cert-validity", "Certificates are valid for five years."),
    ("misconception", "ISO certification is a one-time event."),
]

NOTE_PARAGRAPHS = [
    "When a client first asks about [{d}]({href}), the certification body starts with the scope: which sites, "
    "activities and services the {system} covers. The Stage 1 audit reviews the documentation and the "
    "organization's readiness; the Stage 2 audit checks that the system works in practice.",
    "For [{d}]({href}), most questions from {sector} are about evidence. Auditors want records that show the "
    "processes run as planned, that internal audits took place and that top management reviewed the results. "
    "The [edition history]({href}#editions) matters too, because the certificate names the edition audited.",
    "Teams preparing for [{d}]({href}) usually underestimate the management review. It is where leadership "
    "looks at audit results, objectives and changes in context, and decides what to improve next. "
    "See [what the standard covers]({href}#what-it-covers) before planning the first internal audit.",
    "A certificate to [{d}]({href}) is issued by an independent certification body, and an accreditation body "
    "checks that the certification body is competent and impartial. Surveillance audits follow at least once "
    "a year, and a recertification audit takes place before the certificate expires.",
    "Consultants who help {sector} implement [{d}]({href}) cannot certify them. An internal audit is a "
    "first-party audit, and only a third-party audit by an independent certification body can lead to "
    "certification. The [certification section]({href}#certification) explains how that audit works.",
]


def note_count(n: int) -> int:
    return max(1, math.ceil(n / PER_NOTE))


def make_notes(n: int, subjects: dict[str, dict], subject_ids: list[str]) -> tuple[dict[str, str], dict]:
    """Return {path in content/: text} and the planted faults with their pages."""
    count = note_count(n)
    bodies: list[list[str]] = []
    picked: list[list[int]] = []
    for j in range(count):
        block = list(range(j * PER_NOTE, min(n, (j + 1) * PER_NOTE)))
        chosen = block[:: max(1, len(block) // 6)][:6] or [j % n]
        picked.append(chosen)
        paras = []
        for i, k in enumerate(chosen):
            subject = subjects[subject_ids[k % len(subject_ids)]]
            paras.append(NOTE_PARAGRAPHS[(j + i) % len(NOTE_PARAGRAPHS)].format(
                d=_designation(k), href=f"../standards/{_id(k)}.md", system=subject["system"],
                sector=SECTORS[(j + k) % len(SECTORS)]))
        bodies.append(paras)
    planted = {"broken_links": [], "false_claims": []}
    for i, (code, href, text) in enumerate(PLANTED_LINKS):
        j = (i * 3) % count
        k = picked[j][-1]
        href = href.format(std=f"../standards/{_id(k)}.md")
        text = text.format(designation=_designation(k))
        bodies[j].append(f"Before the audit, read [{text}]({href}) and agree the dates with the audit team.")
        planted["broken_links"].append({"page": f"notes/note-{j + 1:03d}.md", "href": href, "code": code})
    for i, (code, sentence) in enumerate(PLANTED_CLAIMS):
        j = (i * 3 + 1) % count
        bodies[j].append(f"One sales deck we reviewed still said it plainly. {sentence} "
                         f"We asked for that slide to be corrected.")
        planted["false_claims"].append({"page": f"notes/note-{j + 1:03d}.md", "text": sentence, "code": code})
    pages: dict[str, str] = {}
    index_lines = ["# Field notes", "",
                   "Notes from certification projects, one per group of standards. Back to the guide: "
                   "[What is ISO certification?](../index.md).", ""]
    for j, paras in enumerate(bodies):
        first, last = picked[j][0], picked[j][-1]
        title = f"Field notes {j + 1}: {_designation(first)} to {_designation(last)}"
        index_lines.append(f"- [{title}](note-{j + 1:03d}.md)")
        text = "\n\n".join([f"---\ntitle: \"{title}\"\ndescription: Practical notes from certification projects.\n---\n"
                            f"# {title}", *paras,
                            "Back to [all field notes](index.md) or to the guide [What is ISO certification?](../index.md)."])
        pages[f"notes/note-{j + 1:03d}.md"] = text + "\n"
    pages["notes/index.md"] = "\n".join(index_lines) + "\n"
    return pages, planted


def write(n: int, out: Path) -> dict:
    if not 1 <= n <= MAX_STANDARDS:
        raise SystemExit(f"N must be between 1 and {MAX_STANDARDS}")
    out = out.resolve()
    copy_site(out)
    data = out / "data"
    subjects = _subjects(data / "subjects.yaml")
    subject_ids = list(subjects)
    sources = _sources_by_kind(data / "sources.yaml")
    std_dir = data / "standards"
    for k in range(n):
        std = make_standard(k, n, subjects, subject_ids, sources)
        text = (f"# Synthetic benchmark standard {k + 1} of {n} (tests/benchmarks/synth.py).\n"
                + yaml.dump(std, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100))
        (std_dir / f"{std['id']}.yaml").write_text(text, "utf-8")
    pages, planted = make_notes(n, subjects, subject_ids)
    for path, text in pages.items():
        target = out / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    real = len(list(std_dir.glob("*.yaml"))) - n
    summary = {
        "synthetic_standards": n,
        "real_standards": real,
        "note_pages": note_count(n),
        "pages": n + real + 3 + len(pages) + len(list((ROOT / "content").rglob("*.md"))),
        "check_date": CHECK_DATE.isoformat(),
        "planted": {
            "broken_links": len(planted["broken_links"]),
            "missing_pages": sum(1 for p in planted["broken_links"] if p["code"] == "link-missing-page"),
            "missing_anchors": sum(1 for p in planted["broken_links"] if p["code"] == "link-missing-anchor"),
            "false_claims": len(planted["false_claims"]),
        },
        "broken_links": planted["broken_links"],
        "false_claims": planted["false_claims"],
    }
    (out / "planted.json").write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    return summary


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python tests/benchmarks/synth.py N OUTDIR", file=sys.stderr)
        return 2
    summary = write(int(argv[0]), Path(argv[1]))
    p = summary["planted"]
    print(f"wrote {summary['synthetic_standards']} synthetic standards, {summary['note_pages']} note pages, "
          f"{summary['pages']} pages in all to {argv[1]}")
    print(f"planted: {p['broken_links']} broken links ({p['missing_pages']} to a missing page, "
          f"{p['missing_anchors']} to a missing anchor), {p['false_claims']} false claims")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
