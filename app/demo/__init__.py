"""Demo data for `flask seed-demo` (never for production): people, knowledge, the ideas board, the
service catalogue with 18 months of requests, and Ask Staffroom's vocabulary. The words and numbers
are content files in app/demo/content/; the modules here turn them into rows."""

from app.demo import board, contacts, knowledge, people, requests, vocabulary
from app.demo.people import DEMO_PASSWORD, DEMO_PEOPLE, is_empty

__all__ = ["DEMO_PASSWORD", "DEMO_PEOPLE", "is_empty", "seed"]


def seed(progress=print, *, request_history: bool = True) -> dict:
    """Create whatever demo data is missing; running it again changes nothing. Without
    request_history, the catalogue comes without its 18 months of requests (quicker, for tests)."""
    created = people.seed_people(progress)
    created["articles"] = knowledge.seed_knowledge(progress)
    created["searches"] = knowledge.seed_search_log(progress)
    created["ideas"] = board.seed_ideas(progress)
    created["services"] = requests.seed_services(progress, request_history=request_history)
    created["canned_replies"] = requests.seed_canned_replies(progress)
    created["vocabulary"] = vocabulary.seed(progress)
    created["contacts"] = contacts.seed_contacts(progress)
    return created
