/**
 * Command dispatch of the in-process MongoDB wire server (test support only; not MongoDB): the
 * handshake and housekeeping commands a driver sends, plus the catalog and document commands.
 * It answers as a standalone 7.0 server. Fields such as lsid, txnNumber, $clusterTime, readConcern
 * and writeConcern are ignored: there are no sessions, transactions, durability or auth.
 */
import { catalogCommands, Catalog, type Handler } from './catalog';
import { documentCommands } from './commands';
import { toCommandError } from './errors';
import type { Doc } from './mql';

export const MAX_WIRE_VERSION = 21;

function hello(connectionId: number): Doc {
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: 16777216,
    maxMessageSizeBytes: 48000000,
    maxWriteBatchSize: 100000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const acknowledge: Handler = () => ({ ok: 1 });
const buildInfo: Handler = () => ({ version: '7.0.0', versionArray: [7, 0, 0, 0], gitVersion: 'mongo-wire', bits: 64, maxBsonObjectSize: 16777216, ok: 1 });

const serverCommands: Record<string, Handler> = {
  ping: acknowledge,
  endSessions: acknowledge,
  killSessions: acknowledge,
  killAllSessions: acknowledge,
  getParameter: acknowledge,
  buildInfo,
  buildinfo: buildInfo,
  hostInfo: () => ({ system: { hostname: '127.0.0.1' }, os: {}, extra: {}, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  serverStatus: () => ({ host: '127.0.0.1', version: '7.0.0', process: 'mongod', ok: 1 }),
};

/** One server's state: every database, collection and open cursor. */
export class Engine {
  private readonly catalog = new Catalog();
  private readonly handlers: Record<string, Handler> = { ...serverCommands, ...catalogCommands, ...documentCommands };

  /** Runs one command against database `db` and returns the reply document. */
  run(db: string, command: Doc, connectionId: number): Doc {
    const name = Object.keys(command)[0] ?? '';
    if (name === 'hello' || name === 'isMaster' || name === 'ismaster') return hello(connectionId);
    const handler = Object.prototype.hasOwnProperty.call(this.handlers, name) ? this.handlers[name] : undefined;
    if (!handler) return { ok: 0, errmsg: `no such command: '${name}'`, code: 59, codeName: 'CommandNotFound' };
    try {
      return handler(this.catalog, db, command);
    } catch (err) {
      return toCommandError(err).toReply();
    }
  }
}
