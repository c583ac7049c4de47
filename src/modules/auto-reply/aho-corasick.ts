/**
 * A trie over UTF-16 code units, and the Aho-Corasick automaton built on it. The engine uses the
 * trie alone for exact and prefix keywords (walk the message from its first character) and the
 * automaton for contains keywords and for the literals that pre-filter regex rules (every occurrence
 * of every pattern in one pass over the message, whatever the number of patterns). Written here
 * rather than taken from npm: it is small, and the maintained packages either lack the prefix walk or
 * allocate a result array per search, which the hot path avoids.
 *
 * A pattern's value is an integer id (≥ 0) chosen by the caller. `build()` freezes the trie into a
 * few typed arrays, laid out for the cache: at 100 000 keywords a walk must not chase per-node
 * objects over the heap, and the arrays it reads on ordinary text should stay in the core's own
 * cache. Nodes are numbered breadth first, each node's children consecutively in code-unit order, so
 * a node's edges are a range of node numbers and only their code units need storing (two bytes an
 * edge): a step is a short scan or binary search of a few adjacent bytes, and the shallow nodes, where
 * a walk over a random sentence spends most of its steps, sit together at the front of every array.
 */
export class Trie {
  /**
   * One record of `stride` ints per node (and one past the last, for its children's end): [FIRST] its
   * first child, [COUNT] how many patterns end there, [IDS] their id when one, else where their ids
   * start in `ids`. The automaton adds its failure and output links, so arriving at a node reads one
   * cache line.
   */
  protected records = new Int32Array(0);
  protected readonly stride: number = 3;
  /** codeOf[node]: the code unit on the edge into node. */
  protected codeOf = new Uint16Array(0);
  protected ids = new Int32Array(0);
  /**
   * The root's children directly by code unit (every walk starts there): rootChild[code − rootBase]
   * is the child, 0 for none, over the range the keywords' first characters span (two bytes an entry,
   * about 80 KB for Chinese and ASCII). Empty when the root has 65 535 children or more (then searched
   * like any node).
   */
  protected rootChild = new Uint16Array(0);
  protected rootBase = 0;
  protected size = 1;
  /** The patterns added, until build(). */
  private added: { pattern: string; id: number }[] = [];
  protected built = false;

  add(pattern: string, id: number): void {
    if (this.built) throw new Error('Trie.add() after build()');
    this.added.push({ pattern, id });
  }

  /** Freezes the trie into its typed arrays; call once after the last add(). */
  build(): this {
    this.layOut();
    return this;
  }

  /** Calls `visit` with the ids of every pattern that is a prefix of `text`, shortest first. */
  prefixesOf(text: string, visit: (id: number, length: number) => void): void {
    this.assertBuilt();
    const { records: r, stride, ids } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const next = this.step(node, text.charCodeAt(i));
      if (next === -1) return;
      node = next;
      const count = r[node * stride + COUNT]!;
      if (count === 1) visit(r[node * stride + IDS]!, i + 1);
      else for (let k = r[node * stride + IDS]!, end = k + count; k < end; k++) visit(ids[k]!, i + 1);
    }
  }

  /** The child of node for a code unit, or -1. */
  protected step(node: number, code: number): number {
    if (node === 0) {
      const i = code - this.rootBase;
      if (i >= 0 && i < this.rootChild.length) return this.rootChild[i]! === 0 ? -1 : this.rootChild[i]!;
      if (this.rootChild.length > 0) return -1;
    }
    const { records: r, stride, codeOf } = this;
    let lo = r[node * stride + FIRST]!;
    let hi = r[(node + 1) * stride + FIRST]!;
    while (hi - lo > 8) { // the target, if there, is in [lo, hi)
      const mid = (lo + hi) >>> 1;
      if (codeOf[mid]! <= code) lo = mid;
      else hi = mid;
    }
    for (; lo < hi; lo++) if (codeOf[lo] === code) return lo;
    return -1;
  }

  /**
   * Builds the nodes from the patterns in code-unit order (each pattern shares its prefix with the
   * one before, so no lookup is needed), then numbers them breadth first, each node's children
   * together in code-unit order, and moves everything into typed arrays. Returns each node's
   * parent, for the failure links.
   */
  protected layOut(): Int32Array {
    const tree = treeOf(this.added);
    const size = tree.parents.length;
    const { order, parent, first } = breadthFirst(tree.parents);
    const stride = this.stride;
    const records = new Int32Array((size + 1) * stride);
    const codeOf = new Uint16Array(size);
    const pool: number[] = [];
    for (let node = 0; node < size; node++) {
      const old = order[node]!;
      if (node > 0) codeOf[node] = tree.codes[old]!;
      records[node * stride + FIRST] = first[node]!;
      const found = tree.ids[old] ?? [];
      records[node * stride + COUNT] = found.length;
      records[node * stride + IDS] = found.length === 1 ? found[0]! : pool.length;
      if (found.length > 1) pool.push(...found);
    }
    records[size * stride + FIRST] = size;
    this.records = records;
    this.codeOf = codeOf;
    this.ids = Int32Array.from(pool);
    this.size = size;
    const rootEnd = records[stride + FIRST]!; // the root's children are nodes 1 … rootEnd − 1
    if (rootEnd > 1 && rootEnd - 1 < 0xffff) {
      this.rootBase = codeOf[1]!;
      this.rootChild = new Uint16Array(codeOf[rootEnd - 1]! - this.rootBase + 1);
      for (let node = 1; node < rootEnd; node++) this.rootChild[codeOf[node]! - this.rootBase] = node;
    }
    this.added = [];
    this.built = true;
    return parent;
  }

  protected assertBuilt(): void {
    if (!this.built) throw new Error('build() must run before searching');
  }
}

