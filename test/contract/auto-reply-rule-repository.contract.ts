import type { AutoReplyRule, AutoReplyRuleRepository } from '../../src/modules/auto-reply';
import { ConflictError } from '../../src/shared/errors';

/**
 * What every AutoReplyRuleRepository adapter must do, run by one runner per adapter (not a
 * `*.test.ts`: jest runs it only through them). The rules cache compares `fingerprint` strings to
 * notice edits made by another process, so its exact format is part of the contract.
 */

const A = 'wx1234567890abcdef';
const B = 'wxfedcba0987654321';

/** 2026-01-<day> <hour>:00 UTC, in the domain's one format (toISOString). */
const at = (day: number, hour = 0): string => new Date(Date.UTC(2026, 0, day, hour)).toISOString();

function rule(id: string, overrides: Partial<AutoReplyRule> = {}): AutoReplyRule {
  return {
    id, appId: A, name: `rule ${id}`, trigger: { kind: 'keyword', keywords: [{ text: '价格', mode: 'contains' }] },
    replies: [{ type: 'text', content: '¥99' }], replyMode: 'all', priority: 0, enabled: true, activeWindows: [],
    cooldownMinutes: 0, createdAt: at(1), updatedAt: at(1), ...overrides,
  };
}

/** A rule with every part filled, so a round trip shows each field survives. */
const full = (): AutoReplyRule => rule('full', {
  name: '全部', trigger: { kind: 'keyword', keywords: [{ text: '^\\d{3}$', mode: 'regex' }, { text: 'Hi', mode: 'exact' }] },
  replies: [
    { type: 'news', articles: [{ title: 't', description: 'd', picUrl: 'https://e.com/p.jpg', url: 'https://e.com' }] },
    { type: 'music', thumbMediaId: 'thumb', title: 'song', musicUrl: 'https://e.com/m.mp3' },
    { type: 'transfer_customer_service', kfAccount: 'kf1@gh_x' },
  ],
  replyMode: 'random', priority: -3, enabled: false, activeWindows: [{ days: [1, 2], start: '18:00', end: '09:00' }, { start: '12:00', end: '13:00' }],
  cooldownMinutes: 30, createdAt: at(2), updatedAt: at(3, 4),
});

const ids = (rules: AutoReplyRule[]): string[] => rules.map((r) => r.id);

