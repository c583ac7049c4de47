import { MongoReminderRepository } from '../../../../src/store/mongo/reminders.repo';
import { describeReminderRepositoryContract } from '../../../contract/reminder-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeReminderRepositoryContract('MongoReminderRepository', () => mongo.openRepo((connection) => new MongoReminderRepository(connection)));
