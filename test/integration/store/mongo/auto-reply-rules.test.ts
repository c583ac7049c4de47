import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { MongoAutoReplyRuleRepository } from '../../../../src/store/mongo/auto-reply-rules.repo';
import { describeAutoReplyRuleRepositoryContract } from '../../../contract/auto-reply-rule-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeAutoReplyRuleRepositoryContract('MongoAutoReplyRuleRepository', async () => {
  const { connection, close } = await mongo.open();
  const repo = new MongoAutoReplyRuleRepository(connection);
  await ensureIndexes(connection);
  return { repo, close };
});
