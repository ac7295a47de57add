/**
 * A flow network with whole-number capacities and Dinic's maximum flow: breadth-first levels from the
 * source, then blocking flows along strictly rising levels until the sink is out of reach.
 */
export class FlowNetwork {
  private readonly heads: number[];
  private readonly to: number[] = [];
  private readonly capacity: number[] = [];
  private readonly next: number[] = [];

  constructor(readonly nodes: number) {
    this.heads = new Array<number>(nodes).fill(-1);
  }

  /** Adds an arc and its residual twin; returns the arc's number, for flowOn. */
  addArc(from: number, to: number, capacity: number): number {
    const arc = this.to.length;
    this.link(from, to, capacity);
    this.link(to, from, 0);
    return arc;
  }

  /** The flow the last maxFlow sent along an arc (what its twin can now send back). */
  flowOn(arc: number): number {
    return this.capacity[arc ^ 1];
  }

  maxFlow(source: number, sink: number): number {
    let total = 0;
    const level = new Int32Array(this.nodes);
    const cursor = new Int32Array(this.nodes);
    while (this.levels(source, sink, level)) {
      for (let node = 0; node < this.nodes; node++) cursor[node] = this.heads[node];
      for (;;) {
        const pushed = this.push(source, sink, Number.MAX_SAFE_INTEGER, level, cursor);
        if (pushed === 0) break;
        total += pushed;
      }
    }
    return total;
  }

  private link(from: number, to: number, capacity: number): void {
    this.to.push(to);
    this.capacity.push(capacity);
    this.next.push(this.heads[from]);
    this.heads[from] = this.to.length - 1;
  }

  private levels(source: number, sink: number, level: Int32Array): boolean {
    level.fill(-1);
    level[source] = 0;
    const queue = [source];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i];
      for (let arc = this.heads[node]; arc !== -1; arc = this.next[arc]) {
        const target = this.to[arc];
        if (this.capacity[arc] > 0 && level[target] < 0) {
          level[target] = level[node] + 1;
          queue.push(target);
        }
      }
    }
    return level[sink] >= 0;
  }

  /** One augmenting path of the level graph, found depth first (iteratively: paths can be long). */
  private push(source: number, sink: number, limit: number, level: Int32Array, cursor: Int32Array): number {
    const path: number[] = [];
    let node = source;
    for (;;) {
      if (node === sink) {
        let amount = limit;
        for (const arc of path) amount = Math.min(amount, this.capacity[arc]);
        for (const arc of path) {
          this.capacity[arc] -= amount;
          this.capacity[arc ^ 1] += amount;
        }
        return amount;
      }
      let arc = cursor[node];
      while (arc !== -1 && !(this.capacity[arc] > 0 && level[this.to[arc]] === level[node] + 1)) {
        arc = this.next[arc];
      }
      cursor[node] = arc;
      if (arc !== -1) {
        path.push(arc);
        node = this.to[arc];
        continue;
      }
      // A dead end: no path goes on from here in this phase; step back and skip the arc that led here.
      if (path.length === 0) return 0;
      level[node] = -1;
      const back = path.pop() as number;
      node = this.to[back ^ 1];
      cursor[node] = this.next[cursor[node]];
    }
  }
}
