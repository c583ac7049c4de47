import { ConflictError, NotFoundError, ValidationError } from '../../../../src/shared/errors';
import { caught, InMemoryAccountRepository, makeAccountService, SECRETS, validAccountInput } from '../../../helpers/accounts';

const APP_ID = 'wx1234567890abcdef';

function expectNoSecrets(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/"token"|"encodingAESKey"|"appSecret"/);
}

describe('AccountService', () => {
  it('when an account is created, then the public view says which secrets are set and shows none', async () => {
    const { service } = makeAccountService();
    const created = await service.create(validAccountInput());
    expect(created).toMatchObject({ appId: APP_ID, hasEncodingAESKey: true, hasAppSecret: true, createdAt: '2026-01-01T03:00:00.000Z' });
    expectNoSecrets(created);
    expectNoSecrets(await service.get(APP_ID));
    expectNoSecrets(await service.list());
  });

  it('when an account is stored, then the repository holds its secrets only sealed', async () => {
    const repo = new InMemoryAccountRepository();
    const { service } = makeAccountService(repo);
    await service.create(validAccountInput());
    expectNoSecrets(await repo.list());
  });

  it('when getWithSecrets is asked, then it opens the secrets', async () => {
    const { service } = makeAccountService();
    await service.create(validAccountInput());
    expect(await service.getWithSecrets(APP_ID)).toMatchObject(SECRETS);
    expect(await service.getWithSecrets('wxffffffffffffffff')).toBeNull();
  });

  it('when the appId exists, then create is a conflict', async () => {
    const { service } = makeAccountService();
    await service.create(validAccountInput());
    expect(await caught(service.create(validAccountInput()))).toBeInstanceOf(ConflictError);
  });

  it('when an account is updated, then updatedAt moves, createdAt stays and untouched secrets survive', async () => {
    const { service, clock } = makeAccountService();
    await service.create(validAccountInput());
    clock.advance(60_000);
    const updated = await service.update(APP_ID, { name: 'Renamed', appSecret: null });
    expect(updated).toMatchObject({ name: 'Renamed', hasAppSecret: false, createdAt: '2026-01-01T03:00:00.000Z', updatedAt: '2026-01-01T03:01:00.000Z' });
    expect(await service.getWithSecrets(APP_ID)).toMatchObject({ token: SECRETS.token, encodingAESKey: SECRETS.encodingAESKey, appSecret: null });
  });

  it('when an update is invalid, then nothing is stored', async () => {
    const { service } = makeAccountService();
    await service.create(validAccountInput());
    expect(await caught(service.update(APP_ID, { name: '', encodingAESKey: null }))).toBeInstanceOf(ValidationError);
    expect((await service.get(APP_ID)).name).toBe('测试公众号');
  });

  it.each([
    ['get', (s: ReturnType<typeof makeAccountService>['service']) => s.get(APP_ID)],
    ['update', (s: ReturnType<typeof makeAccountService>['service']) => s.update(APP_ID, { name: 'x' })],
    ['remove', (s: ReturnType<typeof makeAccountService>['service']) => s.remove(APP_ID)],
  ])('when %s names a missing account, then it is not found', async (_name, call) => {
    const { service } = makeAccountService();
    expect(await caught(call(service))).toBeInstanceOf(NotFoundError);
  });

  it('when an account is removed, then it is gone', async () => {
    const { service } = makeAccountService();
    await service.create(validAccountInput());
    await service.remove(APP_ID);
    expect(await service.list()).toEqual([]);
  });

  it('when accounts change, then listeners hear of each create, update and remove, and not of failures', async () => {
    const { service } = makeAccountService();
    const heard: string[] = [];
    service.onChange((appId) => heard.push(`a:${appId}`));
    service.onChange((appId) => heard.push(`b:${appId}`));
    await service.create(validAccountInput());
    await caught(service.create(validAccountInput()));
    await service.update(APP_ID, { name: 'x' });
    await caught(service.update(APP_ID, { name: '' }));
    await service.remove(APP_ID);
    expect(heard).toEqual([`a:${APP_ID}`, `b:${APP_ID}`, `a:${APP_ID}`, `b:${APP_ID}`, `a:${APP_ID}`, `b:${APP_ID}`]);
  });

  it('when a listener throws, then the write still succeeds and later listeners still run', async () => {
    const { service } = makeAccountService();
    const heard: string[] = [];
    service.onChange(() => {
      throw new Error('cache down');
    });
    service.onChange((appId) => heard.push(appId));
    await expect(service.create(validAccountInput())).resolves.toMatchObject({ appId: APP_ID });
    expect(heard).toEqual([APP_ID]);
  });
});
