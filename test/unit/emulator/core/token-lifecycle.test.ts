import type { Context } from 'koa';
import { createEmulator } from '../../../../src/emulator';
import { EmulatorError } from '../../../../src/emulator/core/contract';
import { ManualClock } from '../../../../src/shared/clock';
import { EMULATOR_ACCOUNT } from '../../../helpers/emulator';

const MINUTE = 60_000;

function setup(tokenTtlSeconds = 7200) {
  const clock = new ManualClock();
  const { emu } = createEmulator({ clock, accounts: [EMULATOR_ACCOUNT], tokenTtlSeconds });
  const appId = EMULATOR_ACCOUNT.appId;
  /** What a group route sees: the errcode WeChat would answer, or 0 for an accepted token. */
  const check = (token?: string): number => {
    try {
      emu.authenticate({ query: token === undefined ? {} : { access_token: token }, path: '/cgi-bin/menu/get' } as unknown as Context);
      return 0;
    } catch (err) {
      if (err instanceof EmulatorError) return err.errcode;
      throw err;
    }
  };
  return { clock, emu, appId, check, classic: () => emu.tokens.issueClassic(appId), stable: (force = false) => emu.tokens.issueStable(appId, force) };
}

describe('authenticate (§4.2 token errors)', () => {
  it('when access_token is missing or empty, then 41001', () => {
    const { check } = setup();
    expect(check()).toBe(41001);
    expect(check('')).toBe(41001);
  });

  it('when the token is malformed, then 40014', () => {
    expect(setup().check('not a token!')).toBe(40014);
  });

  it('when the token is well-formed but was never issued, then 40001', () => {
    expect(setup().check('A'.repeat(136))).toBe(40001);
  });

  it('when a token is used within its lifetime, then it authenticates its account', () => {
    const { emu, classic } = setup();
    const { access_token } = classic();
    const account = emu.authenticate({ query: { access_token }, path: '/x' } as unknown as Context);
    expect(account.appId).toBe(EMULATOR_ACCOUNT.appId);
  });

  it('when the TTL has passed, then 42001, and one second before it still works', () => {
    const { clock, check, classic } = setup(7200);
    const { access_token } = classic();
    clock.advance(7199_000);
    expect(check(access_token)).toBe(0);
    clock.advance(1000);
    expect(check(access_token)).toBe(42001);
  });

  it('when the account is removed, then its tokens answer 40001', () => {
    const { emu, appId, check, classic } = setup();
    const { access_token } = classic();
    emu.removeAccount(appId);
    expect(check(access_token)).toBe(40001);
  });
});

describe('/cgi-bin/token rotation (§4.1)', () => {
  it('when a new token is fetched, then the previous one works 5 more minutes and then answers 40001', () => {
    const { clock, check, classic } = setup();
    const first = classic().access_token;
    clock.advance(10 * MINUTE);
    const second = classic().access_token;
    clock.advance(5 * MINUTE - 1000);
    expect(check(first)).toBe(0);
    expect(check(second)).toBe(0);
    clock.advance(1000);
    expect(check(first)).toBe(40001);
    expect(check(second)).toBe(0);
  });

  it('when the previous token would expire naturally inside its grace, then it ends at its own expiry with 42001', () => {
    const { clock, check, classic } = setup(600);
    const first = classic().access_token;
    clock.advance(8 * MINUTE);
    classic();
    clock.advance(2 * MINUTE);
    expect(check(first)).toBe(42001);
  });

  it('when three tokens are fetched in a row, then the grace is not extended by later fetches', () => {
    const { clock, check, classic } = setup();
    const first = classic().access_token;
    classic();
    clock.advance(4 * MINUTE);
    classic();
    clock.advance(1 * MINUTE);
    expect(check(first)).toBe(40001);
  });
});

describe('/cgi-bin/stable_token (§4.1)', () => {
  it('when called in normal mode while valid, then the same token with a shrinking expires_in', () => {
    const { clock, stable } = setup();
    const a = stable();
    clock.advance(60 * MINUTE);
    const b = stable();
    expect(b.access_token).toBe(a.access_token);
    expect(a.expires_in).toBe(7200);
    expect(b.expires_in).toBe(3600);
  });

  it('when fewer than 5 minutes remain, then a new token is returned with expires_in ≥ 300 and both work until the old one expires', () => {
    const { clock, check, stable } = setup();
    const old = stable().access_token;
    clock.advance(7200_000 - 4 * MINUTE);
    const next = stable();
    expect(next.access_token).not.toBe(old);
    expect(next.expires_in).toBeGreaterThanOrEqual(300);
    // The platform rotated at T-5 min, so the new token dates from then.
    expect(next.expires_in).toBe(7200 - 60);
    expect(check(old)).toBe(0);
    expect(check(next.access_token)).toBe(0);
    clock.advance(4 * MINUTE);
    expect(check(old)).toBe(42001);
    expect(check(next.access_token)).toBe(0);
    expect(stable().access_token).toBe(next.access_token);
  });

  it('when every returned expires_in is sampled across two hours, then none is below 300', () => {
    const { clock, stable } = setup();
    for (let minute = 0; minute < 240; minute++) {
      expect(stable().expires_in).toBeGreaterThanOrEqual(300);
      clock.advance(MINUTE);
    }
  });

  it('when the stable token has expired unused, then normal mode issues a fresh one', () => {
    const { clock, stable } = setup();
    const old = stable().access_token;
    clock.advance(3 * 3600_000);
    const next = stable();
    expect(next.access_token).not.toBe(old);
    expect(next.expires_in).toBe(7200);
  });

  it('when force_refresh is used, then the previous stable token dies at once (40001)', () => {
    const { check, stable } = setup();
    const old = stable().access_token;
    const forced = stable(true).access_token;
    expect(forced).not.toBe(old);
    expect(check(old)).toBe(40001);
    expect(check(forced)).toBe(0);
  });

  it('when force_refresh comes within 30 s of the last one, then the current token is returned without refreshing', () => {
    const { clock, emu, appId, stable } = setup();
    const first = stable(true).access_token;
    clock.advance(29_000);
    expect(stable(true).access_token).toBe(first);
    clock.advance(1000);
    expect(stable(true).access_token).not.toBe(first);
    expect(emu.tokens.stats(appId).forceRefreshes).toBe(2);
  });

  it('when force_refresh is used a 21st time in a China day, then 45009, and the next day it works again', () => {
    const { clock, stable } = setup();
    // ManualClock starts at 2026-01-01T03:00Z = 11:00 in Beijing; 21 refreshes 31 s apart fit in the day.
    for (let i = 0; i < 20; i++) {
      stable(true);
      clock.advance(31_000);
    }
    expect(() => stable(true)).toThrow(expect.objectContaining({ errcode: 45009 }));
    // Beijing midnight is 16:00Z.
    clock.set(Date.UTC(2026, 0, 1, 16, 0, 0));
    expect(stable(true).access_token).toEqual(expect.any(String));
  });

  it('when a classic token is fetched or force-refreshed, then the stable token is untouched, and the other way round', () => {
    const { clock, check, classic, stable } = setup();
    const s = stable().access_token;
    const c = classic().access_token;
    classic();
    clock.advance(6 * MINUTE);
    expect(check(s)).toBe(0);
    expect(check(c)).toBe(40001);
    const c2 = classic().access_token;
    stable(true);
    expect(check(c2)).toBe(0);
    expect(stable().access_token).not.toBe(c2);
  });
});
