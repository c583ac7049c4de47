import { csvField, followersCsv, toCsv } from '../../../../src/modules/analytics';
import { followerGrowth } from '../../../../src/modules/analytics/analytics-reports';

describe('CSV rendering', () => {
  it('when a field holds a comma, a quote or a line break, then it is quoted with quotes doubled (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('标题，中文')).toBe('标题，中文'); // a full-width comma is text
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });

  it('when text starts like a spreadsheet formula, then it is neutralised with an apostrophe; numbers are not', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1)).toBe('-1');
  });

  it('when a table is rendered, then every line ends in CRLF, the last one too', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [2, null]])).toBe('a,b\r\n1,"x,y"\r\n2,\r\n');
  });

  it('when the follower report is rendered, then it has a column per source seen, a row per day and a total row', () => {
    const report = followerGrowth('2024-03-01', '2024-03-02', [
      { appId: 'a', metric: 'userSummary', refDate: '2024-03-01', key: '30', data: { newUser: 3, cancelUser: 0 } },
      { appId: 'a', metric: 'userSummary', refDate: '2024-03-02', key: '0', data: { newUser: 1, cancelUser: 2 } },
    ], []);
    expect(followersCsv(report).split('\r\n')).toEqual([
      'date,new,cancelled,net,cumulative,source_0,source_30',
      '2024-03-01,3,0,3,,0,3',
      '2024-03-02,1,2,-1,,1,0',
      'total,4,2,2,,1,3',
      '',
    ]);
  });
});
