import { MemoryConversationRepository, MemorySlaEventRepository } from '../../../../src/modules/customer-service/memory-conversations';
import { describeConversationRepositoryContract } from '../../../contract/conversation-repository.contract';
import { describeSlaEventRepositoryContract } from '../../../contract/sla-event-repository.contract';

describeConversationRepositoryContract('MemoryConversationRepository', async () => ({ repo: new MemoryConversationRepository(), close: async () => undefined }));
describeSlaEventRepositoryContract('MemorySlaEventRepository', async () => ({ repo: new MemorySlaEventRepository(), close: async () => undefined }));
