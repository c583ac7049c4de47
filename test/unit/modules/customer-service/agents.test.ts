import { AgentService } from '../../../../src/modules/customer-service/agents';
import { MemoryAgentRepository } from '../../../../src/modules/customer-service/memory-agents';
import { ManualClock } from '../../../../src/shared/clock';
import { ConflictError, NotFoundError, ValidationError } from '../../../../src/shared/errors';

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';
const T0 = '2026-01-01T03:00:00.000Z';
const T1 = '2026-01-01T03:01:00.000Z';

function setup() {
  const clock = new ManualClock();
  const repo = new MemoryAgentRepository();
  const accounts = { get: async (appId: string) => {
    if (appId !== APP && appId !== OTHER_APP) throw new NotFoundError(`no account with appId ${appId}`);
    return { appId };
  } };
  return { clock, repo, service: new AgentService({ repo, accounts, clock }) };
}

async function problemsOf(work: Promise<unknown>): Promise<unknown> {
  const err = await work.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).details;
}

describe('AgentService', () => {
  it('when an agent is created with the least, then the defaults fill the rest and it is stored', async () => {
    const { service, repo } = setup();
    const created = await service.create({ id: 'wang.01', name: ' 小王 ', appIds: [APP] });
    expect(created).toEqual({
      id: 'wang.01', name: '小王', appIds: [APP], skills: [], maxLoad: 10, status: 'offline', kfAccount: null,
      lastAssignedAt: null, createdAt: T0, updatedAt: T0,
    });
    expect(await repo.get('wang.01')).toEqual(created);
  });

  it('when an agent is created with everything, then it is kept as given (lists without duplicates)', async () => {
    const { service } = setup();
    expect(await service.create({
      id: 'li', name: 'Li', appIds: [APP, OTHER_APP, APP], skills: ['售后', '售后', 'vip'], maxLoad: 200, status: 'online', kfAccount: 'li_01@shop-cn',
    })).toMatchObject({ appIds: [APP, OTHER_APP], skills: ['售后', 'vip'], maxLoad: 200, status: 'online', kfAccount: 'li_01@shop-cn' });
  });

  it('when every field is wrong, then one 400 names each of them', async () => {
    expect(await problemsOf(setup().service.create({
      id: 'A', name: '', appIds: [], skills: ['x'.repeat(33)], maxLoad: 201, status: 'busy', kfAccount: 'no-at-sign', extra: 1,
    }))).toEqual([
      { field: 'id', message: 'must be 2–32 characters: a–z, 0–9, _ . -' },
      { field: 'name', message: 'must not be empty' },
      { field: 'appIds', message: 'must name at least one account' },
      { field: 'skills.0', message: 'must be at most 32 characters' },
      { field: 'maxLoad', message: 'must be at most 200' },
      { field: 'kfAccount', message: 'must be prefix@wechat_id (prefix ≤ 10 letters, digits or _)' },
      { field: 'status', message: 'must be online, away or offline' },
      { field: 'extra', message: 'is not a known field' },
    ]);
  });

  it.each([
    [{ id: 'x'.repeat(33) }, 'id'], [{ id: 'a b' }, 'id'], [{ maxLoad: 0 }, 'maxLoad'], [{ maxLoad: 2.5 }, 'maxLoad'],
    [{ kfAccount: 'prefix_longer@shop' }, 'kfAccount'], [{ name: 'x'.repeat(33) }, 'name'],
  ])('when the input has %j, then %s is named', async (over, field) => {
    const problems = await problemsOf(setup().service.create({ id: 'ok', name: 'ok', appIds: [APP], ...over }));
    expect((problems as Array<{ field: string }>).map((p) => p.field)).toEqual([field]);
  });

  it('when an account named does not exist, then a 400 names each such entry and nothing is stored', async () => {
    const { service, repo } = setup();
    expect(await problemsOf(service.create({ id: 'ok', name: 'ok', appIds: [APP, 'wx_nope', 'wx_gone'] }))).toEqual([
      { field: 'appIds.1', message: 'names no account (wx_nope)' },
      { field: 'appIds.2', message: 'names no account (wx_gone)' },
    ]);
    expect(await repo.list()).toEqual([]);
  });

  it('when the id or the kf account is taken, then a conflict', async () => {
    const { service } = setup();
    await service.create({ id: 'a1', name: 'A', appIds: [APP], kfAccount: 'a@shop' });
    await expect(service.create({ id: 'a1', name: 'Again', appIds: [APP] })).rejects.toBeInstanceOf(ConflictError);
    await expect(service.create({ id: 'a2', name: 'B', appIds: [APP], kfAccount: 'a@shop' })).rejects.toThrow('kf account a@shop already belongs to agent a1');
  });

  it('when an agent is changed, then the fields named change, the others (status, lastAssignedAt, createdAt) stay', async () => {
    const { service, repo, clock } = setup();
    await service.create({ id: 'a1', name: 'A', appIds: [APP], kfAccount: 'a@shop', status: 'online' });
    await repo.markAssigned('a1', T0);
    clock.advance(60_000);
    const next = await service.update('a1', { name: 'Anna', skills: ['vip'], maxLoad: 3, kfAccount: 'a@shop' });
    expect(next).toEqual({
      id: 'a1', name: 'Anna', appIds: [APP], skills: ['vip'], maxLoad: 3, status: 'online', kfAccount: 'a@shop',
      lastAssignedAt: T0, createdAt: T0, updatedAt: T1,
    });
    expect(await repo.get('a1')).toEqual(next);
  });

  it('when a change names the id, the status or an unknown account, then it is refused and nothing changes', async () => {
    const { service, repo } = setup();
    await service.create({ id: 'a1', name: 'A', appIds: [APP] });
    expect(await problemsOf(service.update('a1', { id: 'b1', status: 'online' }))).toEqual([
      { field: 'id', message: 'is not a known field' }, { field: 'status', message: 'is not a known field' },
    ]);
    expect(await problemsOf(service.update('a1', { appIds: ['wx_nope'] }))).toEqual([{ field: 'appIds.0', message: 'names no account (wx_nope)' }]);
    expect((await repo.get('a1'))?.appIds).toEqual([APP]);
  });

  it('when the agent does not exist, then update, get, remove and setStatus are a 404', async () => {
    const { service } = setup();
    await expect(service.update('ghost', { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.get('ghost')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.remove('ghost')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.setStatus('ghost', 'online')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when agents are listed for an account, then those serving it in id order; an unknown account is a 404', async () => {
    const { service } = setup();
    await service.create({ id: 'zz', name: 'Z', appIds: [APP] });
    await service.create({ id: 'bb', name: 'B', appIds: [OTHER_APP] });
    await service.create({ id: 'aa', name: 'A', appIds: [OTHER_APP, APP] });
    expect((await service.list(APP)).map((a) => a.id)).toEqual(['aa', 'zz']);
    expect((await service.list()).map((a) => a.id)).toEqual(['aa', 'bb', 'zz']);
    await expect(service.list('wx_nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when the status is set, then the agent comes back with it and the time; a status that is none is a 400', async () => {
    const { service, clock } = setup();
    await service.create({ id: 'a1', name: 'A', appIds: [APP] });
    clock.advance(60_000);
    expect(await service.setStatus('a1', 'online')).toMatchObject({ status: 'online', updatedAt: T1 });
    expect(await problemsOf(service.setStatus('a1', 'busy'))).toEqual([{ field: 'status', message: 'must be online, away or offline' }]);
  });

  it('when an agent is removed, then it is gone', async () => {
    const { service } = setup();
    await service.create({ id: 'a1', name: 'A', appIds: [APP] });
    await service.remove('a1');
    await expect(service.get('a1')).rejects.toBeInstanceOf(NotFoundError);
  });
});
