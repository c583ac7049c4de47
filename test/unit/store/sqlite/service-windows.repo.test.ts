import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServiceWindow } from '../../../../src/modules/customer-service/customer-service';
import { openDatabase, type SqliteDatabase } from '../../../../src/store/sqlite/database';
import { SqliteServiceWindowRepository } from '../../../../src/store/sqlite/service-windows.repo';
import { describeServiceWindowRepositoryContract } from '../../../contract/service-window-repository.contract';

describeServiceWindowRepositoryContract('SqliteServiceWindowRepository', async () => {
  const db = openDatabase(':memory:');
  return { repo: new SqliteServiceWindowRepository(db), close: async () => { db.close(); } };
});

const window: ServiceWindow = {
  appId: 'wx1234567890abcdef', openid: 'oFan', trigger: 'message', openedAt: '2026-03-10T04:00:00.000Z',
  expiresAt: '2026-03-12T04:00:00.000Z', limit: 5, used: 0,
};

describe('SqliteServiceWindowRepository on a file', () => {
  let dir: string;
  const opened: SqliteDatabase[] = [];
  const open = () => {
    const db = openDatabase(path.join(dir, 'wxoa.db'));
    opened.push(db);
    return new SqliteServiceWindowRepository(db);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-windows-'));
  });
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when two connections (server and CLI) take from one window in turns, then together they get exactly its 5 messages', async () => {
    const server = open();
    const cli = open();
    await server.open(window);
    const results: (number | null)[] = [];
    for (let i = 0; i < 4; i += 1) {
      results.push((await server.take(window.appId, window.openid, '2026-03-10T05:00:00.000Z'))?.used ?? null);
      results.push((await cli.take(window.appId, window.openid, '2026-03-10T05:00:00.000Z'))?.used ?? null);
    }
    expect(results).toEqual([1, 2, 3, 4, 5, null, null, null]);
  });

  it('when the database is closed and opened again, then the window and its count are still there', async () => {
    const first = open();
    await first.open(window);
    await first.take(window.appId, window.openid, '2026-03-10T05:00:00.000Z');
    opened.pop()!.close();
    expect(await open().get(window.appId, window.openid)).toEqual({ ...window, used: 1 });
  });
});
