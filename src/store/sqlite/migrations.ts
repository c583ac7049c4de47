/**
 * Versioned schema migrations. Append only: a migration that has shipped is never edited; change the
 * schema with a new entry. `user_version` records how far a database file has come.
 */
import { migration10 } from './migration-10-service-windows';
import { migration11 } from './migration-11-conversations';
import { migration12 } from './migration-12-agents';
import { migration13 } from './migration-13-leads';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, admin tokens, message log, pending replies',
    sql: `
      CREATE TABLE accounts (
        app_id TEXT PRIMARY KEY,
        original_id TEXT,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        verified INTEGER NOT NULL,
        encryption_mode TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        certification_expires_at TEXT,
        sealed_secrets TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE admin_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        direction TEXT NOT NULL,
        openid TEXT NOT NULL,
        type TEXT NOT NULL,
        event TEXT,
        created_at TEXT NOT NULL,
        xml TEXT NOT NULL
      );
      CREATE INDEX messages_by_account ON messages (app_id, id);
      CREATE INDEX messages_by_follower ON messages (app_id, openid, id);
      CREATE TABLE pending_replies (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        openid TEXT NOT NULL,
        inbound_key TEXT NOT NULL,
        reply TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        created_at TEXT NOT NULL
      );
      CREATE INDEX pending_replies_by_account ON pending_replies (app_id, status, id);
    `,
  },
  {
    version: 2,
    name: 'auto-reply rules',
    sql: `
      CREATE TABLE auto_reply_rules (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        rule TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX auto_reply_rules_by_account ON auto_reply_rules (app_id, created_at, id);
    `,
  },
  {
    version: 3,
    name: 'custom menu drafts',
    sql: `
      CREATE TABLE menu_drafts (
        app_id TEXT PRIMARY KEY,
        draft TEXT NOT NULL,
        published_at TEXT,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'message log: a reply stored on the row of the message it answers',
    sql: `
      ALTER TABLE messages ADD COLUMN reply_type TEXT;
      ALTER TABLE messages ADD COLUMN reply_xml TEXT;
    `,
  },
  {
    version: 5,
    name: 'mass-send campaigns',
    // doc is the whole Campaign as JSON and the source of truth; the other columns are copies for
    // the queries (due sends, quota counts, MASSSENDJOBFINISH lookups), rewritten on every write.
    sql: `
      CREATE TABLE campaigns (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        state TEXT NOT NULL,
        due_at TEXT,
        lease_until TEXT,
        msg_id TEXT,
        sent_at TEXT,
        audience_kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX campaigns_by_account ON campaigns (app_id, due_at);
      CREATE INDEX campaigns_by_state ON campaigns (state, due_at);
      CREATE INDEX campaigns_by_msg_id ON campaigns (app_id, msg_id);
    `,
  },
  {
    version: 6,
    name: 'analytics (datacube) rows and the days fetched',
    // One row per (account, metric, WeChat date, key); data is the figures as camelCase JSON.
    // analytics_days records each (metric, day) fetched, rows or not: WeChat leaves out empty days,
    // and without the record an empty day would look like a gap on every run.
    sql: `
      CREATE TABLE analytics (
        app_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        ref_date TEXT NOT NULL,
        key TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (app_id, metric, ref_date, key)
      ) WITHOUT ROWID;
      CREATE TABLE analytics_days (
        app_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        ref_date TEXT NOT NULL,
        rows INTEGER NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (app_id, metric, ref_date)
      ) WITHOUT ROWID;
      CREATE INDEX analytics_days_by_date ON analytics_days (app_id, ref_date);
    `,
  },
  {
    version: 7,
    name: 'reminders given to the team (certification expiry), each once',
    sql: `
      CREATE TABLE reminders (
        app_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        message TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (app_id, kind, key)
      );
      CREATE INDEX reminders_by_time ON reminders (created_at);
    `,
  },
  {
    version: 8,
    name: 'followers: one row per (account, openid), unfollowers kept and marked',
    // tag_ids is a JSON array (json_each filters by tag); sync_run names the last full sync that
    // listed the row, so the rows a sync did not list are found without holding its openids.
    // The time indexes serve the channel report (follows and unfollows in a window).
    sql: `
      CREATE TABLE followers (
        app_id TEXT NOT NULL,
        openid TEXT NOT NULL,
        unionid TEXT,
        subscribed INTEGER NOT NULL,
        subscribe_time TEXT,
        unsubscribed_at TEXT,
        subscribe_scene TEXT,
        qr_scene INTEGER,
        qr_scene_str TEXT,
        tag_ids TEXT NOT NULL,
        remark TEXT,
        language TEXT,
        last_synced_at TEXT,
        sync_run TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (app_id, openid)
      ) WITHOUT ROWID;
      CREATE INDEX followers_by_subscribe_time ON followers (app_id, subscribe_time);
      CREATE INDEX followers_by_unsubscribed_at ON followers (app_id, unsubscribed_at);
    `,
  },
  {
    version: 9,
    name: "accounts: each account's push schedule (slots and cadence marks)",
    // JSON of PushSchedule; NULL reads as the defaults, so accounts made before this keep 11:00/15:00/20:00 and 3/7 days.
    sql: `ALTER TABLE accounts ADD COLUMN push_schedule TEXT;`,
  },
  migration10,
  migration11,
  migration12,
  migration13,
];
