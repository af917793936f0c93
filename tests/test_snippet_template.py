"""Snippet templates filled in for a ticket: every placeholder replaced, fallbacks, dates in English and
French, the caret's place, nested snippets (depth-limited, loops refused), fill-in fields, a
placeholder that cannot be resolved left visible with its place, and malformed templates said where
and inserted as they are."""

from __future__ import annotations

from datetime import date

import pytest

from services.snippet_template import (
    MAX_DEPTH,
    Field,
    fields_of,
    first_name,
    render,
    spoken_date,
)

TODAY = date(2026, 12, 1)
VALUES = {"customer.first_name": "Anne", "customer.name": "Anne Duval", "ticket.id": "304",
          "agent.first_name": "Alice", "queue.name": "Billing"}


def fill(template: str, language: str = "en", **kwargs: object) -> str:
    return render(template, VALUES, language=language, today=TODAY, **kwargs).text  # type: ignore[arg-type]


def test_every_placeholder_is_replaced_not_only_the_first() -> None:
    assert fill("Hi {{customer.first_name}}, {{customer.first_name}} again: #{{ ticket.id }}.") == \
        "Hi Anne, Anne again: #304."


def test_a_fallback_is_used_only_when_the_ticket_has_no_value() -> None:
    assert fill('Hello {{customer.first_name | "there"}}') == "Hello Anne"
    assert render('Hello {{customer.organisation | "the \\"team\\""}}', VALUES, language="en",
                  today=TODAY).text == 'Hello the "team"'


def test_a_placeholder_without_a_value_stays_visible_and_its_place_is_given() -> None:
    done = render("Dear {{customer.organisation}}, from {{agent.name}}.", VALUES, language="en", today=TODAY)
    assert done.text == "Dear {{customer.organisation}}, from {{agent.name}}."
    assert [(u.name, done.text[u.start:u.end]) for u in done.unresolved] == [
        ("customer.organisation", "{{customer.organisation}}"), ("agent.name", "{{agent.name}}")]


@pytest.mark.parametrize(("template", "language", "expected"), [
    ("{{date}}", "en", "1 December 2026"),
    ("{{date}}", "fr", "1er décembre 2026"),
    ("{{date +3 days}}", "fr", "4 décembre 2026"),
    ("{{date + 2 weeks}}", "en", "15 December 2026"),
    ("{{date -1 day}}", "en", "30 November 2026"),
    ("{{date +31 days}}", "fr", "1er janvier 2027"),
])
def test_dates_are_written_in_the_customers_language(template: str, language: str, expected: str) -> None:
    assert fill(template, language) == expected
    assert spoken_date(date(2026, 8, 15), "fr-CA") == "15 août 2026"


def test_the_caret_lands_where_the_cursor_marker_was() -> None:
    done = render("Hi {{customer.first_name}},\n\n{{cursor}}\n\nBest", VALUES, language="en", today=TODAY)
    assert done.text == "Hi Anne,\n\n\n\nBest" and done.cursor == len("Hi Anne,\n\n")


def test_nested_snippets_are_filled_in_too_depth_limited_and_loops_refused() -> None:
    library = {"signature": "{{agent.first_name}}, {{queue.name}}", "closing": "Best,\n{{> signature}}",
               "loop a": "A {{> loop b}}", "loop b": "B {{> loop a}}"}
    assert fill("Thanks!\n{{> closing}}", snippet=library.get) == "Thanks!\nBest,\nAlice, Billing"
    looped = render("{{> loop a}}", VALUES, language="en", today=TODAY, snippet=library.get)
    assert looped.problem is not None and "includes itself" in looped.problem.problem
    assert looped.text == "{{> loop a}}"  # inserted as it is
    deep = {f"level {n}": f"{n} {{{{> level {n + 1}}}}}" for n in range(MAX_DEPTH + 2)}
    too_deep = render("{{> level 0}}", VALUES, language="en", today=TODAY, snippet=deep.get)
    assert too_deep.problem is not None and "nested" in too_deep.problem.problem
    missing = render("{{> no such}}", VALUES, language="en", today=TODAY, snippet=library.get)
    assert [u.name for u in missing.unresolved] == ["> no such"] and missing.text == "{{> no such}}"


def test_fill_in_fields_are_asked_once_each_and_put_where_they_stand() -> None:
    template = "Your order [[order number]] gets a [[choice: refund | replacement]]; [[order number]] again."
    assert fields_of(template) == [Field("order number"),
                                   Field("refund | replacement", ("refund", "replacement"))]
    asked = render(template, VALUES, language="en", today=TODAY)
    assert asked.fields == fields_of(template) and "[[order number]]" in asked.text
    answered = fill(template, filled={"order number": "MP-22", "refund | replacement": "refund"})
    assert answered == "Your order MP-22 gets a refund; MP-22 again."


@pytest.mark.parametrize(("template", "line", "column", "words"), [
    ("Hi {{customer.first_name", 1, 4, "not closed"),
    ("Hi\nthere [[order", 2, 7, "not closed"),
    ("{{customer first name}}", 1, 1, "not a placeholder"),
    ('{{customer.name | there}}', 1, 1, "not a placeholder"),
    ("ok\n\n  {{ {{customer.name}} }}", 3, 3, "opens inside"),
    ("[[ ]]", 1, 1, "needs a label"),
])
def test_a_malformed_template_says_where_and_inserts_as_it_is(template: str, line: int, column: int,
                                                             words: str) -> None:
    done = render(template, VALUES, language="en", today=TODAY)
    assert done.problem is not None and words in done.problem.problem
    assert (done.problem.line, done.problem.column) == (line, column)
    assert done.text == template


@pytest.mark.parametrize(("real_name", "email", "expected"), [
    ("Anne Duval", "x@y.z", "Anne"),
    ("Dr. Anne-Marie Duval", "", "Anne-Marie"),
    ("Duval, Anne", "", "Anne"),
    ("Mme Chloé Perrin", "", "Chloé"),
    ("", "grace.lloyd@example.com", "Grace"),
    ("", "support123@example.com", ""),
    ("  ", "j@example.com", ""),
])
def test_a_first_name_comes_from_the_real_name_before_the_address(real_name: str, email: str,
                                                                  expected: str) -> None:
    assert first_name(real_name, email) == expected


def test_the_values_come_from_the_ticket_and_the_real_name_first() -> None:
    from services.snippet_template import PLACEHOLDERS, ticket_values

    named = ticket_values(ticket_id="311", subject="VAT rejected", queue="Billing",
                          customer_email="grace.lloyd@example.com", customer_name="Lloyd, Grace",
                          customer_organisation="", agent_user="alice", agent_name="Alice Martin")
    assert set(named) == set(PLACEHOLDERS)
    assert (named["customer.first_name"], named["customer.name"], named["agent.first_name"]) == \
        ("Grace", "Lloyd, Grace", "Alice")
    unnamed = ticket_values(ticket_id="9", subject="", queue="Q", customer_email="support123@example.com",
                            customer_name="", customer_organisation="", agent_user="alice")
    assert unnamed["customer.first_name"] == "" and unnamed["customer.name"] == "support123@example.com"
    assert unnamed["agent.first_name"] == "alice"
    # Left empty, the first name stays visible and marked (or takes the snippet's fallback).
    done = render("Hi {{customer.first_name}}!", unnamed, language="en", today=TODAY)
    assert [u.name for u in done.unresolved] == ["customer.first_name"]
