"""Check the claim model apart from the corpus: extraction (sentence -> claims, with how each is
held) and evaluation (claim -> finding) tested separately, and a relation added as data alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helpers import ROOT, check, copy_site
from hooks.checks.claims import Checker
from hooks.checks.claims.evaluate import judge_role
from hooks.checks.claims.gazetteer import Mention
from hooks.checks.claims.holding_value import Holding
from hooks.checks.claims.reading import Reading
from hooks.checks.claims.registry import Claim
from hooks.checks.claims.roles import role_claims
from hooks.data.model import load_site

CHECK_DATE = dt.date(2026, 12, 5)  # the day the newest sources were read (was 2026-11-24)


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_site(ROOT), CHECK_DATE)


def extract(checker: Checker, sentence: str) -> set[tuple[str, str, str]]:
    """(predicate, agent as the data names it, mode) for each role claim of the sentence."""
    reading = Reading(sentence, checker.ctx.gaz.find(sentence), checker._parse, lambda t: False)
    reading.authority = lambda token: (m := reading.mention(token)) is not None and m.kind == "org"
    return {(c.predicate, c.agent.ref, c.holding.mode) for c in role_claims(reading, checker.registry)}


# --- extraction: sentence -> claims ---------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("ISO issues certificates to companies that pass an audit.", {("issues-certificates", "iso", "asserted")}),
    ("Our registrar, accredited by ANAB, certified the plant in 2024.",
     {("accredits-certification-bodies", "anab", "asserted"), ("issues-certificates", "certification-body", "asserted")}),
    ("It was ISO, not our registrar, that audited us.",
     {("issues-certificates", "iso", "asserted"), ("issues-certificates", "certification-body", "negated")}),
    ("We are registered to ISO 14001, and our registrar is accredited by UKAS.",
     {("accredits-certification-bodies", "ukas", "asserted")}),
    ("Some consultants still tell clients that ISO hands out certificates.", {("issues-certificates", "iso", "reported")}),
    ("Customers often read the logo as a sign that ISO audited the firm.", {("issues-certificates", "iso", "reported")}),
    ("Not a single certificate is issued by ISO.", {("issues-certificates", "iso", "negated")}),
    ("It is a myth that ISO issues certificates.", {("issues-certificates", "iso", "negated")}),
    ("If ISO certified you, your certificate would be void.", {("issues-certificates", "iso", "conditional")}),
    ("Does ISO issue certificates?", {("issues-certificates", "iso", "asked")}),
    ("Did you know that ISO issues certificates?", {("issues-certificates", "iso", "asserted")}),
    ("The certificate, which ANAB issued after the audit, lists our sites.", {("issues-certificates", "anab", "asserted")}),
    ("The certificate is not issued by the certification body but by ISO.",
     {("issues-certificates", "certification-body", "negated"), ("issues-certificates", "iso", "asserted")}),
    ("Our certificate comes from ISO.", {("issues-certificates", "iso", "asserted")}),
    ("We are an ISO-approved supplier.", {("approves-organizations", "iso", "asserted")}),
    ("A UKAS-accredited body certified us.", {("accredits-certification-bodies", "ukas", "asserted")}),
    ("ISO and IEC publish ISO/IEC 27001.",
     {("develops-standards", "iso", "asserted"), ("develops-standards", "iec", "asserted")}),
    ("ANAB is the publisher of ISO 45001.", {("develops-standards", "anab", "asserted")}),
    # ellipsis: a bare 'do' takes the role verb before it, with its own subject and negation
    ("It isn't the registrar that issues certificates; ANAB does.", {("issues-certificates", "anab", "asserted")}),
    ("Just as DNV certifies companies, so does ISO.",
     {("issues-certificates", "dnv", "asserted"), ("issues-certificates", "iso", "asserted")}),
    ("DNV certifies companies, but ISO does not.",
     {("issues-certificates", "dnv", "asserted"), ("issues-certificates", "iso", "negated")}),
    ("ISO never issues certificates, and neither does IEC.",
     {("issues-certificates", "iso", "negated"), ("issues-certificates", "iec", "negated")}),
    # exceptives, shared negation, terms, myth labels, presupposing questions
    ("Nobody except ISO can issue an ISO 9001 certificate.", {("issues-certificates", "iso", "asserted")}),
    ("ISO does not directly approve or certify anything.",
     {("approves-organizations", "iso", "negated"), ("issues-certificates", "iso", "negated")}),
    ("What is ISO approved, and should you care?", {("approves-organizations", "iso", "reported")}),
    ("Myth 3: ISO certifies companies.", {("issues-certificates", "iso", "negated")}),
    ("Why does ISO issue certificates?", {("issues-certificates", "iso", "asserted")}),
    # attachment: a perfect is active; the thing given in a passive; a relative pronoun's own noun
    ("Since 2026, IAF has operated the MLA.", {("evaluates-accreditation-bodies", "iaf", "asserted")}),
    ("Kestrel Ltd has been awarded ISO 14001 certification by ISO.", {("issues-certificates", "iso", "asserted")}),
    ("The accreditation body lists the certification bodies they have accredited.",
     {("accredits-certification-bodies", "accreditation-body", "asserted")}),
    # relations added as data: nouns naming the role, objects through 'the work of'
    ("IAF is the world association of accreditation bodies.", {("evaluates-accreditation-bodies", "iaf", "asserted")}),
    ("IAF oversees the work of accreditation bodies.", {("evaluates-accreditation-bodies", "iaf", "asserted")}),
    ("ISO has given its approval to our quality system.", {("approves-organizations", "iso", "asserted")}),
    ("UKAS maintains this high standard.", set()),
    ("The task of the IAF is to harmonise accreditation.", {("works-as-network", "iaf", "asserted")}),
    ("We are certified with ISO.", {("issues-certificates", "iso", "asserted")}),
    ("UKAS issued our ISO 9001 certificate.", {("issues-certificates", "ukas", "asserted")}),
    # asides that attribute the clause; a verb in -s the tagger reads as plural present
    ("As many buyers assume, ISO issues certificates.", {("issues-certificates", "iso", "reported")}),
    ("ISO issues certificates, some consultants claim.", {("issues-certificates", "iso", "reported")}),
    ("ISO issues certificates, as ANAB explains on its website.", {("issues-certificates", "iso", "asserted")}),
    ("As our auditor reminds clients, ISO audits each applicant before the certificate is printed.",
     {("issues-certificates", "iso", "asserted")}),
    # relative clauses: the noun kept before 'that' + a name; a relative pronoun through 'continues to'
    ("The accreditation body that IAF evaluates each year accredited our registrar.",
     {("evaluates-accreditation-bodies", "iaf", "asserted"),
      ("accredits-certification-bodies", "accreditation-body", "asserted")}),
    ("The registrar that ANAB accredited issued our certificate in May.",
     {("accredits-certification-bodies", "anab", "asserted"), ("issues-certificates", "certification-body", "asserted")}),
    ("Our body signed the IAF MLA, which IAF continues to manage.", {("evaluates-accreditation-bodies", "iaf", "asserted")}),
    # nouns naming the act, with the agent in a 'by' phrase; an object that makes the words another relation
    ("Certification by ISO takes about six months.", {("issues-certificates", "iso", "asserted")}),
    ("Certification by ISO is a myth.", {("issues-certificates", "iso", "negated")}),
    ("The vetting of certification bodies is done by ISO.", {("accredits-certification-bodies", "iso", "asserted")}),
    ("The development of ISO 14001 by UKAS took years.", {("develops-standards", "ukas", "asserted")}),
    ("UKAS audits certification bodies.", set()),
    ("The assessment of certification bodies is carried out by UKAS.", {("accredits-certification-bodies", "ukas", "asserted")}),
    # speakers: a body's brochure; 'which' after a comma read as an adverbial clause
    ("The CQI explains that ISO certifies companies.", {("issues-certificates", "iso", "asserted")}),
    ("Acme Consulting claims that ISO certifies companies.", {("issues-certificates", "iso", "reported")}),
    ("The DNV brochure we rely on explains that ISO admits accreditation bodies.",
     {("evaluates-accreditation-bodies", "iso", "asserted")}),
    ("We asked some consultants, who told us that ISO admits accreditation bodies.",
     {("evaluates-accreditation-bodies", "iso", "reported")}),
    ("Our certificates did not come from DNV; they all came from ISO.",
     {("issues-certificates", "dnv", "negated"), ("issues-certificates", "iso", "asserted")}),
    # the edition of a standard; a body named as the object is a body of its kind; hyphenated verb
    # prefixes ('co-', 'peer-', 're-'); 'it' standing for a standard named before in the sentence
    ("IAF drafted the first edition of ISO 14001 in 1996.", {("develops-standards", "iaf", "asserted")}),
    ("The IAF still evaluates ANAB every four years.", {("evaluates-accreditation-bodies", "iaf", "asserted")}),
    ("Our registrar is accredited by ANAB, which the IAF peer-assesses.",
     {("accredits-certification-bodies", "anab", "asserted"), ("evaluates-accreditation-bodies", "iaf", "asserted")}),
    ("DNV audited us, and ISO co-signed the certificate.",
     {("issues-certificates", "dnv", "asserted"), ("issues-certificates", "iso", "asserted")}),
    ("ANAB co-authored ISO 14001 with ISO.", {("develops-standards", "anab", "asserted")}),
    ("ISO wrote ISO 45001, and DNV later revised it.",
     {("develops-standards", "iso", "asserted"), ("develops-standards", "dnv", "asserted")}),
    ("Our ISO 14001 certificate was renewed in 2025, two years after DNV re-issued it.",
     {("issues-certificates", "dnv", "asserted")}),
    # a pseudo-cleft names the agent after the copula; 'rather than by X' rejects X; 'not X but Y' in a cleft
    ("The organization that certified our plant is ISO.", {("issues-certificates", "iso", "asserted")}),
    ("Our certificate was issued by DNV rather than by ISO.",
     {("issues-certificates", "dnv", "asserted"), ("issues-certificates", "iso", "negated")}),
    ("It is not DNV but ISO that issues our certificates.",
     {("issues-certificates", "dnv", "negated"), ("issues-certificates", "iso", "asserted")}),
    # a certificate issued to someone is not a standard published
    ("The ISO 14001 certificate that DNV issued us names ISO 14001:2026 and our plant.", set()),
    # 'does' in a relative clause: the one the clause is of, and not the verb whose object it describes
    ("DNV does not admit accreditation bodies, but IAF is the body that does.",
     {("evaluates-accreditation-bodies", "dnv", "negated"), ("evaluates-accreditation-bodies", "iaf", "asserted")}),
    ("ANAB does not certify anyone; it accredits the registrars that do.",
     {("issues-certificates", "anab", "negated"), ("accredits-certification-bodies", "anab", "asserted"),
      ("issues-certificates", "certification-body", "asserted")}),
    # a noun naming the role after 'remain' or 'become'; the class noun kept before a relative clause
    ("Since the handover, IAF has remained the global network of accreditation bodies.",
     {("evaluates-accreditation-bodies", "iaf", "asserted")}),
    ("The certification body that audited our plant is accredited by UKAS.",
     {("issues-certificates", "certification-body", "asserted"), ("accredits-certification-bodies", "ukas", "asserted")}),
    ("Most registrars acquire their accreditation from the IAF.", {("accredits-certification-bodies", "iaf", "asserted")}),
    ("After the audit, ISO dished out our certificate within a week.", {("issues-certificates", "iso", "asserted")}),
    # an act without a 'by' phrase: the owner of its seal, of the task it is, or the body it rests with
    ("Our plant proudly displays UKAS's seal of approval.", {("approves-organizations", "ukas", "asserted")}),
    ("The certification of companies is ISO's job.", {("issues-certificates", "iso", "asserted")}),
    ("Supervision of the arrangement now lies with the IAF.", {("evaluates-accreditation-bodies", "iaf", "asserted")}),
    ("The assessment of accreditation bodies is the IAF's task.", {("evaluates-accreditation-bodies", "iaf", "asserted")}),
    # idioms as data: a verb with a fixed object or phrase, the relation's object read from the entry's preposition
    ("DNV keeps close tabs on every certified supplier.", {("issues-certificates", "dnv", "asserted")}),
    ("ANAB keeps registrars in line.", {("accredits-certification-bodies", "anab", "asserted")}),
    ("IEC calls the shots on the MLA.", {("evaluates-accreditation-bodies", "iec", "asserted")}),
    ("ANAB gave the green light to our supplier last week.", {("approves-organizations", "anab", "asserted")}),
    ("IEC is behind ISO 14001.", {("develops-standards", "iec", "asserted")}),
    ("ANAB is in charge of the recognition arrangement.", {("evaluates-accreditation-bodies", "anab", "asserted")}),
    ("DNV issues certificates on behalf of UKAS.", {("issues-certificates", "dnv", "asserted")}),
    ("DNV keeps tabs on its competitors.", set()),
    # the owner of a hyphenated agent ("ISO's secretary-general"); the text of a standard written ("the requirements of X")
    ("Our registration was signed by IEC's secretary-general.", {("issues-certificates", "iec", "asserted")}),
    ("IEC drafted the clauses of ISO 14001.", {("develops-standards", "iec", "asserted")}),
    ("DNV compiled the requirements of ISO 14001 into a checklist.", set()),
    # going on doing it: 'carry on', 'go on' + a gerund share the subject, time and negation of the verb of going on
    ("ANAB has carried on running the MLA.", {("evaluates-accreditation-bodies", "anab", "asserted")}),
    ("IEC has not gone on running the MLA.", {("evaluates-accreditation-bodies", "iec", "negated")}),
    # a verb in -s the tagger read as a noun, known by its subject and direct object
    ("IEC, like DNV, issues certificates to its clients.", {("issues-certificates", "iec", "asserted")}),
    # an act given to a body: "it falls to X to ...", "it is up to X to ...", a gerund that is X's job
    ("It falls to IEC to vet the registrars.", {("accredits-certification-bodies", "iec", "asserted")}),
    ("It is not up to IEC to vet the registrars.", {("accredits-certification-bodies", "iec", "negated")}),
    ("Keeping tabs on registrars is UKAS's job.", {("accredits-certification-bodies", "ukas", "asserted")}),
])
def test_extraction(checker: Checker, sentence: str, expected: set[tuple[str, str, str]]) -> None:
    """Check that a sentence yields exactly these role claims, each with how the sentence holds it."""
    assert extract(checker, sentence) == expected


def test_extraction_reads_the_time_a_claim_speaks_of(checker: Checker) -> None:
    """Check that a past claim carries its year and how the year is named."""
    sentence = "Until 2026, IAF ran the MLA."
    reading = Reading(sentence, checker.ctx.gaz.find(sentence), checker._parse, lambda t: False)
    [claim] = role_claims(reading, checker.registry)
    assert (claim.holding.past, claim.holding.year, claim.holding.relation) == (True, 2026, "until")


def test_a_question_answered_yes_or_no_is_held_as_the_answer_says(checker: Checker) -> None:
    """Check that 'Is X so? Yes.' asserts what is asked and 'No.' denies it; unanswered, it is asked."""
    sentence = "Does ISO issue certificates?"
    modes = {}
    for answer in (None, "yes", "no"):
        reading = Reading(sentence, checker.ctx.gaz.find(sentence), checker._parse, lambda t: False, answer=answer)
        modes[answer] = {c.holding.mode for c in role_claims(reading, checker.registry)}
    assert modes == {None: {"asked"}, "yes": {"asserted"}, "no": {"negated"}}


# --- evaluation: claim -> finding -----------------------------------------------------------

def _claim(checker: Checker, predicate: str, kind: str, ref: str, holding: Holding,
           standard: str | None = None) -> Claim:
    agent = Mention(kind, ref, 0, 3)
    std = Mention("standard", standard, 10, 18) if standard else None
    return Claim(predicate, agent, 0, 10, holding, standard=std)


NOW = Holding("asserted")
PAST = Holding("asserted", past=True)


@pytest.mark.parametrize("predicate, kind, ref, holding, standard, code", [
    ("issues-certificates", "org", "iso", NOW, None, "role-issuer"),
    ("issues-certificates", "org", "iso", PAST, None, "role-issuer"),
    ("issues-certificates", "org", "iso", Holding("negated"), None, None),
    ("issues-certificates", "org", "iso", Holding("reported"), None, None),
    ("issues-certificates", "org", "dnv", NOW, None, None),
    ("issues-certificates", "class", "certification-body", NOW, None, None),
    ("issues-certificates", "class", "accreditation-body", NOW, None, "role-issuer"),
    ("accredits-certification-bodies", "org", "ukas", NOW, None, None),
    ("accredits-certification-bodies", "org", "iso", NOW, None, "role-accreditor"),
    ("approves-organizations", "org", "iso", NOW, None, "role-approver"),
    ("evaluates-accreditation-bodies", "org", "iaf", NOW, None, "org-succeeded"),
    ("evaluates-accreditation-bodies", "org", "iaf", PAST, None, None),
    ("evaluates-accreditation-bodies", "org", "iaf", Holding("asserted", past=True, year=2026, relation="until"), None, None),
    ("evaluates-accreditation-bodies", "org", "iaf", Holding("asserted", year=2027, relation="in"), None, "org-succeeded"),
    ("evaluates-accreditation-bodies", "org", "global-accreditation-cooperation", NOW, None, None),
    ("develops-standards", "org", "iec", NOW, "iso-iec-27001", None),
    ("develops-standards", "org", "iec", NOW, "iso-9001", "role-developer"),
    ("develops-standards", "org", "ukas", NOW, None, "role-developer"),
])
def test_evaluation(checker: Checker, predicate: str, kind: str, ref: str, holding: Holding,
                    standard: str | None, code: str | None) -> None:
    """Check that a claim is judged against the roles and their dates as of the check date."""
    hit = judge_role(_claim(checker, predicate, kind, ref, holding, standard), checker.ctx)
    assert (hit.code if hit else None) == code


def test_a_finding_names_the_correct_value_and_its_source(checker: Checker) -> None:
    """Check that a role finding says who holds the role instead, with the data's source."""
    hit = judge_role(_claim(checker, "evaluates-accreditation-bodies", "org", "iaf", NOW), checker.ctx)
    assert hit is not None and hit.expected == "Global Accreditation Cooperation"
    assert hit.source and hit.source.startswith("https://")
    assert "2026-01-01" in hit.message


