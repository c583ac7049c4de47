import { z } from 'zod';
import { ValidationError } from '../../../src/shared/errors';
import { parseOrThrow, textField } from '../../../src/shared/field-problems';

describe('field problems', () => {
  it('when a body misses, mistypes, blanks or overfills text fields and adds an unknown one, then one 400 names each field in words a form can show', () => {
    const schema = z.strictObject({ name: textField(4), title: textField(4), note: textField(4), code: textField(4) });
    let caught: unknown;
    try {
      parseOrThrow(schema, { title: 7, note: '   ', code: 'toolong', colour: 'red' }, 'the thing');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).details).toEqual([
      { field: 'name', message: 'is required' },
      { field: 'title', message: 'must be text' },
      { field: 'note', message: 'must not be empty' },
      { field: 'code', message: 'must be at most 4 characters' },
      { field: 'colour', message: 'is not a known field' },
    ]);
    expect((caught as ValidationError).message).toBe('the thing is invalid: name is required; title must be text; note must not be empty; code must be at most 4 characters; colour is not a known field');
  });
});
