import { MongoServiceWindowRepository } from '../../../../src/store/mongo/service-windows.repo';
import { describeServiceWindowRepositoryContract } from '../../../contract/service-window-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeServiceWindowRepositoryContract('MongoServiceWindowRepository', () => mongo.openRepo((connection) => new MongoServiceWindowRepository(connection)));
