/** Schema version 10 (customer service: the WeChat interaction window per follower); see migrations.ts for the rules (append only, never edited once shipped). */
export const migration10 = {
  version: 10,
  name: 'customer service: the WeChat interaction window per follower',
  // One row per follower and account: a new trigger replaces the window. msg_limit, not `limit`
  // (a keyword). take() is one UPDATE on the primary key, so it needs no other index.
  // pending_replies learns how each deferred reply ended (delivered, or failed and why).
  sql: `
    CREATE TABLE service_windows (
      app_id TEXT NOT NULL,
      openid TEXT NOT NULL,
      trigger_kind TEXT NOT NULL,
      opened_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      msg_limit INTEGER NOT NULL,
      used INTEGER NOT NULL,
      PRIMARY KEY (app_id, openid)
    ) WITHOUT ROWID;
    ALTER TABLE pending_replies ADD COLUMN outcome_reason TEXT;
    ALTER TABLE pending_replies ADD COLUMN done_at TEXT;
    ALTER TABLE pending_replies ADD COLUMN claimed_until TEXT;
  `,
};
