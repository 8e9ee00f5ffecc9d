"""The fact checks run on each clause, in the order they run: first publication (first_published.py),
editions (editions.py), designations (designations.py), certificate validity and surveillance
(certificates.py), audit parties (parties.py), and whether ISO requires certification
(required.py). Each check finds its words in the clause and asks holding.py (through
`clause.reading`, see clause_reading.py) whether the sentence asserts or denies them; the numbers
it compares come from the data (the certification cycle is the data's validity, not a constant
here). A standard's title is checked on the whole sentence (titles.py).
"""

from __future__ import annotations

from collections.abc import Callable

from .certificates import check_surveillance, check_validity
from .designations import check_designations, check_unknown_designations
from .editions import check_editions
from .evaluate import Context, Hit
from .first_published import check_first_published
from .gazetteer import Mention
from .parties import check_parties
from .required import check_required
from .sentences import Clause

Check = Callable[[Clause, list[Mention], Context], list[Hit]]

CHECKS: list[Check] = [check_first_published, check_unknown_designations, check_editions, check_designations, check_validity,
                       check_surveillance, check_parties, check_required]
