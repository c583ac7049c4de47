import { MemoryAgentRepository } from '../../../../src/modules/customer-service/memory-agents';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';
import { SqliteAgentRepository } from '../../../../src/store/sqlite/agents.repo';
import { describeAgentRepositoryContract } from '../../../contract/agent-repository.contract';

describeAgentRepositoryContract('SqliteAgentRepository', async () => {
  const db = openDatabase(':memory:');
  return { repo: new SqliteAgentRepository(db), close: async () => { db.close(); } };
});

// The in-memory fake the unit tests use must behave as the adapters do, or tests built on it prove nothing.
describeAgentRepositoryContract('MemoryAgentRepository', async () => ({ repo: new MemoryAgentRepository(), close: async () => {} }));

describe('SqliteAgentRepository rows', () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('when an agent is saved, then its lists are JSON text in their columns', async () => {
    await new SqliteAgentRepository(db).save({
      id: 'a1', name: 'A', appIds: ['wx1', 'wx2'], skills: ['售后'], maxLoad: 3, status: 'online', kfAccount: null,
      lastAssignedAt: null, createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z',
    });
    expect(db.prepare('SELECT app_ids, skills, max_load FROM agents WHERE id = ?').get('a1')).toEqual({ app_ids: '["wx1","wx2"]', skills: '["售后"]', max_load: 3 });
  });
});
