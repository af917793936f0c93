"""The agent's day (or week), from the replica: where the time went by ticket, customer and queue, the
time blocks planned against what was spent, the skips by reason, and a timeline of the stretches
worked. Read in one go on the reader's thread; the day view only draws it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.desk import DeskReads
from services.store.blocks import BlockOutcome
from services.store.timelog import EntryKind, TimeSummary
from services.tracker import Stretch

_ON_THE_TIMELINE = (EntryKind.WORKED, EntryKind.KEPT, EntryKind.GIVEN)


@dataclass(frozen=True, slots=True)
class AgentDay:
    start: datetime
    end: datetime
    summary: TimeSummary
    blocks: list[BlockOutcome]
    skips: dict[str, int]  # reason -> how many, most given first
    worked: list[Stretch]  # the stretches counted (idle time kept or given among them), in order
    away: list[Stretch]  # idle stretches taken back from them


def agent_day(reads: DeskReads, start: datetime, end: datetime) -> AgentDay:
    entries = reads.time_entries(start, end)
    worked = [Stretch(e.ticket, max(e.began, start), min(e.ended, end)) for e in entries
              if e.kind in _ON_THE_TIMELINE and e.ended > e.began]
    away = [Stretch(e.ticket, max(e.began, start), min(e.ended, end)) for e in entries
            if e.kind is EntryKind.IDLE and e.ended > e.began and e.choice != "keep"]
    return AgentDay(start, end, reads.time_summary(start, end), reads.blocks_between(start, end),
                    reads.skip_counts_between(start, end), worked, away)
