import { registerAccountCommands } from '../../../src/cli/account';
import { runCli } from '../../helpers/cli';
import { makeAccountService, SECRETS } from '../../helpers/accounts';

const APP_ID = 'wx1234567890abcdef';
const ADD = ['account', 'add', '--app-id', APP_ID, '--name', '测试公众号', '--token', SECRETS.token];

function cli() {
  const { service } = makeAccountService();
  const state = { closed: 0 };
  const run = async (...args: string[]) => {
    const call = await runCli((program, io) => registerAccountCommands(program, async () => ({ accounts: service, close: async () => void state.closed++ }), io), args);
    return { out: call.out.join('\n'), err: call.err.join('\n'), exitCode: call.exitCode };
  };
  return { run, service, state };
}

function expectNoSecrets(text: string): void {
  for (const s of Object.values(SECRETS)) expect(text).not.toContain(s);
}

describe('wxoa account', () => {
  it('when add gets valid flags, then the account is created from them and no secret is printed', async () => {
    const { run, service } = cli();
    const res = await run(...ADD, '--type', 'service', '--verified', '--encryption-mode', 'safe', '--encoding-aes-key', SECRETS.encodingAESKey,
      '--app-secret', SECRETS.appSecret, '--original-id', 'gh_0123456789ab', '--time-zone', 'Europe/Berlin', '--certification-expires-at', '2027-01-31');
    expect(res).toMatchObject({ exitCode: 0, out: `created account ${APP_ID} (测试公众号)` });
    expect(await service.getWithSecrets(APP_ID)).toMatchObject({
      type: 'service', verified: true, encryptionMode: 'safe', timeZone: 'Europe/Berlin', certificationExpiresAt: '2027-01-31', originalId: 'gh_0123456789ab', ...SECRETS,
    });
    expectNoSecrets(res.out + res.err);
  });

  it('when add has several bad or missing flags, then every problem is printed by flag name and the exit code is 2', async () => {
    const { run } = cli();
    const res = await run('account', 'add', '--app-id', 'bad', '--encryption-mode', 'safe', '--token', 'x');
    expect(res.exitCode).toBe(2);
    expect(res.err).toContain('--app-id: must be');
    expect(res.err).toContain('--name: is required');
    expect(res.err).toContain('--token: must be 3 to 32 letters or digits');
    expect(res.err).toContain('--encoding-aes-key: is required when encryptionMode is safe');
  });

  it('when the appId is already registered, then add fails with exit code 1', async () => {
    const { run } = cli();
    await run(...ADD);
    const res = await run(...ADD);
    expect(res.exitCode).toBe(1);
    expect(res.err).toMatch(/already exists/);
  });

  it('when list runs, then it prints a table, or JSON with --json, without secrets', async () => {
    const { run } = cli();
    expect((await run('account', 'list')).out).toMatch(/no accounts yet/);
    await run(...ADD, '--app-secret', SECRETS.appSecret);
    const table = await run('account', 'list');
    expect(table.out.split('\n')[0]).toMatch(/^APP ID\s+NAME\s+TYPE\s+MODE\s+VERIFIED\s+TIME ZONE$/);
    expect(table.out.split('\n')[1]).toMatch(new RegExp(`^${APP_ID}\\s+测试公众号\\s+subscription\\s+plaintext\\s+no\\s+Asia/Shanghai$`));
    const json = await run('account', 'list', '--json');
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ appId: APP_ID, hasAppSecret: true })]);
    expectNoSecrets(table.out + json.out);
  });

  it('when show runs, then it prints lines or JSON, saying only whether secrets are set', async () => {
    const { run } = cli();
    await run(...ADD, '--app-secret', SECRETS.appSecret);
    const lines = await run('account', 'show', APP_ID);
    expect(lines.out).toMatch(/appSecret set:\s+yes/);
    expect(lines.out).toMatch(/encodingAESKey set:\s+no/);
    const json = await run('account', 'show', APP_ID, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ appId: APP_ID, hasAppSecret: true });
    expectNoSecrets(lines.out + json.out);
  });

  it('when show names an unknown account, then it exits 1', async () => {
    const { run } = cli();
    const res = await run('account', 'show', 'wxffffffffffffffff');
    expect(res.exitCode).toBe(1);
    expect(res.err).toMatch(/no account/);
  });

  it('when update gives flags, then only those change, and --no-<flag> clears an optional field', async () => {
    const { run, service } = cli();
    await run(...ADD, '--app-secret', SECRETS.appSecret, '--verified');
    const res = await run('account', 'update', APP_ID, '--name', 'Renamed', '--no-app-secret');
    expect(res).toMatchObject({ exitCode: 0, out: `updated account ${APP_ID} (Renamed)` });
    expect(await service.getWithSecrets(APP_ID)).toMatchObject({ name: 'Renamed', appSecret: null, verified: true, token: SECRETS.token });
    await run('account', 'update', APP_ID, '--no-verified');
    expect((await service.get(APP_ID)).verified).toBe(false);
  });

  it('when update is invalid, then it exits 2 and when the account is unknown it exits 1', async () => {
    const { run } = cli();
    await run(...ADD);
    expect((await run('account', 'update', APP_ID, '--encryption-mode', 'safe')).exitCode).toBe(2);
    expect((await run('account', 'update', 'wxffffffffffffffff', '--name', 'x')).exitCode).toBe(1);
  });

  it('when remove runs, then the account is gone, and a second remove exits 1', async () => {
    const { run, service } = cli();
    await run(...ADD);
    expect(await run('account', 'remove', APP_ID)).toMatchObject({ exitCode: 0, out: `removed account ${APP_ID}` });
    expect(await service.list()).toEqual([]);
    expect((await run('account', 'remove', APP_ID)).exitCode).toBe(1);
  });

  it('when a command finishes, whether it succeeded or failed, then the store is closed', async () => {
    const { run, state } = cli();
    await run(...ADD);
    await run('account', 'show', 'wxffffffffffffffff');
    expect(state.closed).toBe(2);
  });
});
