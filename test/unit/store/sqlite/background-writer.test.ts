import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackgroundWriter } from '../../../../src/store/sqlite/background-writer';
import { openDatabase } from '../../../../src/store/sqlite/database';

describe('BackgroundWriter', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-bw-')), 'db.sqlite');
  const db = openDatabase(file);
  db.exec('CREATE TABLE t (a TEXT, b INTEGER)');
  const writer = new BackgroundWriter(file);
  afterAll(async () => {
    await writer.close();
    db.close();
  });

  it('when a batch is written, then the main connection reads every row', async () => {
    await writer.write('INSERT INTO t (a, b) VALUES (?, ?)', 2, ['x', 1, 'y', 2, 'z', 3]);
    expect(db.prepare('SELECT a, b FROM t ORDER BY b').all()).toEqual([{ a: 'x', b: 1 }, { a: 'y', b: 2 }, { a: 'z', b: 3 }]);
  });

  it('when a row fails, then the whole batch is rolled back and the promise rejects', async () => {
    db.exec('CREATE TABLE u (a TEXT NOT NULL)');
    await expect(writer.write('INSERT INTO u (a) VALUES (?)', 1, ['ok', null])).rejects.toThrow(/background write failed/);
    expect(db.prepare('SELECT count(*) AS n FROM u').get()).toEqual({ n: 0 });
  });

  it('when the worker thread dies, then the next write starts a new one', async () => {
    // Simulate a crash of the writer thread.
    await (writer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await writer.write('INSERT INTO t (a, b) VALUES (?, ?)', 2, ['after', 4]);
    expect(db.prepare('SELECT a FROM t WHERE b = 4').get()).toEqual({ a: 'after' });
  });
});
