import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../../src/store/sqlite/database';
import { SqliteLeadRepository } from '../../../../src/store/sqlite/leads.repo';
import { describeLeadRepositoryContract } from '../../../contract/lead-repository.contract';

describeLeadRepositoryContract('SqliteLeadRepository', async () => {
  const db = openDatabase(':memory:');
  return { repo: new SqliteLeadRepository(db), close: async () => void db.close() };
});

describe('SqliteLeadRepository on a file', () => {
  it('when the database is closed and opened again, then the leads and their forwarding are still there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-leads-'));
    const file = path.join(dir, 'store.db');
    try {
      const first = openDatabase(file);
      const repo = new SqliteLeadRepository(first);
      const lead = {
        id: 'l1', appId: 'wx1', openid: 'o1', kind: 'qq' as const, value: '12345678', text: 'QQ 12345678',
        at: '2026-03-01T00:00:00.000Z', channel: 'booth', msgId: '1', forwardedAt: null,
      };
      await repo.insert(lead);
      await repo.markForwarded('l1', '2026-03-01T00:00:01.000Z');
      first.close();
      const again = openDatabase(file);
      expect(await new SqliteLeadRepository(again).list('wx1', { limit: 5 })).toEqual([{ ...lead, forwardedAt: '2026-03-01T00:00:01.000Z' }]);
      again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the account\'s leads are listed, then SQLite reads them through the (app_id, at, id) index', () => {
    const db = openDatabase(':memory:');
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM leads WHERE app_id = 'wx1' AND at >= '2026' ORDER BY at DESC, id DESC LIMIT 5`).all() as Array<{ detail: string }>;
    db.close();
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING (COVERING )?INDEX leads_by_time/);
    expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
  });
});
