// The JSON text of one CSV cell, and the way back from JSON offsets to the cell's raw text.
// A quoted cell writes every `"` as `""`; `rawOffset[i]` is where JSON character i sits in the raw text,
// so a JSON node span [s, e) maps to raw [rawOffset[s], rawOffset[e]). Line breaks are plain characters.
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { unescapeCell } from '../csv/unescape';
import type { Span } from '../types';

export type JsonPath = Array<string | number>;

/** Which part of the node at a path a problem points at. */
export type Target =
  | 'value' // the whole value (a string with its quotes)
  | 'content' // a string's characters without its quotes (spans that a quick fix replaces)
  | 'key' // the key of the property holding the value
  | 'container' // an object's key in its parent, or its opening brace when it has none
  | { item: number }; // one element of an array

export class CellText {
  private unescaped: string | undefined;
  private rawOffset: number[] | undefined;
  private tree: Node | undefined;
  private treeErrors: ParseError[] | undefined;

  constructor(
    readonly raw: string,
    private readonly quoted: boolean,
  ) {}

  /**
   * The JSON text: the raw cell text with `""` unescaped (for quoted cells). Made when first read and
   * dropped by release(): a cached verdict then keeps one copy of its text, not two.
   */
  get json(): string {
    if (!this.quoted) return this.raw;
    return (this.unescaped ??= unescapeCell(this.raw));
  }

  /** JSON span → span relative to the start of the cell's raw text. */
  toRaw(start: number, end: number): Span {
    const offsets = (this.rawOffset ??= this.buildOffsets());
    const last = offsets.length - 1;
    const clamp = (i: number): number => offsets[Math.max(0, Math.min(i, last))];
    return { start: clamp(start), end: clamp(end) };
  }

  /** Raw offset of every JSON character, plus the raw length; built only when something is located. */
  private buildOffsets(): number[] {
    const offsets: number[] = [];
    const raw = this.raw;
    for (let i = 0; i < raw.length; i++) {
      offsets.push(i);
      if (this.quoted && raw[i] === '"' && raw[i + 1] === '"') i++;
    }
    offsets.push(raw.length);
    return offsets;
  }

  /** Position-aware parse, done once and only when something has to be located. */
  parse(): { root: Node | undefined; errors: ParseError[] } {
    if (!this.treeErrors) {
      this.treeErrors = [];
      this.tree = parseTree(this.json, this.treeErrors, { allowTrailingComma: false, disallowComments: true });
    }
    return { root: this.tree, errors: this.treeErrors };
  }

  /** Drops the parse tree and the unescaped text (kept texts stay small); both are rebuilt if needed again. */
  release(): void {
    this.tree = undefined;
    this.treeErrors = undefined;
    this.unescaped = undefined;
  }

  /** Raw-relative span of `target` at `path`; the whole cell when the path cannot be found. */
  locate(path: JsonPath, target: Target): Span {
    const { root } = this.parse();
    const node = root && findNodeAtLocation(root, path);
    const span = node ? spanOf(node, target) : undefined;
    return span ? this.toRaw(span.start, span.end) : { start: 0, end: this.raw.length };
  }
}

function spanOf(node: Node, target: Target): Span | undefined {
  const whole = { start: node.offset, end: node.offset + node.length };
  if (target === 'value') return whole;
  if (target === 'content') {
    return node.type === 'string' && node.length >= 2 ? { start: node.offset + 1, end: node.offset + node.length - 1 } : whole;
  }
  const holder = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if (target === 'key') return holder ? { start: holder.offset, end: holder.offset + holder.length } : whole;
  if (target === 'container') {
    if (holder) return { start: holder.offset, end: holder.offset + holder.length };
    return { start: node.offset, end: node.offset + 1 };
  }
  const item = node.children?.[target.item];
  return item ? { start: item.offset, end: item.offset + item.length } : whole;
}
