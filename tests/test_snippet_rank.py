"""Ranking snippets: the match with what was typed first (name, then keywords, then text), then the fit
with the ticket (queue, the customer's language), then the agent's own use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.snippet_rank import Candidate, Library, Use, rank

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SNIPPETS = [
    Candidate("1", "Password reset", "To reset your password, open Settings.", ("login", "locked out")),
    Candidate("2", "Refund delay", "Refunds reach your card within 5 days.", ("money back",), ("Billing",)),
    Candidate("3", "Remboursement", "Le remboursement arrive sous 5 jours.", ("refund",), language="fr"),
    Candidate("4", "Closing", "Best regards, {{agent.first_name}}"),
    Candidate("5", "Invoice copy", "Here is a copy of your invoice; a refund follows.", ("billing",)),
]


def keys(query: str, **kwargs: object) -> list[str]:
    options: dict[str, object] = {"queue": "Product Alpha", "language": "en", "uses": {}, "now": NOW}
    options.update(kwargs)
    return [r.candidate.key for r in rank(Library(SNIPPETS), query, **options)]  # type: ignore[arg-type]


def test_the_name_matches_before_the_keywords_before_the_text() -> None:
    found = keys("refund")
    assert found[0] == "2"  # in its name
    assert set(found) >= {"2", "3", "5"} and found.index("3") < found.index("5")  # keyword, then text
    assert "1" not in found and "4" not in found


def test_an_empty_query_lists_everything_favourites_first() -> None:
    uses = {"4": Use(40, NOW - timedelta(hours=1)), "1": Use(3, NOW - timedelta(days=30))}
    found = keys("", uses=uses)
    assert found[:2] == ["4", "1"] and len(found) == len(SNIPPETS)


def test_the_queue_and_the_language_order_the_good_matches() -> None:
    assert keys("refund", queue="Billing")[0] == "2"
    in_french = keys("rembours", language="fr")
    assert in_french[0] == "3"
    # A snippet scoped to another queue still shows, below.
    assert "2" in keys("refund delay", queue="Product Alpha")


def test_typing_letters_in_order_finds_a_name() -> None:
    assert keys("pwd reset")[0] == "1"
    assert keys("invoice")[0] == "5"
