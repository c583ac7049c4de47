import { MongoPendingReplyRepository } from '../../../../src/store/mongo/pending-replies.repo';
import { describePendingReplyRepositoryContract } from '../../../contract/pending-reply-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describePendingReplyRepositoryContract('MongoPendingReplyRepository', () => mongo.openRepo((connection) => new MongoPendingReplyRepository(connection)));

describe('MongoPendingReplyRepository documents', () => {
  it('when a reply fails and is then marked delivered, then its document keeps the first outcome: status, reason and time', async () => {
    const { connection, close } = await mongo.open();
    try {
      const repo = new MongoPendingReplyRepository(connection);
      await repo.insert({ id: 'p1', appId: 'wx1', openid: 'oA', inboundKey: 'k', reply: { type: 'text', content: 'x' }, reason: 'deadline', createdAt: '2026-03-01T00:00:00.000Z' });
      await repo.markDone('p1', { status: 'failed', reason: 'the window closed', at: '2026-03-01T00:01:00.000Z' });
      await repo.markDone('p1', { status: 'delivered', reason: null, at: '2026-03-01T00:02:00.000Z' });
      const doc = await connection.collection('pending_replies').findOne({}, { projection: { _id: 0, status: 1, outcomeReason: 1, doneAt: 1 } });
      expect(doc).toEqual({ status: 'failed', outcomeReason: 'the window closed', doneAt: '2026-03-01T00:01:00.000Z' });
    } finally {
      await close();
    }
  });
});
