import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadOrCreateMasterKey } from '../../../src/store/master-key';
import { silentLogger } from '../../../src/shared/logger';
import { caught } from '../../helpers/accounts';

/** A logger whose lines land in an array, to check what was (and was not) said. */
function recordingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('loadOrCreateMasterKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wxoa-key-')), 'data');
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('when no key exists, then one is generated into DATA_DIR/master.key with mode 0600 and reused later', () => {
    const { logger, lines } = recordingLogger();
    const first = loadOrCreateMasterKey({ dataDir: dir, logger });
    const file = path.join(dir, 'master.key');
    expect(first).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateMasterKey({ dataDir: dir, logger: silentLogger })).toEqual(first);
    expect(lines.join('')).toContain(file);
    expect(lines.join('')).not.toContain(first.toString('hex'));
    expect(fs.readdirSync(dir)).toEqual(['master.key']); // no temporary file left behind
  });

  it('when a key is configured, then it wins and no file is written', () => {
    const configured = 'ab'.repeat(32);
    expect(loadOrCreateMasterKey({ configured, dataDir: dir, logger: silentLogger })).toEqual(Buffer.from(configured, 'hex'));
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
  });

  it('when a key file exists and a key is configured, then the configured key still wins', () => {
    const generated = loadOrCreateMasterKey({ dataDir: dir, logger: silentLogger });
    const configured = Buffer.alloc(32, 3);
    const got = loadOrCreateMasterKey({ configured: configured.toString('base64'), dataDir: dir, logger: silentLogger });
    expect(got).toEqual(configured);
    expect(got).not.toEqual(generated);
  });

  it('when the key file is readable by others, then a warning is logged and the key is still used', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'master.key'), `${'cd'.repeat(32)}\n`, { mode: 0o644 });
    fs.chmodSync(path.join(dir, 'master.key'), 0o644);
    const { logger, lines } = recordingLogger();
    expect(loadOrCreateMasterKey({ dataDir: dir, logger })).toEqual(Buffer.from('cd'.repeat(32), 'hex'));
    expect(lines.join('')).toMatch(/readable by other users/);
  });

  it('when the key file is 0600, then nothing is logged', () => {
    loadOrCreateMasterKey({ dataDir: dir, logger: silentLogger });
    const { logger, lines } = recordingLogger();
    loadOrCreateMasterKey({ dataDir: dir, logger });
    expect(lines).toEqual([]);
  });

  it('when the key file is corrupt, then start-up fails rather than generating a new key over it', async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'master.key'), 'not a key', { mode: 0o600 });
    expect((await caught(() => loadOrCreateMasterKey({ dataDir: dir, logger: silentLogger }))).code).toBe('master_key_invalid');
    expect(fs.readFileSync(path.join(dir, 'master.key'), 'utf8')).toBe('not a key');
  });

  it('when another process publishes its key first, then this process uses that key rather than its own', () => {
    const theirs = 'ef'.repeat(32);
    const realLink = fs.linkSync;
    // Simulates the other process winning between our check and our link.
    const spy = jest.spyOn(fs, 'linkSync').mockImplementation((from, to) => {
      fs.writeFileSync(to, `${theirs}\n`, { mode: 0o600 });
      realLink(from, to);
    });
    try {
      expect(loadOrCreateMasterKey({ dataDir: dir, logger: silentLogger })).toEqual(Buffer.from(theirs, 'hex'));
      expect(fs.readdirSync(dir)).toEqual(['master.key']);
    } finally {
      spy.mockRestore();
    }
  });
});
