import type { AutoReplyRule } from '../../../../src/modules/auto-reply';
import { ConflictError } from '../../../../src/shared/errors';
import { SqliteAutoReplyRuleRepository } from '../../../../src/store/sqlite/auto-reply-rules.repo';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';
import { caught } from '../../../helpers/accounts';

const A = 'wx1234567890abcdef';
const B = 'wxfedcba0987654321';

function rule(id: string, overrides: Partial<AutoReplyRule> = {}): AutoReplyRule {
  return {
    id,
    appId: A,
    name: `rule ${id}`,
    trigger: { kind: 'keyword', keywords: [{ text: '价格', mode: 'contains' }] },
    replies: [{ type: 'text', content: '¥99' }],
    replyMode: 'all',
    priority: 0,
    enabled: true,
    activeWindows: [],
    cooldownMinutes: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('SqliteAutoReplyRuleRepository', () => {
  let db: SqliteDatabase;
  let repo: SqliteAutoReplyRuleRepository;
  beforeEach(() => {
    db = openDatabase(':memory:');
    repo = new SqliteAutoReplyRuleRepository(db);
  });
  afterEach(() => db.close());

  it('when a rule is saved, then it reads back whole, only under its own account', async () => {
    const r = rule('r1', { activeWindows: [{ days: [1, 2], start: '18:00', end: '09:00' }], replies: [{ type: 'news', articles: [{ title: 't', url: 'https://e.com' }] }] });
    await repo.save(r);
    expect(await repo.get(A, 'r1')).toEqual(r);
    expect(await repo.get(B, 'r1')).toBeNull();
    expect(await repo.listByAccount(B)).toEqual([]);
  });

  it('when rules are listed, then they come oldest first with ids breaking ties', async () => {
    await repo.save(rule('c', { createdAt: '2026-01-02T00:00:00.000Z' }));
    await repo.save(rule('b'));
    await repo.save(rule('a'));
    expect((await repo.listByAccount(A)).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('when a rule is saved again with the same id, then it is replaced, not duplicated', async () => {
    await repo.save(rule('r1'));
    await repo.save(rule('r1', { name: 'renamed', updatedAt: '2026-01-03T00:00:00.000Z' }));
    const all = await repo.listByAccount(A);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ name: 'renamed', updatedAt: '2026-01-03T00:00:00.000Z' });
  });

  it("when another account saves a rule with a taken id, then it is a conflict and the first account's rule stays", async () => {
    await repo.save(rule('r1'));
    expect(await caught(repo.save(rule('r1', { appId: B, name: 'thief' })))).toBeInstanceOf(ConflictError);
    expect(await repo.get(A, 'r1')).toMatchObject({ name: 'rule r1' });
    expect(await repo.get(B, 'r1')).toBeNull();
  });

  it("when replaceAll runs, then the account's rules are exactly the new ones and other accounts keep theirs", async () => {
    await repo.save(rule('old1'));
    await repo.save(rule('old2'));
    await repo.save(rule('other', { appId: B }));
    await repo.replaceAll(A, [rule('new1'), rule('old2', { name: 'kept id' })]);
    expect((await repo.listByAccount(A)).map((r) => [r.id, r.name])).toEqual([['new1', 'rule new1'], ['old2', 'kept id']]);
    expect((await repo.listByAccount(B)).map((r) => r.id)).toEqual(['other']);
  });

  it('when replaceAll hits a conflict halfway, then nothing changes (one transaction)', async () => {
    await repo.save(rule('mine'));
    await repo.save(rule('theirs', { appId: B }));
    const err = await caught(repo.replaceAll(A, [rule('fresh'), rule('theirs')]));
    expect(err).toBeInstanceOf(ConflictError);
    expect((await repo.listByAccount(A)).map((r) => r.id)).toEqual(['mine']);
  });

  it('when a rule is removed, then it is gone and removing it again (or from another account) says false', async () => {
    await repo.save(rule('r1'));
    expect(await repo.remove(B, 'r1')).toBe(false);
    expect(await repo.remove(A, 'r1')).toBe(true);
    expect(await repo.remove(A, 'r1')).toBe(false);
    expect(await repo.get(A, 'r1')).toBeNull();
  });
});
