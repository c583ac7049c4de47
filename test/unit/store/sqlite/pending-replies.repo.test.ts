import { openDatabase } from '../../../../src/store/sqlite/database';
import { SqlitePendingReplyRepository } from '../../../../src/store/sqlite/pending-replies.repo';
import { openSqliteStore } from '../../../../src/store/sqlite';
import { describePendingReplyRepositoryContract } from '../../../contract/pending-reply-repository.contract';

describePendingReplyRepositoryContract('SqlitePendingReplyRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.pendingReplies, close: () => store.close() };
});

describe('SqlitePendingReplyRepository rows', () => {
  it('when a reply fails and is then marked delivered, then its row keeps the first outcome: status, reason and time', async () => {
    const db = openDatabase(':memory:');
    try {
      const repo = new SqlitePendingReplyRepository(db);
      await repo.insert({ id: 'p1', appId: 'wx1', openid: 'oA', inboundKey: 'k', reply: { type: 'text', content: 'x' }, reason: 'deadline', createdAt: '2026-03-01T00:00:00.000Z' });
      await repo.markDone('p1', { status: 'failed', reason: 'the window closed', at: '2026-03-01T00:01:00.000Z' });
      await repo.markDone('p1', { status: 'delivered', reason: null, at: '2026-03-01T00:02:00.000Z' });
      expect(db.prepare('SELECT status, outcome_reason, done_at FROM pending_replies WHERE id = ?').get('p1'))
        .toEqual({ status: 'failed', outcome_reason: 'the window closed', done_at: '2026-03-01T00:01:00.000Z' });
    } finally {
      db.close();
    }
  });
});
