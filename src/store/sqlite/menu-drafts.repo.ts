import type { Statement } from 'better-sqlite3';
import type { MenuDraft, MenuDraftRepository, StoredMenuDraft } from '../../modules/menus';
import type { SqliteDatabase } from './database';

interface Row {
  app_id: string;
  draft: string;
  published_at: string | null;
  updated_at: string;
}

/** Menu drafts in SQLite (migration 3): one row per account, the draft as JSON. */
export class SqliteMenuDraftRepository implements MenuDraftRepository {
  private readonly getStmt: Statement<[string], Row>;
  private readonly saveStmt: Statement;

  constructor(db: SqliteDatabase) {
    this.getStmt = db.prepare('SELECT app_id, draft, published_at, updated_at FROM menu_drafts WHERE app_id = ?');
    this.saveStmt = db.prepare(
      `INSERT INTO menu_drafts (app_id, draft, published_at, updated_at) VALUES (@appId, @draft, @publishedAt, @updatedAt)
       ON CONFLICT (app_id) DO UPDATE SET draft = excluded.draft, published_at = excluded.published_at, updated_at = excluded.updated_at`,
    );
  }

  async get(appId: string): Promise<StoredMenuDraft | null> {
    const row = this.getStmt.get(appId);
    if (!row) return null;
    // The service validated the draft before saving it; it is stored exactly as the domain shapes it.
    return { appId: row.app_id, draft: JSON.parse(row.draft) as MenuDraft, publishedAt: row.published_at, updatedAt: row.updated_at };
  }

  async save(d: StoredMenuDraft): Promise<void> {
    this.saveStmt.run({ appId: d.appId, draft: JSON.stringify(d.draft), publishedAt: d.publishedAt, updatedAt: d.updatedAt });
  }
}
