import { MongoPendingReplyRepository } from '../../../../src/store/mongo/pending-replies.repo';
import { describePendingReplyRepositoryContract } from '../../../contract/pending-reply-repository.contract';
import { ensureIndexes, useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describePendingReplyRepositoryContract('MongoPendingReplyRepository', async () => {
  const { connection, close } = await mongo.open();
  const repo = new MongoPendingReplyRepository(connection);
  await ensureIndexes(connection);
  return { repo, close };
});
