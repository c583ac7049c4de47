/** Schema version 12 (customer service: agents and each account's desk settings); see migrations.ts for the rules (append only, never edited once shipped). */
export const migration12 = {
  version: 12,
  name: "customer service: agents and each account's desk settings",
  // Arrays and objects (app_ids, skills, skill_groups, handoff_keywords, business_hours) are JSON
  // text: they are read whole, and agents are few, so listing an account's agents filters app_ids
  // with json_each rather than keeping a join table in step.
  sql: `
    CREATE TABLE agents (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      app_ids TEXT NOT NULL,
      skills TEXT NOT NULL,
      max_load INTEGER NOT NULL,
      status TEXT NOT NULL,
      kf_account TEXT,
      last_assigned_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE desk_settings (
      app_id TEXT PRIMARY KEY,
      enabled INTEGER NOT NULL,
      mode TEXT NOT NULL,
      strategy TEXT NOT NULL,
      skill_groups TEXT NOT NULL,
      handoff_keywords TEXT NOT NULL,
      handoff_reply TEXT,
      sla_minutes INTEGER NOT NULL,
      warn_fraction REAL NOT NULL,
      business_hours TEXT,
      close_after_minutes INTEGER NOT NULL,
      notify_url TEXT,
      notify_secret TEXT,
      canned_replies TEXT NOT NULL DEFAULT '[]',
      updated_at TEXT NOT NULL
    );
  `,
};