# --- a relation is data -------------------------------------------------------------------

NEW_RELATION = """
  - id: trains-auditors
    tests: role
    code: role-trainer
    does: train auditors
    kinds: []
    frames:
      - verbs: [train, teach, coach]
        objects: [auditor, assessor]
"""


def test_a_new_relation_is_a_data_entry(tmp_path: Path) -> None:
    """Check that a relation added to data/predicates.yaml (and held by one organization) is checked, no Python."""
    root = copy_site(tmp_path / "site")
    draft = tmp_path / "draft.md"
    draft.write_text("ISO trains auditors every spring.\n\nDNV trains auditors for its clients.\n", "utf-8")
    before = json.loads(check(root, str(draft), "--format", "json").stdout)
    assert not [f for f in before["findings"] if f["file"].endswith("draft.md")]
    predicates = root / "data" / "predicates.yaml"
    predicates.write_text(predicates.read_text("utf-8") + NEW_RELATION, "utf-8")
    orgs = root / "data" / "organizations.yaml"
    text = orgs.read_text("utf-8")
    anchor = "      - role: issues-certificates\n"
    at = text.index(anchor)
    role = ("      - role: trains-auditors\n        since: null\n        until: null\n"
            "        source: dnv-accredited-certification\n        verified: 2026-11-24\n")
    orgs.write_text(text[:at] + role + text[at:], "utf-8")
    after = json.loads(check(root, str(draft), "--format", "json").stdout)
    found = [(f["line"], f["code"]) for f in after["findings"] if f["file"].endswith("draft.md")]
    assert found == [(1, "role-trainer")]


