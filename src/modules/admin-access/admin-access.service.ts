import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { AuthError } from '../../shared/errors';
import { generateToken, hashToken, type Principal } from './admin-access';
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
}
