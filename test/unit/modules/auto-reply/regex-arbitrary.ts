import fc from 'fast-check';

/** A generated pattern and a text it likely matches (only a hint: case, width or engine may differ; the regexes decide). */
export interface Piece { source: string; sample: string }

export interface Grammar {
  /** Atom source → texts it could take. */
  atoms: Record<string, string[]>;
  /** Quantifier, minimum, maximum (repeat '' to make plain atoms common). */
  quantifiers: [string, number, number][];
  /** The look-around openers to use; they consume nothing, so their sample is empty. */
  lookarounds: string[];
  weights: { atom: number; group: number; lookaround: number };
}

/**
 * Patterns from a small grammar (atoms, capturing and non-capturing groups, look-around,
 * alternations, quantifiers), each with a sample text, for the pre-filters' differential tests.
 */
export function regexPieces(g: Grammar): fc.Arbitrary<Piece> {
  const atoms = Object.entries(g.atoms);
  const { pattern } = fc.letrec<{ pattern: Piece; sequence: Piece; term: Piece }>((tie) => ({
    pattern: fc.oneof(
      { depthIdentifier: 'regex' },
      { weight: 3, arbitrary: tie('sequence') },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.array(tie('sequence'), { minLength: 2, maxLength: 3, depthIdentifier: 'regex' }), fc.nat())
          .map(([alts, pick]) => ({ source: alts.map((a) => a.source).join('|'), sample: alts[pick % alts.length]!.sample })),
      },
    ),
    sequence: fc.array(
      fc.tuple(tie('term'), fc.constantFrom(...g.quantifiers), fc.nat()).map(([term, [q, min, max], n]) => ({
        source: term.source + q,
        sample: term.sample.repeat(min + (n % (Math.min(max, min + 2) - min + 1))),
      })),
      { minLength: 0, maxLength: 4, depthIdentifier: 'regex' },
    ).map((terms) => ({ source: terms.map((t) => t.source).join(''), sample: terms.map((t) => t.sample).join('') })),
    term: fc.oneof(
      { depthSize: 'small', depthIdentifier: 'regex', maxDepth: 3 },
      { weight: g.weights.atom, arbitrary: fc.tuple(fc.constantFrom(...atoms), fc.nat()).map(([[source, samples], n]) => ({ source, sample: samples[n % samples.length]! })) },
      { weight: g.weights.group, arbitrary: fc.tuple(fc.constantFrom('(', '(?:'), tie('pattern')).map(([open, body]) => ({ source: `${open}${body.source})`, sample: body.sample })) },
      { weight: g.weights.lookaround, arbitrary: fc.tuple(fc.constantFrom(...g.lookarounds), tie('pattern')).map(([open, body]) => ({ source: `${open}${body.source})`, sample: '' })) },
    ),
  }));
  return pattern;
}

/** Follower text before normalization, from a random subset of the pools, so texts of one kind only (Chinese chatter, digits) are common. */
export function textFrom(pools: string[][], maxLength: number): fc.Arbitrary<string> {
  return fc.subarray(pools, { minLength: 1 }).chain((chosen) => fc.array(fc.constantFrom(...chosen.flat()), { maxLength })).map((units) => units.join(''));
}

const compiles = (pattern: string) => {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
};

/** A pattern that RegExp accepts, with a message: random text, the pattern's sample, or the sample amid random text. */
export function withMessages(pieces: fc.Arbitrary<Piece>, text: fc.Arbitrary<string>, shapes: ('noise' | 'sample' | 'embedded')[]): fc.Arbitrary<readonly [string, string]> {
  return fc.tuple(pieces.filter((piece) => compiles(piece.source)), fc.constantFrom(...shapes), text, text).map(([piece, shape, before, after]) =>
    [piece.source, shape === 'noise' ? before : shape === 'sample' ? piece.sample : before + piece.sample + after] as const);
}
