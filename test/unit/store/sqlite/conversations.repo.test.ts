import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Conversation } from '../../../../src/modules/customer-service/customer-service';
import { openDatabase } from '../../../../src/store/sqlite/database';
import { SqliteConversationRepository } from '../../../../src/store/sqlite/conversations.repo';
import { describeConversationRepositoryContract } from '../../../contract/conversation-repository.contract';

describeConversationRepositoryContract('SqliteConversationRepository', async () => {
  const db = openDatabase(':memory:');
  return { repo: new SqliteConversationRepository(db), close: async () => { db.close(); } };
});

describe('SqliteConversationRepository on a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-conversations-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const c: Conversation = {
    id: 'c1', appId: 'wx1234567890abcdef', openid: 'o1', state: 'waiting', mode: 'desk', reason: 'asked', agentId: null, kfAccount: null,
    skillGroup: null, openedAt: '2026-03-01T00:00:00.000Z', assignedAt: null, waitingSince: '2026-03-01T00:00:00.000Z',
    dueAt: '2026-03-02T00:00:00.000Z', warnAt: '2026-03-01T19:12:00.000Z', firstResponseAt: null, lastFollowerAt: '2026-03-01T00:00:00.000Z',
    lastAgentAt: null, closedAt: null, closedBy: null, breaches: 0, updatedAt: '2026-03-01T00:00:00.000Z',
  };

  it('when the database is closed and opened again, then the conversation, its thread and the open-conversation rule are still there', async () => {
    const file = path.join(dir, 'wxoa.db');
    const first = openDatabase(file);
    const repo = new SqliteConversationRepository(first);
    await repo.insert(c);
    await repo.appendEntry({ id: 'e1', conversationId: 'c1', appId: c.appId, openid: 'o1', direction: 'in', at: c.openedAt, kind: 'text', text: '人工', agentId: null, msgId: 'm1' });
    first.close();
    const second = openDatabase(file);
    const again = new SqliteConversationRepository(second);
    expect(await again.get('c1')).toStrictEqual(c);
    expect((await again.thread('c1', 10)).map((e) => e.text)).toEqual(['人工']);
    await expect(again.insert({ ...c, id: 'c2' })).rejects.toThrow(/open conversation/);
    expect(await again.appendEntry({ id: 'e2', conversationId: 'c1', appId: c.appId, openid: 'o1', direction: 'in', at: c.openedAt, kind: 'text', text: 'again', agentId: null, msgId: 'm1' })).toBe(false);
    second.close();
  });

  it('when the SLA query runs, then it uses the partial index on warn_at rather than scanning the table', () => {
    const db = openDatabase(':memory:');
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM conversations WHERE state <> 'closed' AND warn_at <= ? ORDER BY warn_at, id LIMIT ?`)
      .all('2026-03-01T00:00:00.000Z', 10) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING INDEX conversations_sla/);
    db.close();
  });
});
