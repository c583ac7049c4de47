import os from 'node:os';
import { Command } from 'commander';
import { loadConfig } from '../../config';
import { buildRuntime } from '../main';
import { campaignStates, type BroadcastService, type Campaign, type CampaignContent, type CampaignState } from '../modules/broadcast';
import { AppError, ValidationError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import { processIo, type CliIo } from './account';
import { readJsonFile } from './json-file';

type Open = () => Promise<{ broadcast: BroadcastService; close(): Promise<void> }>;

/**
 * The campaign commands need the WeChat API (previews go to the testers' phones) as well as the
 * store, so they run on a full runtime, as `wxoa menu` does, never listening and never sweeping:
 * a running server sends what is scheduled here when it is due.
 */
const openRuntime: Open = async () => {
  const config = loadConfig();
  const runtime = await buildRuntime(config, { logger: createLogger({ level: 'warn', toStderr: true }), defaultMetrics: false });
  return { broadcast: runtime.broadcast, close: () => runtime.close() };
};

/** `--openid a --openid b,c` → [a, b, c]. */
const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
];

/**
 * Adds `campaign create|list|show|preview|confirm|schedule|cancel|cadence`: mass sends (群发) as the
 * admin API has them. Each prints the campaign (or list, or cadence) as JSON on stdout and says what
 * happened in one line on stderr.
 */
