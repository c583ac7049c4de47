import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../../../src/store/sqlite';
import { describeReminderRepositoryContract } from '../../../contract/reminder-repository.contract';

describeReminderRepositoryContract('SqliteReminderRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.reminders, close: () => store.close() };
});

describe('SqliteReminderRepository on disk', () => {
  it('when the store is reopened, then a reminder given before is still given (add answers false)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-reminders-'));
    const reminder = { appId: 'wx1234567890abcdef', kind: 'certification_expiring' as const, key: '2026-12-31:7', message: 'm', createdAt: '2026-12-24T00:00:00.000Z' };
    try {
      const first = openSqliteStore({ dataDir: dir });
      expect(await first.reminders.add(reminder)).toBe(true);
      await first.close();
      const second = openSqliteStore({ dataDir: dir });
      try {
        expect(await second.reminders.add({ ...reminder, message: 'again' })).toBe(false);
        expect(await second.reminders.list({ limit: 10 })).toEqual([reminder]);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
