import fc from 'fast-check';
import { AhoCorasick, Trie } from '../../../../src/modules/auto-reply/aho-corasick';

describe('AhoCorasick', () => {
  it('when patterns overlap and nest, then every occurrence is reported', () => {
    const patterns = ['he', 'she', 'his', 'hers'];
    const ac = new AhoCorasick();
    patterns.forEach((p, id) => ac.add(p, id));
    ac.build();
    const found: string[] = [];
    ac.search('ushers', (id) => found.push(patterns[id]!));
    expect(found.sort()).toEqual(['he', 'hers', 'she']);
  });

  it('when compared with a naive scan on random inputs, then it finds exactly the same occurrences', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '中'), minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '中'), maxLength: 30 }), (patterns, text) => {
          const ac = new AhoCorasick();
          patterns.forEach((p, i) => ac.add(p, i));
          ac.build();
          const got: string[] = [];
          ac.search(text, (i) => got.push(`${i}:${patterns[i]!.length}`));
          const want: string[] = [];
          patterns.forEach((p, i) => {
            for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1)) want.push(`${i}:${p.length}`);
          });
          expect(got.sort()).toEqual(want.sort());
        }));
  });
});

describe('the root table', () => {
  it('when keywords start with every one of the 65 536 code units, then the edge table holds the root and search still finds them', () => {
    const ac = new AhoCorasick();
    for (let code = 0; code < 0x10000; code++) ac.add(String.fromCharCode(code), code);
    ac.add('中文', 0x10000);
    ac.build();
    const found: number[] = [];
    ac.search('a中文\uffff', (id) => found.push(id));
    expect(found.sort((a, b) => a - b)).toEqual([0x61, 0x4e2d, 0x6587, 0xffff, 0x10000]);
  });

  it('when the first characters are far apart (ASCII and CJK), then lookups outside their range find nothing and inside it find the child', () => {
    const t = new Trie();
    ['a', '中', '\u9fff'].forEach((p, id) => t.add(p, id));
    t.build();
    const at = (text: string) => {
      const found: number[] = [];
      t.prefixesOf(text, (id) => found.push(id));
      return found;
    };
    expect([at('a'), at('中'), at('\u9fff'), at('\u0000'), at('\uffff'), at('b')]).toEqual([[0], [1], [2], [], [], []]);
  });
});

describe('Trie', () => {
  it('when a text is walked, then every stored prefix of it is reported, shortest first', () => {
    const patterns = ['查', '查询', '查询订单', '询'];
    const t = new Trie();
    patterns.forEach((p, id) => t.add(p, id));
    t.build();
    const found: string[] = [];
    t.prefixesOf('查询订单123', (id) => found.push(patterns[id]!));
    expect(found).toEqual(['查', '查询', '查询订单']);
  });
});
