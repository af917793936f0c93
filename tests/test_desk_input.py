"""What an agent types to reach a ticket: a number, with or without "#"; anything else is no ticket
number (and is searched among the commands instead)."""

from __future__ import annotations

import pytest

from services.desk import ticket_number


@pytest.mark.parametrize(("typed", "number"), [
    ("123", "123"), ("#123", "123"), ("  # 123 ", "123"), ("#0042", "42"),
    ("", None), ("#", None), ("# ", None), ("12a", None), ("-5", None), ("1e3", None), ("#12 3", None),
    ("１２３", None),  # full-width digits: not what a helpdesk calls a number
    ("9" * 19, None),  # longer than any ticket number, and than SQLite's integers
    ("next", None),
])
def test_a_ticket_number_is_digits_with_an_optional_hash(typed: str, number: str | None) -> None:
    assert ticket_number(typed) == number
