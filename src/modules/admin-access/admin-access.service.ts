import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { AuthError, NotFoundError } from '../../shared/errors';
import { invalid } from '../../shared/field-problems';
import { adminRoles, generateToken, hashToken, isAdminRole, type AdminRole, type Principal } from './admin-access';
import type { AdminTokenRepository } from './admin-access.ports';

export interface AdminAccessDeps {
  repo: AdminTokenRepository;
  clock: Clock;
  /** ADMIN_TOKEN from the configuration; when set, no token is generated at start. */
  envToken?: string;
}

const ENV_PRINCIPAL: Principal = { tokenId: 'env', name: 'ADMIN_TOKEN', role: 'admin' };

/** Bearer-token access to the admin API. */
export class AdminAccessService {
  private readonly envTokenHash: Buffer | null;

  constructor(private readonly deps: AdminAccessDeps) {
    this.envTokenHash = deps.envToken ? Buffer.from(hashToken(deps.envToken), 'hex') : null;
  }

  /**
   * Zero set-up: a fresh install with no ADMIN_TOKEN gets one generated token. Only its hash is
   * stored, so the caller must show it now; later starts return null.
   */
  async bootstrap(): Promise<{ generatedToken: string | null }> {
    if (this.envTokenHash || (await this.deps.repo.count()) > 0) return { generatedToken: null };
    const token = generateToken();
    await this.deps.repo.insert({
      id: randomUUID(),
      name: 'bootstrap',
      tokenHash: hashToken(token),
      role: 'admin',
      createdAt: this.deps.clock.now().toISOString(),
    });
    return { generatedToken: token };
  }

  /** Resolves `Authorization: Bearer <token>`. Errors never repeat the header: it is a credential. */
  async authenticate(authorizationHeader: string | undefined): Promise<Principal> {
    if (!authorizationHeader) throw new AuthError();
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorizationHeader);
    if (!match?.[1]) throw new AuthError('the Authorization header must be "Bearer <token>"');
    const hash = hashToken(match[1]);

    // Comparing fixed-length hashes keeps the comparison constant-time whatever length was sent.
    if (this.envTokenHash && timingSafeEqual(this.envTokenHash, Buffer.from(hash, 'hex'))) return ENV_PRINCIPAL;

    const stored = await this.deps.repo.findByHash(hash);
    if (!stored) throw new AuthError('the bearer token is not valid');
    return { tokenId: stored.id, name: stored.name, role: stored.role };
  }

  /**
   * A new token for a team member: `name` is who holds it (for an agent, the agent's id: the inbox
   * "mine" is the token's name). The token is returned this once; only its hash is stored.
   */
  async issue(input: { name?: unknown; role?: unknown }): Promise<IssuedToken & { token: string }> {
    const problems = [];
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!/^[\p{L}\p{N}_.@-]{2,64}$/u.test(name)) problems.push({ field: 'name', message: 'must be 2 to 64 letters, digits or _ . @ -' });
    const role = input.role ?? 'agent';
    if (typeof role !== 'string' || !isAdminRole(role)) problems.push({ field: 'role', message: `must be one of: ${adminRoles.join(', ')}` });
    if (problems.length > 0) throw invalid('the token', problems);
    const token = generateToken();
    const stored = { id: randomUUID(), name, tokenHash: hashToken(token), role: role as AdminRole, createdAt: this.deps.clock.now().toISOString() };
    await this.deps.repo.insert(stored);
    return { id: stored.id, name, role: stored.role, createdAt: stored.createdAt, token };
  }

  /** Every stored token, without its hash. */
  async list(): Promise<IssuedToken[]> {
    return (await this.deps.repo.list()).map(({ id, name, role, createdAt }) => ({ id, name, role, createdAt }));
  }

  /** Takes a token's access away at once (the next request with it is a 401). */
  async revoke(id: string): Promise<void> {
    if (!(await this.deps.repo.remove(id))) throw new NotFoundError(`no admin token with id ${id}`);
  }
}

/** A token as the admin API shows it: never the token or its hash. */
export interface IssuedToken {
  id: string;
  name: string;
  role: AdminRole;
  createdAt: string;
}
