import { Worker } from 'node:worker_threads';

/**
 * Runs batched inserts on a worker thread with its own connection to the same SQLite file (WAL lets
 * the main connection keep reading). A SQLite row costs ~10–20 µs here; on the main thread that is
 * time every webhook reply waits behind, so the message log writes from this thread instead.
 *
 * The worker's code is inline (eval) on purpose: the same file then works under ts-jest, tsx and
 * the compiled dist/ build, with no separate .js artefact to keep in step.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const statements = new Map();
const run = db.transaction((sql, width, values) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  for (let i = 0; i < values.length; i += width) statement.run(values.slice(i, i + width));
});
parentPort.on('message', ({ id, sql, width, values }) => {
  try {
    run(sql, width, values);
    parentPort.postMessage({ id });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

interface Pending {
  resolve: () => void;
  reject: (err: Error) => void;
}

export class BackgroundWriter {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly file: string) {}

  /**
   * Runs `sql` once per row in one transaction: all rows are stored, or none and the promise rejects.
   * Rows travel as one flat array of `width` values each: cloning one array to the worker is
   * markedly cheaper than cloning one array per row.
   */
  write(sql: string, width: number, values: readonly unknown[]): Promise<void> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, sql, width, values });
    });
  }

  async close(): Promise<void> {
    while (this.pending.size > 0) await new Promise((r) => setTimeout(r, 5));
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver: require.resolve('better-sqlite3') } });
    worker.unref(); // an idle writer must not keep the process alive
    worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      const p = this.pending.get(id);
      this.pending.delete(id);
      if (error === undefined) p?.resolve();
      else p?.reject(new Error(`background write failed: ${error}`));
    });
    // A dead worker fails what it held (the message log keeps those batches) and is replaced on the next write.
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`background writer exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