NEW_IDIOM = """      - verbs: [hold]
        fixed_object: rein
        prep: "on"
        objects: [certification, certificate]
"""


def test_a_new_idiom_is_a_data_entry(tmp_path: Path) -> None:
    """Check that an idiom added as a frame of data/predicates.yaml (verb, fixed object, preposition) is read, no
    Python: the relation's object is the preposition's object, and only the listed pieces make the idiom."""
    root = copy_site(tmp_path / "site")
    draft = tmp_path / "draft.md"
    draft.write_text("ISO holds the reins on certification.\n\nISO holds meetings on certification.\n\n"
                     "DNV holds the reins on certification.\n", "utf-8")
    before = json.loads(check(root, str(draft), "--format", "json").stdout)
    assert not [f for f in before["findings"] if f["file"].endswith("draft.md")]
    predicates = root / "data" / "predicates.yaml"
    text = predicates.read_text("utf-8")
    at = text.index("    frames:\n") + len("    frames:\n")  # the first predicate's: issues-certificates
    predicates.write_text(text[:at] + NEW_IDIOM + text[at:], "utf-8")
    after = json.loads(check(root, str(draft), "--format", "json").stdout)
    found = [(f["line"], f["code"]) for f in after["findings"] if f["file"].endswith("draft.md")]
    assert found == [(1, "role-issuer")]


