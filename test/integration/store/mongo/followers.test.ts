import { MongoFollowerRepository } from '../../../../src/store/mongo/followers.repo';
import { describeFollowerRepositoryContract } from '../../../contract/follower-repository.contract';
import { ensureIndexes, useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeFollowerRepositoryContract('MongoFollowerRepository', async () => {
  const { connection, close } = await mongo.open();
  const repo = new MongoFollowerRepository(connection);
  await ensureIndexes(connection);
  return { repo, close };
});
