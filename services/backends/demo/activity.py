"""A little life in the demo: a customer writes again, or someone opens a new ticket."""

from __future__ import annotations

import random
from datetime import datetime

from services.backends.demo.compose import LANGUAGES, customer_message, pick_subject, story_vars
from services.backends.demo.people import DEMO_USER
from services.backends.demo.workspace import TicketRec, Workspace
from services.domain import Customer, TicketStatus

_WAITING = (TicketStatus.OPEN, TicketStatus.PENDING)


def simulate(ws: Workspace, rng: random.Random, at: datetime) -> TicketRec | None:
    """Play one customer action and return its ticket (None in a workspace without customers)."""
    waiting = [t for t in ws.tickets.values() if t.status in _WAITING]
    if waiting and rng.random() < 0.5:
        return _follow_up(ws, rng, rng.choice(waiting), at)
    return _new_ticket(ws, rng, at) if ws.customers else None


def _follow_up(ws: Workspace, rng: random.Random, ticket: TicketRec, at: datetime) -> TicketRec:
    lang = ticket.lang if ticket.lang in LANGUAGES else "en"
    language = LANGUAGES[lang]
    topic = language.topic(ticket.topic) or language.topics[0]
    customer = ws.customers.get(ticket.requestor.lower()) or Customer(email=ticket.requestor)
    values = story_vars(rng, customer, lang, topic, ticket.owner or DEMO_USER, at)
    line = rng.choice(language.phrases.followups + language.phrases.nudges)
    ws.correspond(ticket, ticket.requestor, customer_message(rng, lang, values, line, first=False), at)
    return ticket


def _new_ticket(ws: Workspace, rng: random.Random, at: datetime) -> TicketRec:
    customer = rng.choice(list(ws.customers.values()))
    spoken = {t.requestor.lower(): t.lang for t in ws.tickets.values()}
    lang = spoken.get(customer.email.lower(), "fr" if customer.email.endswith(".fr") else "en")
    language = LANGUAGES[lang if lang in LANGUAGES else "en"]
    topic = rng.choices(language.topics, weights=[t.weight for t in language.topics])[0]
    story = rng.randrange(len(topic.openings))
    values = story_vars(rng, customer, language.code, topic, DEMO_USER, at)
    return ws.create_ticket(
        queue=topic.queue, subject=pick_subject(rng, topic, story, values), requestor=customer.email,
        body=customer_message(rng, language.code, values, topic.openings[story], first=True), at=at,
        priority=rng.randint(*topic.priority), lang=language.code, topic=topic.key,
    )
