import type { Command } from 'commander';
import { adminRoles, AdminAccessService } from '../modules/admin-access';
import { systemClock } from '../shared/clock';
import { AppError, ValidationError } from '../shared/errors';
import type { CliIo } from './account';
import { processIo } from './account';
import type { openCliContext } from './context';

type Open = () => ReturnType<typeof openCliContext>;

/**
 * Adds `token create|list|revoke`: admin API tokens for the team, as `POST/GET/DELETE /api/v1/tokens`
 * have them. `create` prints the token once (only its hash is stored).
 */
export function registerTokenCommands(program: Command, open: Open, io: CliIo = processIo): void {
  const token = program.command('token').description('admin API tokens for the team (roles: ' + adminRoles.join(', ') + ')');
  const run = async (work: (access: AdminAccessService) => Promise<void>) => {
    const ctx = await open();
    try {
      await work(new AdminAccessService({ repo: ctx.store.adminTokens, clock: systemClock }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      io.err(`error: ${err.message}`);
      io.setExitCode(err instanceof ValidationError ? 2 : 1);
    } finally {
      await ctx.close();
    }
  };

  token
    .command('create')
    .description('issue a token; an agent token is named after the agent id')
    .requiredOption('--name <name>', 'who holds it (for an agent: the agent id)')
    .option('--role <role>', `one of: ${adminRoles.join(', ')}`, 'agent')
    .action((opts: { name: string; role: string }) =>
      run(async (access) => {
        const issued = await access.issue(opts);
        io.out(JSON.stringify(issued, null, 2));
        io.err(`token for ${issued.name} (${issued.role}) created: it is shown only this once`);
      }),
    );
  token
    .command('list')
    .description('list tokens (never the secrets)')
    .action(() => run(async (access) => io.out(JSON.stringify(await access.list(), null, 2))));
  token
    .command('revoke <id>')
    .description('take a token away at once')
    .action((id: string) => run(async (access) => {
      await access.revoke(id);
      io.err(`token ${id} revoked`);
    }));
}
