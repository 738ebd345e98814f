/**
 * Group commit (and its read twin, batched look-ups): callers hand in one item each and get
 * their own result back, while the items go to the database together — one round trip per
 * batch instead of one per item. A batch goes as soon as the event loop turns (no timer, so an
 * idle bot adds no latency); while a batch is in flight the next one fills up, so batches grow
 * with the load.
 *
 * `write` takes any number of items (one included) and returns one result per item, in order.
 * If a batch fails, its items are retried one by one: a single bad item fails only its own
 * caller, and an outage fails each caller (their jobs retry later).
 */
export class Batcher<I, O> {
  private queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly opts: { maxBatch?: number; maxInFlight?: number } = {},
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Nothing waiting and nothing being written. */
  idle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  private async writeOne(item: I): Promise<O> {
    const [out] = await this.write([item]);
    return out as O;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= (this.opts.maxInFlight ?? 2)) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.opts.maxBatch ?? 200);
    this.inFlight++;
    try {
      if (batch.length > 1) {
        const out = await this.write(batch.map((b) => b.item)).catch(() => undefined);
        if (out?.length === batch.length) {
          batch.forEach((b, i) => b.resolve(out[i] as O));
          return;
        }
      }
      await Promise.all(batch.map((b) => this.writeOne(b.item).then(b.resolve, b.reject)));
    } finally {
      this.inFlight--;
      if (this.queue.length > 0) this.schedule();
    }
  }
}

/**
 * A function of (database, item) whose calls go to that database in batches: one Batcher per
 * database, made on first use. `many` gets the items of one batch and returns one result each.
 */
export function batchedPerDb<I, O, D extends object = object>(
  many: (db: D, items: I[]) => Promise<O[]>,
): (db: D, item: I) => Promise<O> {
  const batchers = new WeakMap<D, Batcher<I, O>>();
  return (db, item) => {
    let b = batchers.get(db);
    if (!b) {
      b = new Batcher((items: I[]) => many(db, items));
      batchers.set(db, b);
    }
    return b.submit(item);
  };
}
