import { MongoAutoReplyRuleRepository } from '../../../../src/store/mongo/auto-reply-rules.repo';
import { describeAutoReplyRuleRepositoryContract } from '../../../contract/auto-reply-rule-repository.contract';
import { useTestMongo } from '../../../helpers/mongo';

const mongo = useTestMongo();

describeAutoReplyRuleRepositoryContract('MongoAutoReplyRuleRepository', () => mongo.openRepo((connection) => new MongoAutoReplyRuleRepository(connection)));
