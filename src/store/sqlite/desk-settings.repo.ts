import type { Statement } from 'better-sqlite3';
import type { BusinessHours, CannedReply, DeskMode, DeskSettings, RoutingStrategy, SkillGroup } from '../../modules/customer-service/customer-service';
import type { DeskSettingsRepository } from '../../modules/customer-service/customer-service.ports';
import type { SqliteDatabase } from './database';

interface Row {
  app_id: string;
  enabled: number;
  mode: string;
  strategy: string;
  skill_groups: string;
  handoff_keywords: string;
  handoff_reply: string | null;
  sla_minutes: number;
  warn_fraction: number;
  business_hours: string | null;
  close_after_minutes: number;
  notify_url: string | null;
  notify_secret: string | null;
  canned_replies: string;
  updated_at: string;
}

const COLUMNS = `app_id, enabled, mode, strategy, skill_groups, handoff_keywords, handoff_reply, sla_minutes, warn_fraction,
  business_hours, close_after_minutes, notify_url, notify_secret, canned_replies, updated_at`;

/** Each account's desk settings in SQLite (migration 12): one row per account, the lists as JSON. */
export class SqliteDeskSettingsRepository implements DeskSettingsRepository {
  private readonly saveStmt: Statement;
  private readonly getStmt: Statement<[string], Row>;

  constructor(db: SqliteDatabase) {
    this.saveStmt = db.prepare(
      `INSERT OR REPLACE INTO desk_settings (${COLUMNS})
       VALUES (@appId, @enabled, @mode, @strategy, @skillGroups, @handoffKeywords, @handoffReply, @slaMinutes, @warnFraction,
         @businessHours, @closeAfterMinutes, @notifyUrl, @notifySecret, @cannedReplies, @updatedAt)`,
    );
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM desk_settings WHERE app_id = ?`);
  }

  async get(appId: string): Promise<DeskSettings | null> {
    const row = this.getStmt.get(appId);
    return row ? fromRow(row) : null;
  }

  async save(s: DeskSettings): Promise<void> {
    this.saveStmt.run({
      appId: s.appId,
      enabled: s.enabled ? 1 : 0,
      mode: s.mode,
      strategy: s.strategy,
      skillGroups: JSON.stringify(s.skillGroups),
      handoffKeywords: JSON.stringify(s.handoffKeywords),
      handoffReply: s.handoffReply,
      slaMinutes: s.slaMinutes,
      warnFraction: s.warnFraction,
      businessHours: s.businessHours === null ? null : JSON.stringify(s.businessHours),
      closeAfterMinutes: s.closeAfterMinutes,
      notifyUrl: s.notifyUrl,
      notifySecret: s.notifySecret,
      cannedReplies: JSON.stringify(s.cannedReplies),
      updatedAt: s.updatedAt,
    });
  }
}

function fromRow(r: Row): DeskSettings {
  return {
    appId: r.app_id,
    enabled: r.enabled === 1,
    mode: r.mode as DeskMode,
    strategy: r.strategy as RoutingStrategy,
    skillGroups: JSON.parse(r.skill_groups) as SkillGroup[],
    handoffKeywords: JSON.parse(r.handoff_keywords) as string[],
    handoffReply: r.handoff_reply,
    slaMinutes: r.sla_minutes,
    warnFraction: r.warn_fraction,
    businessHours: r.business_hours === null ? null : (JSON.parse(r.business_hours) as BusinessHours),
    closeAfterMinutes: r.close_after_minutes,
    notifyUrl: r.notify_url,
    notifySecret: r.notify_secret,
    cannedReplies: JSON.parse(r.canned_replies) as CannedReply[],
    updatedAt: r.updated_at,
  };
}
