import { Command } from 'commander';
import { loadConfig } from '../../config';
import { buildRuntime } from '../main';
import type { MenuChange, MenuProblem, MenuService } from '../modules/menus';
import { AppError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { processIo, type CliIo } from './account';
import { readJsonFile } from './json-file';

type Open = () => Promise<{ menus: MenuService; close(): Promise<void> }>;

/**
 * The menu commands need the WeChat API as well as the store, so they run on a full runtime
 * (the same token store as the server: Redis when configured), never listening.
 */
const openRuntime: Open = async () => {
  const config = loadConfig();
  const runtime = await buildRuntime(config, { logger: createLogger({ level: 'warn', toStderr: true }), defaultMetrics: false });
  return { menus: runtime.menus, close: () => runtime.close() };
};

/** Adds `menu publish|show|diff`. */
export function registerMenuCommands(program: Command, open: Open = openRuntime, io: CliIo = processIo): void {
  const menu = program.command('menu').description("an account's custom menu: draft, publish, live menu and drift");
  const run = (work: (menus: MenuService) => Promise<void>) => withMenus(open, io, work);

  menu
    .command('publish')
    .description('publish the draft to WeChat (with --file: save that draft first)')
    .requiredOption('--app-id <appId>', 'the account')
    .option('--file <draft.json>', 'a draft {"buttons": [...], "conditionalMenus": [...]} to save and publish')
    .option('--force', 'publish even when buttons have no auto-reply rule')
    .action((opts: { appId: string; file?: string; force?: boolean }) =>
      run(async (menus) => {
        if (opts.file !== undefined) {
          const saved = await menus.saveDraft(opts.appId, readJsonFile(opts.file));
          io.out(`saved the draft from ${opts.file}`);
          printWarnings(io, saved.warnings);
        }
        const result = await menus.publish(opts.appId, { force: opts.force === true });
        if (opts.file === undefined) printWarnings(io, result.warnings);
        const conditional = result.conditionalMenuIds.length;
        io.out(`published the menu of ${opts.appId} at ${result.publishedAt}` + (conditional > 0 ? ` with ${conditional} conditional menu(s): ${result.conditionalMenuIds.join(', ')}` : ''));
      }),
    );

  menu
    .command('show')
    .description('print the draft as JSON (with --live: the live menu from WeChat)')
    .requiredOption('--app-id <appId>', 'the account')
    .option('--live', 'menu/get and get_current_selfmenu_info instead of the draft')
    .action((opts: { appId: string; live?: boolean }) =>
      run(async (menus) => {
        const shown = opts.live ? await menus.live(opts.appId) : await menus.getDraft(opts.appId);
        io.out(JSON.stringify(shown, null, 2));
      }),
    );

  menu
    .command('diff')
    .description('what publishing the draft would change in the live menu')
    .requiredOption('--app-id <appId>', 'the account')
    .option('--json', 'print JSON')
    .action((opts: { appId: string; json?: boolean }) =>
      run(async (menus) => {
        const diff = await menus.diff(opts.appId);
        if (opts.json) io.out(JSON.stringify(diff, null, 2));
        else if (diff.inSync) io.out('the live menu matches the draft');
        else for (const c of diff.changes) io.out(describeChange(c));
      }),
    );
}

/** `+` would be added, `-` removed, `~` changed: read as "publishing would …". */
export function describeChange(c: MenuChange): string {
  const rule = c.matchRule ? ` (for ${JSON.stringify(c.matchRule)})` : '';
  if (c.change === 'added') return `+ ${c.path}${rule}: ${JSON.stringify(c.draft)}`;
  if (c.change === 'removed') return `- ${c.path}${rule}: ${JSON.stringify(c.live)}`;
  const draft = c.draft as Record<string, unknown>;
  const live = c.live as Record<string, unknown>;
  const fields = (c.fields ?? []).map((f) => `${f} ${JSON.stringify(live[f] ?? null)} → ${JSON.stringify(draft[f] ?? null)}`);
  return `~ ${c.path}${rule}: ${fields.join(', ')}`;
}


function printWarnings(io: CliIo, warnings: MenuProblem[]): void {
  for (const w of warnings) io.err(`warning: ${w.field}: ${w.message}`);
}

async function withMenus(open: Open, io: CliIo, work: (menus: MenuService) => Promise<void>): Promise<void> {
  const ctx = await open();
  try {
    await work(ctx.menus);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    io.err(`error: ${err.message}`);
    // Every problem of a draft (or every unanswered button), one per line, pointing at the field.
    if (Array.isArray(err.details)) for (const p of err.details as MenuProblem[]) io.err(`  - ${p.field}: ${p.message}`);
    io.setExitCode(err.status < 500 ? 2 : 1);
  } finally {
    await ctx.close();
  }
}
