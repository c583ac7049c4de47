import { openSqliteStore } from '../../../../src/store/sqlite';
import { describePendingReplyRepositoryContract } from '../../../contract/pending-reply-repository.contract';

describePendingReplyRepositoryContract('SqlitePendingReplyRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.pendingReplies, close: () => store.close() };
});