def test_an_unknown_designation_is_a_note_with_a_did_you_mean(checker: Checker) -> None:
    """Check that a designation the data does not know is a note that suggests the nearest known one."""
    from hooks.pages.markdown import parse
    hits = [h for _, h in checker.hits(parse("We are certified to ISO 19001."))]
    assert [(h.code, h.severity) for h in hits] == [("designation-unknown", "info")]
    assert "Did you mean ISO 19011?" in hits[0].message


@pytest.mark.parametrize("text", [
    "An accredited certification body works out the audit time for each client, and it must use IAF MD 5 when it does so.",
    "Under IAF MD 1 a sample of sites is audited. Where sampling does not fit, it audits every site.",
])
def test_a_bodys_document_is_not_the_body(checker: Checker, text: str) -> None:
    """'IAF MD 5' names IAF's mandatory document: no role of IAF's is read from it, nor is a later 'it'
    taken to mean IAF; and being no ISO designation, it asks for no did-you-mean."""
    from hooks.pages.markdown import parse
    assert [(h.code, h.severity) for _, h in checker.hits(parse(text))] == []
    assert [m.kind for m in checker.ctx.gaz.find(text) if "MD" in text[m.start:m.end]] == ["document"]


# --- the pattern checks, read through the parse ---------------------------------------------

def codes(checker: Checker, text: str) -> list[str]:
    from hooks.pages.markdown import parse
    return sorted(h.code for _, h in checker.hits(parse(text)) if h.severity == "error")


