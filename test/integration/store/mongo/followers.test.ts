import { MongoFollowerRepository } from '../../../../src/store/mongo/followers.repo';
import { describeFollowerRepositoryContract } from '../../../contract/follower-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeFollowerRepositoryContract('MongoFollowerRepository', () => mongo.openRepo((connection) => new MongoFollowerRepository(connection)));
