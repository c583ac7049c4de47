import type { StoredAdminToken } from '../../../../src/modules/admin-access';
import { ConflictError } from '../../../../src/shared/errors';
import { SqliteAdminTokenRepository } from '../../../../src/store/sqlite/admin-tokens.repo';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';
import { caught } from '../../../helpers/accounts';

const token: StoredAdminToken = { id: 't1', name: 'ops', tokenHash: 'a'.repeat(64), role: 'admin', createdAt: '2026-01-01T00:00:00.000Z' };

describe('SqliteAdminTokenRepository', () => {
  let db: SqliteDatabase;
  let repo: SqliteAdminTokenRepository;
  beforeEach(() => {
    db = openDatabase(':memory:');
    repo = new SqliteAdminTokenRepository(db);
  });
  afterEach(() => db.close());

  it('when a token is inserted, then it is found by its hash and counted', async () => {
    expect(await repo.count()).toBe(0);
    await repo.insert(token);
    expect(await repo.findByHash(token.tokenHash)).toEqual(token);
    expect(await repo.findByHash('b'.repeat(64))).toBeNull();
    expect(await repo.count()).toBe(1);
  });

  it('when the same hash is inserted again, then it is a conflict', async () => {
    await repo.insert(token);
    expect(await caught(repo.insert({ ...token, id: 't2' }))).toBeInstanceOf(ConflictError);
  });

  it('when a stored role is unknown to this build, then the token grants nothing', async () => {
    db.prepare("INSERT INTO admin_tokens VALUES ('t9', 'future', ?, 'overlord', '2026-01-01')").run('c'.repeat(64));
    expect(await repo.findByHash('c'.repeat(64))).toBeNull();
  });
});