@pytest.mark.parametrize("text, expected", [
    # editions: by year alone, predecessors called current, offers, history, leaving an edition
    ("The latest version of ISO 14001 is the 2004 edition.", ["edition-withdrawn"]),
    ("OHSAS 18001 is the current standard for occupational health and safety.", ["edition-withdrawn"]),
    ("OHSAS 18001 is an international standard for occupational health and safety.", ["edition-withdrawn"]),
    ("ISO 9001:2000 certification available now.", ["edition-withdrawn"]),
    ("Acme Ltd — ISO 9001 2008 certified.", ["edition-withdrawn"]),
    ("When we were first certified in 2012, ISO 9001:2008 was the current edition.", []),
    ("The 2022 edition of ISO/IEC 27001 replaced the 2013 edition.", []),
    ("Acme has achieved ISO 45001:2018 certification, replacing its previous OHSAS 18001 certificate.", []),
    ("Holders of OHSAS 18001 certificates, kindly upgrade the current system to ISO 45001.", []),
    ("ISO 45001 did not replace OHSAS 18001; both remain valid bases for certification today.", ["edition-withdrawn"]),
    ("ISO 45001 replaced OHSAS 18001 in 2018, and both were valid for certification until 2021.", []),
    ("ISO 9001:2008 is not outdated: we still hold it proudly.", ["edition-withdrawn"]),
    ("We replaced ISO 9001:2008 in 2017; we no longer hold it.", []),
    ("ISO 9001:2008, which we still hold, has served us well.", ["edition-withdrawn"]),
    ("Audited by DNV last month, our plant holds ISO 9001:2008.", ["edition-withdrawn"]),
    ("ISO 45001 was not published until 2020.", ["edition-date"]),
    ("ISO 45001 was not published until 2018.", []),
    ("ISO certificates expire after just one year.", ["cert-validity"]),
    ("Is an internal audit a third-party audit? Yes.", ["audit-party"]),
    ("Is an internal audit a third-party audit? No.", []),
    ("A supplier audit by your customer is not a second-party audit but a third-party one.", ["audit-party"]),
    ("Not ISO, but our registrar, issued the certificate.", []),
    ("ISO writes the standard and audits the companies that adopt it.", ["role-issuer"]),
    ("We hold an ISO 9001:2008 certificate, first issued in 2009.", ["edition-withdrawn"]),
    # numbers: said of a certificate, judged only where asserted or denied
    ("The certificate runs out after a decade.", ["cert-validity"]),
    ("The certificate has to be refreshed every 12 months.", ["cert-validity"]),
    ("How long is a certificate valid? Five years.", ["cert-validity"]),
    ("How long is a certificate valid? Three years.", []),
    ("Our sales team believes, and our registrar confirms, that the certificate lasts three years.", []),
    ("Surveillance visits happen biennially.", ["surveillance-frequency"]),
    ("Surveillance audits need not happen more than once every two years.", ["surveillance-frequency"]),
    ("Surveillance audits need not happen more than once a year.", []),
    ("We run a three-year cycle with surveillance visits every twelve months.", []),
    ("In a typical cycle there are two surveillance audits, about twelve months apart.", []),
    ("Do surveillance audits happen every year? No, only every two years.", ["surveillance-frequency"] * 2),
    # audit parties and requirements, through the subject of the verb
    ("Only third-party audits, not first- or second-party ones, can result in certification.", []),
    ("A supplier audit by a customer is a third-party audit, not a second-party one.", ["audit-party"]),
    ("The checks our staff run on their own departments count as second-party audits.", ["audit-party"]),
    ("The checks our staff run on their own departments count as first-party audits.", []),
    ("ISO is the certifier.", ["role-issuer"]),
    ("The certification body, not ISO, is the certifier.", []),
    ("ISO, not our registrar, issued the certificate.", ["role-issuer"]),
    ("A customer audit, which is not a third-party audit, cannot lead to certification.", []),
    ("ISO 9001 requires certification.", ["cert-required"]),
    ("ISO 14001 certification requires an organization to set objectives.", []),
    ("Every organization using ISO 9001 must become certified.", ["cert-required"]),
    ("Not every organization using ISO 9001 must be certified.", []),
    ("Every supplier in regulated industries must be certified.", []),
    ("Certification lasts three years, with mandatory annual surveillance audits.", []),
    # subjects: brackets, 'respectively', set aside, coordinated
    ("Well-known standards include ISO 9001 (quality), ISO 14001 (environment) and ISO 45001 (health and safety).", []),
    ("ISO 9001 (environment) is popular.", ["standard-subject"]),
    ("ISO 9001, ISO 14001 and ISO 45001 cover quality, the environment and health and safety respectively.", []),
    ("ISO 45001 covers occupational health and safety instead of the environment.", []),
    ("Both ISO 9001 and ISO 45001 are quality standards.", ["standard-subject"]),
    ("The standard that governs occupational health and safety is ISO 14001.", ["standard-subject"]),
    ("The standard that governs occupational health and safety is ISO 45001.", []),
    # answers
    ("Who issues ISO certificates? ISO does.", ["role-issuer"]),
    ("Who issues ISO certificates? Certification bodies do.", []),
    ("Is OHSAS 18001 still current? Yes.", ["edition-withdrawn"]),
    ("Is OHSAS 18001 still current? No.", []),
    ("Which standard covers information security? ISO 14001.", ["standard-subject"]),
    ("Which standard covers information security? ISO/IEC 27001.", []),
    ("Who signs an ISO 9001 certificate? UKAS, once the audit is closed.", ["role-issuer"]),
    ("Who runs the MLA today? The IAF, as it always has.", ["org-succeeded"]),
    ("Who issues certificates? ISO, some people think.", []),
    ("Who issues certificates? A certification body, not ISO.", []),
    ("When did ISO 45001 first come out? Back in 2013.", ["edition-date"]),
    ("When was ISO 45001 first published? In 2018.", []),
    ("What does ISO 14001 cover? Information security, mainly.", ["standard-subject"]),
    ("What does ISO 14001 cover? Environmental management.", []),
    ("What does ISO 14001 cover? Not information security.", []),
    ("Which version of ISO 45001 is current? OHSAS 18001.", ["edition-withdrawn"]),
    ("Which edition of ISO 14001 is the current one? ISO 14001:2004.", ["edition-withdrawn"]),
    ("Who accredits certification bodies? The IAF does, after a peer review of each applicant.", ["role-accreditor"]),
    # what came up on the second and third splits and the second set of real pages
    ("Therefore a company cannot be either accredited or certified by ISO.", []),
    ("IAF has decided that OHSAS 18001 certifications can be extended by six months.", []),
    ("Back in 2016 we still held an ISO 14001:2004 certificate.", []),
    ("We offer ISO 9001:2026 certification audits.", ["edition-future"]),
    ("ISO 9001:2026 replaced ISO 9001:2015 earlier this year.", ["edition-future"]),
    ("The first edition of ISO 45001 came out in 2013.", ["edition-date"]),
    ("The first version of ISO 9001 was published in 1987.", []),
    ("Is our registrar ISO-approved? The question makes no sense: ISO approves no one.", []),
    ("Are you looking for an ISO-approved partner?", ["role-approver"]),
    ("We are an ISO 9001 certified company, audited every year by ISO inspectors.", ["role-issuer"]),
    ("Our plant, audited last spring by a team from ISO, is now certified.", ["role-issuer"]),
    ("Bright Dairy Co. today announced that UKAS has certified its plant to ISO 45001:2018.", ["role-issuer"]),
    ("Rivals still claim that ISO 9001:2008 certification is acceptable, which has not been true since 2018.", []),
    ("We chose a registrar that UKAS accredits, and it issued our certificate in May.", []),
    ("We offer gap analysis, documentation and your certificate from ISO within six weeks.", ["role-issuer"]),
    ("You cannot get a certificate from ISO.", []),
    ("Our registrar already certifies clients to ISO 9001:2026.", ["edition-future"]),
    ("Our registrar's accreditation was conferred by Global Accreditation Cooperation.", ["role-accreditor"]),
    ("We help you gain ISO 9001, ISO 14001 and OHSAS 18001 certification.", ["edition-withdrawn"]),
    ("Our certificate did not come from our registrar but from ISO itself.", ["role-issuer"]),
    ("ISO 45001 was penned by the safety experts at UKAS.", ["role-developer"]),
    ("ISO 45001 is the go-to framework for data security.", ["standard-subject"]),
    ("ISO 45001 was introduced in 2015 to replace OHSAS 18001.", ["edition-date"]),
    ("Global Accreditation Cooperation already ran the MLA back in 2015.", ["org-role"]),
    ("Certification bodies get their accreditation from ISO itself.", ["role-accreditor"]),
    ("ISO, which develops the standards, leaves auditing to certification bodies.", []),
    ("ISO 9001 covers quality, ISO 14001 the environment and ISO 45001 health and safety.", []),
    # an edition held or in use now, read from the parse: the object of 'hold' (through 'which' too), or
    # the subject of 'remains' / 'is still' with a word of use
    ("We migrated our head office to ISO 45001 last year, but our depot still holds OHSAS 18001.", ["edition-withdrawn"]),
    ("ISO 9001:2008 remains a recognised basis for certification.", ["edition-withdrawn"]),
    ("ISO 14001:2004 is still the version most of our suppliers hold.", ["edition-withdrawn"]),
    ("ISO 14001:2004, which our depot still holds, was revised in 2015.", ["edition-withdrawn"]),
    # audit parties: the description tied to the label by the verb ("performs", "serves as", "by"), the
    # reporter left out ("X confirms that ..."), a label denied of its own description, "they" for the subject before
    ("Our certification body explains that an audit by a customer qualifies as a third-party audit.", ["audit-party"]),
    ("Our registrar confirms that an audit by a customer is a second-party audit.", []),
    ("A customer inspecting a supplier performs a first-party audit.", ["audit-party"]),
    ("Our internal audit staff conduct third-party audits of each site.", ["audit-party"]),
    ("Your internal audit serves as the third-party audit your certificate needs.", ["audit-party"]),
    ("We were certified after a first-party audit by an independent certification body.", ["audit-party"]),
    ("An internal audit is never a first-party audit.", ["audit-party"]),
    ("An internal audit is not a third-party audit.", []),
    ("Second-party audits are the ones customers perform, and they can lead to certification.", ["audit-party"]),
    # numbers: a frequency timing the certification body's visits (its subject, or "visits by" it), a
    # duration naming the certificate ("a four-year certificate"), renewal "once every N years", a span from
    # issue to expiry longer than a cycle, a number whose unit was said before ("... good for four")
    ("Our certification body inspects the factory only once per three-year cycle.", ["surveillance-frequency"]),
    ("Visits by the certifier come every twenty months or so.", ["surveillance-frequency"]),
    ("The registrar pops in every other year to look at our records.", ["surveillance-frequency"]),
    ("Our internal auditors visit each site every two years.", []),
    ("Most firms hold a four-year certificate these days.", ["cert-validity"]),
    ("This month we mark our ten-year certification anniversary.", []),
    ("Our certificate needs renewing only once a decade.", ["cert-validity"]),
    ("The certificate, granted in 2024, stays valid until 2031.", ["cert-validity"]),
    ("Our certificate, issued in May 2024, is valid until May 2027.", []),
    ("Audits come yearly, while the certificate is good for four.", ["cert-validity"]),
    # certification required: "a must" said of certification (also as what 'make' makes it), a standard's use
    # denied without certification ("cannot use X unless certified", "does not let ... use X without ...")
    ("Under ISO's scheme, certification is a must for every adopter of its standards.", ["cert-required"]),
    ("ISO makes certification a must for all who use ISO 14001.", ["cert-required"]),
    ("For our aerospace customers, certification is a must.", []),
    ("Nobody may adopt ISO 45001 until they have been certified.", ["cert-required"]),
    ("ISO does not permit companies to follow ISO 9001 without certification.", ["cert-required"]),
    ("Any company can follow ISO 9001 without being certified to it.", []),
    ("You may not display the certification mark of your registrar unless you are certified.", []),
    # a lower bound on a duration: "longer than", "more than", "at least" (an upper bound may be true of a
    # certificate issued mid-cycle); "no longer than" is left unjudged
    ("Not a single certificate is valid for longer than two years.", ["cert-validity"]),
    ("Our registrar's certificates run for more than three years.", ["cert-validity"]),
    ("A certificate is good for more than a year.", []),
    ("Certificates usually last at least three years.", []),
    ("Registration lasts no longer than a year.", []),
    # a withdrawn edition denied to be gone, now ('not withdrawn', 'not expired', 'not lost its validity'); not
    # 'not withdrawn until 2018', nor in the past
    ("Despite the rumours, OHSAS 18001 has not been superseded.", ["edition-withdrawn"]),
    ("Certificates to ISO 14001:2004 have not lapsed.", ["edition-withdrawn"]),
    ("ISO 14001:2004 has not lost its validity.", ["edition-withdrawn"]),
    ("ISO 14001:2004 was not withdrawn until 2018.", []),
    ("In 2015 our ISO 14001:2004 certificate had not yet expired.", []),
    ("Our ISO 9001:2015 certificate has not expired.", []),
    # an edition elided after a clause on the current edition: 'X is no longer current; Y is.'
    ("ISO 9001:2015 has stopped being the current edition; ISO 9001:2008 is.", ["edition-withdrawn"]),
    ("ISO 9001:2015 is no longer the latest version. ISO 9001:2026 is.", ["edition-future"]),
    ("ISO 9001:2008 is no longer the current edition; ISO 9001:2015 is.", []),
    # an advertisement's opening question names a withdrawn edition and the next sentence offers it; not a move
    # away from it, nor a current edition (the memo keys the answer by the edition asked about)
    ("Searching for ISO 14001:2004 registration? Our auditors can get you registered in weeks.", ["edition-withdrawn"]),
    ("Want OHSAS 18001 certification for your plant? Call us.", ["edition-withdrawn"]),
    ("Want OHSAS 18001 certification for your plant? We can help you migrate to ISO 45001.", []),
    ("Searching for ISO 9001:2015 registration? Our auditors can get you registered in weeks.", []),
    # "it" for the certification a question asked about, required by a standards body or its standard
    ("Do we have to be certified? IEC requires it of all users of its standards.", ["cert-required"]),
    ("Must every company seek certification? ISO 14001 demands it.", ["cert-required"]),
    ("Do we have to be certified? Our biggest customer requires it.", []),
    ("Is the certification audit a must? ISO 14001 requires it.", []),
    ("Do we have to be certified? Not under ISO rules, though a tender may demand it.", []),
    # 'it' opening the answer to a question about one edition stands for that edition
    ("Has ISO 9001:2026 been released? Yes, it is the newest edition.", ["edition-future"]),
    ("Have you heard of ISO 14001:2004? It is the most recent edition.", ["edition-withdrawn"]),
    ("Have you heard of ISO 9001:2015? It is the most recent edition.", []),
    # 'saw the light of day' is a first publication
    ("ISO 9001 saw the light of day in 1994.", ["edition-date"]),
    ("In 2001, ISO brought out the initial version of ISO 45001.", ["edition-date"]),
    ("ISO released the first edition of ISO 14001 in 1996.", []),
])
def test_pattern_checks(checker: Checker, text: str, expected: list[str]) -> None:
    """Check that the edition, number, party, requirement and subject checks read these as the data says."""
    assert codes(checker, text) == expected


