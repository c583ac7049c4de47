import type { RegexNode } from './regex-guard-parse';

/**
 * Character sets as bit masks over a sample alphabet: every ASCII character plus a few non-ASCII
 * representatives (accented letter, CJK ideograph and punctuation, exotic spaces, a line separator).
 * Two sets "overlap" when one sample is in both. That is an approximation, but a conservative one for
 * what the guard asks (could two branches start with the same character?): the samples cover what
 * \w \d \s . and the usual classes distinguish. Membership is decided by V8 itself, so escapes and
 * class syntax never need interpreting here.
 */
const SAMPLES: string[] = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  'é', 'ß', 'ſ', 'Ω', '中', '。', '！', '\u00a0', '\u3000', '\u2028', '\ufeff', '😀',
];

export const ANY_CHAR = (1n << BigInt(SAMPLES.length)) - 1n;
const cache = new Map<string, bigint>();

export function atomSet(source: string): bigint {
  let set = cache.get(source);
  if (set === undefined) {
    // 's' so that '.' is "any character": the guard must assume the worst input, newlines included.
    const re = new RegExp(`^(?:${source})$`, 'is');
    set = 0n;
    for (let i = 0; i < SAMPLES.length; i++) if (re.test(SAMPLES[i]!)) set |= 1n << BigInt(i);
    cache.set(source, set);
  }
  return set;
}

export interface Start {
  /** The characters the node can start with. */
  first: bigint;
  /** True when the node can match the empty string. */
  nullable: boolean;
}

export function startOf(node: RegexNode): Start {
  switch (node.type) {
    case 'atom': return { first: atomSet(node.source), nullable: false };
    case 'assertion': return { first: 0n, nullable: true };
    case 'backref': return { first: ANY_CHAR, nullable: true };
    case 'repeat': {
      const body = startOf(node.body);
      return { first: body.first, nullable: node.min === 0 || body.nullable };
    }
    case 'group': {
      if (node.lookaround) return { first: 0n, nullable: true };
      let first = 0n;
      let nullable = false;
      for (const alt of node.alternatives) {
        const s = sequenceStart(alt);
        first |= s.first;
        nullable ||= s.nullable;
      }
      return { first, nullable };
    }
  }
}

export function sequenceStart(seq: readonly RegexNode[]): Start {
  let first = 0n;
  for (const node of seq) {
    const s = startOf(node);
    first |= s.first;
    if (!s.nullable) return { first, nullable: false };
  }
  return { first, nullable: true };
}
