import { renderPlaceholders } from '../../../../src/modules/auto-reply/placeholders';

const values = { openid: 'oAbc', account: '小店', now: new Date('2026-01-07T16:30:00Z'), timeZone: 'Asia/Shanghai', keyword: '优惠' };

describe('renderPlaceholders', () => {
  it('when a text holds every placeholder, then each is filled, date and time in the account zone', () => {
    expect(renderPlaceholders('{openid}|{nickname}|{account}|{date}|{time}|{keyword}', { ...values, nickname: 'Li' }))
      .toBe('oAbc|Li|小店|2026-01-08|00:30|优惠');
  });

  it('when no nickname or keyword is given, then they become empty', () => {
    expect(renderPlaceholders('[{nickname}][{keyword}]', { openid: 'o' })).toBe('[][]');
  });

  it('when a placeholder is unknown or differently cased, then it is left as written', () => {
    expect(renderPlaceholders('{name} {Date} {{openid}} {"a":1}', values)).toBe('{name} {Date} {oAbc} {"a":1}');
  });

  it('when date and time are given formatted, then they are used as they are', () => {
    expect(renderPlaceholders('{date} {time}', { date: '2026-02-03', time: '09:05' })).toBe('2026-02-03 09:05');
  });
});