export function describeAutoReplyRuleRepositoryContract(
  name: string,
  make: () => Promise<{ repo: AutoReplyRuleRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (AutoReplyRuleRepository contract)`, () => {
    let repo: AutoReplyRuleRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    describe('save and get', () => {
      it('when a rule is saved, then it reads back whole, only under its own account', async () => {
        await repo.save(full());
        expect(await repo.get(A, 'full')).toEqual(full());
        expect(await repo.listByAccount(A)).toEqual([full()]);
        expect(await repo.get(B, 'full')).toBeNull();
        expect(await repo.listByAccount(B)).toEqual([]);
      });

      it('when the id is unknown, then get answers null', async () => {
        expect(await repo.get(A, 'nope')).toBeNull();
      });

      it('when each kind of trigger is saved, then each reads back as it was', async () => {
        const triggers: AutoReplyRule['trigger'][] = [
          { kind: 'subscribe' }, { kind: 'subscribe', scene: 'poster' }, { kind: 'click', key: 'HELP' }, { kind: 'scan', scene: '42' },
          { kind: 'event', event: 'LOCATION' }, { kind: 'event', event: 'scancode_waitmsg', key: 'k' }, { kind: 'default' },
        ];
        for (const [i, trigger] of triggers.entries()) await repo.save(rule(`t${i}`, { trigger }));
        expect((await repo.listByAccount(A)).map((r) => r.trigger)).toEqual(triggers);
      });

      it('when an optional part is undefined, then it reads back absent, never null (toEqual tells null from absent)', async () => {
        await repo.save(rule('r1', { replies: [{ type: 'video', mediaId: 'v', title: undefined, description: 'd' }] }));
        const [reply] = (await repo.get(A, 'r1'))!.replies;
        expect(reply).toEqual({ type: 'video', mediaId: 'v', description: 'd' });
      });

      it('when a caller changes what it saved or read, then the stored rule does not change', async () => {
        const r = full();
        await repo.save(r);
        r.name = 'changed after save';
        (r.activeWindows[0]!.days as number[]).push(6);
        const got = await repo.get(A, 'full');
        got!.name = 'changed after get';
        got!.replies.length = 0;
        (await repo.listByAccount(A))[0]!.trigger = { kind: 'default' };
        expect(await repo.get(A, 'full')).toEqual(full());
      });

      it('when a rule is saved again with the same id, then it is replaced whole, not duplicated', async () => {
        await repo.save(full());
        const renamed = rule('full', { name: 'renamed', createdAt: at(2), updatedAt: at(3, 5) });
        await repo.save(renamed);
        expect(await repo.listByAccount(A)).toEqual([renamed]);
      });

      it("when another account saves a rule with a taken id, then it is a conflict and the first account's rule stays", async () => {
        await repo.save(rule('r1'));
        await expect(repo.save(rule('r1', { appId: B, name: 'thief' }))).rejects.toBeInstanceOf(ConflictError);
        expect(await repo.get(A, 'r1')).toEqual(rule('r1'));
        expect(await repo.get(B, 'r1')).toBeNull();
        expect(await repo.listByAccount(B)).toEqual([]);
      });
    });

    describe('listByAccount', () => {
      it('when rules are listed, then they come oldest first with ids breaking ties, the account\'s own only', async () => {
        await repo.save(rule('c', { createdAt: at(2) }));
        await repo.save(rule('b'));
        await repo.save(rule('d', { createdAt: at(1, 12) }));
        await repo.save(rule('a'));
        await repo.save(rule('other', { appId: B }));
        expect(ids(await repo.listByAccount(A))).toEqual(['a', 'b', 'd', 'c']);
        expect(ids(await repo.listByAccount(B))).toEqual(['other']);
      });
    });

    describe('replaceAll', () => {
      it("when replaceAll runs, then the account's rules are exactly the new ones and other accounts keep theirs", async () => {
        await repo.save(rule('old1'));
        await repo.save(rule('old2'));
        await repo.save(rule('other', { appId: B }));
        await repo.replaceAll(A, [rule('new1'), rule('old2', { name: 'kept id' })]);
        expect(await repo.listByAccount(A)).toEqual([rule('new1'), rule('old2', { name: 'kept id' })]);
        expect(await repo.listByAccount(B)).toEqual([rule('other', { appId: B })]);
      });

      it('when the new rules name another appId, then they are stored under the account replaced', async () => {
        await repo.replaceAll(A, [rule('r1', { appId: 'wx_from_an_export_of_another_account' })]);
        expect(await repo.get(A, 'r1')).toEqual(rule('r1'));
        expect(await repo.listByAccount('wx_from_an_export_of_another_account')).toEqual([]);
      });

      it('when the new rules are none, then the account has no rules left and others keep theirs', async () => {
        await repo.save(rule('r1'));
        await repo.save(rule('other', { appId: B }));
        await repo.replaceAll(A, []);
        expect(await repo.listByAccount(A)).toEqual([]);
        expect(ids(await repo.listByAccount(B))).toEqual(['other']);
      });

      it('when one new rule has an id of another account, then it is a conflict and nothing changes', async () => {
        await repo.save(rule('mine'));
        await repo.save(rule('theirs', { appId: B }));
        const before = await repo.fingerprint(A);
        await expect(repo.replaceAll(A, [rule('fresh'), rule('mine', { name: 'changed' }), rule('theirs')])).rejects.toBeInstanceOf(ConflictError);
        expect(await repo.listByAccount(A)).toEqual([rule('mine')]);
        expect(await repo.get(A, 'fresh')).toBeNull();
        expect(await repo.listByAccount(B)).toEqual([rule('theirs', { appId: B })]);
        expect(await repo.fingerprint(A)).toBe(before);
      });
    });

    describe('remove', () => {
      it('when a rule is removed, then it is gone and removing it again (or from another account) says false', async () => {
        await repo.save(rule('r1'));
        await repo.save(rule('r2'));
        expect(await repo.remove(B, 'r1')).toBe(false);
        expect(await repo.get(A, 'r1')).toEqual(rule('r1'));
        expect(await repo.remove(A, 'r1')).toBe(true);
        expect(await repo.remove(A, 'r1')).toBe(false);
        expect(await repo.get(A, 'r1')).toBeNull();
        expect(ids(await repo.listByAccount(A))).toEqual(['r2']);
      });

      it('when a removed id is saved by another account, then it is theirs now', async () => {
        await repo.save(rule('r1'));
        await repo.remove(A, 'r1');
        await repo.save(rule('r1', { appId: B }));
        expect(await repo.get(B, 'r1')).toEqual(rule('r1', { appId: B }));
        expect(await repo.get(A, 'r1')).toBeNull();
      });
    });

    describe('fingerprint', () => {
      it('when the account has no rules, then it is "0|"', async () => {
        await repo.save(rule('other', { appId: B }));
        expect(await repo.fingerprint(A)).toBe('0|');
      });

      it('when the account has rules, then it is their count and the latest updatedAt, of its own rules only', async () => {
        await repo.save(rule('r1', { updatedAt: at(5) }));
        await repo.save(rule('r2', { createdAt: at(3), updatedAt: at(4) }));
        await repo.save(rule('other', { appId: B, updatedAt: at(9) }));
        expect(await repo.fingerprint(A)).toBe(`2|${at(5)}`);
        expect(await repo.fingerprint(B)).toBe(`1|${at(9)}`);
      });

      it('when rules are added, updated, removed or replaced, then it changes each time; reading it changes nothing', async () => {
        const seen = [await repo.fingerprint(A)];
        await repo.save(rule('r1', { updatedAt: at(2) }));
        seen.push(await repo.fingerprint(A));
        await repo.save(rule('r1', { updatedAt: at(3) }));
        seen.push(await repo.fingerprint(A));
        await repo.save(rule('r2', { updatedAt: at(2) }));
        seen.push(await repo.fingerprint(A));
        expect(await repo.fingerprint(A)).toBe(seen[3]);
        await repo.remove(A, 'r2');
        seen.push(await repo.fingerprint(A));
        await repo.replaceAll(A, [rule('r3', { updatedAt: at(4) })]);
        seen.push(await repo.fingerprint(A));
        expect(seen).toEqual(['0|', `1|${at(2)}`, `1|${at(3)}`, `2|${at(3)}`, `1|${at(3)}`, `1|${at(4)}`]);
      });
    });
  });
}