def test_a_clause_after_another_edition_is_judged_again(checker: Checker) -> None:
    """Check that the same answer after a question naming another edition of the same standard is judged anew
    (the checker's memo keys a clause by the edition named before it, not only the standard)."""
    offer = "Looking for ISO 9001:{} certification? We can certify you within a month."
    assert codes(checker, offer.format(2008)) == ["edition-withdrawn"]
    assert codes(checker, offer.format(2015)) == []


# --- edition claims (branch rc-editions): offers, news, definitions, short answers, history, reports ---------

def test_an_offer_of_a_withdrawn_edition_is_judged_as_its_use(checker: Checker) -> None:
    """Check that 'we specialise in' and 'phone us for' offer the edition they name; a move away from it does not."""
    assert codes(checker, "We specialise in ISO 14001:2004 implementation for small firms.") == ["edition-withdrawn"]
    assert codes(checker, "Phone us this week for OHSAS 18001 certification audits.") == ["edition-withdrawn"]
    assert codes(checker, "Contact us to move your ISO 14001:2004 registration to the 2015 edition.") == []


def test_a_certification_announced_in_the_main_clause_is_news(checker: Checker) -> None:
    """Check that '<Company> has gained <edition> certification' claims to hold it now; not a relative clause's
    'firms that have gained', nor one dated in a past year."""
    assert codes(checker, "Tarn Valley Foods has gained ISO 9001:2008 certification.") == ["edition-withdrawn"]
    assert codes(checker, "Suppliers that have gained ISO 9001:2008 certification should plan ahead.") == []
    assert codes(checker, "Tarn Valley Foods has gained ISO 9001:2008 certification in 2012.") == []


def test_a_withdrawn_edition_that_defines_requirements_now_is_in_use(checker: Checker) -> None:
    """Check that a withdrawn edition as the present-tense subject of 'lays down the requirements' is in use."""
    assert codes(checker, "ISO 9001:2000 lays down the requirements for a quality management system.") == ["edition-withdrawn"]
    assert codes(checker, "ISO 9001:2000 laid down the requirements for a quality management system.") == []


def test_a_year_answering_a_question_on_the_current_edition_names_it(checker: Checker) -> None:
    """Check that 'The 2005 one.' after a question on the newest edition says that edition is current."""
    assert codes(checker, "Which edition of ISO/IEC 27001 is the newest? The 2005 one.") == ["edition-withdrawn"]
    assert codes(checker, "Which edition of ISO/IEC 27001 is the newest? The 2022 one.") == []
    assert codes(checker, "What was the current edition of ISO 14001 in 2010? The 2004 edition.") == []


def test_a_past_certificate_naming_its_edition_is_history(checker: Checker) -> None:
    """Check that 'Our original certificate, granted in 1999, named the 1996 edition' (the verb parsed as a
    participle) is read in the past; a present 'names' is not."""
    assert codes(checker, "Our original ISO 14001 certificate, granted in 1999 by DNV, named the 1996 edition.") == []
    assert codes(checker, "Our ISO 9001 certificate, renewed by DNV in May, names the 2008 edition.") == ["edition-withdrawn"]


def test_what_trainers_teach_is_reported(checker: Checker) -> None:
    """Check that 'consultants still teach that X is current' is a report, not the writer's claim."""
    assert codes(checker, "Several consultants still teach that ISO 9001:2008 is the current edition.") == []
    assert codes(checker, "Our registrar states that ISO 9001:2008 is the current edition.") == ["edition-withdrawn"]


