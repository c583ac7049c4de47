import { adminRoles, can, capabilities, generateToken, hashToken } from '../../../../src/modules/admin-access';

describe('admin-access rules', () => {
  it('when a token is generated, then it has the wxoa_ prefix and 32 random bytes in base64url', () => {
    const token = generateToken();
    expect(token).toMatch(/^wxoa_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(5), 'base64url')).toHaveLength(32);
    expect(generateToken()).not.toBe(token);
  });

  it('when a token is hashed, then the result is its sha256 in hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('when the principal is an admin, then every capability is granted', () => {
    for (const c of capabilities) expect(can({ role: 'admin' }, c)).toBe(true);
  });

  it('when a role is not in the table, then nothing is granted', () => {
    expect(can({ role: 'intruder' as never }, 'accounts:read')).toBe(false);
  });

  it('when roles are listed, then admin is among them', () => {
    expect(adminRoles).toContain('admin');
  });
});
