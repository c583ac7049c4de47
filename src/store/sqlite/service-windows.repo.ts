import type { Statement } from 'better-sqlite3';
import type { ServiceWindow, WindowTrigger } from '../../modules/customer-service/customer-service';
import type { ServiceWindowRepository } from '../../modules/customer-service/customer-service.ports';
import type { SqliteDatabase } from './database';

interface WindowRow {
  app_id: string;
  openid: string;
  trigger_kind: string;
  opened_at: string;
  expires_at: string;
  msg_limit: number;
  used: number;
}

const COLUMNS = 'app_id, openid, trigger_kind, opened_at, expires_at, msg_limit, used';

/**
 * Each follower's WeChat interaction window (migration 10), one row per (account, follower).
 * Instants are `Date#toISOString()` strings, so the `>` comparisons below are time order.
 *
 * `take` is a single UPDATE … RETURNING whose WHERE holds the whole condition (open and not used
 * up): SQLite applies it under its write lock, so of concurrent takes (even from other processes on
 * the same file) no more than the limit succeed.
 *
 * Opens are written behind (within FLUSH_MS, in one transaction): every follower message opens a
 * window, and a synchronous write per callback on the webhook's thread cost a quarter of its
 * throughput. Reads and takes in this process flush first, so they always see the latest open;
 * another process on the same file sees it at most FLUSH_MS late.
 */
const FLUSH_MS = 50;

export class SqliteServiceWindowRepository implements ServiceWindowRepository {
  private readonly openStmt: Statement;
  private readonly getStmt: Statement<[string, string], WindowRow>;
  private readonly takeStmt: Statement<[{ appId: string; openid: string; now: string }], WindowRow>;
  private readonly giveBackStmt: Statement<[{ appId: string; openid: string; openedAt: string }]>;
  private readonly writeOpens: (windows: ServiceWindow[]) => void;
  /** Opens not written yet, the newest per follower. */
  private readonly pending = new Map<string, ServiceWindow>();
  private timer: NodeJS.Timeout | null = null;

  constructor(db: SqliteDatabase) {
    // Replaces the window unless the stored one is newer: an older trigger arriving late (callbacks
    // handled out of order) must not undo the follower's latest interaction.
    this.openStmt = db.prepare(
      `INSERT INTO service_windows (${COLUMNS}) VALUES (@appId, @openid, @trigger, @openedAt, @expiresAt, @limit, @used)
       ON CONFLICT (app_id, openid) DO UPDATE SET
         trigger_kind = excluded.trigger_kind, opened_at = excluded.opened_at, expires_at = excluded.expires_at,
         msg_limit = excluded.msg_limit, used = excluded.used
       WHERE excluded.opened_at >= service_windows.opened_at`,
    );
    this.writeOpens = db.transaction((windows: ServiceWindow[]) => {
      for (const w of windows) this.openStmt.run({ appId: w.appId, openid: w.openid, trigger: w.trigger, openedAt: w.openedAt, expiresAt: w.expiresAt, limit: w.limit, used: w.used });
    });
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM service_windows WHERE app_id = ? AND openid = ?`);
    this.takeStmt = db.prepare(
      `UPDATE service_windows SET used = used + 1
       WHERE app_id = @appId AND openid = @openid AND used < msg_limit AND expires_at > @now
       RETURNING ${COLUMNS}`,
    );
    this.giveBackStmt = db.prepare(
      `UPDATE service_windows SET used = used - 1
       WHERE app_id = @appId AND openid = @openid AND opened_at = @openedAt AND used > 0`,
    );
  }

  async open(w: ServiceWindow): Promise<void> {
    const key = `${w.appId}\n${w.openid}`;
    const queued = this.pending.get(key);
    if (!queued || queued.openedAt <= w.openedAt) this.pending.set(key, { ...w });
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes the opens waiting behind; the store's close calls it too. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const windows = [...this.pending.values()];
    this.pending.clear();
    this.writeOpens(windows);
  }

  async get(appId: string, openid: string): Promise<ServiceWindow | null> {
    this.flush();
    const row = this.getStmt.get(appId, openid);
    return row ? fromRow(row) : null;
  }

  async take(appId: string, openid: string, now: string): Promise<ServiceWindow | null> {
    this.flush();
    const row = this.takeStmt.get({ appId, openid, now });
    return row ? fromRow(row) : null;
  }

  async giveBack(appId: string, openid: string, openedAt: string): Promise<void> {
    this.flush();
    this.giveBackStmt.run({ appId, openid, openedAt });
  }
}

function fromRow(r: WindowRow): ServiceWindow {
  return {
    appId: r.app_id, openid: r.openid, trigger: r.trigger_kind as WindowTrigger, openedAt: r.opened_at,
    expiresAt: r.expires_at, limit: r.msg_limit, used: r.used,
  };
}
