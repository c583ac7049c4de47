import { DEFAULT_DESK_SETTINGS } from '../../../../src/modules/customer-service/customer-service';
import { DeskSettingsService } from '../../../../src/modules/customer-service/desk-settings';
import { MemoryDeskSettingsRepository } from '../../../../src/modules/customer-service/memory-agents';
import { ManualClock } from '../../../../src/shared/clock';
import { NotFoundError, ValidationError } from '../../../../src/shared/errors';

const APP = 'wx1234567890abcdef';
const T0 = '2026-01-01T03:00:00.000Z';

function setup() {
  const clock = new ManualClock();
  const repo = new MemoryDeskSettingsRepository();
  const accounts = { get: async (appId: string) => {
    if (appId !== APP) throw new NotFoundError(`no account with appId ${appId}`);
    return { appId };
  } };
  return { clock, repo, service: new DeskSettingsService({ repo, accounts, clock }) };
}

/** The field problems of a refused body, as the 400's details list them. */
async function problemsOf(input: unknown): Promise<unknown> {
  const err = await setup().service.update(APP, input).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).details;
}

describe('DeskSettingsService', () => {
  it('when an account has no settings, then get answers the defaults, and nothing is stored', async () => {
    const { service, repo } = setup();
    const got = await service.get(APP);
    expect(got).toEqual({ ...DEFAULT_DESK_SETTINGS, appId: APP, updatedAt: T0 });
    expect(await repo.get(APP)).toBeNull();
    got.handoffKeywords.push('changed by a caller');
    expect(DEFAULT_DESK_SETTINGS.handoffKeywords).toEqual(['人工', '客服', '转人工']);
  });

  it('when the account does not exist, then get and update are a 404', async () => {
    const { service } = setup();
    await expect(service.get('wx_unknown')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.update('wx_unknown', { slaMinutes: 60 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('when a change names some fields, then those change, the others keep their value, and it is stored with the time', async () => {
    const { service, repo, clock } = setup();
    await service.update(APP, { slaMinutes: 120, handoffReply: null });
    clock.advance(60_000);
    const next = await service.update(APP, { warnFraction: 0.5, businessHours: { days: [5, 1, 3], start: '09:00', end: '18:00' } });
    expect(next).toEqual({
      ...DEFAULT_DESK_SETTINGS, appId: APP, slaMinutes: 120, handoffReply: null, warnFraction: 0.5,
      businessHours: { days: [1, 3, 5], start: '09:00', end: '18:00' }, updatedAt: '2026-01-01T03:01:00.000Z',
    });
    expect(await repo.get(APP)).toEqual(next);
  });

  it('when a GET answer is sent back as it is, then it is accepted (appId and updatedAt are read-only, not unknown)', async () => {
    const { service } = setup();
    const got = await service.get(APP);
    await expect(service.update(APP, { ...got, slaMinutes: 30 })).resolves.toMatchObject({ appId: APP, slaMinutes: 30 });
  });

  it('when skill groups are given, then they are stored trimmed, duplicates in a list dropped, empty lists defaulted', async () => {
    const { service } = setup();
    const next = await service.update(APP, {
      strategy: 'skills', skillGroups: [{ name: ' 售后 ', keywords: ['退款', '退款', ' refund '] }, { name: 'vip', tagIds: [100, 100], menuKeys: ['K'] }],
      handoffKeywords: ['人工', '人工'],
    });
    expect(next.skillGroups).toEqual([
      { name: '售后', keywords: ['退款', 'refund'], tagIds: [], menuKeys: [] },
      { name: 'vip', keywords: [], tagIds: [100], menuKeys: ['K'] },
    ]);
    expect(next.handoffKeywords).toEqual(['人工']);
  });

  it('when nulls are given for the nullable fields, then they are cleared', async () => {
    const { service } = setup();
    await service.update(APP, { notifyUrl: 'https://client.example/hook', notifySecret: 'x'.repeat(16), businessHours: { days: [1], start: '08:00', end: '09:00' } });
    expect(await service.update(APP, { notifyUrl: null, notifySecret: null, businessHours: null }))
      .toMatchObject({ notifyUrl: null, notifySecret: null, businessHours: null });
  });
});

describe('desk settings validation', () => {
  it('when every field is wrong, then one 400 names each of them', async () => {
    expect(await problemsOf({
      enabled: 'yes', mode: 'kf', strategy: 'random', handoffKeywords: ['', 'x'.repeat(21)], handoffReply: 'x'.repeat(601),
      slaMinutes: 0, warnFraction: 0.05, closeAfterMinutes: 43_201, notifyUrl: 'ftp://client.example', notifySecret: 'short', colour: 'red',
    })).toEqual([
      { field: 'enabled', message: 'must be true or false' },
      { field: 'mode', message: 'must be desk or native' },
      { field: 'strategy', message: 'must be round_robin, least_loaded or skills' },
      { field: 'handoffKeywords.0', message: 'must not be empty' },
      { field: 'handoffKeywords.1', message: 'must be at most 20 characters' },
      { field: 'handoffReply', message: 'must be at most 600 characters' },
      { field: 'slaMinutes', message: 'must be at least 1' },
      { field: 'warnFraction', message: 'must be at least 0.1' },
      { field: 'closeAfterMinutes', message: 'must be at most 43200' },
      { field: 'notifyUrl', message: 'must be an http(s) URL' },
      { field: 'notifySecret', message: 'must be at least 16 characters' },
      { field: 'colour', message: 'is not a known field' },
    ]);
  });

  it.each([
    [{ slaMinutes: 10_081 }, 'slaMinutes', 'must be at most 10080'],
    [{ slaMinutes: 1.5 }, 'slaMinutes', 'must be a whole number'],
    [{ warnFraction: 0.995 }, 'warnFraction', 'must be at most 0.99'],
    [{ closeAfterMinutes: 9 }, 'closeAfterMinutes', 'must be at least 10'],
    [{ handoffKeywords: Array.from({ length: 21 }, (_, i) => `k${i}`) }, 'handoffKeywords', 'must list at most 20 keywords'],
    [{ notifySecret: 'x'.repeat(129) }, 'notifySecret', 'must be at most 128 characters'],
    [{ notifyUrl: 'not a url' }, 'notifyUrl', 'must be an http(s) URL'],
    [{ appId: 'wx_other' }, 'appId', `is ${APP}, the account in the path: it cannot be changed`],
  ])('when the body is %j, then %s %s', async (input, field, message) => {
    expect(await problemsOf(input)).toEqual([{ field, message }]);
  });

  it('when business hours are wrong, then each problem is named', async () => {
    expect(await problemsOf({ businessHours: { days: [1, 1, 7], start: '9:00', end: '24:00' } })).toEqual([
      { field: 'businessHours.days.2', message: 'must be at most 6' },
      { field: 'businessHours.days', message: 'must not name a day twice' },
      { field: 'businessHours.start', message: 'must be HH:MM (24-hour)' },
      { field: 'businessHours.end', message: 'must be HH:MM (24-hour)' },
    ]);
    expect(await problemsOf({ businessHours: { days: [], start: '18:00', end: '09:00' } })).toEqual([
      { field: 'businessHours.days', message: 'must name at least one day (0 = Sunday … 6 = Saturday)' },
      { field: 'businessHours.end', message: 'must be later than start' },
    ]);
  });

  it('when skill groups are wrong, then each problem is named with its group and item', async () => {
    expect(await problemsOf({ skillGroups: [
      { name: 'x'.repeat(33), keywords: Array.from({ length: 51 }, (_, i) => `k${i}`) },
      { name: 'ok', keywords: ['x'.repeat(21)], tagIds: [1.5], menuKeys: ['键'.repeat(43)] },
      { name: 'empty' },
    ] })).toEqual([
      { field: 'skillGroups.0.name', message: 'must be at most 32 characters' },
      { field: 'skillGroups.0.keywords', message: 'must list at most 50 keywords' },
      { field: 'skillGroups.1.keywords.0', message: 'must be at most 20 characters' },
      { field: 'skillGroups.1.tagIds.0', message: 'must be a whole number' },
      { field: 'skillGroups.1.menuKeys.0', message: 'must be at most 128 bytes' },
      { field: 'skillGroups.2', message: 'needs at least one keyword, tag id or menu key' },
    ]);
  });

  it('when two groups share a name, then the second name is refused', async () => {
    expect(await problemsOf({ skillGroups: [{ name: 'a', tagIds: [1] }, { name: 'a', tagIds: [2] }] }))
      .toEqual([{ field: 'skillGroups.1.name', message: 'is already the name of another group' }]);
  });

  it('when the strategy becomes skills without any group, then skillGroups is named, whether groups were sent or not', async () => {
    const problem = [{ field: 'skillGroups', message: 'must list at least one group when the strategy is skills' }];
    expect(await problemsOf({ strategy: 'skills' })).toEqual(problem);
    expect(await problemsOf({ strategy: 'skills', skillGroups: [] })).toEqual(problem);
  });

  it('when the body is not an object, then (input) is named', async () => {
    expect(await problemsOf([1])).toEqual([{ field: '(input)', message: 'must be a JSON object' }]);
  });
});