export function registerCampaignCommands(program: Command, open: Open = openRuntime, io: CliIo = processIo): void {
  const campaign = program
    .command('campaign')
    .description("an account's mass sends (群发): create, preview, confirm, schedule; nothing is sent without a confirmed preview");
  const run = (work: (broadcast: BroadcastService) => Promise<void>) => withBroadcast(open, io, work);
  const print = (value: unknown) => io.out(JSON.stringify(value, null, 2));

  campaign
    .command('create')
    .description('create a draft: one of --text, --mpnews, --json for the content; one of --all, --tag, --openids for the audience')
    .requiredOption('--app-id <appId>', 'the account')
    .requiredOption('--name <name>', 'what operators call it (1-100 characters)')
    .option('--text <content>', 'a text message')
    .option('--mpnews <mediaId>', 'an article message (the media_id of a draft or permanent mpnews)')
    .option('--json <file>', 'a JSON file with the content, e.g. {"type":"images","mediaIds":["…"]}')
    .option('--all', 'every follower')
    .option('--tag <tagId>', 'the followers with this tag')
    .option('--openids <a,b>', 'these followers (2 to 10 000; repeatable or comma-separated)', collect)
    .option('--by <name>', 'who creates it (default: the OS user, or "cli")')
    .action((opts: CreateOptions) =>
      run(async (broadcast) => {
        const input = { name: opts.name, content: contentOf(opts), audience: audienceOf(opts) };
        const created = await broadcast.create(opts.appId, input, opts.by ?? operator());
        print(created);
        io.err(`created campaign ${created.id} (${created.state}): ${describe(created)}; next: wxoa campaign preview ${created.id} --app-id ${created.appId} --openid <tester>`);
      }),
    );

  campaign
    .command('list')
    .description("the account's campaigns as JSON (due, or created when never scheduled, oldest first)")
    .requiredOption('--app-id <appId>', 'the account')
    .option('--state <state>', `only those in this state: ${campaignStates.join(', ')}`)
    .action((opts: { appId: string; state?: string }) =>
      run(async (broadcast) => {
        const items = await broadcast.list({ appId: opts.appId, state: stateOf(opts.state) });
        print(items);
        io.err(`${items.length} campaign(s) of ${opts.appId}${opts.state !== undefined ? ` in state ${opts.state}` : ''}${countByState(items)}`);
      }),
    );

  campaign
    .command('show <id>')
    .description('one campaign as JSON, with its results once WeChat reports them')
    .requiredOption('--app-id <appId>', 'the account')
    .action((id: string, opts: { appId: string }) =>
      run(async (broadcast) => {
        const c = await broadcast.get(opts.appId, id);
        print(c);
        io.err(`campaign ${c.id} is ${c.state}: ${describe(c)}${c.dueAt ? `, due ${c.dueAt}` : ''}${c.reason ? ` (${c.reason})` : ''}`);
      }),
    );

  campaign
    .command('preview <id>')
    .description("send the campaign to testers' phones (preview API); it then waits for a confirmation")
    .requiredOption('--app-id <appId>', 'the account')
    .option('--openid <openid>', 'a tester by openid (repeatable or comma-separated)', collect)
    .option('--wechat-id <wechatId>', 'a tester by WeChat ID (repeatable or comma-separated)', collect)
    .action((id: string, opts: { appId: string; openid?: string[]; wechatId?: string[] }) =>
      run(async (broadcast) => {
        const openids = opts.openid ?? [];
        const wechatIds = opts.wechatId ?? [];
        if (openids.length + wechatIds.length === 0) throw new ValidationError('name at least one tester: --openid or --wechat-id');
        const c = await broadcast.preview(opts.appId, id, { openids, wechatIds });
        print(c);
        io.err(`sent the preview of ${c.id} to ${[...openids, ...wechatIds].join(', ')}; once checked on the phone: wxoa campaign confirm ${c.id} --app-id ${c.appId}`);
      }),
    );

  campaign
    .command('confirm <id>')
    .description("confirm the previewed campaign (the supervisor's approval); required before scheduling")
    .requiredOption('--app-id <appId>', 'the account')
    .option('--by <name>', 'who confirms (default: the OS user, or "cli")')
    .action((id: string, opts: { appId: string; by?: string }) =>
      run(async (broadcast) => {
        const c = await broadcast.confirm(opts.appId, id, opts.by ?? operator());
        print(c);
        io.err(`${c.id} confirmed by ${c.confirmation?.by ?? '?'}; next: wxoa campaign schedule ${c.id} --app-id ${c.appId} --slot HH:MM --date YYYY-MM-DD`);
      }),
    );

  campaign
    .command('schedule <id>')
    .description("schedule a confirmed campaign into a slot of the account's day (its pushSchedule; 11:00, 15:00, 20:00 unless changed) or at an exact time")
    .requiredOption('--app-id <appId>', 'the account')
    .option('--slot <HH:MM>', 'one of the account\'s slots, with --date')
    .option('--date <YYYY-MM-DD>', "the local date of the slot (the account's time zone)")
    .option('--at <ISO>', 'an exact instant instead, e.g. 2026-12-01T12:30:00+08:00')
    .action((id: string, opts: { appId: string; slot?: string; date?: string; at?: string }) =>
      run(async (broadcast) => {
        const c = await broadcast.schedule(opts.appId, id, sendTimeOf(opts));
        print(c);
        io.err(`${c.id} scheduled for ${c.dueAt ?? '?'}${c.sendTime && 'slot' in c.sendTime ? ` (the ${c.sendTime.slot} slot on ${c.sendTime.date})` : ''}; a running server sends it then`);
      }),
    );

  campaign
    .command('cancel <id>')
    .description('cancel a draft, previewed or scheduled campaign')
    .requiredOption('--app-id <appId>', 'the account')
    .option('--reason <text>', 'why (kept on the campaign)')
    .action((id: string, opts: { appId: string; reason?: string }) =>
      run(async (broadcast) => {
        const c = await broadcast.cancel(opts.appId, id, opts.reason);
        print(c);
        io.err(`cancelled ${c.id} (${c.reason ?? ''})`);
      }),
    );

  campaign
    .command('cadence')
    .description("days since the account's last push through wxoa (warning at 3, alert at 7)")
    .requiredOption('--app-id <appId>', 'the account')
    .action((opts: { appId: string }) =>
      run(async (broadcast) => {
        const cadence = await broadcast.cadence(opts.appId);
        print(cadence);
        io.err(cadence.lastSentAt === null
          ? `${cadence.level}: ${opts.appId} has sent no campaign through wxoa yet`
          : `${cadence.level}: the last push of ${opts.appId} was ${cadence.daysSince ?? '?'} day(s) ago (${cadence.lastSentAt})`);
      }),
    );
}

