import { MongoSlaEventRepository } from '../../../../src/store/mongo/sla-events.repo';
import { describeSlaEventRepositoryContract } from '../../../contract/sla-event-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeSlaEventRepositoryContract('MongoSlaEventRepository', () => mongo.openRepo((connection) => new MongoSlaEventRepository(connection)));
