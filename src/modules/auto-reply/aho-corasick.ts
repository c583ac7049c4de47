/**
 * A trie over UTF-16 code units, and the Aho-Corasick automaton built on it. The engine uses the
 * trie alone for prefix keywords (walk the message from its first character) and the automaton for
 * contains keywords and for the literals that pre-filter regex rules (every occurrence of every
 * pattern in one pass over the message, whatever the number of patterns). Written here rather than
 * taken from npm: it is small, and the maintained packages either lack the prefix walk or allocate
 * a result array per search, which the hot path avoids.
 */
export class Trie<T> {
  /** children[node]: code unit → child node. Node 0 is the root. */
  protected readonly children: Map<number, number>[] = [new Map()];
  /** values[node]: the values of the patterns ending exactly at node. */
  protected readonly values: (T[] | undefined)[] = [undefined];
  /** depth[node]: the pattern length that ends there. */
  protected readonly depth: number[] = [0];

  add(pattern: string, value: T): void {
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let next = this.children[node]!.get(code);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.values.push(undefined);
        this.depth.push(i + 1);
        this.children[node]!.set(code, next);
      }
      node = next;
    }
    (this.values[node] ??= []).push(value);
  }

  /** Calls `visit` with the values of every pattern that is a prefix of `text`, shortest first. */
  prefixesOf(text: string, visit: (value: T, length: number) => void): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const next = this.children[node]!.get(text.charCodeAt(i));
      if (next === undefined) return;
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

  /** Computes the failure links breadth-first; call once after the last add(). */
  build(): this {
    const size = this.children.length;
    this.fail = new Int32Array(size);
    this.outputLink = new Int32Array(size).fill(-1);
    const queue: number[] = [];
    for (const child of this.children[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [code, child] of this.children[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.children[f]!.has(code)) f = this.fail[f]!;
        const target = this.children[f]!.get(code);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const failNode = this.fail[child]!;
        this.outputLink[child] = this.values[failNode] !== undefined ? failNode : this.outputLink[failNode]!;
        queue.push(child);
      }
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
      let next = this.children[node]!.get(code);
      while (next === undefined && node !== 0) {
        node = this.fail[node]!;
        next = this.children[node]!.get(code);
      }
      node = next ?? 0;
      for (let out = this.values[node] !== undefined ? node : this.outputLink[node]!; out !== -1; out = this.outputLink[out]!) {
        for (const v of this.values[out]!) visit(v, this.depth[out]!);
      }
    }
  }
}
