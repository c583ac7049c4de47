import { messageSchema } from '../../../../src/store/mongo/messages.repo';

// The counter has no collection of its own: it aggregates `messages`, through the index its query starts with.
describe('the menu tap counter on messageSchema (no server)', () => {
  it('when the indexes are listed, then the (account, id) index serves the counter\'s id range', () => {
    expect(messageSchema.indexes().map(([fields]) => Object.keys(fields))).toContainEqual(['appId', '_id']);
  });

  it('when the schema is built, then it keeps the event key the counter groups by, as a nullable string', () => {
    expect(messageSchema.path('eventKey').instance).toBe('String');
    expect((messageSchema.path('eventKey') as unknown as { defaultValue: unknown }).defaultValue).toBeNull();
  });
});
