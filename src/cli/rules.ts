import fs from 'node:fs/promises';
import { Command } from 'commander';
import type { AutoReplyService, DryRunResult, ImportProblem } from '../modules/auto-reply';
import { AppError, ValidationError } from '../shared/errors';
import { processIo, type CliIo } from './account';
import { readJsonFile } from './json-file';

type Open = () => Promise<{ autoReplies: AutoReplyService; broadcasts: boolean; close(): Promise<void> }>;

const NOT_BROADCAST = 'note: without REDIS_URL a running server picks this change up within RULES_REVALIDATE_MS (default 2 s)';

/** Adds `rules import|export|test`: bulk files in and out, and the dry run of a message or event. */
export function registerRulesCommands(program: Command, open: Open, io: CliIo = processIo): void {
  const rules = program.command('rules').description("manage an account's auto-reply rules");
  const run = (work: (ctx: Awaited<ReturnType<Open>>) => Promise<void>) => withRules(open, io, work);

  rules
    .command('import <file>')
    .description('import rules from a JSON file (an array of rules, as `rules export` writes); all or nothing')
    .requiredOption('--app-id <appId>', 'the account')
    .option('--replace', "replace the account's rules instead of adding to them")
    .action((file: string, opts: { appId: string; replace?: boolean }) =>
      run(async (ctx) => {
        const data = readJsonFile(file);
        const r = await ctx.autoReplies.importRules(opts.appId, data, opts.replace ? 'replace' : 'append');
        io.out(`imported ${r.rules.length} rule(s) into ${opts.appId} (${r.mode}): ${r.created} created, ${r.updated} updated, ${r.removed} removed; ${r.total} in all`);
        if (!ctx.broadcasts) io.err(NOT_BROADCAST);
      }),
    );

  rules
    .command('export')
    .description("write the account's rules as JSON (stable order), to stdout or a file")
    .requiredOption('--app-id <appId>', 'the account')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: { appId: string; out?: string }) =>
      run(async (ctx) => {
        const list = await ctx.autoReplies.exportRules(opts.appId);
        const json = JSON.stringify(list, null, 2);
        if (!opts.out) return io.out(json);
        await fs.writeFile(opts.out, json + '\n', 'utf8');
        io.out(`exported ${list.length} rule(s) of ${opts.appId} to ${opts.out}`);
      }),
    );

  rules
    .command('test')
    .description('dry run: which rule answers a message or event, and the exact reply XML (sends nothing)')
    .requiredOption('--app-id <appId>', 'the account')
    .option('--text <text>', "a follower's text message")
    .option('--click <key>', 'a menu CLICK with this key')
    .option('--subscribe', 'a follow')
    .option('--scene <scene>', 'with --subscribe: the QR scene the follower came through')
    .option('--scan <scene>', 'an existing follower scanning a QR code with this scene')
    .option('--openid <openid>', 'the follower')
    .option('--at <time>', 'when (ISO time or unix seconds; default now), for active windows')
    .option('--json', 'print the whole result as JSON')
    .action((opts: TestOptions) =>
      run(async (ctx) => {
        const result = await ctx.autoReplies.test(opts.appId, testBody(opts));
        if (opts.json) io.out(JSON.stringify(result, null, 2));
        else for (const line of describe(result)) io.out(line);
      }),
    );
}

interface TestOptions {
  appId: string;
  text?: string;
  click?: string;
  subscribe?: boolean;
  scene?: string;
  scan?: string;
  openid?: string;
  at?: string;
  json?: boolean;
}

function testBody(o: TestOptions): Record<string, unknown> {
  const given = [o.text !== undefined, o.click !== undefined, o.subscribe === true, o.scan !== undefined].filter(Boolean).length;
  if (given !== 1) throw new ValidationError('give exactly one of --text, --click, --subscribe, --scan');
  if (o.scene !== undefined && !o.subscribe) throw new ValidationError('--scene goes with --subscribe');
  const message =
    o.text !== undefined ? { type: 'text', content: o.text }
    : o.click !== undefined ? { type: 'event', event: 'CLICK', key: o.click }
    : o.scan !== undefined ? { type: 'event', event: 'SCAN', scene: o.scan }
    : { type: 'event', event: 'subscribe', ...(o.scene !== undefined ? { scene: o.scene } : {}) };
  return { message, ...(o.openid !== undefined ? { openid: o.openid } : {}), ...(o.at !== undefined ? { at: o.at } : {}) };
}

function describe(r: DryRunResult): string[] {
  if (!r.matched) return [`no rule answers this ${r.inbound.kind}: the webhook replies "success" (nothing is sent)`];
  const m = r.matched;
  const lines = [`matched: ${m.name} (${m.ruleId}, ${m.default ? 'default reply' : m.trigger})${m.keyword ? ` on keyword "${m.keyword.text}" (${m.keyword.mode})` : ''}`];
  lines.push('passive reply XML:', r.passiveReplyXml ?? '(none)');
  if (r.laterReplies.length > 0) {
    lines.push(`then through the customer-service API (${r.laterReplies.length}):`);
    for (const reply of r.laterReplies) lines.push(`  - ${JSON.stringify(reply)}`);
  }
  for (const note of r.notes) lines.push(`note: ${note}`);
  return lines;
}


async function withRules(open: Open, io: CliIo, work: (ctx: Awaited<ReturnType<Open>>) => Promise<void>): Promise<void> {
  let ctx: Awaited<ReturnType<Open>> | undefined;
  try {
    ctx = await open();
    await work(ctx);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err instanceof ValidationError && Array.isArray(err.details)) {
      // The message ends in a summary of the problems; the list below says them one per line.
      io.err(`error: ${err.message.split(': ')[0]}:`);
      for (const p of err.details as Partial<ImportProblem>[]) io.err(`  - ${typeof p.index === 'number' ? `rule #${p.index} ` : ''}${p.field}: ${p.message}`);
    } else io.err(`error: ${err.message}`);
    // As `wxoa account`: 2 for bad input, 1 for everything else (unknown account, store problems).
    io.setExitCode(err instanceof ValidationError ? 2 : 1);
  } finally {
    await ctx?.close();
  }
}
