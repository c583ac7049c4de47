import { AdminAccessService, hashToken } from '../../../../src/modules/admin-access';
import { ManualClock } from '../../../../src/shared/clock';
import { AuthError } from '../../../../src/shared/errors';
import { caught, InMemoryAdminTokenRepository } from '../../../helpers/accounts';

function service(envToken?: string) {
  const repo = new InMemoryAdminTokenRepository();
  return { repo, access: new AdminAccessService({ repo, clock: new ManualClock(), envToken }) };
}

describe('AdminAccessService.bootstrap', () => {
  it('when no ADMIN_TOKEN is set and the store is empty, then a token is generated once and only its hash is stored', async () => {
    const { repo, access } = service();
    const { generatedToken } = await access.bootstrap();
    expect(generatedToken).toMatch(/^wxoa_/);
    expect(repo.rows).toEqual([expect.objectContaining({ tokenHash: hashToken(generatedToken!), role: 'admin', createdAt: '2026-01-01T03:00:00.000Z' })]);
    expect(JSON.stringify(repo.rows)).not.toContain(generatedToken!);
    expect(await access.bootstrap()).toEqual({ generatedToken: null });
    expect(repo.rows).toHaveLength(1);
  });

  it('when ADMIN_TOKEN is set, then nothing is generated', async () => {
    const { repo, access } = service('env-secret-token');
    expect(await access.bootstrap()).toEqual({ generatedToken: null });
    expect(repo.rows).toHaveLength(0);
  });
});

describe('AdminAccessService.authenticate', () => {
  it('when the ADMIN_TOKEN is presented, then the env principal is returned', async () => {
    const { access } = service('env-secret-token');
    expect(await access.authenticate('Bearer env-secret-token')).toEqual({ tokenId: 'env', name: 'ADMIN_TOKEN', role: 'admin' });
    expect(await access.authenticate('bearer   env-secret-token ')).toMatchObject({ tokenId: 'env' });
  });

  it('when a stored token is presented, then its principal is returned', async () => {
    const { repo, access } = service('env-secret-token');
    const { generatedToken } = await new AdminAccessService({ repo, clock: new ManualClock() }).bootstrap();
    const principal = await access.authenticate(`Bearer ${generatedToken}`);
    expect(principal).toEqual({ tokenId: repo.rows[0]!.id, name: 'bootstrap', role: 'admin' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not bearer', 'Basic dXNlcjpwYXNz'],
    ['bearer without token', 'Bearer '],
    ['wrong token', 'Bearer wxoa_wrong-guess-123'],
    ['env token with a suffix', 'Bearer env-secret-tokenX'],
    ['env token prefix only', 'Bearer env-secret'],
  ])('when the header is %s, then it is 401 and the message does not echo it', async (_case, header) => {
    const { access } = service('env-secret-token');
    const err = await caught(access.authenticate(header));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.status).toBe(401);
    const token = header?.split(' ')[1];
    if (token) expect(err.message).not.toContain(token);
  });
});