interface CreateOptions {
  appId: string;
  name: string;
  text?: string;
  mpnews?: string;
  json?: string;
  all?: boolean;
  tag?: string;
  openids?: string[];
  by?: string;
}

function contentOf(o: CreateOptions): unknown {
  const given = [o.text !== undefined, o.mpnews !== undefined, o.json !== undefined].filter(Boolean).length;
  if (given !== 1) throw new ValidationError('give exactly one of --text, --mpnews, --json for the content');
  if (o.text !== undefined) return { type: 'text', content: o.text };
  if (o.mpnews !== undefined) return { type: 'mpnews', mediaId: o.mpnews };
  return readJsonFile(o.json!);
}

function audienceOf(o: CreateOptions): unknown {
  const given = [o.all === true, o.tag !== undefined, o.openids !== undefined].filter(Boolean).length;
  if (given !== 1) throw new ValidationError('give exactly one of --all, --tag, --openids for the audience');
  if (o.all) return { kind: 'all' };
  if (o.tag !== undefined) {
    if (!/^\d+$/.test(o.tag)) throw new ValidationError(`--tag must be a tag id (a whole number), not ${JSON.stringify(o.tag)}`);
    return { kind: 'tag', tagId: Number(o.tag) };
  }
  return { kind: 'openids', openids: o.openids };
}

function sendTimeOf(o: { slot?: string; date?: string; at?: string }): unknown {
  if (o.at !== undefined && o.slot === undefined && o.date === undefined) return { at: o.at };
  if (o.at === undefined && o.slot !== undefined && o.date !== undefined) return { slot: o.slot, date: o.date };
  throw new ValidationError('give either --slot HH:MM with --date YYYY-MM-DD, or --at <ISO instant>');
}

function stateOf(value: string | undefined): CampaignState | undefined {
  if (value === undefined) return undefined;
  if ((campaignStates as readonly string[]).includes(value)) return value as CampaignState;
  throw new ValidationError(`--state must be one of: ${campaignStates.join(', ')}`);
}

/** Who did it, when --by is not given: the OS user, or "cli" where there is none. */
function operator(): string {
  try {
    return os.userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

/** `"weekly": text "本周活动…" to all followers`. */
function describe(c: Campaign): string {
  const audience = c.audience.kind === 'all' ? 'all followers' : c.audience.kind === 'tag' ? `tag ${c.audience.tagId}` : `${c.audience.openids.length} openids`;
  return `${JSON.stringify(c.name)}: ${describeContent(c.content)} to ${audience}`;
}

function describeContent(content: CampaignContent): string {
  switch (content.type) {
    case 'text': {
      const chars = [...content.content];
      return `text ${JSON.stringify(chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : content.content)}`;
    }
    case 'images':
      return `${content.mediaIds.length} image(s)`;
    default:
      return `${content.type} ${content.mediaId}`;
  }
}

function countByState(items: Campaign[]): string {
  if (items.length === 0) return '';
  const counts = new Map<string, number>();
  for (const c of items) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
  return `: ${[...counts].map(([state, n]) => `${n} ${state}`).join(', ')}`;
}


async function withBroadcast(open: Open, io: CliIo, work: (broadcast: BroadcastService) => Promise<void>): Promise<void> {
  let ctx: Awaited<ReturnType<Open>> | undefined;
  try {
    ctx = await open();
    await work(ctx.broadcast);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // The service's own message: every input problem ("content.content: …; audience.openids: …"), or why
    // the campaign cannot move (not previewed, not confirmed, over WeChat's quota).
    io.err(`error: ${err.message}`);
    // As runCli and `wxoa menu`: 2 for what the operator can fix (input, state, unknown campaign), 1 otherwise.
    io.setExitCode(err.status < 500 ? 2 : 1);
  } finally {
    await ctx?.close();
  }
}
