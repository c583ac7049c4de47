import { analyticsDaySchema, analyticsRowSchema } from '../../../../src/store/mongo/analytics.repo';

describe('analyticsRowSchema', () => {
  it('when the schema is read, then it is the analytics collection, strict, without __v, keyed by a string _id', () => {
    expect(analyticsRowSchema.path('_id').instance).toBe('String');
    expect(analyticsRowSchema.get('collection')).toBe('analytics');
    expect(analyticsRowSchema.get('strict')).toBe('throw');
    expect(analyticsRowSchema.get('versionKey')).toBe(false);
    expect(analyticsRowSchema.path('data').instance).toBe('Mixed');
  });

  it('when the indexes are read, then (account, metric, date, key) is unique: the idempotency key of saveDays, which rows() also uses', () => {
    expect(analyticsRowSchema.indexes()).toEqual([[{ appId: 1, metric: 1, refDate: 1, key: 1 }, expect.objectContaining({ unique: true })]]);
  });
});

describe('analyticsDaySchema', () => {
  it('when the schema is read, then it is the analytics_days collection, strict, without __v, keyed by a string _id', () => {
    expect(analyticsDaySchema.path('_id').instance).toBe('String');
    expect(analyticsDaySchema.get('collection')).toBe('analytics_days');
    expect(analyticsDaySchema.get('strict')).toBe('throw');
    expect(analyticsDaySchema.get('versionKey')).toBe(false);
  });

  it('when the indexes are read, then (account, date, metric) is unique: one record per fetched day, in the order storedDays reads them', () => {
    expect(analyticsDaySchema.indexes()).toEqual([[{ appId: 1, refDate: 1, metric: 1 }, expect.objectContaining({ unique: true })]]);
  });
});
