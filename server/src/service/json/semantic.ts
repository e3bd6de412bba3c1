// Checks that JSON Schema cannot express, run at the places the schema marks with `x-check`.
import { labelOf, pointerToPath, type Finding, type MacUse } from './findings';
import { ruleOf } from './rules';
import type { JsonPath } from './cellText';
import type { CheckSite } from './schemas';
import { cut, quote } from '../quote';
import { compilePattern, type Pattern, type PatternEngine } from '../dialects/patterns';

export interface SemanticResult {
  findings: Finding[];
  macs: MacUse[];
}

/** `hide`: no message quotes a value of the cell (see JsonColumn.hideValues). */
type Check = (data: unknown, path: JsonPath, site: CheckSite, column: string, out: SemanticResult, hide: boolean) => void;

const checks: Record<string, Check> = {
  'office-hours': checkGlobalDays,
  'day-hours': checkOverlaps,
  'time-range': checkTimeOrder,
  'forward-rule': checkForwardNumber,
  mac: checkMac,
  'known-value': checkKnownValue,
};

export function semanticFindings(sites: CheckSite[], root: unknown, column: string, hide = false): SemanticResult {
  const out: SemanticResult = { findings: [], macs: [] };
  for (const site of sites) {
    checks[site.kind]?.(site.data, pointerToPath(site.instancePath, root), site, column, out, hide);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** Minutes since midnight of a valid HH:MM, else undefined (the schema reports bad times). */
function minutes(value: unknown): number | undefined {
  const match = typeof value === 'string' ? TIME.exec(value) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** A range that is well-formed and open (00:00–00:00 means closed). */
function openRange(value: unknown): { from: number; to: number } | undefined {
  if (!isObject(value)) return undefined;
  const from = minutes(value.from);
  const to = minutes(value.to);
  if (from === undefined || to === undefined || to <= from) return undefined;
  return { from, to };
}

function checkTimeOrder(data: unknown, path: JsonPath, _site: CheckSite, _column: string, out: SemanticResult): void {
  if (!isObject(data)) return;
  const from = minutes(data.from);
  const to = minutes(data.to);
  if (from === undefined || to === undefined || to > from || (from === 0 && to === 0)) return;
  out.findings.push({
    rule: 'json-time-order',
    severity: 'error',
    message: `"to" (${String(data.to)}) must be later than "from" (${String(data.from)})`,
    path: [...path, 'to'],
    target: 'value',
  });
}

function checkOverlaps(data: unknown, path: JsonPath, _site: CheckSite, column: string, out: SemanticResult): void {
  if (!isObject(data) || !Array.isArray(data.ranges)) return;
  const ranges = data.ranges
    .map((value, index) => ({ index, range: openRange(value) }))
    .filter((r): r is { index: number; range: { from: number; to: number } } => r.range !== undefined)
    .sort((a, b) => a.range.from - b.range.from || a.index - b.index);
  const show = (r: { from: number; to: number }): string => `${clock(r.from)}–${clock(r.to)}`;
  let latest = ranges[0];
  for (const current of ranges.slice(1)) {
    if (current.range.from < latest.range.to) {
      out.findings.push({
        rule: 'json-time-overlap',
        severity: 'warning',
        message: `${labelOf(path, column)}: ${show(current.range)} overlaps ${show(latest.range)}`,
        path: [...path, 'ranges', current.index],
        target: 'value',
        related: [{ path: [...path, 'ranges', latest.index], target: 'value', message: `the overlapping range ${show(latest.range)}` }],
      });
    }
    if (current.range.to > latest.range.to) latest = current;
  }
}

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** With mode GLOBAL the tenant's hours apply: say so on every day that configures something. */
function checkGlobalDays(data: unknown, path: JsonPath, _site: CheckSite, _column: string, out: SemanticResult): void {
  if (!isObject(data) || data.mode !== 'GLOBAL') return;
  for (const [day, value] of Object.entries(data)) {
    if (!isObject(value)) continue;
    const isDefault = value.enabled === true && Array.isArray(value.ranges) && value.ranges.length === 0;
    if (isDefault) continue;
    out.findings.push({
      rule: 'json-days-ignored',
      severity: 'hint',
      message: `${cut(day)} is ignored: mode is GLOBAL, so the tenant's office hours apply`,
      path: [...path, day],
      target: 'key',
      tags: ['unnecessary'],
    });
  }
}

function checkForwardNumber(data: unknown, path: JsonPath, site: CheckSite, column: string, out: SemanticResult): void {
  if (!isObject(data) || typeof data.action !== 'string') return;
  const actionSchema = isObject(site.schema.properties) ? site.schema.properties.action : undefined;
  const actions = isObject(actionSchema) && Array.isArray(actionSchema.enum) ? actionSchema.enum : [];
  if (!actions.includes(data.action)) return; // the schema reports the unknown action
  const numberPath = [...path, 'number'];
  const number = data.number;
  if (data.action === 'FORWARD_TO_NUMBER') {
    if (number !== undefined && number !== '') return;
    out.findings.push({
      rule: 'json-number-required',
      severity: 'error',
      message: `${labelOf(numberPath, column)} is required when action is FORWARD_TO_NUMBER`,
      path: number === undefined ? [...path, 'action'] : numberPath,
      target: 'value',
    });
  } else if (typeof number === 'string' && number !== '') {
    out.findings.push({
      rule: 'json-number-ignored',
      severity: 'hint',
      message: `${labelOf(numberPath, column)} is ignored: action is ${data.action}, not FORWARD_TO_NUMBER`,
      path: numberPath,
      target: 'value',
      tags: ['unnecessary'],
    });
  }
}

/** Schema patterns are a handful of fixed strings: each is compiled once per engine, not once per value. */
const patterns = new Map<string, Pattern>();
function compiledPattern(source: string, engine: PatternEngine): Pattern {
  const key = `${engine}\u0000${source}`;
  let pattern = patterns.get(key);
  if (!pattern) patterns.set(key, (pattern = compilePattern(source, engine)));
  return pattern;
}

function checkMac(data: unknown, path: JsonPath, site: CheckSite, column: string, out: SemanticResult): void {
  if (typeof data !== 'string') return;
  const pattern = typeof site.schema.pattern === 'string' ? compiledPattern(site.schema.pattern, site.engine) : undefined;
  if (pattern && !pattern.test(data)) return; // the schema reports the malformed MAC
  const lower = data.toLowerCase();
  if (lower !== data) {
    out.findings.push({
      rule: 'json-mac-case',
      severity: 'error',
      message: `${labelOf(path, column)} must be lowercase: ${lower}`,
      path,
      target: 'content',
      data: { replacement: lower },
    });
  }
  out.macs.push({ key: lower.replace(/[^0-9a-f]/g, ''), text: data, path });
}

function checkKnownValue(data: unknown, path: JsonPath, site: CheckSite, column: string, out: SemanticResult, hide: boolean): void {
  const known = site.schema['x-known-values'];
  if (typeof data !== 'string' || !Array.isArray(known) || known.includes(data)) return;
  out.findings.push({
    rule: ruleOf(site.schema, 'json-unknown-value'),
    severity: 'warning',
    message: `${labelOf(path, column)}${hide || site.schema['x-secret'] === true ? '' : ` ${quote(data)}`} is not one of the known values ${known.join(', ')}`,
    path,
    target: 'value',
  });
}
