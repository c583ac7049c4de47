import { MongoAccountRepository } from '../../../../src/store/mongo/accounts.repo';
import { describeAccountRepositoryContract } from '../../../contract/account-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeAccountRepositoryContract('MongoAccountRepository', () => mongo.openRepo((connection) => new MongoAccountRepository(connection)));

describe('MongoAccountRepository and accounts made before push schedules', () => {
  it('when an account document has no pushSchedule, then it reads as the default slots and marks', async () => {
    const { connection, close } = await mongo.open();
    try {
      const repo = new MongoAccountRepository(connection);
      await connection.collection('accounts').insertOne({
        _id: 'wx1234567890abcdef' as never, originalId: null, name: 'old', type: 'service', verified: false, encryptionMode: 'plaintext',
        timeZone: 'Asia/Shanghai', certificationExpiresAt: null, sealedSecrets: 'v1.x', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
      });
      expect((await repo.get('wx1234567890abcdef'))?.pushSchedule).toEqual({ slots: ['11:00', '15:00', '20:00'], warnAfterDays: 3, alertAfterDays: 7 });
    } finally {
      await close();
    }
  });
});
