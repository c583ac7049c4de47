import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoggedMessage } from '../../../../src/modules/messages';
import { openSqliteStore } from '../../../../src/store/sqlite';
import { describeMessageRepositoryContract } from '../../../contract/message-repository.contract';

describeMessageRepositoryContract('SqliteMessageRepository', async () => {
  const store = openSqliteStore({ file: ':memory:' });
  return { repo: store.messages, close: () => store.close() };
});

describe('SqliteMessageRepository on a file (writes through the background writer)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-messages-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when a batch is written twice and the store reopened, then each message is there once, its reply on it', async () => {
    const m: LoggedMessage = {
      id: '0000019c00000000abcdef01', appId: 'wx1234567890abcdef', direction: 'in', openid: 'oA', type: 'text', event: null,
      createdAt: '2026-03-01T00:00:00.000Z', xml: '<xml><Content>hi</Content></xml>', reply: { type: 'text', xml: '<xml><Content>hello</Content></xml>' },
    };
    const first = openSqliteStore({ dataDir: dir });
    await first.messages.insertMany([m]);
    await first.messages.insertMany([m]);
    await first.close();

    const second = openSqliteStore({ dataDir: dir });
    try {
      expect(await second.messages.list({ appId: m.appId, limit: 10 })).toEqual({ items: [m], nextCursor: null });
    } finally {
      await second.close();
    }
  });
});
