import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoredAccount } from '../../../../src/modules/accounts';
import { ConflictError, NotFoundError } from '../../../../src/shared/errors';
import { SqliteAccountRepository } from '../../../../src/store/sqlite/accounts.repo';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';
import { caught, makeAccountService, SECRETS, validAccountInput } from '../../../helpers/accounts';

const stored = (over: Partial<StoredAccount> = {}): StoredAccount => ({
  appId: 'wx1234567890abcdef', originalId: 'gh_0123456789ab', name: '测试', type: 'service', verified: true,
  encryptionMode: 'safe', timeZone: 'Asia/Shanghai', certificationExpiresAt: '2027-01-31',
  sealedSecrets: 'v1.sealed', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...over,
});

describe('SqliteAccountRepository', () => {
  let db: SqliteDatabase;
  let repo: SqliteAccountRepository;
  beforeEach(() => {
    db = openDatabase(':memory:');
    repo = new SqliteAccountRepository(db);
  });
  afterEach(() => db.close());

  it('when an account is inserted, then get and list return it field for field', async () => {
    await repo.insert(stored());
    await repo.insert(stored({ appId: 'wx0000000000000000', originalId: null, verified: false, certificationExpiresAt: null }));
    expect(await repo.get('wx1234567890abcdef')).toEqual(stored());
    expect((await repo.list()).map((a) => [a.appId, a.verified, a.originalId])).toEqual([
      ['wx0000000000000000', false, null],
      ['wx1234567890abcdef', true, 'gh_0123456789ab'],
    ]);
  });

  it('when the appId exists, then insert is a conflict and the first row stays', async () => {
    await repo.insert(stored());
    expect(await caught(repo.insert(stored({ name: 'other' })))).toBeInstanceOf(ConflictError);
    expect((await repo.get('wx1234567890abcdef'))?.name).toBe('测试');
  });

  it('when an account is updated, then the new values replace the old but createdAt stays', async () => {
    await repo.insert(stored());
    await repo.update(stored({ name: 'new', verified: false, createdAt: '2030-01-01', updatedAt: '2026-02-01T00:00:00.000Z' }));
    expect(await repo.get('wx1234567890abcdef')).toMatchObject({ name: 'new', verified: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' });
  });

  it('when the appId is missing, then update is not found and get is null', async () => {
    expect(await caught(repo.update(stored()))).toBeInstanceOf(NotFoundError);
    expect(await repo.get('wx1234567890abcdef')).toBeNull();
  });

  it('when an account is removed, then remove says so once', async () => {
    await repo.insert(stored());
    expect(await repo.remove('wx1234567890abcdef')).toBe(true);
    expect(await repo.remove('wx1234567890abcdef')).toBe(false);
  });
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
