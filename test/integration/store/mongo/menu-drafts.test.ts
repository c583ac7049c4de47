import { MongoMenuDraftRepository } from '../../../../src/store/mongo/menu-drafts.repo';
import { describeMenuDraftRepositoryContract } from '../../../contract/menu-draft-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeMenuDraftRepositoryContract('MongoMenuDraftRepository', () => mongo.openRepo((connection) => new MongoMenuDraftRepository(connection)));
