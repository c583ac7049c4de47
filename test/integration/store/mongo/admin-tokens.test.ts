import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { MongoAdminTokenRepository } from '../../../../src/store/mongo/admin-tokens.repo';
import { describeAdminTokenRepositoryContract } from '../../../contract/admin-token-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeAdminTokenRepositoryContract('MongoAdminTokenRepository', () => mongo.openRepo((connection) => new MongoAdminTokenRepository(connection)));

describe('MongoAdminTokenRepository, documents written by another version', () => {
  it('when a stored role is unknown to this build, then the token grants nothing', async () => {
    const { connection, close } = await mongo.open();
    try {
      const repo = new MongoAdminTokenRepository(connection);
      await ensureIndexes(connection);
      await connection.collection('admin_tokens').insertMany([
        { _id: 't9' as never, name: 'future', tokenHash: 'c'.repeat(64), role: 'overlord', createdAt: '2026-01-01' },
        { _id: 't1' as never, name: 'ops', tokenHash: 'a'.repeat(64), role: 'admin', createdAt: '2026-01-01' },
      ]);
      expect(await repo.findByHash('c'.repeat(64))).toBeNull();
      expect((await repo.findByHash('a'.repeat(64)))?.role).toBe('admin'); // proves the raw documents are read
    } finally {
      await close();
    }
  });
});
