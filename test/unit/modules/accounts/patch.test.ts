import { applyAccountPatch, parseNewAccount, type FieldProblem } from '../../../../src/modules/accounts';
import { ValidationError } from '../../../../src/shared/errors';
import { caught, validAccountInput } from '../../../helpers/accounts';

const current = parseNewAccount(validAccountInput());
const plaintext = parseNewAccount(validAccountInput({ encryptionMode: 'plaintext', encodingAESKey: null }));

async function problemsFor(base: typeof current, patch: unknown): Promise<FieldProblem[]> {
  const err = await caught(() => applyAccountPatch(base, patch));
  expect(err).toBeInstanceOf(ValidationError);
  return err.details as FieldProblem[];
}

describe('applyAccountPatch', () => {
  it('when a field is absent, then it keeps its value', () => {
    expect(applyAccountPatch(current, { name: 'New name' })).toEqual({ ...current, name: 'New name' });
  });

  it('when optional fields are set to null, then they are cleared', () => {
    const next = applyAccountPatch(current, { originalId: null, appSecret: null, certificationExpiresAt: null });
    expect([next.originalId, next.appSecret, next.certificationExpiresAt]).toEqual([null, null, null]);
  });

  it('when a required field is set to null, then it is rejected', async () => {
    expect(await problemsFor(current, { name: null, token: null })).toEqual([
      { field: 'name', message: 'is required' },
      { field: 'token', message: 'is required' },
    ]);
  });

  it('when the appId is changed, then it is rejected', async () => {
    expect(await problemsFor(current, { appId: 'wxffffffffffffffff' })).toEqual([{ field: 'appId', message: 'cannot be changed' }]);
  });

  it('when the same appId is sent back, then it is accepted', () => {
    expect(applyAccountPatch(current, { appId: current.appId, name: 'x' }).name).toBe('x');
  });

  it('when the key is cleared while the account is in safe mode, then the merged result is rejected', async () => {
    expect(await problemsFor(current, { encodingAESKey: null })).toEqual([
      { field: 'encodingAESKey', message: 'is required when encryptionMode is safe' },
    ]);
  });

  it('when a plaintext account without a key switches to safe mode, then the key is required', async () => {
    expect(await problemsFor(plaintext, { encryptionMode: 'safe' })).toEqual([
      { field: 'encodingAESKey', message: 'is required when encryptionMode is safe' },
    ]);
  });

  it('when the switch to safe mode brings a key, then it is accepted', () => {
    const key = 'K'.repeat(43);
    expect(applyAccountPatch(plaintext, { encryptionMode: 'safe', encodingAESKey: key })).toMatchObject({ encryptionMode: 'safe', encodingAESKey: key });
  });

  it('when the key is cleared and the mode goes back to plaintext together, then it is accepted', () => {
    expect(applyAccountPatch(current, { encryptionMode: 'plaintext', encodingAESKey: null }).encodingAESKey).toBeNull();
  });

  it('when the mode switch is combined with other mistakes, then all are reported together', async () => {
    const problems = await problemsFor(plaintext, { encryptionMode: 'compatible', name: '', tokn: 'x' });
    expect(problems.map((p) => p.field).sort()).toEqual(['encodingAESKey', 'name', 'tokn']);
  });

  it('when the patch is not an object, then it is rejected', async () => {
    expect(await problemsFor(current, ['name'])).toEqual([{ field: '(input)', message: 'must be a JSON object' }]);
  });
});
