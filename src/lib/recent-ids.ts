/** A bounded set of recently seen ids (insertion order eviction). */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds an id; false if it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const first = this.ids.values().next();
      if (!first.done) this.ids.delete(first.value);
    }
    return true;
  }
}
