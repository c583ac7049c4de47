/** Schema version 11 (customer service: conversations, their threads, SLA marks); see migrations.ts for the rules (append only, never edited once shipped). */
export const migration11 = {
  version: 11,
  name: 'customer service: conversations, their threads, SLA marks',
  // Instants are Date#toISOString() strings: text order is time order. last_activity_at is
  // max(last_follower_at, last_agent_at), kept by the adapter on every write, for idleSince.
  sql: `
    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      app_id TEXT NOT NULL,
      openid TEXT NOT NULL,
      state TEXT NOT NULL,
      mode TEXT NOT NULL,
      reason TEXT NOT NULL,
      agent_id TEXT,
      kf_account TEXT,
      skill_group TEXT,
      opened_at TEXT NOT NULL,
      assigned_at TEXT,
      waiting_since TEXT,
      due_at TEXT,
      warn_at TEXT,
      first_response_at TEXT,
      last_follower_at TEXT NOT NULL,
      last_agent_at TEXT,
      last_activity_at TEXT NOT NULL,
      closed_at TEXT,
      closed_by TEXT,
      breaches INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    );
    -- At most one conversation per follower and account that is not closed (two racing callbacks: one insert wins).
    CREATE UNIQUE INDEX conversations_one_open ON conversations (app_id, openid) WHERE state <> 'closed';
    -- list: an account's conversations by opening time (inboxes, the monthly report).
    CREATE INDEX conversations_by_account ON conversations (app_id, opened_at);
    -- list by agent ("mine"), loads.
    CREATE INDEX conversations_by_agent ON conversations (agent_id, opened_at);
    -- slaDue and the sweep's next wake: open conversations by their next SLA mark.
    CREATE INDEX conversations_sla ON conversations (warn_at) WHERE state <> 'closed';
    -- idleSince: open conversations by their last message either way.
    CREATE INDEX conversations_idle ON conversations (last_activity_at) WHERE state <> 'closed';

    CREATE TABLE conversation_entries (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      app_id TEXT NOT NULL,
      openid TEXT NOT NULL,
      direction TEXT NOT NULL,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      text TEXT NOT NULL,
      agent_id TEXT,
      msg_id TEXT
    );
    -- A retried callback carries the same MsgId: it joins the thread once.
    CREATE UNIQUE INDEX conversation_entries_msg ON conversation_entries (conversation_id, msg_id) WHERE msg_id IS NOT NULL;
    -- thread: oldest first.
    CREATE INDEX conversation_entries_thread ON conversation_entries (conversation_id, at, id);

    CREATE TABLE sla_events (
      id TEXT PRIMARY KEY,
      app_id TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      waiting_since TEXT NOT NULL,
      due_at TEXT NOT NULL,
      agent_id TEXT,
      fired_at TEXT NOT NULL,
      -- The once-only claim: one warning and one breach per waiting message.
      UNIQUE (conversation_id, kind, waiting_since)
    );
    -- list: an account's marks by firing time (the monthly report).
    CREATE INDEX sla_events_by_account ON sla_events (app_id, fired_at);
  `,
};
