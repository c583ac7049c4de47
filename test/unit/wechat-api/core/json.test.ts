import { parseJson } from '../../../../src/wechat-api/json';

describe('parseJson', () => {
  it('when an integer exceeds 2^53, then it is read as its exact digits', () => {
    expect(parseJson('{"msg_id":3147483652123456789,"list":[9007199254740993,-9007199254740993]}')).toEqual({
      msg_id: '3147483652123456789',
      list: ['9007199254740993', '-9007199254740993'],
    });
  });

  it('when numbers are safe, fractional or exponents, then they stay numbers', () => {
    expect(parseJson('{"a":9007199254740991,"b":1234567890123456.5,"c":12345678901234567e2,"d":0}')).toEqual({
      a: 9007199254740991,
      b: 1234567890123456.5,
      c: Number('12345678901234567e2'), // a float, so rounding is expected
      d: 0,
    });
  });

  it('when long digit runs appear inside strings, then the strings are untouched', () => {
    const text = '{"content":"order 12345678901234567890, \\"quoted\\" 98765432109876543210","n":12345678901234567890}';
    expect(parseJson(text)).toEqual({ content: 'order 12345678901234567890, "quoted" 98765432109876543210', n: '12345678901234567890' });
  });

  it('when the text is not JSON, then it throws like JSON.parse', () => {
    expect(() => parseJson('<html>12345678901234567890</html>')).toThrow(SyntaxError);
  });
});
