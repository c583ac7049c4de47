import { AppError } from '../../../../src/shared/errors';
import { errorName, isTokenInvalid, isTransient, isTransientFailure, WeChatApiError, WeChatTransportError } from '../../../../src/wechat-api/errors';

describe('WeChatApiError', () => {
  it('when WeChat answers an errcode of §4.2, then the error carries its stable symbolic name', () => {
    const expected: Array<[number, string]> = [
      [-1, 'system_error'],
      [40001, 'invalid_credential'],
      [40014, 'invalid_access_token'],
      [40164, 'ip_not_in_whitelist'],
      [42001, 'access_token_expired'],
      [45011, 'api_minute_quota_reached'],
      [45015, 'response_out_of_time_limit'],
      [45047, 'out_of_response_count_limit'],
      [45065, 'clientmsgid_exist'],
      [48001, 'api_unauthorized'],
      [65320, 'matchrule_privacy_field'],
    ];
    for (const [code, name] of expected) {
      const err = new WeChatApiError(code, 'x', '/cgi-bin/x');
      expect([err.errcode, err.name, err.code]).toEqual([code, name, `wechat_${name}`]);
    }
  });

  it('when the errcode table of §4.2 is listed, then every code has a name of its own', () => {
    const section42 = [
      -1, 40001, 40002, 40003, 40013, 40014, 40125, 40164, 40243, 41001, 42001, 43004, 45009, 45011, 45015, 45028, 45047, 45065, 45066,
      45067, 48001, 48002, 48008, 40130, 40032, 45056, 45057, 45058, 45059, 45157, 45158, 45159, 46001, 46003, 46004, 47001, 45083, 45084,
      53500, 53501, 53502, 53600,
      ...range(65301, 65317).filter((c) => c !== 65315), 65320, ...range(61451, 61457), ...range(65400, 65415),
    ];
    const unnamed = section42.filter((code) => errorName(code).startsWith('errcode_'));
    expect(unnamed).toEqual([]);
    // Codes of one table never share a name unless they mean the same thing (legacy and new kf codes).
    const names = section42.map(errorName);
    const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
    expect(duplicates.sort()).toEqual(['kf_account_exist', 'kf_account_limit']);
  });

  it('when the errcode is unknown, then the name still says which code it was', () => {
    expect(new WeChatApiError(99999, 'new thing', '/cgi-bin/x').name).toBe('errcode_99999');
  });

  it('when WeChat refuses, then it is an AppError with status 502, the endpoint and the body extras (45065 msg_id)', () => {
    const err = new WeChatApiError(45065, 'clientmsgid exist', '/cgi-bin/message/mass/sendall', { msg_id: '1000000001' });
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(502);
    expect(err.endpoint).toBe('/cgi-bin/message/mass/sendall');
    expect(err.extra).toEqual({ msg_id: '1000000001' });
    expect(err.details).toEqual({ errcode: 45065, errmsg: 'clientmsgid exist', endpoint: '/cgi-bin/message/mass/sendall', name: 'clientmsgid_exist', msg_id: '1000000001' });
  });

  it('when the errcode is 40164, then the message names the IP and where to whitelist it', () => {
    const err = new WeChatApiError(40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1', '/cgi-bin/stable_token');
    expect(err.message).toContain('203.0.113.7');
    expect(err.message).toContain('IP白名单');
    expect(err.message).toContain('设置与开发 → 基本配置');
  });

  it('when a token endpoint answers 40125 or 40001, then the message points at the AppID/AppSecret and never repeats the secret', () => {
    const secret = '0123456789abcdef0123456789abcdef';
    for (const code of [40125, 40001]) {
      const err = new WeChatApiError(code, 'invalid appsecret', '/cgi-bin/token');
      expect(err.message).toContain('AppSecret');
      expect(JSON.stringify({ m: err.message, d: err.details, s: err.stack })).not.toContain(secret);
    }
    expect(new WeChatApiError(40001, 'invalid credential', '/cgi-bin/menu/get').message).not.toContain('AppSecret');
  });
});

describe('errcode classes', () => {
  it('when the code is 40001/40014/42001, then it is the token-invalid family, and nothing else is', () => {
    expect([40001, 40014, 42001].every(isTokenInvalid)).toBe(true);
    expect([-1, 0, 40013, 40125, 41001, 45011].some(isTokenInvalid)).toBe(false);
  });

  it('when the code is -1 or 45011, then it is transient; permanent codes are not', () => {
    expect([-1, 45011].every(isTransient)).toBe(true);
    expect([40001, 45009, 45015, 45047, 48001, 40164].some(isTransient)).toBe(false);
  });

  it('when the failure is a network error, a timeout, a 5xx or a 429, then it is retryable; a 4xx or bad body is not', () => {
    expect(isTransientFailure(new WeChatTransportError('network', '/x', 'ECONNRESET'))).toBe(true);
    expect(isTransientFailure(new WeChatTransportError('timeout', '/x', 'slow'))).toBe(true);
    expect(isTransientFailure(new WeChatTransportError('http_status', '/x', 'HTTP 503', 503))).toBe(true);
    expect(isTransientFailure(new WeChatTransportError('http_status', '/x', 'HTTP 429', 429))).toBe(true);
    expect(isTransientFailure(new WeChatTransportError('http_status', '/x', 'HTTP 404', 404))).toBe(false);
    expect(isTransientFailure(new WeChatTransportError('bad_response', '/x', 'not JSON'))).toBe(false);
    expect(isTransientFailure(new Error('bug'))).toBe(false);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
