/**
 * A trie over UTF-16 code units, and the Aho-Corasick automaton built on it. The engine uses the
 * trie alone for prefix keywords (walk the message from its first character) and the automaton for
 * contains keywords and for the literals that pre-filter regex rules (every occurrence of every
 * pattern in one pass over the message, whatever the number of patterns). Written here rather than
 * taken from npm: it is small, and the maintained packages either lack the prefix walk or allocate
 * a result array per search, which the hot path avoids.
 */
export class Trie<T> {
  /** The edges: (node, code unit) → child node. Node 0 is the root. */
  protected readonly edges = new EdgeTable();
  /** values[node]: the values of the patterns ending exactly at node. */
  protected readonly values: (T[] | undefined)[] = [undefined];
  /** depth[node]: the pattern length that ends there. */
  protected readonly depth: number[] = [0];
  /** parent[node] and code[node]: the edge that leads to node (unused for the root). */
  protected readonly parent: number[] = [-1];
  protected readonly code: number[] = [-1];

  add(pattern: string, value: T): void {
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let next = this.edges.get(node, code);
      if (next === -1) {
        next = this.values.length;
        this.values.push(undefined);
        this.depth.push(i + 1);
        this.parent.push(node);
        this.code.push(code);
        this.edges.set(node, code, next);
      }
      node = next;
    }
    (this.values[node] ??= []).push(value);
  }

  /** Calls `visit` with the values of every pattern that is a prefix of `text`, shortest first. */
  prefixesOf(text: string, visit: (value: T, length: number) => void): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const next = this.edges.get(node, text.charCodeAt(i));
      if (next === -1) return;
      node = next;
      const found = this.values[node];
      if (found !== undefined) for (const v of found) visit(v, i + 1);
    }
  }
}

export class AhoCorasick<T> extends Trie<T> {
  private fail: Int32Array = new Int32Array(1);
  /** The nearest node on the failure chain that ends a pattern (-1: none), so search skips the rest. */
  private outputLink: Int32Array = new Int32Array(1).fill(-1);
  private built = false;

  /** Computes the failure links in order of depth (a node's links need only shallower nodes'); call once after the last add(). */
  build(): this {
    const size = this.values.length;
    this.fail = new Int32Array(size);
    this.outputLink = new Int32Array(size).fill(-1);
    for (const node of this.byDepth()) {
      const parent = this.parent[node]!;
      const code = this.code[node]!;
      let target = -1;
      if (parent !== 0) {
        let f = this.fail[parent]!;
        while (f !== 0 && this.edges.get(f, code) === -1) f = this.fail[f]!;
        target = this.edges.get(f, code);
      }
      this.fail[node] = target !== -1 && target !== node ? target : 0;
      const failNode = this.fail[node]!;
      this.outputLink[node] = this.values[failNode] !== undefined ? failNode : this.outputLink[failNode]!;
    }
    this.built = true;
    return this;
  }

  /** Calls `visit` for every occurrence of every pattern in `text` (overlaps included). */
  search(text: string, visit: (value: T, length: number) => void): void {
    if (!this.built) throw new Error('AhoCorasick.build() must run before search()');
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let next = this.edges.get(node, code);
      while (next === -1 && node !== 0) {
        node = this.fail[node]!;
        next = this.edges.get(node, code);
      }
      node = next === -1 ? 0 : next;
      for (let out = this.values[node] !== undefined ? node : this.outputLink[node]!; out !== -1; out = this.outputLink[out]!) {
        for (const v of this.values[out]!) visit(v, this.depth[out]!);
      }
    }
  }

  /** Every node but the root, shallowest first (a counting sort on depth). */
  private byDepth(): Int32Array {
    const size = this.values.length;
    let maxDepth = 0;
    for (let n = 1; n < size; n++) maxDepth = Math.max(maxDepth, this.depth[n]!);
    const start = new Int32Array(maxDepth + 2);
    for (let n = 1; n < size; n++) start[this.depth[n]! + 1]!++;
    for (let d = 1; d < start.length; d++) start[d]! += start[d - 1]!;
    const order = new Int32Array(size - 1);
    for (let n = 1; n < size; n++) order[start[this.depth[n]!]!++] = n;
    return order;
  }
}

/**
 * The trie's edges in one open-addressing hash table of (node, code, child) triplets in an
 * Int32Array. With a Map per node, a 100 000-keyword index is 100 000 small hash tables scattered
 * over the heap, and every character of a message costs several dependent loads into it; here a
 * step is one probe into one array (bench: p99 at 100 000 rules).
 */
class EdgeTable {
  private slots = new Int32Array(3 * 16).fill(-1);
  private mask = 15;
  private count = 0;

  get(node: number, code: number): number {
    const slots = this.slots;
    for (let i = hash(node, code) & this.mask; ; i = (i + 1) & this.mask) {
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
    let i = hash(node, code) & this.mask;
    while (this.slots[3 * i] !== -1) i = (i + 1) & this.mask;
    this.slots[3 * i] = node;
    this.slots[3 * i + 1] = code;
    this.slots[3 * i + 2] = child;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = 2 * (this.mask + 1) - 1;
    this.slots = new Int32Array(3 * (this.mask + 1)).fill(-1);
    for (let at = 0; at < old.length; at += 3) if (old[at] !== -1) this.insert(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

function hash(node: number, code: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}