/** Fields of a node's record. */
const FIRST = 0;
const COUNT = 1;
const IDS = 2;
/** The automaton's: the failure link, and the nearest node on the failure chain that ends a pattern (-1: none). */
const FAIL = 3;
const OUTPUT = 4;
const AC_STRIDE = 5;

export class AhoCorasick extends Trie {
  protected override readonly stride: number = AC_STRIDE;

  /** Computes the failure links in order of depth (a node's links need only shallower nodes'); call once after the last add(). */
  override build(): this {
    const parent = this.layOut();
    const r = this.records;
    r[FAIL] = 0;
    r[OUTPUT] = -1;
    for (let node = 1; node < this.size; node++) { // breadth first: parents and failure targets come earlier
      const code = this.codeOf[node]!;
      let target = -1;
      if (parent[node] !== 0) {
        let f = r[AC_STRIDE * parent[node]! + FAIL]!;
        while (f !== 0 && this.step(f, code) === -1) f = r[AC_STRIDE * f + FAIL]!;
        target = this.step(f, code);
      }
      const fail = target !== -1 && target !== node ? target : 0;
      r[AC_STRIDE * node + FAIL] = fail;
      r[AC_STRIDE * node + OUTPUT] = r[AC_STRIDE * fail + COUNT]! > 0 ? fail : r[AC_STRIDE * fail + OUTPUT]!;
    }
    return this;
  }

  /**
   * Calls `visit` for every occurrence of every pattern in `text` (overlaps included). Only the id:
   * the engine does not need the pattern's length.
   */
  search(text: string, visit: (id: number) => void): void {
    this.assertBuilt();
    const { records: r, ids } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = this.step(node, code);
      while (next === -1 && node !== 0) {
        node = r[AC_STRIDE * node + FAIL]!;
        next = this.step(node, code);
      }
      node = next === -1 ? 0 : next;
      for (let out = r[AC_STRIDE * node + COUNT]! > 0 ? node : r[AC_STRIDE * node + OUTPUT]!; out !== -1; out = r[AC_STRIDE * out + OUTPUT]!) {
        const count = r[AC_STRIDE * out + COUNT]!;
        if (count === 1) visit(r[AC_STRIDE * out + IDS]!);
        else for (let k = r[AC_STRIDE * out + IDS]!, end = k + count; k < end; k++) visit(ids[k]!);
      }
    }
  }
}

/**
 * The trie of the patterns, nodes numbered in creation order: each node's parent, the code unit on
 * its edge, and the ids of the patterns ending there (in the order added, as the sort is stable).
 * Sorted patterns create each node's children in code-unit order.
 */
function treeOf(added: readonly { pattern: string; id: number }[]): { parents: number[]; codes: number[]; ids: (number[] | undefined)[] } {
  const sorted = [...added].sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
  const parents = [-1];
  const codes = [-1];
  const ids: (number[] | undefined)[] = [undefined];
  const path = [0]; // path[d]: the node at depth d of the previous pattern
  let previous = '';
  for (const { pattern, id } of sorted) {
    let shared = 0;
    while (shared < pattern.length && shared < previous.length && pattern.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    for (let d = shared; d < pattern.length; d++) {
      path[d + 1] = parents.length;
      parents.push(path[d]!);
      codes.push(pattern.charCodeAt(d));
      ids.push(undefined);
    }
    (ids[path[pattern.length]!] ??= []).push(id);
    previous = pattern;
  }
  return { parents, codes, ids };
}

/**
 * The nodes breadth first from the root: order[n] is the node (in creation order) numbered n,
 * parent[n] its parent's number and first[n] its first child's; a node's children are consecutive,
 * and already in code-unit order, as nodes were created from sorted patterns.
 */
function breadthFirst(parents: readonly number[]): { order: Int32Array; parent: Int32Array; first: Int32Array } {
  const size = parents.length;
  const childStart = new Int32Array(size + 1);
  for (let n = 1; n < size; n++) childStart[parents[n]! + 1]!++;
  for (let n = 0; n < size; n++) childStart[n + 1]! += childStart[n]!;
  const children = new Int32Array(Math.max(size - 1, 0));
  const fill = childStart.slice(0, size);
  for (let n = 1; n < size; n++) children[fill[parents[n]!]!++] = n;
  const order = new Int32Array(size);
  const parent = new Int32Array(size);
  const first = new Int32Array(size);
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    first[head] = tail;
    const node = order[head]!;
    for (let k = childStart[node]!; k < childStart[node + 1]!; k++) {
      parent[tail] = head;
      order[tail++] = children[k]!;
    }
  }
  return { order, parent, first };
}
