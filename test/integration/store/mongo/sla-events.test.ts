import { MongoSlaEventRepository } from '../../../../src/store/mongo/sla-events.repo';
import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { describeSlaEventRepositoryContract } from '../../../contract/sla-event-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeSlaEventRepositoryContract('MongoSlaEventRepository', async () => {
  const { connection, close } = await mongo.open();
  const repo = new MongoSlaEventRepository(connection);
  await ensureIndexes(connection);
  return { repo, close };
});
