"""How a change is recognised in the ticket's history after a lost answer: never too eagerly (a reply
taken for sent that never was is lost), never too strictly (a reply sent twice)."""

from __future__ import annotations

from services.outgoing import comparable, same_text


def test_the_same_text_is_recognised_whatever_happened_to_its_whitespace_and_nul_bytes() -> None:
    sent = "Hello Ana,\r\n\r\nthe fix\x00 ships tonight.\n"
    assert comparable(sent) == "Hello Ana, the fix ships tonight."
    assert same_text(sent, "Hello Ana,\n\nthe fix ships tonight.")


def test_a_short_reply_is_not_taken_for_a_longer_message_that_begins_with_it() -> None:
    assert not same_text("Thanks", "Thanks for the log, I am looking at it now")
    assert not same_text("Done.", "Done. Anything else?")
    assert not same_text("Thanks", "Many thanks")


def test_a_long_reply_is_recognised_with_a_signature_added_after_it() -> None:
    sent = "We have reset the schedule on your thermostat. " * 6
    assert same_text(sent, sent + "\n-- \nFactura Support, Mon-Fri 9-18")
    assert not same_text(sent, "Hi,\n" + sent)  # something before it: another message


def test_a_copy_cut_by_the_helpdesk_is_recognised_by_its_head() -> None:
    sent = "ERROR 0x42 at sensor 7; retrying\n" * 40_000
    assert same_text(sent, sent[:8000], seen_cut=True)
    assert not same_text(sent, sent[:50], seen_cut=True)  # too short a head to prove anything
    assert not same_text(sent, "ERROR 0x43" + sent[10:8000], seen_cut=True)
