import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { silentLogger } from '../shared/logger';
import { buildRuntime } from '../main';
import { createEmulator } from '../emulator';
import { processIo, type CliIo } from './account';

const SANDBOX = {
  appId: 'wx00000000demo0001',
  originalId: 'gh_00000000d001',
  secret: '0123456789abcdef0123456789abcdef',
  token: 'DemoToken2026',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};
const FOLLOWER = 'oDemoFollower000000000000001';
const ADMIN_TOKEN = 'demo-admin-token-not-for-production';

/**
 * `wxoa demo`: a new user's first five minutes. Starts the emulator and the server wired together
 * with a sandbox account in safe mode, plays a follower, has an agent answer the question no rule
 * knew through the customer-service desk, and prints what the follower's phone shows and what the
 * server logged. Everything runs on loopback in a throwaway data directory.
 */
export async function runDemo(io: CliIo = processIo): Promise<void> {
  const say = (line = '') => io.out(line);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-demo-'));
  const emulator = await createEmulator({ accounts: [{ appId: SANDBOX.appId, secret: SANDBOX.secret, originalId: SANDBOX.originalId, token: SANDBOX.token, encodingAESKey: SANDBOX.encodingAESKey, mode: 'safe' }] }).listen(0, '127.0.0.1');
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_TOKEN, WECHAT_API_BASE: emulator.url });
  const runtime = await buildRuntime(config, { logger: silentLogger });
  const server = http.createServer(runtime.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    say(`WeChat emulator  ${emulator.url}`);
    say(`wxoa server      ${serverUrl}   (data in ${dataDir})`);
    await runtime.accounts.create({ appId: SANDBOX.appId, originalId: SANDBOX.originalId, name: 'Demo 公众号', type: 'service', verified: true, token: SANDBOX.token, encodingAESKey: SANDBOX.encodingAESKey, appSecret: SANDBOX.secret, encryptionMode: 'safe' });
    await control(emulator.url, 'PATCH', `/__emulator/accounts/${SANDBOX.appId}`, { webhookUrl: `${serverUrl}/wechat/${SANDBOX.appId}` });
    say(`\n1. Account ${SANDBOX.appId} registered in wxoa (safe mode) and its webhook set in the emulator, as you would in the MP console.`);

    const rules = [
      { name: 'campaign welcome', trigger: { kind: 'subscribe', scene: 'spring_campaign' }, replies: [{ type: 'text', content: '欢迎参加春季活动！回复「营业」查看营业时间。' }] },
      { name: 'opening hours', trigger: { kind: 'keyword', keywords: [{ text: '营业', mode: 'contains' }] }, replies: [{ type: 'text', content: '周一至周五 9:00–21:00，周末 10:00–18:00。' }] },
      { name: 'menu: hours', trigger: { kind: 'click', key: 'MENU_HOURS' }, replies: [{ type: 'text', content: '今天 {date}，营业到 21:00。' }] },
    ];
    for (const rule of rules) await admin(serverUrl, 'POST', `/api/v1/accounts/${SANDBOX.appId}/auto-replies`, rule);
    say(`   ${rules.length} auto-reply rules added through the admin API: ${rules.map((r) => r.name).join(', ')}.`);

    say('\n2. A follower scans the spring_campaign QR code, sends a message, taps a menu button and asks something no rule knows:');
    for (const action of [{ type: 'subscribe', scene: 'spring_campaign' }, { type: 'text', content: '你好，请问周末营业吗？' }, { type: 'click', key: 'MENU_HOURS' }, { type: 'text', content: '可以开发票吗？' }]) {
      const result = (await control(emulator.url, 'POST', `/__emulator/accounts/${SANDBOX.appId}/fans/${FOLLOWER}/messages`, action)) as { delivered: boolean; attempts: number; error?: string };
      say(`   ${JSON.stringify(action)} → webhook answered in ${result.attempts} attempt(s), ${result.delivered ? 'accepted by WeChat' : `phone shows an error (${result.error})`}`);
    }

    say('\n3. No rule knew the last question, so it opened a customer-service conversation (24-hour SLA). Agent alice comes online and gets it:');
    await admin(serverUrl, 'POST', '/api/v1/agents', { id: 'alice', name: '小李', appIds: [SANDBOX.appId], maxLoad: 8 });
    const online = (await admin(serverUrl, 'PUT', '/api/v1/agents/alice/status', { status: 'online' })) as { assigned: string[] };
    const [conversationId] = online.assigned;
    const view = (await admin(serverUrl, 'GET', `/api/v1/conversations/${conversationId}`)) as { conversation: { state: string; dueAt: string }; window: { left: number; endsAt: string } };
    say(`   conversation ${conversationId}: ${view.conversation.state} to alice, answer due by ${view.conversation.dueAt}; WeChat's window allows ${view.window.left} messages until ${view.window.endsAt}`);
    const sent = (await admin(serverUrl, 'POST', `/api/v1/conversations/${conversationId}/reply`, { type: 'text', content: '可以的，请把抬头发给我们。' })) as { window: { left: number } };
    say(`   alice replied through POST /api/v1/conversations/:id/reply (the customer-service API; ${sent.window.left} messages left in the window): 可以的，请把抬头发给我们。`);

    const inbox = (await control(emulator.url, 'GET', `/__emulator/accounts/${SANDBOX.appId}/fans/${FOLLOWER}/inbox`)) as { items: { source: string; msgType: string; content: unknown }[] };
    say(`\n4. The follower's phone shows ${inbox.items.length} message(s):`);
    for (const item of inbox.items) say(`   [${item.source}] ${item.msgType}: ${textOf(item.content)}`);

    await runtime.messages.flush();
    const log = (await (await fetch(`${serverUrl}/api/v1/accounts/${SANDBOX.appId}/messages`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { items: { direction: string; type: string; event: string | null; raw: Record<string, unknown> }[] };
    say(`\n5. wxoa's message log (GET /api/v1/accounts/${SANDBOX.appId}/messages) holds ${log.items.length} entries, newest first:`);
    for (const m of log.items) say(`   ${m.direction} ${m.type}${m.event ? `/${m.event}` : ''} ${JSON.stringify(m.raw.Content ?? m.raw.EventKey ?? '')}`);
    say('\nNext: `npm start` runs the server for real; `npx wxoa emulator --port 4000` runs the emulator on its own.');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
    await emulator.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The words on the phone: a passive reply's Content or a customer-service message's text. */
function textOf(content: unknown): string {
  const c = content as { Content?: string; text?: { content?: string } };
  return c.Content ?? c.text?.content ?? JSON.stringify(content);
}

async function admin(base: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(base + route, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`admin ${method} ${route} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function control(base: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(base + route, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`emulator ${method} ${route} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}