def test_first_publication_and_replacement_read_by_construction(checker: Checker) -> None:
    """Check 'not first published in X but in Y' (Y claimed), 'the X edition dates from Y' (a date, not an
    edition), 'the X standard has replaced Y' and an unknown edition replacing the current one (one finding)."""
    assert codes(checker, "ISO 45001 was not first published in 2013 but in 2016.") == ["edition-date"]
    assert codes(checker, "ISO 45001 was not first published in 2013 but in 2018.") == []
    assert codes(checker, "The first ISO 9001 edition dates from 1990.") == ["edition-date"]
    assert codes(checker, "The ISO 9001:2026 standard has replaced ISO 9001:2015.") == ["edition-future"]
    assert codes(checker, "ISO 45001:2024 superseded the 2018 edition.") == ["edition-unknown"]


@pytest.mark.parametrize("text, expected", [
    # a verb the parse read as the first word of a compound noun, in a sentence with no verb; a negation leaves it
    ("IEC, ISO and UKAS all issue certificates.", ["role-issuer", "role-issuer", "role-issuer"]),
    ("UKAS, like our registrar, certifies factories.", ["role-issuer"]),
    ("The ISO secretariat issues certificates.", ["role-issuer"]),
    ("Our registrar and DNV all issue certificates.", []),
    ("ISO neither certifies organizations nor issues certificates.", []),
    # a standard the data knows only by its designation, said to be written by a body
    ("ISO/IEC 17021-1 was drafted by ANAB.", ["role-developer"]),
    ("ISO/IEC 17021-1 was drafted by ISO and IEC.", []),
    # the MRA is the recognition arrangement: who runs it, and 'X still does' after its denial
    ("UKAS operates the MRA.", ["org-role"]),
    ("ANAB does not oversee the MRA; IAF still does.", ["org-succeeded"]),
    # a certificate got from a body; a firm registered with one (not a certificate listed with one); a certificate
    # endorsed
    ("Buy your certificate straight from ISO.", ["role-issuer"]),
    ("Our plant is registered with ISO.", ["role-issuer"]),
    ("Our certificate is registered with IAF CertSearch.", []),
    ("ISO endorsed our certificate.", ["role-approver"]),
    # one of the writer's side believing is reported, not relied on
    ("Our CEO believed that ISO certifies companies.", []),
    ("We believe that ISO certifies companies.", ["role-issuer"]),
    # an aside naming the writer's side or a body: its own words are no audit party, and 'it' is the body named
    ("As our certification body explained, an internal audit is a third-party audit.", ["audit-party"]),
    ("As ISO makes clear, it requires every organization using ISO 9001 to be certified.", ["cert-required"]),
])
def test_role_constructions_of_rc_roles(checker: Checker, text: str, expected: list[str]) -> None:
    """Check that verbs read as nouns, standards named without a page, the MRA, certificates got from or firms
    registered with a body, a believer of the writer's side and an aside's speaker are read as the data says."""


@pytest.mark.parametrize("text,expected", [
    # a frequency compared: 'less often than once a year' is wrong, 'never less often', 'no less frequent' right
    ("Surveillance audits take place less often than once a year.", ["surveillance-frequency"]),
    ("Surveillance audits never take place less often than once a year.", []),
    ("Surveillance audits take place no less often than once a year.", []),
    ("Surveillance audits take place less often than every six months.", []),
    # one surveillance audit in a three-year cycle
    ("Certificates run three years, with one surveillance audit midway.", ["surveillance-frequency"]),
    ("There is only one surveillance visit during the certification cycle.", ["surveillance-frequency"]),
    ("Certificates run three years, with a surveillance audit every year.", []),
    # subjects in an apposition to a list of standards, read in pairs; a further standard after them left out
    ("ISO 9001 and ISO 45001, the quality and safety standards, are often combined.", []),
    ("ISO 45001 and ISO 9001, the quality and safety standards, are often combined.", ["standard-subject", "standard-subject"]),
    ("ISO 14001 and ISO 45001, the environmental and safety standards, resemble ISO 9001.", []),
    # 'not' on the verb is counted once, not again as a denial of the phrase after it
    ("ISO 14001 is not quality management.", []),
    # a designation without a page given, in apposition, the full title of a standard the data has
    ("ISO 9004, Quality management systems — Requirements, is the certifiable one.", ["standard-title"]),
    ("Unlike ISO 9000, Quality management systems — Requirements (ISO 9001) can be certified.", []),
    # 'not first published in X but in Y': Y is the year said
    ("ISO 9001 was not first published in 1987 but in 2000.", ["edition-date"]),
    ("ISO 9001 was first published not in 2000 but in 1987.", []),
    # certification said to be a legal requirement that ISO sets; a legal mandate alone is no claim about ISO
    ("ISO 9001 certification is a legal requirement that ISO imposes on every supplier.", ["cert-required"]),
    ("ISO 9001 certification is a legal requirement for every supplier.", []),
    ("ISO 9001 requires a management review, but not certification.", []),
    # a frequency said of the recertification named as the clause's subject, not of the surveillance named after it
    ("Recertification rolls round every three years, with surveillance audits in the years between.", []),
    # no surveillance audit until the cycle ends, or surveillance skipped for a year or more
    ("No surveillance audit takes place until the certificate expires.", ["surveillance-frequency"]),
    ("Surveillance audits can be skipped for a year.", ["surveillance-frequency"]),
    ("After the second surveillance audit, no surveillance audit takes place until the certificate expires.", []),
    # an aside between 'must' and its verb; 'it' for the standards body named before it in the sentence
    ("Every supplier must, under ISO rules, be certified.", ["cert-required"]),
    ("As ISO makes plain, it requires every supplier to be certified.", ["cert-required"]),
    ("Our customer said ISO requires nothing, but it requires us to be certified.", []),
    # the short answer to 'what kind of X is Y?' is said of Y
    ("What kind of audit is a supplier audit? A third-party audit.", ["audit-party"]),
    ("What kind of audit is a supplier audit? A second-party audit.", []),
])
def test_fact_checks_read_comparisons_and_appositions(checker: Checker, text: str, expected: list[str]) -> None:
    """Check that the certificate, subject, title, first-publication and requirement checks read these constructions."""
    assert codes(checker, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a cleft whose contrasted half ('rather than Y', ', not Y,') carries the relative clause in the parse
    ("It was ISO rather than our registrar that audited our plant in March.", ["role-issuer"]),
    ("It was UKAS, not our registrar, that renewed our certificate.", ["role-issuer"]),
    ("It was DNV rather than our consultant that audited our plant in March.", []),
    # 'the standard that X developed' with the standard named beside it in commas
    ("The standard that IEC drafted for environmental management, ISO 14001, is widely used.", ["role-developer"]),
    ("ISO 14001, the standard that IEC published, sits beside ISO 9001.", ["role-developer"]),
    ("The standard that ISO developed, unlike ISO 45001, is voluntary.", []),
    ("Unlike ISO 9001, the standard that IEC wrote covers electrical safety.", []),
    # a second passive participle is said of what the first is said of
    ("Our certificate, signed by DNV and endorsed by UKAS, is framed in the lobby.", ["role-approver"]),
    ("Our certificate, signed by DNV and recognised by UKAS, is framed in the lobby.", []),
    # 'had a hand in (writing) X', an idiom of the data
    ("UKAS had a hand in drafting ISO 14001.", ["role-developer"]),
    ("The IEC had a hand in promoting ISO 45001.", []),
    # a gapped passive: '..., and Y by Z' says Z did it to Y
    ("ISO/IEC 27001 was written by ISO and IEC, and ISO 14001 by IEC.", ["role-developer"]),
    ("ISO 14001 was written by ISO, and ISO/IEC 27001 by ISO and IEC.", []),
    # 'it' after a passive is its subject, not the body in its 'by' phrase
    ("Our certification body is accredited by UKAS, so every certificate it signs is trusted.", []),
    # a joke reports what others say
    ("Old hands quip that ISO certification is a one-time event.", []),
    ("Some consultants joke that ISO issues the certificates.", []),
    # a long FAQ answer that names what the question asks about by a pronoun
    ("**Who issues ISO 9001 certificates?** UKAS issues them from its offices after each certification audit.", ["role-issuer"]),
    ("**Who issues ISO 9001 certificates?** DNV issues them from its offices after each certification audit.", []),
])
def test_role_checks_read_clefts_appositions_gaps_and_answers(checker: Checker, text: str, expected: list[str]) -> None:
    """Check that the role checks read these constructions, and that a reported joke is not the writer's claim."""


