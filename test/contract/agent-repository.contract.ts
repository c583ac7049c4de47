import type { Agent } from '../../src/modules/customer-service/customer-service';
import type { AgentRepository } from '../../src/modules/customer-service/customer-service.ports';

/**
 * What every AgentRepository adapter must do, run by one runner per adapter (the file is not a
 * `*.test.ts`, so jest runs it only through them). Routing reads agents and marks assignments
 * through this port, so each adapter gets the very same checks.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

/** 2026-03-<day> <hour>:<minute> UTC, in the domain's one format (toISOString). */
const at = (day: number, hour = 0, minute = 0): string => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

const agent = (id: string, over: Partial<Agent> = {}): Agent => ({
  id, name: `agent ${id}`, appIds: [APP], skills: [], maxLoad: 10, status: 'offline', kfAccount: null,
  lastAssignedAt: null, createdAt: at(1), updatedAt: at(1), ...over,
});

/** An agent with every optional part filled, so a round trip shows each field survives. */
const full = (): Agent => agent('full.agent-1', {
  name: '小王', appIds: [APP, OTHER_APP], skills: ['售后', 'billing'], maxLoad: 200, status: 'online',
  kfAccount: 'wang_01@shop_cn', lastAssignedAt: at(2, 9, 30), createdAt: at(1, 8), updatedAt: at(2, 9),
});

const ids = (agents: Agent[]): string[] => agents.map((a) => a.id);

export function describeAgentRepositoryContract(
  name: string,
  make: () => Promise<{ repo: AgentRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (AgentRepository contract)`, () => {
    let repo: AgentRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    describe('save and get', () => {
      it('when an agent is saved, then get returns it field for field, a copy the caller cannot change', async () => {
        const a = full();
        await repo.save(a);
        a.skills.push('changed after save');
        const got = await repo.get('full.agent-1');
        expect(got).toStrictEqual(full());
        got!.appIds.push('changed after get');
        expect((await repo.get('full.agent-1'))?.appIds).toEqual([APP, OTHER_APP]);
      });

      it('when an agent with empty lists and null fields is saved, then it comes back exactly so', async () => {
        await repo.save(agent('bare'));
        expect(await repo.get('bare')).toStrictEqual(agent('bare'));
      });

      it('when no agent has the id, then get returns null', async () => {
        await repo.save(agent('a1'));
        expect(await repo.get('a2')).toBeNull();
      });

      it('when an agent is saved again under its id, then every field is replaced and there is still one agent', async () => {
        await repo.save(full());
        const replaced = agent('full.agent-1', { name: 'renamed', appIds: [OTHER_APP], skills: [], maxLoad: 3, status: 'away', updatedAt: at(5) });
        await repo.save(replaced);
        expect(await repo.get('full.agent-1')).toStrictEqual(replaced);
        expect(ids(await repo.list())).toEqual(['full.agent-1']);
      });
    });

    describe('list', () => {
      it('when agents are listed without an account, then every agent comes back in id order', async () => {
        for (const id of ['c', 'a.2', 'b', 'a.10']) await repo.save(agent(id));
        expect(ids(await repo.list())).toEqual(['a.10', 'a.2', 'b', 'c']);
      });

      it('when agents are listed for an account, then only those serving it come back, in id order, a shared agent in each list', async () => {
        await repo.save(agent('z', { appIds: [APP] }));
        await repo.save(agent('m', { appIds: [OTHER_APP, APP] }));
        await repo.save(agent('k', { appIds: [OTHER_APP] }));
        expect(ids(await repo.list(APP))).toEqual(['m', 'z']);
        expect(ids(await repo.list(OTHER_APP))).toEqual(['k', 'm']);
        expect(await repo.list('wx_unknown')).toEqual([]);
      });

      it('when an account id is a prefix of another, then listing it does not match the longer one', async () => {
        await repo.save(agent('a1', { appIds: [`${APP}0`] }));
        expect(await repo.list(APP)).toEqual([]);
      });

      it('when nothing was saved, then the list is empty', async () => {
        expect(await repo.list()).toEqual([]);
      });
    });

    describe('remove', () => {
      it('when an agent is removed, then true, and it is gone from get and list', async () => {
        await repo.save(agent('a1'));
        await repo.save(agent('a2'));
        expect(await repo.remove('a1')).toBe(true);
        expect(await repo.get('a1')).toBeNull();
        expect(ids(await repo.list(APP))).toEqual(['a2']);
      });

      it('when the agent does not exist (or was removed already), then false', async () => {
        await repo.save(agent('a1'));
        await repo.remove('a1');
        expect(await repo.remove('a1')).toBe(false);
        expect(await repo.remove('never')).toBe(false);
      });
    });

    describe('setStatus and markAssigned', () => {
      it('when the status is set, then true, status and updatedAt change and nothing else', async () => {
        await repo.save(full());
        expect(await repo.setStatus('full.agent-1', 'away', at(3))).toBe(true);
        expect(await repo.get('full.agent-1')).toStrictEqual({ ...full(), status: 'away', updatedAt: at(3) });
      });

      it('when the status of an unknown agent is set, then false and no agent appears', async () => {
        expect(await repo.setStatus('ghost', 'online', at(3))).toBe(false);
        expect(await repo.get('ghost')).toBeNull();
      });

      it('when an assignment is marked, then lastAssignedAt moves and updatedAt stays', async () => {
        await repo.save(full());
        await repo.markAssigned('full.agent-1', at(4, 1));
        expect(await repo.get('full.agent-1')).toStrictEqual({ ...full(), lastAssignedAt: at(4, 1) });
      });

      it('when an assignment is marked for an unknown agent, then nothing happens and no agent appears', async () => {
        await expect(repo.markAssigned('ghost', at(4))).resolves.toBeUndefined();
        expect(await repo.list()).toEqual([]);
      });

      it('when a status change and an assignment mark race, then both land', async () => {
        await repo.save(agent('a1'));
        await Promise.all([repo.setStatus('a1', 'online', at(6)), repo.markAssigned('a1', at(6, 0, 1))]);
        expect(await repo.get('a1')).toStrictEqual(agent('a1', { status: 'online', updatedAt: at(6), lastAssignedAt: at(6, 0, 1) }));
      });

      it('when many agents are marked at once, then each has its own time', async () => {
        const all = ['a', 'b', 'c', 'd', 'e'];
        for (const id of all) await repo.save(agent(id));
        await Promise.all(all.map((id, i) => repo.markAssigned(id, at(7, i))));
        expect((await repo.list()).map((a) => a.lastAssignedAt)).toEqual(all.map((_, i) => at(7, i)));
      });
    });
  });
}
