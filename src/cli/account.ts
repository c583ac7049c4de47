import { Command } from 'commander';
import type { AccountService, FieldProblem, PublicAccount } from '../modules/accounts';
import { AppError, ValidationError } from '../shared/errors';

/** Where commands write; injectable so tests capture output and exit codes without a child process. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  setExitCode(code: number): void;
}

export const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  setExitCode: (code) => void (process.exitCode = code),
};

type Open = () => Promise<{ accounts: AccountService; close(): Promise<void> }>;

// JSON field → flag. Commander would camel-case --encoding-aes-key to encodingAesKey, hence the table.
const FLAGS: ReadonlyArray<[field: string, flag: string, key: string, help: string]> = [
  ['originalId', '--original-id <id>', 'originalId', 'original ID, gh_ + 12 hex digits'],
  ['name', '--name <name>', 'name', 'display name, 1-64 characters'],
  ['type', '--type <type>', 'type', 'subscription | service'],
  ['token', '--token <token>', 'token', 'callback Token from the MP console, 3-32 letters or digits'],
  ['encodingAESKey', '--encoding-aes-key <key>', 'encodingAesKey', 'EncodingAESKey, 43 letters or digits'],
  ['appSecret', '--app-secret <secret>', 'appSecret', 'AppSecret, 32 hex digits'],
  ['encryptionMode', '--encryption-mode <mode>', 'encryptionMode', 'plaintext | compatible | safe'],
  ['timeZone', '--time-zone <zone>', 'timeZone', 'IANA time zone (default Asia/Shanghai)'],
  ['certificationExpiresAt', '--certification-expires-at <date>', 'certificationExpiresAt', 'YYYY-MM-DD'],
];
/** Optional fields `account update` can clear with --no-<flag>. */
const CLEARABLE = new Set(['originalId', 'encodingAESKey', 'appSecret', 'certificationExpiresAt']);

/** Adds `account add|list|show|update|remove`. Secrets can be set here but are never printed. */
export function registerAccountCommands(program: Command, open: Open, io: CliIo = processIo): void {
  const account = program.command('account').description('manage the official accounts this deployment serves');
  const run = (work: (accounts: AccountService) => Promise<void>) => withAccounts(open, io, work);

  const add = account.command('add').description('register an account').option('--app-id <appId>', 'AppID, wx + 16 letters or digits');
  fieldOptions(add, false).option('--json', 'print the account as JSON');
  add.action((opts: Record<string, unknown>) =>
    run(async (accounts) => {
      const created = await accounts.create({ ...(opts.appId === undefined ? {} : { appId: opts.appId }), ...toInput(opts) });
      io.out(opts.json ? JSON.stringify(created, null, 2) : `created account ${created.appId} (${created.name})`);
    }),
  );

  account
    .command('list')
    .description('list accounts')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      run(async (accounts) => {
        const items = await accounts.list();
        if (opts.json) io.out(JSON.stringify(items, null, 2));
        else if (items.length === 0) io.out('no accounts yet; add one with: wxoa account add --app-id <appId> --name <name> --token <token>');
        else for (const line of table(items)) io.out(line);
      }),
    );

  account
    .command('show <appId>')
    .description('show one account (secrets appear only as set / not set)')
    .option('--json', 'print JSON')
    .action((appId: string, opts: { json?: boolean }) =>
      run(async (accounts) => {
        const a = await accounts.get(appId);
        if (opts.json) io.out(JSON.stringify(a, null, 2));
        else for (const line of describe(a)) io.out(line);
      }),
    );

  const update = account.command('update <appId>').description('change an account; --no-<option> clears an optional field');
  fieldOptions(update, true).option('--json', 'print the account as JSON');
  update.action((appId: string, opts: Record<string, unknown>) =>
    run(async (accounts) => {
      const updated = await accounts.update(appId, toInput(opts));
      io.out(opts.json ? JSON.stringify(updated, null, 2) : `updated account ${updated.appId} (${updated.name})`);
    }),
  );

  account
    .command('remove <appId>')
    .description('remove an account and its stored secrets')
    .action((appId: string) =>
      run(async (accounts) => {
        await accounts.remove(appId);
        io.out(`removed account ${appId}`);
      }),
    );
}

function fieldOptions(cmd: Command, forUpdate: boolean): Command {
  for (const [field, flag, , help] of FLAGS) {
    cmd.option(flag, help);
    if (forUpdate && CLEARABLE.has(field)) cmd.option(`--no-${flag.slice(2).split(' ')[0]}`, `clear ${field}`);
  }
  return cmd.option('--verified', 'WeChat-verified (认证)').option('--no-verified', 'not verified');
}

/** Only flags that were given become fields, so update leaves the rest alone; --no-x (false) clears. */
function toInput(opts: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [field, , key] of FLAGS) {
    const v = opts[key];
    if (v !== undefined) input[field] = v === false ? null : v;
  }
  if (opts.verified !== undefined) input.verified = opts.verified;
  return input;
}

async function withAccounts(open: Open, io: CliIo, work: (accounts: AccountService) => Promise<void>): Promise<void> {
  const ctx = await open();
  try {
    await work(ctx.accounts);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err instanceof ValidationError) {
      io.err('error: the account is invalid:');
      for (const p of problems(err)) io.err(`  - ${flagFor(p.field)}: ${p.message}`);
      io.setExitCode(2);
    } else {
      io.err(`error: ${err.message}`);
      io.setExitCode(1);
    }
  } finally {
    await ctx.close();
  }
}

function problems(err: ValidationError): FieldProblem[] {
  return Array.isArray(err.details) ? (err.details as FieldProblem[]) : [{ field: '(input)', message: err.message }];
}

function flagFor(field: string): string {
  if (field === 'appId') return '--app-id';
  if (field === 'verified') return '--verified';
  return FLAGS.find(([f]) => f === field)?.[1].split(' ')[0] ?? field;
}

function describe(a: PublicAccount): string[] {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  return [
    `appId:                  ${a.appId}`,
    `name:                   ${a.name}`,
    `originalId:             ${a.originalId ?? '-'}`,
    `type:                   ${a.type}`,
    `verified:               ${yes(a.verified)}`,
    `encryptionMode:         ${a.encryptionMode}`,
    `timeZone:               ${a.timeZone}`,
    `certificationExpiresAt: ${a.certificationExpiresAt ?? '-'}`,
    `encodingAESKey set:     ${yes(a.hasEncodingAESKey)}`,
    `appSecret set:          ${yes(a.hasAppSecret)}`,
    `created:                ${a.createdAt}`,
    `updated:                ${a.updatedAt}`,
  ];
}

function table(items: PublicAccount[]): string[] {
  const rows = [
    ['APP ID', 'NAME', 'TYPE', 'MODE', 'VERIFIED', 'TIME ZONE'],
    ...items.map((a) => [a.appId, a.name, a.type, a.encryptionMode, a.verified ? 'yes' : 'no', a.timeZone]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows.map((r) => r.map((cell, i) => cell + ' '.repeat(widths[i]! - displayWidth(cell))).join('  ').trimEnd());
}

/** Account names are mostly Chinese; CJK characters take two terminal columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}
