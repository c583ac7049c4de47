import fs from 'node:fs';
import path from 'node:path';
import { registerMenuCommands } from '../../src/cli/menu';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { TEST_ACCOUNT } from '../helpers/wechat-client';
import { runCli } from '../helpers/cli';

describe('wxoa menu publish|show|diff', () => {
  let emulator: StartedEmulator;
  let rt: TestRuntime;
  let out: string[];
  let err: string[];
  let exitCode: number;

  async function wxoa(...args: string[]): Promise<void> {
    ({ out, err, exitCode } = await runCli((program, io) => registerMenuCommands(program, async () => ({ menus: rt.menus, close: async () => undefined }), io), args));
  }

  beforeEach(async () => {
    emulator = await startEmulator();
    rt = await startTestRuntime({ env: { WECHAT_API_BASE: emulator.url } });
    await rt.accounts.create(TEST_ACCOUNT);
  });
  afterEach(async () => {
    await rt.close();
    await emulator.close();
  });

  const writeDraft = (draft: unknown): string => {
    const file = path.join(rt.dataDir, 'draft.json');
    fs.writeFileSync(file, JSON.stringify(draft));
    return file;
  };

  it('when publishing a file, then it is saved and published, show --live prints it and diff reports no drift until the draft changes', async () => {
    const draft = { buttons: [{ type: 'click', name: '帮助', key: 'HELP' }] };
    await wxoa('menu', 'publish', '--app-id', TEST_ACCOUNT.appId, '--file', writeDraft(draft), '--force');
    expect(exitCode).toBe(0);
    expect(err).toEqual([expect.stringMatching(/^warning: buttons\[0\]\.key: no enabled auto-reply rule answers click key "HELP"/)]);
    expect(out[1]).toMatch(/^published the menu of wxb11529c136998cb6 at /);

    await wxoa('menu', 'show', '--app-id', TEST_ACCOUNT.appId, '--live');
    expect(JSON.parse(out.join('\n')).menu.menu.buttons).toEqual(draft.buttons);

    await wxoa('menu', 'diff', '--app-id', TEST_ACCOUNT.appId);
    expect(out).toEqual(['the live menu matches the draft']);

    await rt.menus.saveDraft(TEST_ACCOUNT.appId, { buttons: [{ type: 'click', name: '帮助中心', key: 'HELP' }] });
    await wxoa('menu', 'diff', '--app-id', TEST_ACCOUNT.appId);
    expect(out).toEqual(['~ buttons[0]: name "帮助" → "帮助中心"']);
  });

  it('when the file holds an invalid draft, then every problem is printed with its field and the exit code is 2', async () => {
    await wxoa('menu', 'publish', '--app-id', TEST_ACCOUNT.appId, '--file', writeDraft({ buttons: [{ type: 'view', name: '' }] }));
    expect(exitCode).toBe(2);
    expect(err.slice(1)).toEqual(['  - buttons[0].name: must not be blank', '  - buttons[0].url: is required for a view button']);
  });
});
