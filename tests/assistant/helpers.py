"""For the Ask Staffroom tests: a little guidance in the knowledge base and the catalogue."""

from app.extensions import db
from app.search import vocabulary
from tests.factories import make_article, make_category

MILEAGE = """Officers who use their own car for council business can claim mileage through the expenses system.

## Before the journey

Check whether a pool car would be cheaper for long journeys, and that your insurance covers business use.

## Claiming mileage

The council pays 45p per mile for the first 10,000 miles. Open Expenses, choose New claim and then Mileage,
and enter the start and end postcodes of each journey.

## What you cannot claim

- Parking fines and speeding penalties
- Your normal journey between home and the office
"""

HIRE_CAR = """A hire car is often cheaper than paying mileage for long journeys.

## When to use a hire car

For round trips of more than 120 miles in a day, or when several colleagues travel together.

## Collecting and returning the car

Bring your driving licence. Return the car with a full tank: fuel can be claimed with a VAT receipt.
"""

PURCHASE_ORDERS = """Suppliers must be given an order number before they supply anything.

## Raising the order

In Unit4 go to Procurement, then Requisitions, and add a requisition for each purchase order.

## Approval limits

Orders up to £5,000 are approved by the budget holder; larger ones by the head of service.
"""


def guidance():
    """Three published articles (mileage, hire cars, purchase orders) in a travel category."""
    travel = make_category("Travel and expenses")
    return {
        "mileage": make_article(
            title="Claiming mileage for a site visit",
            category=travel,
            body=MILEAGE,
            summary="How to claim business mileage for using your own car",
            tags="mileage",
        ),
        "hire_car": make_article(
            title="Booking a hire car",
            category=travel,
            body=HIRE_CAR,
            summary="When to use a hire car and how to book one",
            tags="travel",
        ),
        "orders": make_article(
            title="Raising an order with a supplier",
            category=travel,
            body=PURCHASE_ORDERS,
            summary="How to raise a purchase order in Unit4 before you buy",
            tags="finance",
        ),
    }


def add_synonym(term, meaning, actor):
    entry = vocabulary.save(None, term=term, meaning=meaning, actor=actor)
    db.session.commit()
    return entry
