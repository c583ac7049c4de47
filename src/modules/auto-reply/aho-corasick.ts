/**
 * A trie over UTF-16 code units, and the Aho-Corasick automaton built on it. The engine uses the
 * trie alone for prefix keywords (walk the message from its first character) and the automaton for
 * contains keywords and for the literals that pre-filter regex rules (every occurrence of every
 * pattern in one pass over the message, whatever the number of patterns). Written here rather than
 * taken from npm: it is small, and the maintained packages either lack the prefix walk or allocate
 * a result array per search, which the hot path avoids.
 *
 * A pattern's value is an integer id (≥ 0) chosen by the caller. After `build()` everything a walk
 * reads is in a few typed arrays, so at 100 000 keywords a message costs a handful of cache lines
 * per character instead of a chase through per-node objects spread over the heap.
 */
export class Trie {
  /** The edges below the root: (node, code unit) → child node. Node 0 is the root. */
  protected edges = new EdgeTable();
  /**
   * The root's children, directly by code unit (every walk starts there): rootChild[code − rootBase]
   * is the child, 0 for none. The root's children are nodes 1…k, so two bytes an entry, over the
   * range the keywords' first characters span (about 80 KB for Chinese and ASCII). Empty in the
   * absurd case of 65 535 or more first characters; the edge table then holds the root's edges too.
   */
  protected rootChild = new Uint16Array(0);
  protected rootBase = 0;
  /**
   * One record of `stride` ints per node, so a step that reaches a node reads one cache line:
   * [COUNT] how many patterns end there, [IDS] their id when one, else where their ids start in
   * `ids`; the automaton adds its failure and output links. Nodes are numbered shallowest first.
   */
  protected records = new Int32Array(0);
  protected readonly stride: number = 2;
  protected ids = new Int32Array(0);
  protected size = 1;
  /** While adding: each node's ids, its depth, and the edge that leads to it (parent, code unit). */
  private pending: (number[] | undefined)[] = [undefined];
  private depths: number[] = [0];
  private parents: number[] = [-1];
  private codes: number[] = [-1];
  protected built = false;

  add(pattern: string, id: number): void {
    if (this.built) throw new Error('Trie.add() after build()');
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let next = this.edges.get(node, code);
      if (next === -1) {
        next = this.pending.length;
        this.pending.push(undefined);
        this.depths.push(i + 1);
        this.parents.push(node);
        this.codes.push(code);
        this.edges.set(node, code, next);
      }
      node = next;
    }
    (this.pending[node] ??= []).push(id);
  }

  /** Freezes the trie into its typed arrays; call once after the last add(). */
  build(): this {
    this.layOut();
    return this;
  }

  /**
   * Renumbers the nodes shallowest first and moves everything into typed arrays. The shallow nodes,
   * where a walk over ordinary text spends most of its steps (a random sentence rarely extends a
   * keyword past its first character or two), then share a few cache lines.
   * Returns each node's parent and code unit, for the failure links.
   */
  protected layOut(): { parent: Int32Array; code: Int32Array } {
    const size = this.pending.length;
    const order = byDepth(this.depths);
    const renamed = new Int32Array(size);
    order.forEach((old, i) => (renamed[old] = i + 1));
    const parent = new Int32Array(size);
    const code = new Int32Array(size);
    const records = new Int32Array(size * this.stride);
    const pool: number[] = [];
    const edges = new EdgeTable(size);
    const rootEdges: [number, number][] = [];
    for (let node = 0; node < size; node++) {
      const old = node === 0 ? 0 : order[node - 1]!;
      const found = this.pending[old] ?? [];
      records[node * this.stride + COUNT] = found.length;
      records[node * this.stride + IDS] = found.length === 1 ? found[0]! : pool.length;
      if (found.length > 1) pool.push(...found);
      if (node === 0) continue;
      parent[node] = renamed[this.parents[old]!]!;
      code[node] = this.codes[old]!;
      if (parent[node] === 0) rootEdges.push([code[node]!, node]);
      else edges.set(parent[node]!, code[node]!, node);
    }
    this.records = records;
    this.ids = Int32Array.from(pool);
    if (rootEdges.length < 0xffff) {
      this.rootBase = rootEdges.reduce((min, [c]) => Math.min(min, c), 0xffff);
      this.rootChild = new Uint16Array(rootEdges.reduce((max, [c]) => Math.max(max, c + 1), this.rootBase) - this.rootBase);
      for (const [c, node] of rootEdges) this.rootChild[c - this.rootBase] = node;
    } else for (const [c, node] of rootEdges) edges.set(0, c, node);
    this.edges = edges;
    this.size = size;
    // What only add() and the failure links need; the walks read the typed arrays alone.
    this.pending = [];
    this.depths = [];
    this.parents = [];
    this.codes = [];
    this.built = true;
    return { parent, code };
  }

  get nodeCount(): number {
    return this.size;
  }

  /** Calls `visit` with the ids of every pattern that is a prefix of `text`, shortest first. */
  prefixesOf(text: string, visit: (id: number, length: number) => void): void {
    this.assertBuilt();
    const { records, stride, ids } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const next = this.step(node, text.charCodeAt(i));
      if (next === -1) return;
      node = next;
      const count = records[node * stride + COUNT]!;
      if (count === 1) visit(records[node * stride + IDS]!, i + 1);
      else for (let k = records[node * stride + IDS]!, end = k + count; k < end; k++) visit(ids[k]!, i + 1);
    }
  }

  /** The child of node for a code unit, or -1. */
  protected step(node: number, code: number): number {
    return node === 0 ? this.rootStep(code) : this.edges.get(node, code);
  }

  protected rootStep(code: number): number {
    const i = code - this.rootBase;
    if (i >= 0 && i < this.rootChild.length) return this.rootChild[i]! === 0 ? -1 : this.rootChild[i]!;
    return this.rootChild.length === 0 ? this.edges.get(0, code) : -1;
  }

  protected assertBuilt(): void {
    if (!this.built) throw new Error('build() must run before searching');
  }
}

