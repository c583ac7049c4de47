import { MongoMessageRepository } from '../../../../src/store/mongo/messages.repo';
import { describeMessageRepositoryContract } from '../../../contract/message-repository.contract';
import { ensureIndexes, useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeMessageRepositoryContract('MongoMessageRepository', async () => {
  const { connection, close } = await mongo.open();
  const repo = new MongoMessageRepository(connection);
  await ensureIndexes(connection);
  return { repo, close };
});
