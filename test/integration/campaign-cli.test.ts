import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { registerCampaignCommands } from '../../src/cli/campaign';
import { buildProgram } from '../../src/cli/index';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { MASTER_KEY, startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';
import { runCli } from '../helpers/cli';

/**
 * `wxoa campaign` against the emulator, as test/integration/broadcast.test.ts does through the API.
 * The runtime's clock starts at 2023-11-14T22:13:20Z (06:13 on 2023-11-15 in Asia/Shanghai): the
 * 11:00 slot that day is 03:00Z.
 */
const APP = TEST_ACCOUNT.appId;
const FOLLOWERS = ['oFan1', 'oFan2', 'oFan3'];
const TESTER = 'oTester';
const SLOT_1100 = '2023-11-15T03:00:00.000Z';

describe('wxoa campaign', () => {
  let emulator: StartedEmulator;
  let rt: TestRuntime;
  let out: string[];
  let err: string[];
  let exitCode: number;
  let closed: number;

  async function wxoa(...args: string[]): Promise<void> {
    ({ out, err, exitCode } = await runCli((program, io) => registerCampaignCommands(program, async () => ({ broadcast: rt.broadcast, close: async () => void closed++ }), io), args));
  }
  const printed = () => JSON.parse(out.join('\n'));
  const create = async (...extra: string[]): Promise<string> => {
    await wxoa('campaign', 'create', '--app-id', APP, '--name', 'weekly', '--text', '本周活动', '--all', ...extra);
    expect(exitCode).toBe(0);
    return printed().id as string;
  };

  beforeEach(async () => {
    closed = 0;
    emulator = await startEmulator();
    for (const openid of [...FOLLOWERS, TESTER]) emulator.emu.follow(APP, openid);
    rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url } });
    await rt.accounts.create(TEST_ACCOUNT);
  });
  afterEach(async () => {
    await rt.close();
    await emulator.close();
  });

  it('when a campaign goes create → preview → confirm → schedule, then each step prints it as JSON, the tester gets the preview and list shows it scheduled', async () => {
    await wxoa('campaign', 'create', '--app-id', APP, '--name', 'weekly', '--text', '本周活动', '--all', '--by', 'mei');
    expect(exitCode).toBe(0);
    const id = printed().id as string;
    expect(printed()).toMatchObject({ appId: APP, name: 'weekly', state: 'draft', content: { type: 'text', content: '本周活动' }, audience: { kind: 'all' }, createdBy: 'mei', clientMsgId: `wxoa-${id}` });
    expect(err).toEqual([`created campaign ${id} (draft): "weekly": text "本周活动" to all followers; next: wxoa campaign preview ${id} --app-id ${APP} --openid <tester>`]);

    await wxoa('campaign', 'preview', id, '--app-id', APP, '--openid', TESTER);
    expect(exitCode).toBe(0);
    expect(printed()).toMatchObject({ id, state: 'previewed', preview: { openids: [TESTER], wechatIds: [] } });
    expect(emulator.emu.inbox(APP, TESTER)).toHaveLength(1); // on the tester's phone only
    for (const openid of FOLLOWERS) expect(emulator.emu.inbox(APP, openid)).toHaveLength(0);

    await wxoa('campaign', 'confirm', id, '--app-id', APP, '--by', 'boss');
    expect(exitCode).toBe(0);
    expect(printed()).toMatchObject({ id, state: 'previewed', confirmation: { by: 'boss' } });
    expect(err[0]).toMatch(/confirmed by boss; next: wxoa campaign schedule/);

    await wxoa('campaign', 'schedule', id, '--app-id', APP, '--slot', '11:00', '--date', '2023-11-15');
    expect(exitCode).toBe(0);
    expect(printed()).toMatchObject({ id, state: 'scheduled', sendTime: { slot: '11:00', date: '2023-11-15' }, dueAt: SLOT_1100 });
    expect(err).toEqual([`${id} scheduled for ${SLOT_1100} (the 11:00 slot on 2023-11-15); a running server sends it then`]);

    await wxoa('campaign', 'list', '--app-id', APP, '--state', 'scheduled');
    expect(exitCode).toBe(0);
    expect(printed()).toEqual([expect.objectContaining({ id, state: 'scheduled', dueAt: SLOT_1100 })]);
    expect(err).toEqual([`1 campaign(s) of ${APP} in state scheduled: 1 scheduled`]);

    await wxoa('campaign', 'show', id, '--app-id', APP);
    expect(printed()).toEqual((await rt.broadcast.get(APP, id)));
    expect(closed).toBe(6); // the runtime is closed after every command
  });

  it('when a campaign is scheduled before it was confirmed, then the exit code is 2 with the reason and it stays unscheduled', async () => {
    const id = await create();
    await wxoa('campaign', 'schedule', id, '--app-id', APP, '--slot', '11:00', '--date', '2023-11-15');
    expect(exitCode).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([`error: campaign ${id} is draft: it cannot be scheduled`]);

    await wxoa('campaign', 'preview', id, '--app-id', APP, '--openid', TESTER);
    await wxoa('campaign', 'schedule', id, '--app-id', APP, '--at', '2023-11-15T12:00:00+08:00');
    expect(exitCode).toBe(2);
    expect(err).toEqual([`error: campaign ${id} has a preview nobody confirmed yet: confirm it before scheduling`]);
    expect((await rt.broadcast.get(APP, id)).state).toBe('previewed');
  });

  it('when cadence runs, then it prints JSON: a warning before any push, ok on the day of one', async () => {
    await wxoa('campaign', 'cadence', '--app-id', APP);
    expect(exitCode).toBe(0);
    expect(printed()).toEqual({ lastSentAt: null, daysSince: null, level: 'warning', warnAfterDays: 3, alertAfterDays: 7 });
    expect(err).toEqual([`warning: ${APP} has sent no campaign through wxoa yet`]);

    const id = await create();
    await wxoa('campaign', 'preview', id, '--app-id', APP, '--openid', TESTER);
    await wxoa('campaign', 'confirm', id, '--app-id', APP);
    await wxoa('campaign', 'schedule', id, '--app-id', APP, '--slot', '11:00', '--date', '2023-11-15');
    rt.clock.set(Date.parse(SLOT_1100) + 5000);
    expect((await rt.campaignSender.sendDue()).sent).toEqual([id]);
    await wxoa('campaign', 'cadence', '--app-id', APP);
    expect(printed()).toMatchObject({ daysSince: 0, level: 'ok', lastSentAt: expect.any(String) });
    expect(err[0]).toMatch(/^ok: the last push of wxb11529c136998cb6 was 0 day\(s\) ago/);
  });

  it('when confirm has no --by, then the OS user (or "cli") confirms', async () => {
    const id = await create();
    expect(printed().createdBy).toEqual(expect.any(String));
    await wxoa('campaign', 'preview', id, '--app-id', APP, '--openid', TESTER);
    await wxoa('campaign', 'confirm', id, '--app-id', APP);
    expect(printed().confirmation.by).toMatch(/\S/);
  });

  it('when preview gets repeated and comma-separated testers, then each of them gets it', async () => {
    emulator.emu.follow(APP, 'oTester2');
    const id = await create();
    await wxoa('campaign', 'preview', id, '--app-id', APP, '--openid', TESTER, '--openid', 'oTester2, oFan1');
    expect(exitCode).toBe(0);
    expect(printed().preview.openids).toEqual([TESTER, 'oTester2', 'oFan1']);
    for (const openid of [TESTER, 'oTester2', 'oFan1']) expect(emulator.emu.inbox(APP, openid)).toHaveLength(1);
  });

  it('when the content comes from --json and the audience from --openids or --tag, then they are stored as given', async () => {
    const file = path.join(rt.dataDir, 'content.json');
    fs.writeFileSync(file, JSON.stringify({ type: 'images', mediaIds: ['m1', 'm2'], recommend: '好看' }));
    await wxoa('campaign', 'create', '--app-id', APP, '--name', 'pics', '--json', file, '--openids', 'oFan1,oFan2', '--openids', 'oFan3');
    expect(exitCode).toBe(0);
    expect(printed()).toMatchObject({ content: { type: 'images', mediaIds: ['m1', 'm2'], recommend: '好看' }, audience: { kind: 'openids', openids: FOLLOWERS } });
    expect(err[0]).toContain('"pics": 2 image(s) to 3 openids');

    await wxoa('campaign', 'create', '--app-id', APP, '--name', 'article', '--mpnews', 'MEDIA_1', '--tag', '2');
    expect(printed()).toMatchObject({ content: { type: 'mpnews', mediaId: 'MEDIA_1' }, audience: { kind: 'tag', tagId: 2 } });
  });

  it.each([
    [['--text', 'a', '--mpnews', 'm', '--all'], 'error: give exactly one of --text, --mpnews, --json for the content'],
    [['--text', 'a'], 'error: give exactly one of --all, --tag, --openids for the audience'],
    [['--text', 'a', '--tag', 'vip'], 'error: --tag must be a tag id (a whole number), not "vip"'],
    [['--text', 'a', '--openids', 'only-one'], 'error: the campaign is invalid: audience.openids Too small: expected array to have >=2 items'],
    [['--json', '/nonexistent/content.json', '--all'], 'error: cannot read /nonexistent/content.json: ENOENT'],
  ])('when create gets bad input (%j), then the exit code is 2 with the reason and nothing is created', async (args, message) => {
    await wxoa('campaign', 'create', '--app-id', APP, '--name', 'x', ...args);
    expect(exitCode).toBe(2);
    expect(err).toEqual([message]);
    expect(await rt.broadcast.list({ appId: APP })).toEqual([]);
  });

  it('when the content file is invalid, then the service names each problem with exit code 2', async () => {
    const file = path.join(rt.dataDir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ type: 'text' }));
    await wxoa('campaign', 'create', '--app-id', APP, '--name', ' ', '--json', file, '--all');
    expect(exitCode).toBe(2);
    expect(err[0]).toMatch(/^error: the campaign is invalid: name is required; content\.content /);
  });

  it('when other commands get bad input or unknown ids, then the exit code is 2 with the reason', async () => {
    const id = await create();
    await wxoa('campaign', 'preview', id, '--app-id', APP);
    expect([exitCode, err]).toEqual([2, ['error: name at least one tester: --openid or --wechat-id']]);
    await wxoa('campaign', 'schedule', id, '--app-id', APP, '--slot', '11:00');
    expect([exitCode, err]).toEqual([2, ['error: give either --slot HH:MM with --date YYYY-MM-DD, or --at <ISO instant>']]);
    await wxoa('campaign', 'list', '--app-id', APP, '--state', 'bogus');
    expect(exitCode).toBe(2);
    expect(err[0]).toMatch(/^error: --state must be one of: draft, previewed/);
    await wxoa('campaign', 'show', 'nope', '--app-id', APP);
    expect([exitCode, err]).toEqual([2, [`error: no campaign nope for account ${APP}`]]);
    await wxoa('campaign', 'cadence', '--app-id', 'wx0000000000000000');
    expect(exitCode).toBe(2);
    expect(err[0]).toMatch(/no account/);
  });

  it('when a slot is not one of the account\'s, then the service says which are', async () => {
    const id = await create();
    await wxoa('campaign', 'preview', id, '--app-id', APP, '--openid', TESTER);
    await wxoa('campaign', 'confirm', id, '--app-id', APP);
    await wxoa('campaign', 'schedule', id, '--app-id', APP, '--slot', '12:00', '--date', '2023-11-15');
    expect([exitCode, err]).toEqual([2, ["error: slot 12:00 is not one of the account's slots (11:00, 15:00, 20:00); give {at} for another time, or change the account's pushSchedule"]]);
  });

  it('when a draft is cancelled, then it is cancelled with the reason and list without --state shows it', async () => {
    const id = await create();
    await wxoa('campaign', 'cancel', id, '--app-id', APP, '--reason', 'typo');
    expect(exitCode).toBe(0);
    expect(printed()).toMatchObject({ id, state: 'cancelled', reason: 'typo' });
    await wxoa('campaign', 'list', '--app-id', APP);
    expect(printed()).toEqual([expect.objectContaining({ id, state: 'cancelled' })]);
    await wxoa('campaign', 'cancel', id, '--app-id', APP);
    expect([exitCode, err]).toEqual([2, [`error: campaign ${id} is cancelled: it cannot be cancelled`]]);
  });

  it('when run without an injected runtime, then it opens the store under DATA_DIR, and `wxoa` has the command', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { DATA_DIR: rt.dataDir, WXOA_MASTER_KEY: MASTER_KEY, WECHAT_API_BASE: emulator.url, LOG_LEVEL: 'silent' });
    const lines: string[] = [];
    try {
      const program = new Command('wxoa').exitOverride();
      registerCampaignCommands(program, undefined, { out: (l) => void lines.push(l), err: () => undefined, setExitCode: (c) => void (exitCode = c) });
      await program.parseAsync(['node', 'wxoa', 'campaign', 'create', '--app-id', APP, '--name', 'from the shell', '--text', 'hi', '--all']);
    } finally {
      process.env = saved;
    }
    const id = JSON.parse(lines.join('\n')).id as string;
    expect((await rt.broadcast.get(APP, id)).name).toBe('from the shell');

    const campaign = buildProgram().commands.find((c) => c.name() === 'campaign');
    expect(campaign?.commands.map((c) => c.name())).toEqual(['create', 'list', 'show', 'preview', 'confirm', 'schedule', 'cancel', 'cadence']);
  });
});
