// Which records use each value of the file-wide unique keys (names, extensions, exten@context, uuid…):
// an open-addressing hash table with one slot per distinct value, holding the one record that uses it or
// a group of records when several do. The value itself is not kept (a few bytes per record, no copy of
// the text): it is read back from the model when two hashes meet. Adding and removing cost O(1) however
// many records share a value.

const EMPTY = 0;
const DELETED = -1;

/** 32-bit FNV-1a of the key's number and the value's characters. */
export function keyHash(key: number, value: string): number {
  let hash = (0x811c9dc5 ^ key) >>> 0;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Reads a record's value of a key back (the lookup form: lower-cased for a case-insensitive key). */
export type ValueReader = (id: number, key: number) => string | undefined;

/** Records are named by ids > 0. */
export class KeyIndex {
  private hashes = new Int32Array(64);
  private keys = new Uint16Array(64);
  /** Per slot: a record id (> 0), a group (-2 - group number), EMPTY or DELETED. */
  private owners = new Int32Array(64);
  private used = 0;
  private readonly groups: Array<{ key: number; ids: Set<number> } | undefined> = [];
  private readonly freeGroups: number[] = [];

  constructor(private readonly read: ValueReader) {}

  /** Adds a record's use of a value. */
  add(key: number, value: string, id: number): void {
    const hash = keyHash(key, value);
    const slot = this.find(hash, key, value);
    if (slot >= 0) {
      const owner = this.owners[slot];
      if (owner > 0) {
        const free = this.freeGroups.pop();
        const number = free ?? this.groups.length;
        this.groups[number] = { key, ids: new Set([owner, id]) };
        this.owners[slot] = -2 - number;
      } else {
        this.groups[-2 - owner]!.ids.add(id);
      }
      return;
    }
    if ((this.used + 1) * 4 > this.owners.length * 3) this.grow();
    const mask = this.owners.length - 1;
    let free = hash & mask;
    while (this.owners[free] !== EMPTY && this.owners[free] !== DELETED) free = (free + 1) & mask;
    if (this.owners[free] === EMPTY) this.used++;
    this.hashes[free] = hash;
    this.keys[free] = key;
    this.owners[free] = id;
  }

  /** Removes a record's use of a value (read from the model as it was when the use was added). */
  remove(key: number, value: string, id: number): void {
    const slot = this.find(keyHash(key, value), key, value);
    if (slot < 0) return;
    const owner = this.owners[slot];
    if (owner > 0) {
      if (owner === id) this.owners[slot] = DELETED;
      return;
    }
    const number = -2 - owner;
    const group = this.groups[number]!.ids;
    group.delete(id);
    if (group.size === 1) {
      this.owners[slot] = group.values().next().value as number;
      this.groups[number] = undefined;
      this.freeGroups.push(number);
    }
  }

  /** The groups of records sharing a value, with the key they share it under. */
  *repeated(): Generator<{ key: number; ids: ReadonlySet<number> }> {
    for (const group of this.groups) if (group) yield group;
  }

  /** The slot of a value, or -1. */
  private find(hash: number, key: number, value: string): number {
    const mask = this.owners.length - 1;
    for (let slot = hash & mask; this.owners[slot] !== EMPTY; slot = (slot + 1) & mask) {
      const owner = this.owners[slot];
      if (owner === DELETED || this.hashes[slot] !== hash || this.keys[slot] !== key) continue;
      const someone = owner > 0 ? owner : (this.groups[-2 - owner]!.ids.values().next().value as number);
      if (this.read(someone, key) === value) return slot;
    }
    return -1;
  }

  /** Doubles the table when three-quarters of it is used (deleted slots included), dropping deleted slots. */
  private grow(): void {
    const oldHashes = this.hashes;
    const oldKeys = this.keys;
    const oldOwners = this.owners;
    let live = 0;
    for (let i = 0; i < oldOwners.length; i++) if (oldOwners[i] !== EMPTY && oldOwners[i] !== DELETED) live++;
    const capacity = live * 2 >= oldOwners.length ? oldOwners.length * 2 : oldOwners.length;
    this.hashes = new Int32Array(capacity);
    this.keys = new Uint16Array(capacity);
    this.owners = new Int32Array(capacity);
    this.used = 0;
    const mask = capacity - 1;
    for (let i = 0; i < oldOwners.length; i++) {
      const owner = oldOwners[i];
      if (owner === EMPTY || owner === DELETED) continue;
      let slot = oldHashes[i] & mask;
      while (this.owners[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.hashes[slot] = oldHashes[i];
      this.keys[slot] = oldKeys[i];
      this.owners[slot] = owner;
      this.used++;
    }
  }
}