/** Fields of a node's record. */
const COUNT = 0;
const IDS = 1;
/** The automaton's: the failure link, and the nearest node on the failure chain that ends a pattern (-1: none). */
const FAIL = 2;
const OUTPUT = 3;

export class AhoCorasick extends Trie {
  protected override readonly stride: number = 4;

  /** Computes the failure links in order of depth (a node's links need only shallower nodes'); call once after the last add(). */
  override build(): this {
    const { parent, code } = this.layOut();
    const r = this.records;
    r[FAIL] = 0;
    r[OUTPUT] = -1;
    for (let node = 1; node < this.size; node++) { // numbered shallowest first
      let target = -1;
      if (parent[node] !== 0) {
        let f = r[4 * parent[node]! + FAIL]!;
        while (f !== 0 && this.step(f, code[node]!) === -1) f = r[4 * f + FAIL]!;
        target = this.step(f, code[node]!);
      }
      const fail = target !== -1 && target !== node ? target : 0;
      r[4 * node + FAIL] = fail;
      r[4 * node + OUTPUT] = r[4 * fail + COUNT]! > 0 ? fail : r[4 * fail + OUTPUT]!;
    }
    return this;
  }

  /**
   * Calls `visit` for every occurrence of every pattern in `text` (overlaps included). Only the id:
   * the engine does not need the pattern's length.
   */
  search(text: string, visit: (id: number) => void): void {
    this.assertBuilt();
    const { records: r, ids, edges } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = -1;
      while (node !== 0 && (next = edges.get(node, code)) === -1) node = r[4 * node + FAIL]!;
      if (node === 0) next = this.rootStep(code);
      node = next === -1 ? 0 : next;
      for (let out = r[4 * node + COUNT]! > 0 ? node : r[4 * node + OUTPUT]!; out !== -1; out = r[4 * out + OUTPUT]!) {
        const count = r[4 * out + COUNT]!;
        if (count === 1) visit(r[4 * out + IDS]!);
        else for (let k = r[4 * out + IDS]!, end = k + count; k < end; k++) visit(ids[k]!);
      }
    }
  }
}

/** Every node but the root, shallowest first (a counting sort on depth). */
function byDepth(depth: readonly number[]): Int32Array {
  const size = depth.length;
  let maxDepth = 0;
  for (let n = 1; n < size; n++) maxDepth = Math.max(maxDepth, depth[n]!);
  const start = new Int32Array(maxDepth + 2);
  for (let n = 1; n < size; n++) start[depth[n]! + 1]!++;
  for (let d = 1; d < start.length; d++) start[d]! += start[d - 1]!;
  const order = new Int32Array(size - 1);
  for (let n = 1; n < size; n++) order[start[depth[n]!]!++] = n;
  return order;
}

/**
 * The trie's edges in one open-addressing hash table of (node, code, child) triplets in an
 * Int32Array. With a Map per node, a 100 000-keyword index is 100 000 small hash tables scattered
 * over the heap, and every character of a message costs several dependent loads into it; here a
 * step is one probe into one array (bench: p99 at 100 000 rules).
 *
 * Most steps over ordinary text ask for an edge that is not there (the text leaves the keyword after
 * a character or two), and at 100 000 keywords the table is megabytes, so each such probe would be a
 * cache miss. A bit filter one sixteenth of the table's size answers most of them: a clear bit means
 * no edge (about one absent edge in ten finds its bit set and probes anyway).
 */
class EdgeTable {
  private slots: Int32Array;
  private mask: number;
  private filter: Int32Array;
  private count = 0;

  constructor(expected = 8) {
    let capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(3 * capacity).fill(-1);
    this.filter = new Int32Array(capacity / 8); // 4 bits per slot, 8 per edge at most
  }

  get(node: number, code: number): number {
    const h = hash(node, code);
    const bit = filterBit(h, this.filter.length);
    if ((this.filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return -1;
    const slots = this.slots;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const at = 3 * i;
      const n = slots[at]!;
      if (n === -1) return -1;
      if (n === node && slots[at + 1] === code) return slots[at + 2]!;
    }
  }

  /** Adds an edge that is not there yet. */
  set(node: number, code: number, child: number): void {
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.insert(node, code, child);
    this.count++;
  }

  private insert(node: number, code: number, child: number): void {
    const h = hash(node, code);
    let i = h & this.mask;
    while (this.slots[3 * i] !== -1) i = (i + 1) & this.mask;
    this.slots[3 * i] = node;
    this.slots[3 * i + 1] = code;
    this.slots[3 * i + 2] = child;
    const bit = filterBit(h, this.filter.length);
    this.filter[bit >>> 5]! |= 1 << (bit & 31);
  }

  private grow(): void {
    const old = this.slots;
    const capacity = 2 * (this.mask + 1);
    this.mask = capacity - 1;
    this.slots = new Int32Array(3 * capacity).fill(-1);
    this.filter = new Int32Array(capacity / 8);
    for (let at = 0; at < old.length; at += 3) if (old[at] !== -1) this.insert(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

function hash(node: number, code: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The filter's bit for a hash: mixed again, so it does not follow the slot the hash picks. */
function filterBit(h: number, words: number): number {
  return (Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0) & (32 * words - 1);
}
