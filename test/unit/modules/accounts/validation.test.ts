import { parseNewAccount, type FieldProblem } from '../../../../src/modules/accounts';
import { ValidationError } from '../../../../src/shared/errors';
import { caught, validAccountInput } from '../../../helpers/accounts';

async function problemsFor(input: unknown): Promise<FieldProblem[]> {
  const err = await caught(() => parseNewAccount(input));
  expect(err).toBeInstanceOf(ValidationError);
  return err.details as FieldProblem[];
}

const fieldsOf = (problems: FieldProblem[]) => problems.map((p) => p.field).sort();

describe('parseNewAccount', () => {
  it('when only the required fields are given, then the defaults fill the rest', () => {
    const data = parseNewAccount({ appId: 'wx1234567890abcdef', name: 'Shop', token: 'abc' });
    expect(data).toEqual({
      appId: 'wx1234567890abcdef', originalId: null, name: 'Shop', type: 'subscription', verified: false,
      token: 'abc', encodingAESKey: null, appSecret: null, encryptionMode: 'plaintext',
      timeZone: 'Asia/Shanghai', certificationExpiresAt: null,
      pushSchedule: { slots: ['11:00', '15:00', '20:00'], warnAfterDays: 3, alertAfterDays: 7 },
    });
  });

  it('when every field is valid, then they are all kept', () => {
    expect(parseNewAccount(validAccountInput())).toEqual({ ...validAccountInput(), pushSchedule: { slots: ['11:00', '15:00', '20:00'], warnAfterDays: 3, alertAfterDays: 7 } });
  });

  it('when many fields are wrong, then every problem is reported at once', async () => {
    const problems = await problemsFor({
      appId: 'wx123', originalId: 'gh_xyz', name: '', type: 'enterprise', verified: 'yes', token: 'a b',
      encodingAESKey: 'short', appSecret: 'nothex', encryptionMode: 'secret', timeZone: 'Mars/Olympus',
      certificationExpiresAt: '2026-02-30', colour: 'red',
    });
    expect(fieldsOf(problems)).toEqual([
      'appId', 'appSecret', 'certificationExpiresAt', 'colour', 'encodingAESKey', 'encryptionMode',
      'name', 'originalId', 'timeZone', 'token', 'type', 'verified',
    ]);
  });

  it('when required fields are missing, then each is reported as required', async () => {
    const problems = await problemsFor({});
    expect(problems).toEqual(expect.arrayContaining([
      { field: 'appId', message: 'is required' },
      { field: 'name', message: 'is required' },
      { field: 'token', message: 'is required' },
    ]));
  });

  it('when a field name is misspelt, then it is a problem rather than ignored', async () => {
    const problems = await problemsFor(validAccountInput({ apSecret: 'x' }));
    expect(problems).toEqual([{ field: 'apSecret', message: 'is not a known field' }]);
  });

  it.each(['compatible', 'safe'])('when the mode is %s and there is no key, then the key is required', async (mode) => {
    const problems = await problemsFor(validAccountInput({ encryptionMode: mode, encodingAESKey: undefined }));
    expect(problems).toEqual([{ field: 'encodingAESKey', message: `is required when encryptionMode is ${mode}` }]);
  });

  it('when the mode needs a key and other fields are wrong too, then the missing key is reported with them', async () => {
    const problems = await problemsFor({ appId: 'bad', name: 'x', token: 'abc', encryptionMode: 'safe' });
    expect(fieldsOf(problems)).toEqual(['appId', 'encodingAESKey']);
  });

  it('when the key is malformed in safe mode, then only its format is reported, once', async () => {
    const problems = await problemsFor(validAccountInput({ encodingAESKey: 'x'.repeat(42) }));
    expect(problems).toEqual([{ field: 'encodingAESKey', message: 'must be exactly 43 letters or digits' }]);
  });

  it('when the mode is plaintext, then a key is optional', () => {
    expect(parseNewAccount(validAccountInput({ encryptionMode: 'plaintext', encodingAESKey: null })).encodingAESKey).toBeNull();
  });

  it.each([
    ['token of 2 characters', { token: 'ab' }, 'token'],
    ['token of 33 characters', { token: 'a'.repeat(33) }, 'token'],
    ['token with punctuation', { token: 'abc-def' }, 'token'],
    ['name of 65 characters', { name: '号'.repeat(65) }, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['appId with 17 characters after wx', { appId: 'wx1234567890abcdef0' }, 'appId'],
    ['non-leap 29 February', { certificationExpiresAt: '2026-02-29' }, 'certificationExpiresAt'],
    ['date with a time', { certificationExpiresAt: '2026-01-01T00:00:00Z' }, 'certificationExpiresAt'],
    ['verified as a string', { verified: 'true' }, 'verified'],
    ['appSecret of 31 characters', { appSecret: 'a'.repeat(31) }, 'appSecret'],
  ])('when given a %s, then that field is rejected', async (_what, override, field) => {
    expect(fieldsOf(await problemsFor(validAccountInput(override)))).toEqual([field]);
  });

  it('when the limits are met exactly, then the input is accepted', () => {
    const data = parseNewAccount(validAccountInput({ token: 'abc', name: '号'.repeat(64), certificationExpiresAt: '2028-02-29' }));
    expect(data.name).toHaveLength(64);
  });

  it('when values are written loosely, then they are stored in canonical form', () => {
    const data = parseNewAccount(validAccountInput({ originalId: 'GH_0123456789AB', timeZone: 'asia/shanghai', name: '  Shop  ' }));
    expect([data.originalId, data.timeZone, data.name]).toEqual(['gh_0123456789ab', 'Asia/Shanghai', 'Shop']);
  });

  it.each([[null], [[]], ['text'], [42]])('when the input is %j, then it must be an object', async (input) => {
    expect(await problemsFor(input)).toEqual([{ field: '(input)', message: 'must be a JSON object' }]);
  });

  it('when a secret is malformed, then the error does not repeat its value', async () => {
    const err = await caught(() => parseNewAccount(validAccountInput({ appSecret: 'SECRETVALUE-not-hex' })));
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('SECRETVALUE');
  });
});
