import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { MongoReminderRepository } from '../../../../src/store/mongo/reminders.repo';
import { describeReminderRepositoryContract } from '../../../contract/reminder-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeReminderRepositoryContract('MongoReminderRepository', async () => {
  const { connection, close } = await mongo.open();
  const repo = new MongoReminderRepository(connection);
  await ensureIndexes(connection);
  return { repo, close };
});
