import { MongoServiceWindowRepository } from '../../../../src/store/mongo/service-windows.repo';
import { describeServiceWindowRepositoryContract } from '../../../contract/service-window-repository.contract';
import { ensureIndexes, useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeServiceWindowRepositoryContract('MongoServiceWindowRepository', async () => {
  const { connection, close } = await mongo.open();
  const repo = new MongoServiceWindowRepository(connection);
  await ensureIndexes(connection);
  return { repo, close };
});
