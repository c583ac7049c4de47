import { compileRules } from '../../../../src/modules/auto-reply/engine';
import { ctx, event, image, keywordRule, kw, rule, subscribe, text } from './fixtures';

describe('event rules', () => {
  const plain = rule('welcome', { kind: 'subscribe' }, { priority: 10 });
  const spring = rule('spring', { kind: 'subscribe', scene: 'spring_campaign' });
  const compiled = compileRules([plain, spring]);

  it('when a follower arrives through a QR scene with its own rule, then that rule beats the plain welcome', () => {
    expect(compiled.match(subscribe('spring_campaign'), ctx())?.rule.name).toBe('spring');
  });

  it('when a follower arrives through another scene, then the plain welcome answers', () => {
    expect(compiled.match(subscribe('autumn'), ctx())?.rule.name).toBe('welcome');
  });

  it('when a follower follows plainly, then the plain welcome answers', () => {
    expect(compiled.match(subscribe(null), ctx())?.rule.name).toBe('welcome');
  });

  it('when a menu button is clicked, then the rule for its key answers and other keys do not', () => {
    const c = compileRules([rule('menu', { kind: 'click', key: 'V1001_TODAY' })]);
    expect(c.match(event('CLICK', 'V1001_TODAY'), ctx())?.rule.name).toBe('menu');
    expect(c.match(event('CLICK', 'v1001_today'), ctx())).toBeNull();
  });

  it('when an existing follower scans a parametric QR, then the rule for its scene answers', () => {
    const c = compileRules([rule('scan', { kind: 'scan', scene: '123' })]);
    expect(c.match(event('SCAN', '123', { scene: '123', ticket: 't' }), ctx())?.rule.name).toBe('scan');
    expect(c.match(event('SCAN', '124', { scene: '124', ticket: 't' }), ctx())).toBeNull();
  });

  it('when another event arrives, then a rule for its name answers, the one naming its key first', () => {
    const c = compileRules([
      rule('any-scan', { kind: 'event', event: 'scancode_waitmsg' }, { priority: 9 }),
      rule('this-button', { kind: 'event', event: 'scancode_waitmsg', key: 'rselfmenu_0_0' }),
    ]);
    expect(c.match(event('scancode_waitmsg', 'rselfmenu_0_0'), ctx())?.rule.name).toBe('this-button');
    expect(c.match(event('scancode_waitmsg', 'other'), ctx())?.rule.name).toBe('any-scan');
    expect(c.match(event('LOCATION'), ctx())).toBeNull();
  });

  it('when a keyword rule exists, then an event with the same text in its key does not trigger it', () => {
    expect(compileRules([keywordRule('k', [kw('hi')])]).match(event('CLICK', 'hi'), ctx())).toBeNull();
  });
});

describe('the default rule', () => {
  it('when several default rules exist, then the highest priority active one is returned', () => {
    const c = compileRules([
      rule('low', { kind: 'default' }),
      rule('high', { kind: 'default' }, { priority: 3 }),
      rule('off', { kind: 'default' }, { priority: 9, enabled: false }),
    ]);
    expect(c.defaultRule(ctx())?.rule.name).toBe('high');
  });

  it('when the default rule exists, then match() never returns it (the caller applies the cool-down)', () => {
    const c = compileRules([rule('fallback', { kind: 'default' })]);
    expect(c.match(text('anything'), ctx())).toBeNull();
    expect(c.match(image(), ctx())).toBeNull();
  });

  it('when there is no default rule, then defaultRule is null', () => {
    expect(compileRules([]).defaultRule(ctx())).toBeNull();
  });
});
