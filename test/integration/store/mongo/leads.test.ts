import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { LEAD_MODEL, MongoLeadRepository } from '../../../../src/store/mongo/leads.repo';
import { describeLeadRepositoryContract } from '../../../contract/lead-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeLeadRepositoryContract('MongoLeadRepository', () => mongo.openRepo((connection) => new MongoLeadRepository(connection)));

describe('MongoLeadRepository documents', () => {
  it('when a lead is inserted, then its document has the lead id as _id, no id or __v, and the collection has both indexes', async () => {
    const { connection, close } = await mongo.open();
    try {
      const repo = new MongoLeadRepository(connection);
      await ensureIndexes(connection);
      await repo.insert({
        id: 'l1', appId: 'wx1', openid: 'o1', kind: 'mobile', value: '13800138000', text: 't', at: '2026-03-01T00:00:00.000Z',
        channel: null, msgId: null, forwardedAt: null,
      });
      const doc = await connection.collection('leads').findOne({ _id: 'l1' as never });
      expect(doc).toEqual({
        _id: 'l1', appId: 'wx1', openid: 'o1', kind: 'mobile', value: '13800138000', text: 't', at: '2026-03-01T00:00:00.000Z',
        channel: null, msgId: null, forwardedAt: null,
      });
      const indexes = await connection.models[LEAD_MODEL]!.collection.indexes();
      expect(indexes.map((i) => [i.key, i.unique === true])).toEqual(expect.arrayContaining([
        [{ appId: 1, openid: 1, kind: 1, value: 1 }, true],
        [{ appId: 1, at: -1, _id: -1 }, false],
      ]));
    } finally {
      await close();
    }
  });
});
