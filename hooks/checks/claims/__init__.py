"""The fact checker: what each sentence of a page claims, judged against the data.

    page -> sentences and clauses (sentences.py) -> names (gazetteer.py) -> syntax (syntax.py,
    reading.py) -> claims (registry.py: the relations of data/predicates.yaml; roles.py with
    agents.py and objects.py: who does what; subjects.py: what a standard is about; facts.py: the
    fact checks on editions, designations, certificates, audit parties, whether certification is
    required; titles.py) -> how each is held (holding.py) -> judged against the data as of the
    check date (evaluate.py) -> findings at the Markdown source position (checker.py, with short
    FAQ answers read in answers.py)

Everything it knows comes from the Site: the predicates and their frames, organizations and
their roles with dates, standards with their editions and subjects, certification facts,
declared myths.
"""

from .checker import Checker, check_claims

__all__ = ["Checker", "check_claims"]
