"""The shape of the demo's writing: what a support conversation on one subject can say, per language.

Texts are str.format templates. Every placeholder they may use is listed in PLACEHOLDERS; the seed
fills all of them for each ticket.
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHA = "Product Alpha"  # Thermia smart thermostats
BETA = "Product Beta"  # Factura invoicing
BILLING = "Billing"

THERMIA = "Thermia"
FACTURA = "Factura"

PLACEHOLDERS = (
    "first", "name", "org", "email", "product", "model", "serial", "fw_old", "fw_new", "error", "pct",
    "order", "tracking", "invoice", "amount", "vat", "plan", "month", "of_month", "date", "days", "months",
    "app_version", "colleague", "agent", "agent_first",
)


@dataclass(frozen=True, slots=True)
class Topic:
    """One subject of conversation. Opening i starts a storyline that subjects, replies, followups and
    resolutions continue with their item i (modulo their length), so each thread stays coherent."""

    key: str  # the same key in every language
    queue: str
    product: str
    priority: tuple[int, int]  # inclusive range
    weight: int  # how often it comes up, relative to the other topics
    subjects: tuple[str, ...]
    openings: tuple[str, ...]  # the customer's first message, between greeting and sign-off
    replies: tuple[str, ...]  # the agent's answers along the way
    followups: tuple[str, ...]  # the customer's further messages
    notes: tuple[str, ...]  # internal notes
    resolutions: tuple[str, ...]  # the answer that settles it


@dataclass(frozen=True, slots=True)
class Phrases:
    """What any conversation in one language may say, whatever the subject."""

    customer_greetings: tuple[str, ...]
    customer_signoffs: tuple[str, ...]
    agent_greetings: tuple[str, ...]
    agent_signoffs: tuple[str, ...]
    team: str  # signature line under the agent's name, e.g. "{product} Support"
    followups: tuple[str, ...]
    nudges: tuple[str, ...]  # the customer asks where things stand
    replies: tuple[str, ...]
    notes: tuple[str, ...]
    duplicate: str  # the note that rejects a duplicate ticket
    thanks: tuple[str, ...]  # the customer confirms it is solved
    closings: tuple[str, ...]  # the agent's last word after that
    quote_header: str  # introduces a quoted earlier message in an HTML reply
    tasks: tuple[str, ...]  # customer task titles


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    topics: tuple[Topic, ...]
    phrases: Phrases

    def topic(self, key: str) -> Topic | None:
        return next((t for t in self.topics if t.key == key), None)


def thanks_topics(product_queues: dict[str, str], subjects: tuple[str, ...], openings: tuple[str, ...],
                  replies: tuple[str, ...]) -> tuple[Topic, ...]:
    """A simple thank-you can reach any product queue: one topic per product, same words."""
    return tuple(
        Topic(f"thanks_{product.lower()}", queue, product, (0, 10), 2, subjects, openings, replies,
              (), (), ())
        for product, queue in product_queues.items()
    )
