import { MongoMenuEventCounter } from '../../../../src/store/mongo/menu-stats.repo';
import { MongoMessageRepository } from '../../../../src/store/mongo/messages.repo';
import { describeMenuEventCounterContract } from '../../../contract/menu-event-counter.contract';
import { ensureIndexes, useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

// The counter reads the `messages` collection the message repository writes on the same connection.
describeMenuEventCounterContract('MongoMenuEventCounter', async () => {
  const { connection, close } = await mongo.open();
  const messages = new MongoMessageRepository(connection);
  const repo = new MongoMenuEventCounter(connection);
  await ensureIndexes(connection);
  return { repo, messages, close };
});
