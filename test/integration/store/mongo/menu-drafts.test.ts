import { ensureIndexes } from '../../../../src/store/mongo/connection';
import { MongoMenuDraftRepository } from '../../../../src/store/mongo/menu-drafts.repo';
import { describeMenuDraftRepositoryContract } from '../../../contract/menu-draft-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeMenuDraftRepositoryContract('MongoMenuDraftRepository', async () => {
  const { connection, close } = await mongo.open();
  const repo = new MongoMenuDraftRepository(connection);
  await ensureIndexes(connection);
  return { repo, close };
});
