import { openDatabase } from '../../../../src/store/sqlite/database';
import { openSqliteStore } from '../../../../src/store/sqlite';
import { SqliteAdminTokenRepository } from '../../../../src/store/sqlite/admin-tokens.repo';
import { describeAdminTokenRepositoryContract } from '../../../contract/admin-token-repository.contract';

describeAdminTokenRepositoryContract('SqliteAdminTokenRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.adminTokens, close: () => store.close() };
});

describe('SqliteAdminTokenRepository, rows written by another version', () => {
  it('when a stored role is unknown to this build, then the token grants nothing', async () => {
    const db = openDatabase(':memory:');
    try {
      const repo = new SqliteAdminTokenRepository(db);
      db.prepare("INSERT INTO admin_tokens VALUES ('t9', 'future', ?, 'overlord', '2026-01-01')").run('c'.repeat(64));
      db.prepare("INSERT INTO admin_tokens VALUES ('t1', 'ops', ?, 'admin', '2026-01-01')").run('a'.repeat(64));
      expect(await repo.findByHash('c'.repeat(64))).toBeNull();
      expect((await repo.findByHash('a'.repeat(64)))?.role).toBe('admin'); // proves the raw rows are read
    } finally {
      db.close();
    }
  });
});
