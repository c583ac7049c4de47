import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteAccountRepository } from '../../../../src/store/sqlite/accounts.repo';
import { openDatabase } from '../../../../src/store/sqlite/database';
import { openSqliteStore } from '../../../../src/store/sqlite';
import { makeAccountService, SECRETS, validAccountInput } from '../../../helpers/accounts';
import { describeAccountRepositoryContract } from '../../../contract/account-repository.contract';

describeAccountRepositoryContract('SqliteAccountRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.accounts, close: () => store.close() };
});

describe('SqliteAccountRepository on disk', () => {
  it('when the service stores an account, then the database file does not contain its secrets in clear', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-repo-'));
    const file = path.join(dir, 'test.sqlite');
    const db = openDatabase(file);
    try {
      const { service } = makeAccountService(new SqliteAccountRepository(db));
      await service.create(validAccountInput());
      expect(await service.getWithSecrets('wx1234567890abcdef')).toMatchObject(SECRETS);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f))));
      expect(bytes.includes('测试公众号')).toBe(true); // proves the search reads the data
      for (const secret of Object.values(SECRETS)) expect(bytes.includes(secret)).toBe(false);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteAccountRepository and accounts made before push schedules', () => {
  it('when an account row has no push schedule (written before migration 9), then it reads as the default slots and marks', async () => {
    const db = openDatabase(':memory:');
    try {
      const repo = new SqliteAccountRepository(db);
      const { service } = makeAccountService(repo);
      await service.create(validAccountInput());
      db.prepare('UPDATE accounts SET push_schedule = NULL').run();
      expect((await repo.get('wx1234567890abcdef'))?.pushSchedule).toEqual({ slots: ['11:00', '15:00', '20:00'], warnAfterDays: 3, alertAfterDays: 7 });
    } finally {
      db.close();
    }
  });
});
