"""Versioned schema of the local replica. Each migration upgrades the previous version in place.

Append new migrations; never edit one that has shipped. PRAGMA user_version records how far a file is.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the initial replica
    """
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        backend TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        username TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );

    CREATE TABLE queues (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        chosen INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, name)
    );

    CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        organization TEXT NOT NULL DEFAULT '',
        history_synced_at TEXT,
        UNIQUE (account_id, email)
    );

    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        queue TEXT NOT NULL,
        status TEXT NOT NULL,
        customer_id INTEGER REFERENCES customers(id),
        owner TEXT,
        priority INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        due TEXT,
        time_worked INTEGER NOT NULL DEFAULT 0,
        -- the remote update time of the thread we hold; NULL until the thread was pulled
        thread_updated TEXT,
        last_event_id TEXT NOT NULL DEFAULT '',
        sync_error TEXT,
        UNIQUE (account_id, remote_id)
    );
    CREATE INDEX tickets_by_customer ON tickets (customer_id, created DESC);
    CREATE INDEX tickets_by_queue ON tickets (account_id, queue, status);

    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        remote_id TEXT,                     -- NULL while the message only exists locally
        position INTEGER NOT NULL,          -- order within the remote history
        kind TEXT NOT NULL CHECK (kind IN ('customer', 'agent', 'note')),
        author TEXT NOT NULL,
        created TEXT NOT NULL,
        html TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        time_taken INTEGER NOT NULL DEFAULT 0,
        attachments TEXT NOT NULL DEFAULT '[]',   -- JSON list of attachment metadata
        truncated INTEGER NOT NULL DEFAULT 0,
        op_id TEXT REFERENCES outbox(op_id) ON DELETE CASCADE,  -- set on local, unsent messages
        UNIQUE (ticket_id, remote_id)
    );
    CREATE INDEX messages_by_ticket ON messages (ticket_id, position);

    CREATE TABLE ticket_events (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        author TEXT NOT NULL,
        created TEXT NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT NOT NULL DEFAULT '',
        new_value TEXT NOT NULL DEFAULT '',
        UNIQUE (ticket_id, remote_id)
    );

    CREATE TABLE time_entries (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        remote_id TEXT,                     -- the history entry that carries the time, when synced
        agent TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        logged_at TEXT NOT NULL,
        op_id TEXT REFERENCES outbox(op_id) ON DELETE CASCADE,
        UNIQUE (ticket_id, remote_id)
    );
    CREATE INDEX time_by_day ON time_entries (logged_at);

    CREATE TABLE customer_tasks (
        id TEXT PRIMARY KEY,                -- a UUID made locally, shared with backends that hold tasks
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        done INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );

    CREATE TABLE snippets (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_id TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (account_id, remote_id)
    );

    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,   -- push order
        op_id TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        ticket_id INTEGER REFERENCES tickets(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,                   -- JSON
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'sending', 'conflict', 'failed', 'done')),
        based_on_event TEXT NOT NULL DEFAULT '', -- last history entry the agent had seen
        pre_send_event TEXT,                     -- last history entry seen just before sending
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        conflict TEXT,                           -- what happened remotely, for the agent
        seen_up_to TEXT,                         -- history checked when the conflict was found
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX outbox_open ON outbox (account_id, state, seq);

    CREATE TABLE sync_state (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (account_id, key)
    );
    """,
    # 2: the focus desk: drafts survive crashes, skipped tickets stay skipped until they change
    """
    CREATE TABLE drafts (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        ticket_remote_id TEXT NOT NULL,
        note INTEGER NOT NULL DEFAULT 0,         -- 1: an internal note, 0: a reply to the customer
        body TEXT NOT NULL,
        time_minutes INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (account_id, ticket_remote_id)
    );

    CREATE TABLE skips (
        ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        ticket_updated TEXT NOT NULL,            -- skipped while the ticket's update time is this
        skipped_at TEXT NOT NULL
    );

    -- "Next" only ever looks at workable tickets: a small part of a large replica.
    CREATE INDEX tickets_workable ON tickets (account_id, queue) WHERE status IN ('new', 'open');
    """,
    # 3: "Next" without scanning every workable ticket: the few due soon by due time, the rest in the
    # order Next offers them (it stops at the first one it may offer)
    """
    CREATE INDEX tickets_due_soon ON tickets (account_id, due)
        WHERE status IN ('new', 'open') AND due IS NOT NULL;
    CREATE INDEX tickets_next_order ON tickets (account_id, priority DESC, created)
        WHERE status IN ('new', 'open');
    """,
    # 4: exactly once across processes, and an outbox that stays fast after a year of work: the ticket's
    # open changes and the foreign-key cascades of a discarded change by index, not by scanning; a chosen
    # queue that the helpdesk stopped showing stays chosen (and is not pulled) until it comes back
    """
    CREATE INDEX outbox_by_ticket ON outbox (ticket_id);
    CREATE INDEX messages_by_op ON messages (op_id) WHERE op_id IS NOT NULL;
    CREATE INDEX time_entries_by_op ON time_entries (op_id) WHERE op_id IS NOT NULL;
    ALTER TABLE queues ADD COLUMN visible INTEGER NOT NULL DEFAULT 1;
    """,
    # 5: "Next" with an overdue backlog walks an index in the order it offers overdue tickets (priority,
    # age, number) and stops at the first it may offer, instead of sorting every overdue ticket. The
    # ticket number, which orders otherwise equal tickets, is a column so that the indexes hold the whole
    # order (0 for an id that is not a plain number, as services.focus.rank has it). Both order indexes
    # lead with the owner, so that Next walks the unowned tickets and the agent's own without reading a
    # colleague's, and hold the due time, so that tickets of another step are passed over on the index.
    """
    ALTER TABLE tickets ADD COLUMN number INTEGER GENERATED ALWAYS AS (
        CASE WHEN remote_id != '' AND remote_id NOT GLOB '*[^0-9]*' THEN CAST(remote_id AS INTEGER) ELSE 0 END
    ) VIRTUAL;
    DROP INDEX tickets_next_order;
    CREATE INDEX tickets_next_order ON tickets (account_id, owner, priority DESC, created, number, due)
        WHERE status IN ('new', 'open');
    CREATE INDEX tickets_overdue_order ON tickets (account_id, owner, priority DESC, created, number, due)
        WHERE status IN ('new', 'open') AND due IS NOT NULL;
    """,
    # 6: the waiting counter reads counts kept by triggers per (account, queue, owner): the workable
    # tickets, and those of them skipped and unchanged since. A skip's mark is also kept on its ticket
    # (skip_mark = skips.ticket_updated) so that a ticket's share of the counts follows from its row alone.
    # The triggers spell statuses out with = and OR: a constant IN list would have SQLite build a
    # temporary table each time a trigger runs, once per ticket of a pull (it made a pull 2.6x slower).
    """
    ALTER TABLE tickets ADD COLUMN skip_mark TEXT;
    UPDATE tickets SET skip_mark = (SELECT s.ticket_updated FROM skips s WHERE s.ticket_id = tickets.id)
        WHERE id IN (SELECT ticket_id FROM skips);
    CREATE TRIGGER skips_mark_insert AFTER INSERT ON skips BEGIN
        UPDATE tickets SET skip_mark = new.ticket_updated WHERE id = new.ticket_id;
    END;
    CREATE TRIGGER skips_mark_update AFTER UPDATE OF ticket_id, ticket_updated ON skips BEGIN
        UPDATE tickets SET skip_mark = NULL WHERE id = old.ticket_id;
        UPDATE tickets SET skip_mark = new.ticket_updated WHERE id = new.ticket_id;
    END;
    CREATE TRIGGER skips_mark_delete AFTER DELETE ON skips BEGIN
        UPDATE tickets SET skip_mark = NULL WHERE id = old.ticket_id;
    END;

    CREATE TABLE waiting_counts (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        queue TEXT NOT NULL,
        owner_key TEXT NOT NULL,                 -- '' for no owner, else '@' and the owner
        workable INTEGER NOT NULL DEFAULT 0,     -- new or open tickets
        skipped INTEGER NOT NULL DEFAULT 0,      -- ... of which skipped and unchanged since
        PRIMARY KEY (account_id, queue, owner_key)
    ) WITHOUT ROWID;
    INSERT INTO waiting_counts (account_id, queue, owner_key, workable, skipped)
        SELECT account_id, queue, ifnull('@' || owner, ''), COUNT(*), TOTAL(skip_mark IS updated)
        FROM tickets WHERE status IN ('new', 'open') GROUP BY 1, 2, 3;
    CREATE TRIGGER tickets_waiting_insert AFTER INSERT ON tickets
        WHEN new.status = 'new' OR new.status = 'open'
    BEGIN
        INSERT INTO waiting_counts (account_id, queue, owner_key, workable, skipped)
            VALUES (new.account_id, new.queue, ifnull('@' || new.owner, ''), 1, new.skip_mark IS new.updated)
            ON CONFLICT (account_id, queue, owner_key) DO UPDATE
            SET workable = workable + 1, skipped = skipped + excluded.skipped;
    END;
    CREATE TRIGGER tickets_waiting_leave AFTER UPDATE OF account_id, queue, status, owner, updated, skip_mark
        ON tickets
        WHEN (old.status = 'new' OR old.status = 'open')
             AND ((new.status != 'new' AND new.status != 'open')
                  OR old.account_id IS NOT new.account_id OR old.queue IS NOT new.queue
                  OR old.owner IS NOT new.owner
                  OR (old.skip_mark IS old.updated) != (new.skip_mark IS new.updated))
    BEGIN
        UPDATE waiting_counts SET workable = workable - 1, skipped = skipped - (old.skip_mark IS old.updated)
            WHERE account_id = old.account_id AND queue = old.queue
              AND owner_key = ifnull('@' || old.owner, '');
    END;
    CREATE TRIGGER tickets_waiting_enter AFTER UPDATE OF account_id, queue, status, owner, updated, skip_mark
        ON tickets
        WHEN (new.status = 'new' OR new.status = 'open')
             AND ((old.status != 'new' AND old.status != 'open')
                  OR old.account_id IS NOT new.account_id OR old.queue IS NOT new.queue
                  OR old.owner IS NOT new.owner
                  OR (old.skip_mark IS old.updated) != (new.skip_mark IS new.updated))
    BEGIN
        INSERT INTO waiting_counts (account_id, queue, owner_key, workable, skipped)
            VALUES (new.account_id, new.queue, ifnull('@' || new.owner, ''), 1, new.skip_mark IS new.updated)
            ON CONFLICT (account_id, queue, owner_key) DO UPDATE
            SET workable = workable + 1, skipped = skipped + excluded.skipped;
    END;
    CREATE TRIGGER tickets_waiting_delete AFTER DELETE ON tickets
        WHEN old.status = 'new' OR old.status = 'open'
    BEGIN
        UPDATE waiting_counts SET workable = workable - 1, skipped = skipped - (old.skip_mark IS old.updated)
            WHERE account_id = old.account_id AND queue = old.queue
              AND owner_key = ifnull('@' || old.owner, '');
    END;
    """,
    # 7: a customer's ticket counts (all time, and active now: new, open or pending) are kept on the
    # customer by triggers (statuses spelled out with = and OR, as in 6).
    """
    ALTER TABLE customers ADD COLUMN tickets_all INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN tickets_active INTEGER NOT NULL DEFAULT 0;
    UPDATE customers SET
        tickets_all = (SELECT COUNT(*) FROM tickets t WHERE t.customer_id = customers.id),
        tickets_active = (SELECT COUNT(*) FROM tickets t WHERE t.customer_id = customers.id
                          AND t.status IN ('new', 'open', 'pending'));
    CREATE TRIGGER tickets_customer_insert AFTER INSERT ON tickets WHEN new.customer_id IS NOT NULL BEGIN
        UPDATE customers SET tickets_all = tickets_all + 1, tickets_active = tickets_active
                + (new.status = 'new' OR new.status = 'open' OR new.status = 'pending')
            WHERE id = new.customer_id;
    END;
    CREATE TRIGGER tickets_customer_update AFTER UPDATE OF customer_id, status ON tickets
        WHEN old.customer_id IS NOT new.customer_id
             OR (old.status = 'new' OR old.status = 'open' OR old.status = 'pending')
                != (new.status = 'new' OR new.status = 'open' OR new.status = 'pending')
    BEGIN
        UPDATE customers SET tickets_all = tickets_all - 1, tickets_active = tickets_active
                - (old.status = 'new' OR old.status = 'open' OR old.status = 'pending')
            WHERE id = old.customer_id;
        UPDATE customers SET tickets_all = tickets_all + 1, tickets_active = tickets_active
                + (new.status = 'new' OR new.status = 'open' OR new.status = 'pending')
            WHERE id = new.customer_id;
    END;
    CREATE TRIGGER tickets_customer_delete AFTER DELETE ON tickets WHEN old.customer_id IS NOT NULL BEGIN
        UPDATE customers SET tickets_all = tickets_all - 1, tickets_active = tickets_active
                - (old.status = 'new' OR old.status = 'open' OR old.status = 'pending')
            WHERE id = old.customer_id;
    END;
    """,
    # 8: a ticket waiting on the customer (its last public message, notes aside, is an agent's reply, and
    # it has not come back since: a status set back from pending or resolved, or a due time set, after that
    # reply) is offered only when nothing else is left. Kept on the ticket by triggers, and at the head of
    # Next's indexes, so that Next passes over the waiting ones on the index however many there are.
    """
    ALTER TABLE tickets ADD COLUMN awaiting INTEGER NOT NULL DEFAULT 0;
    UPDATE tickets SET awaiting = ifnull((
        SELECT last.kind = 'agent' AND NOT EXISTS (
                   SELECT 1 FROM ticket_events e WHERE e.ticket_id = tickets.id AND e.created > last.created
                     AND ((e.field = 'Status' AND e.old_value != 'new' AND e.old_value != 'open')
                          OR (e.field = 'Due' AND e.new_value != '')))
        FROM (SELECT m.kind, m.created FROM messages m WHERE m.ticket_id = tickets.id AND m.kind != 'note'
              ORDER BY m.position DESC LIMIT 1) last), 0);
    CREATE TRIGGER messages_awaiting_insert AFTER INSERT ON messages WHEN new.kind != 'note' BEGIN
        UPDATE tickets SET awaiting = new.kind = 'agent' AND NOT EXISTS (
                SELECT 1 FROM ticket_events e WHERE e.ticket_id = new.ticket_id AND e.created > new.created
                  AND ((e.field = 'Status' AND e.old_value != 'new' AND e.old_value != 'open')
                       OR (e.field = 'Due' AND e.new_value != '')))
            WHERE id = new.ticket_id AND NOT EXISTS (
                SELECT 1 FROM messages m WHERE m.ticket_id = new.ticket_id AND m.kind != 'note'
                  AND m.position > new.position);
    END;
    CREATE TRIGGER messages_awaiting_delete AFTER DELETE ON messages WHEN old.kind != 'note' BEGIN
        UPDATE tickets SET awaiting = ifnull((
                SELECT last.kind = 'agent' AND NOT EXISTS (
                           SELECT 1 FROM ticket_events e WHERE e.ticket_id = old.ticket_id
                             AND e.created > last.created
                             AND ((e.field = 'Status' AND e.old_value != 'new' AND e.old_value != 'open')
                                  OR (e.field = 'Due' AND e.new_value != '')))
                FROM (SELECT m.kind, m.created FROM messages m
                      WHERE m.ticket_id = old.ticket_id AND m.kind != 'note'
                      ORDER BY m.position DESC LIMIT 1) last), 0)
            WHERE id = old.ticket_id;
    END;
    CREATE TRIGGER ticket_events_awaiting AFTER INSERT ON ticket_events
        WHEN (new.field = 'Status' AND new.old_value != 'new' AND new.old_value != 'open')
             OR (new.field = 'Due' AND new.new_value != '')
    BEGIN
        UPDATE tickets SET awaiting = 0
            WHERE id = new.ticket_id AND awaiting = 1 AND new.created > (
                SELECT m.created FROM messages m WHERE m.ticket_id = new.ticket_id AND m.kind != 'note'
                ORDER BY m.position DESC LIMIT 1);
    END;
    DROP INDEX tickets_next_order;
    DROP INDEX tickets_overdue_order;
    DROP INDEX tickets_due_soon;
    CREATE INDEX tickets_next_order
        ON tickets (account_id, awaiting, owner, priority DESC, created, number, due)
        WHERE status IN ('new', 'open');
    CREATE INDEX tickets_overdue_order
        ON tickets (account_id, awaiting, owner, priority DESC, created, number, due)
        WHERE status IN ('new', 'open') AND due IS NOT NULL;
    CREATE INDEX tickets_due_soon ON tickets (account_id, awaiting, due)
        WHERE status IN ('new', 'open') AND due IS NOT NULL;
    """,
    # 9: every skip with its reason, kept (a skip of the same ticket replaces the one in `skips`): the
    # agent's day counts them by reason. Local only, like the skips.
    """
    CREATE TABLE skip_log (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        ticket_remote_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        skipped_at TEXT NOT NULL
    );
    CREATE INDEX skip_log_by_day ON skip_log (account_id, skipped_at);
    """,
    # 10: time that tracks itself (services.store.timelog): an account in seconds per ticket and agent,
    # written as it accrues. What a row adds to the ticket's time is `seconds` (negative for time taken
    # back as idle, and for what was logged to the helpdesk): their sum is what is still to be logged.
    # Keyed by the ticket's remote id, not its row: time worked outlives the ticket's copy here.
    """
    CREATE TABLE tracked_time (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        agent TEXT NOT NULL,
        ticket_remote_id TEXT NOT NULL,
        kind TEXT NOT NULL
            CHECK (kind IN ('worked', 'idle', 'kept', 'given', 'adjusted', 'added', 'logged')),
        began TEXT NOT NULL,
        ended TEXT NOT NULL,
        seconds REAL NOT NULL,
        reason TEXT NOT NULL DEFAULT '',         -- an adjustment's, an entry's note
        choice TEXT CHECK (choice IN ('keep', 'discard', 'give')),  -- idle: the agent's word, NULL: pending
        back TEXT,                               -- idle: when the agent came back (NULL: not yet)
        op_id TEXT                               -- logged: the change that carries it to the helpdesk
    );
    CREATE INDEX tracked_by_ticket ON tracked_time (account_id, ticket_remote_id, agent);
    CREATE INDEX tracked_by_time ON tracked_time (account_id, agent, began);
    CREATE INDEX tracked_by_op ON tracked_time (op_id) WHERE op_id IS NOT NULL;
    CREATE INDEX tracked_idle_pending ON tracked_time (account_id, agent, began)
        WHERE kind = 'idle' AND choice IS NULL;
    """,
    # 11: time blocks: time reserved for one customer (services.store.blocks). While one runs, Next
    # offers that customer's tickets first, then their organisation's. Local, like the agent's day.
    """
    CREATE TABLE time_blocks (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        agent TEXT NOT NULL,
        customer_email TEXT NOT NULL COLLATE NOCASE,
        customer_name TEXT NOT NULL DEFAULT '',
        organization TEXT NOT NULL DEFAULT '',
        planned_seconds REAL NOT NULL,           -- as reserved, extensions included
        started TEXT NOT NULL,
        ends TEXT NOT NULL,                      -- when it is planned to end
        ended TEXT,                              -- when it did (NULL: under way, or over by its time)
        handled INTEGER                          -- the customer's tickets the agent wrote on, once ended
    );
    CREATE INDEX blocks_by_time ON time_blocks (account_id, agent, started);
    """,
    # 12: customer tasks (services.store.tasks), shared through the helpdesk where it has a home for
    # them (RT: one ticket per task in the account's tasks queue). Replaces customer_tasks, which
    # nothing ever wrote: tasks are keyed by the customer's e-mail, as everything else of theirs is.
    """
    DROP TABLE customer_tasks;
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key TEXT NOT NULL UNIQUE,                -- made here; what the command line and the outbox name
        remote_id TEXT,                          -- the helpdesk's id once it holds the task
        customer TEXT NOT NULL COLLATE NOCASE,   -- e-mail
        text TEXT NOT NULL,
        due TEXT,                                -- the due day, YYYY-MM-DD
        done_at TEXT,
        done_by TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL,               -- higher first (services.tasks)
        ticket TEXT,                             -- the ticket it came from
        created TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        deleted_at TEXT,                         -- deleted here, kept a while for undo
        UNIQUE (account_id, remote_id)
    );
    CREATE INDEX tasks_by_customer ON tasks (account_id, customer, position);
    """,
]
