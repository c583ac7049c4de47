import { AGENT_MODEL, MongoAgentRepository } from '../../../../src/store/mongo/agents.repo';
import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { describeAgentRepositoryContract } from '../../../contract/agent-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeAgentRepositoryContract('MongoAgentRepository', () => mongo.openRepo((connection) => new MongoAgentRepository(connection)));

describe('MongoAgentRepository documents', () => {
  it('when an agent is saved, then its document has the agent id as _id, and no id or __v field; the account index exists', async () => {
    const { connection, close } = await mongo.open();
    try {
      const repo = new MongoAgentRepository(connection);
      await ensureIndexes(connection);
      await repo.save({
        id: 'a1', name: 'A', appIds: ['wx1'], skills: [], maxLoad: 3, status: 'online', kfAccount: null,
        lastAssignedAt: null, createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z',
      });
      const doc = await connection.collection('agents').findOne({ _id: 'a1' as never });
      expect(doc).toMatchObject({ _id: 'a1', appIds: ['wx1'], maxLoad: 3, kfAccount: null });
      expect(doc).not.toHaveProperty('id');
      expect(doc).not.toHaveProperty('__v');
      const keys = (await connection.models[AGENT_MODEL]!.collection.indexes()).map((i) => i.key);
      expect(keys).toEqual(expect.arrayContaining([{ _id: 1 }, { appIds: 1, _id: 1 }]));
    } finally {
      await close();
    }
  });
});
