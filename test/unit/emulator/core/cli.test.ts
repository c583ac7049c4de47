import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAccountFlag, readConfigFile, runEmulator } from '../../../../src/cli/emulator';

describe('wxoa emulator flags', () => {
  it('when --account carries a webhook URL, then the URL keeps its own colons', () => {
    expect(parseAccountFlag('wxb11529c136998cb6:sec:http://127.0.0.1:3000/wechat/wxb11529c136998cb6')).toEqual([
      { appId: 'wxb11529c136998cb6', secret: 'sec', webhookUrl: 'http://127.0.0.1:3000/wechat/wxb11529c136998cb6' },
    ]);
  });

  it('when --account is repeated, then the accounts accumulate; without a secret it is refused', () => {
    expect(parseAccountFlag('wx2:s2', [{ appId: 'wx1', secret: 's1' }])).toHaveLength(2);
    expect(() => parseAccountFlag('wx1')).toThrow(/expected <appId>:<secret>/);
    expect(() => parseAccountFlag('wx1:')).toThrow(/secret is empty/);
  });

  it('when the config file is an array or an object, then both give accounts; broken JSON is a clear error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-emu-'));
    const file = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    expect(readConfigFile(file('a.json', '[{"appId":"wx1"}]'))).toEqual({ accounts: [{ appId: 'wx1' }] });
    expect(readConfigFile(file('o.json', '{"accounts":[],"tokenTtlSeconds":60}'))).toEqual({ accounts: [], tokenTtlSeconds: 60 });
    expect(() => readConfigFile(file('b.json', '{'))).toThrow(/b\.json/);
  });

  it('when the emulator starts from flags, then it prints the URL and every account and serves them', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), setExitCode: () => {} };
    const running = await runEmulator({ port: '0', host: '127.0.0.1', account: parseAccountFlag('wxb11529c136998cb6:sec') }, io);
    try {
      expect(lines[0]).toBe(`WeChat emulator listening on ${running.url}`);
      expect(lines[1]).toContain('wxb11529c136998cb6');
      const token = await (await fetch(`${running.url}/cgi-bin/token?grant_type=client_credential&appid=wxb11529c136998cb6&secret=sec`)).json();
      expect(token).toMatchObject({ expires_in: 7200 });
    } finally {
      await running.close();
    }
  });

  it('when an account flag is invalid, then a ValidationError (exit 2), not a crash', async () => {
    await expect(runEmulator({ port: '0', host: '127.0.0.1', account: [{ appId: 'bad', secret: 'x' }] })).rejects.toThrow(/appId must be/);
    await expect(runEmulator({ port: 'x', host: '127.0.0.1', account: [] })).rejects.toThrow(/not a port/);
  });
});
