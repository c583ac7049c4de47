import { MongoMessageRepository } from '../../../../src/store/mongo/messages.repo';
import { describeMessageRepositoryContract } from '../../../contract/message-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeMessageRepositoryContract('MongoMessageRepository', () => mongo.openRepo((connection) => new MongoMessageRepository(connection)));
