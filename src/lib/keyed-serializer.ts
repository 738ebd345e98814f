/**
 * Runs tasks one after another per key, and tasks of different keys side by side. Tasks are
 * submitted in arrival order, so each key's messages are processed in the order they arrived.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