@pytest.mark.parametrize("text, expected", [
    # the first edition named as 'the first/original <standard>', 'came into being', 'wasn't published until'
    ("The original ISO 9001 was published in 1994.", ["edition-date"]),
    ("The first ISO 9001 was published in 1987.", []),
    ("The first ISO 9001 audit report was issued in 1994.", []),
    ("ISO 45001 came into being in 2016.", ["edition-date"]),
    ("ISO 14001 wasn't published until 2015.", ["edition-date"]),
    # a certificate called a piece of paper; a short answer qualified after a comma
    ("Our piece of paper lasts four years.", ["cert-validity"]),
    ("How long is a certificate valid? Four years, with yearly surveillance.", ["cert-validity"]),
    ("How long is a certificate valid? Three years, with yearly surveillance.", []),
    # surveillance: once in the whole cycle, by the certifier's people, a range answering how often auditors
    # come, a schedule taken as given
    ("The registrar's auditors return once in the whole cycle.", ["surveillance-frequency"]),
    ("How often do the auditors come back? Every two to three years.", ["surveillance-frequency"]),
    ("How often do the auditors come back for recertification? Every three years.", []),
    ("Thanks to a surveillance plan of one visit every two years, audits have never been cheaper.", ["surveillance-frequency"]),
    ("Surveillance audits beat recertification: one each year against one every three years.", []),
    # certification resting on an audit, an in-house team, a label in apposition to a description
    ("Our certification was based on a customer audit.", ["audit-party"]),
    ("Our certification relies on internal audits being done well.", []),
    ("Our in-house audit team counts as a third party.", ["audit-party"]),
    ("We passed our internal audit, a first-party audit.", []),
    ("We passed our internal audit, a third-party audit.", ["audit-party"]),
    # 'a box you tick once' is the one-time event; set aside or yearly it is not
    ("Certification is a box you tick once.", ["misconception"]),
    ("Certification is a commitment rather than a box you tick once.", []),
    ("Management review is a box we tick once a year.", []),
    # a subject after a gerund; 'X and Y, both ... standards'
    ("ISO 45001 is about cutting emissions.", ["standard-subject"]),
    ("ISO 9001 and ISO 14001, both quality standards, are popular.", ["standard-subject"]),
    # the answer to 'What is X's title?' is a title
    ("What is ISO 45001's title? Quality management systems — Requirements.", ["standard-title"]),
])
def test_fact_checks_read_first_editions_audits_and_answers(checker: Checker, text: str, expected: list[str]) -> None:
    """Check that the first-publication, certificate, audit-party, myth, subject and title checks read these."""
    assert codes(checker, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an announced edition said to be published, out, no longer a draft, or audited against now
    ("ISO 9001:2026 was published in October, two years after the work began.", ["edition-future"]),
    ("ISO 9001:2026 is finally out.", ["edition-future"]),
    ("ISO 9001:2026 is no longer a draft.", ["edition-future"]),
    ("All our clients are now audited against ISO 9001:2026.", ["edition-future"]),
    ("ISO 9001:2026 is the edition our clients are audited against.", ["edition-future"]),
    ("ISO 9001:2026 will be published after the final vote.", []),
    ("When ISO 9001:2026 is published, we will plan the transition.", []),
    ("The draft of ISO 9001:2026 was published for comment.", []),
    ("ISO 9001:2026 is no longer a draft international standard.", []),
    ("ISO 9001:2026 is the edition our clients will be audited against.", []),
    # 'according to' a definite source is relied on, an indefinite one is hearsay
    ("According to the registrar's FAQ, ISO 9001:2026 is the edition all clients are audited against.", ["edition-future"]),
    ("According to some blogs, ISO 9001:2026 is the edition all clients are audited against.", []),
    # a withdrawn edition denied to be gone; 'good old' is no former edition
    ("OHSAS 18001 certification has not gone away.", ["edition-withdrawn"]),
    ("Good old ISO 9001:2008 is still fine for certification.", ["edition-withdrawn"]),
    ("We left our old ISO 9001:2008 certificate behind when we moved to ISO 9001:2015.", []),
    # an amendment's year is no year a certificate is said of; 'while' opens the clause of another edition
    ("After our move from OHSAS 18001 in 2019, we are certified to ISO 45001:2018 and its 2024 amendment.", []),
    ("Our ISO 9001:2015 certificate stays valid while the 2026 revision waits for approval.", []),
])
def test_edition_checks_read_announced_and_withdrawn_editions(checker: Checker, text: str, expected: list[str]) -> None:
    """Check that the edition checks read an announced edition said to be out, and a withdrawn one said to be in use."""
    assert codes(checker, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the edition is the subject of its own coordinated clause: the first clause's "certified" is not said of it
    ("We are certified to ISO 14001:2015 and ISO 45001:2018, and OHSAS 18001 is history.", []),
    ("We hold ISO 9001:2015, and ISO 9001:2008 is history.", []),
    # its own clause says it is held or in use; a list held together; a second clause certified to it
    ("We are certified to ISO 45001:2018, and OHSAS 18001 is still valid too.", ["edition-withdrawn"]),
    ("We hold ISO 9001:2008 and ISO 14001:2004 certificates.", ["edition-withdrawn", "edition-withdrawn"]),
    ("Our firm is ISO 9001:2015 certified, and our sister plant is certified to ISO 9001:2008.", ["edition-withdrawn"]),
])
def test_holding_words_stay_in_their_coordinated_clause(checker: Checker, text: str, expected: list[str]) -> None:
    """Check that a withdrawn edition that is the subject of a clause coordinated after another is judged on its
    own clause's words (a false positive before: 'certified' in the first clause made it held)."""
    assert codes(checker, text) == expected
