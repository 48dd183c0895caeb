"""Demo people without an account (app/demo/content/contacts.yaml): recorded by a Customer Hub
agent, with a request raised for the resident who asked for a letter (its letter is then a task)."""

from sqlalchemy import select

from app.demo.content import data
from app.extensions import db
from app.models import Contact, Service, User
from app.service_requests import contacts, raising


def seed_contacts(progress=print) -> int:
    """Contacts not there yet (by name), and their requests; running it again changes nothing."""
    created = 0
    for entry in data("contacts")["contacts"]:
        if db.session.scalar(select(Contact.id).where(Contact.name == entry["name"])) is not None:
            continue
        agent = db.session.scalar(select(User).where(User.email == entry["recorded_by"]))
        if agent is None:
            continue
        contact = contacts.record(
            agent,
            contacts.ContactDetails(
                name=entry["name"],
                email=entry.get("email", ""),
                phone=entry.get("phone", ""),
                address=entry.get("address", ""),
                preferred=entry["preferred"],
                notes=entry.get("notes", ""),
            ),
        )
        created += 1
        asked = entry.get("request")
        service = asked and db.session.scalar(select(Service).where(Service.name == asked["service"]))
        if service:
            draft = raising.save_draft(
                service,
                agent,
                token=None,
                subject=asked["subject"],
                description=asked["description"],
                answers={
                    str(question.id): asked["answers"][question.label]
                    for question in service.fields
                    if question.label in asked.get("answers", {})
                },
                new_files={},
                shown_file_ids=set(),
                requester_id=contacts.contact_value(contact),
            )
            raising.submit_draft(draft, agent)
    db.session.flush()
    progress(f"{created} people without an account")
    return created
