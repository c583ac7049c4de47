import { describePendingReplyRepositoryContract } from '../../../contract/pending-reply-repository.contract';
import { MemoryPendingReplyRepository } from './memory-pending';

// The fake the deferred-reply tests use must behave as the adapters do, or those tests prove nothing.
describePendingReplyRepositoryContract('MemoryPendingReplyRepository', async () => ({ repo: new MemoryPendingReplyRepository(), close: async () => {} }));
