/** Schema version 13 (customer service: leads (contact details followers left)); see migrations.ts for the rules (append only, never edited once shipped). */
export const migration13 = {
  version: 13,
  name: 'customer service: leads (contact details followers left)',
  // The unique key is the once-only claim of lead capture: a retried callback, or the follower
  // repeating a number, finds its contact already there and is neither stored nor forwarded twice.
  // leads_by_time serves the list and the CSV export (an account's leads by time, newest first).
  sql: `
    CREATE TABLE leads (
      id TEXT PRIMARY KEY,
      app_id TEXT NOT NULL,
      openid TEXT NOT NULL,
      kind TEXT NOT NULL,
      value TEXT NOT NULL,
      text TEXT NOT NULL,
      at TEXT NOT NULL,
      channel TEXT,
      msg_id TEXT,
      forwarded_at TEXT,
      UNIQUE (app_id, openid, kind, value)
    );
    CREATE INDEX leads_by_time ON leads (app_id, at, id);
  `,
};
