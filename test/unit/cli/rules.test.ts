import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerRulesCommands } from '../../../src/cli/rules';
import { runCli } from '../../helpers/cli';
import { APP_ID, keywordRule, makeService } from '../modules/auto-reply/service-helpers';

async function cli(broadcasts = true) {
  const { service } = await makeService();
  const state = { closed: 0 };
  const run = async (...args: string[]) => {
    const call = await runCli((program, io) => registerRulesCommands(program, async () => ({ autoReplies: service, broadcasts, close: async () => void state.closed++ }), io), args);
    return { out: call.out.join('\n'), err: call.err.join('\n'), exitCode: call.exitCode };
  };
  return { run, service, state };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-rules-'));

describe('wxoa rules', () => {
  it('when rules are exported to a file and imported with --replace, then the account has the same rules and the counts are printed', async () => {
    const { run, service } = await cli();
    await service.create(APP_ID, keywordRule());
    const file = path.join(tmp(), 'rules.json');
    expect(await run('rules', 'export', '--app-id', APP_ID, '--out', file)).toMatchObject({ exitCode: 0, out: `exported 1 rule(s) of ${APP_ID} to ${file}` });
    const before = await service.list(APP_ID);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(before);
    const res = await run('rules', 'import', file, '--app-id', APP_ID, '--replace');
    expect(res).toMatchObject({ exitCode: 0, out: `imported 1 rule(s) into ${APP_ID} (replace): 0 created, 1 updated, 0 removed; 1 in all` });
    expect(await service.list(APP_ID)).toEqual(before);
  });

  it('when export has no --out, then the JSON goes to stdout', async () => {
    const { run, service } = await cli();
    await service.create(APP_ID, keywordRule());
    expect(JSON.parse((await run('rules', 'export', '--app-id', APP_ID)).out)).toHaveLength(1);
  });

  it('when the file has bad rules, then every problem is printed by rule index, exit code 2, nothing imported', async () => {
    const { run, service, state } = await cli();
    const file = path.join(tmp(), 'bad.json');
    fs.writeFileSync(file, JSON.stringify([keywordRule(), { name: 'x', trigger: { kind: 'scan' }, replies: [] }]));
    const res = await run('rules', 'import', file, '--app-id', APP_ID);
    expect(res.exitCode).toBe(2);
    expect(res.err).toContain('rule #1 trigger.scene:');
    expect(res.err).toContain('rule #1 replies:');
    expect(await service.list(APP_ID)).toEqual([]);
    expect(state.closed).toBe(1);
  });

  it('when the file is not JSON, then it says so with exit code 2', async () => {
    const { run } = await cli();
    const file = path.join(tmp(), 'x.json');
    fs.writeFileSync(file, '{ nope');
    const res = await run('rules', 'import', file, '--app-id', APP_ID);
    expect(res.exitCode).toBe(2);
    expect(res.err).toMatch(/is not valid JSON/);
  });

  it('when the import cannot reach running servers (no Redis), then a note says how to apply it at once', async () => {
    const { run } = await cli(false);
    const file = path.join(tmp(), 'ok.json');
    fs.writeFileSync(file, JSON.stringify([keywordRule()]));
    expect((await run('rules', 'import', file, '--app-id', APP_ID)).err).toMatch(/REDIS_URL/);
  });

  it('when test gets --text, --click or --subscribe --scene, then the matched rule and the reply XML are printed', async () => {
    const { run, service } = await cli();
    await service.create(APP_ID, keywordRule());
    await service.create(APP_ID, { name: 'menu', trigger: { kind: 'click', key: 'K1' }, replies: [{ type: 'text', content: 'from menu' }] });
    await service.create(APP_ID, { name: 'spring', trigger: { kind: 'subscribe', scene: 'spring' }, replies: [{ type: 'text', content: 'spring!' }] });
    const text = await run('rules', 'test', '--app-id', APP_ID, '--text', '价格?');
    expect(text.out).toMatch(/^matched: 价格 \([0-9a-f]+, keyword\) on keyword "价格" \(contains\)\npassive reply XML:\n<xml>.*<Content><!\[CDATA\[¥99\]\]><\/Content><\/xml>$/);
    expect((await run('rules', 'test', '--app-id', APP_ID, '--click', 'K1')).out).toContain('from menu');
    expect((await run('rules', 'test', '--app-id', APP_ID, '--subscribe', '--scene', 'spring')).out).toContain('spring!');
    expect((await run('rules', 'test', '--app-id', APP_ID, '--click', 'NONE')).out).toMatch(/^no rule answers this event:CLICK/);
  });

  it('when test gets no message or two, then it is exit code 2', async () => {
    const { run } = await cli();
    expect((await run('rules', 'test', '--app-id', APP_ID)).exitCode).toBe(2);
    expect((await run('rules', 'test', '--app-id', APP_ID, '--text', 'a', '--click', 'b')).exitCode).toBe(2);
  });

  it('when the account does not exist, then exit code 1 with the message', async () => {
    const { run } = await cli();
    const res = await run('rules', 'export', '--app-id', 'wx0000000000000000');
    expect(res).toMatchObject({ exitCode: 1 });
    expect(res.err).toMatch(/no account/);
  });
});
