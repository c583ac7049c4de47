import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SlaEvent } from '../../../../src/modules/customer-service/customer-service';
import { openDatabase } from '../../../../src/store/sqlite/database';
import { SqliteSlaEventRepository } from '../../../../src/store/sqlite/sla-events.repo';
import { describeSlaEventRepositoryContract } from '../../../contract/sla-event-repository.contract';

describeSlaEventRepositoryContract('SqliteSlaEventRepository', async () => {
  const db = openDatabase(':memory:');
  return { repo: new SqliteSlaEventRepository(db), close: async () => { db.close(); } };
});

describe('SqliteSlaEventRepository on a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-sla-events-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when the database is closed and opened again (a restart), then a mark already given is still refused', async () => {
    const file = path.join(dir, 'wxoa.db');
    const e: SlaEvent = {
      id: 'e1', appId: 'wx1234567890abcdef', conversationId: 'c1', kind: 'breach', waitingSince: '2026-03-01T00:00:00.000Z',
      dueAt: '2026-03-02T00:00:00.000Z', agentId: 'alice', firedAt: '2026-03-02T00:00:05.000Z',
    };
    const first = openDatabase(file);
    expect(await new SqliteSlaEventRepository(first).record(e)).toBe(true);
    first.close();
    const second = openDatabase(file);
    expect(await new SqliteSlaEventRepository(second).record({ ...e, id: 'e2' })).toBe(false);
    expect(await new SqliteSlaEventRepository(second).list(e.appId, '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z')).toStrictEqual([e]);
    second.close();
  });
});
