// Shared helpers of the robustness tests: where the repository is, span invariants, sample documents,
// and a generous linear-time check.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../../server/src/service';
import type { CsvModel } from '../../server/src/service/csv/model';

/** The repository root: the nearest folder above this file with a package.json (works from test/ and out/tests/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Fixed seed: every run explores the same inputs, so a failure reproduces. */
export const SEED = 20240522;

function assertSpan(what: string, start: number, end: number, length: number): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: integer offsets, got ${start}..${end}`);
  assert.ok(0 <= start && start <= end && end <= length, `${what}: 0 ≤ ${start} ≤ ${end} ≤ ${length}`);
}

/** Every span of the CSV model lies inside the text, records and cells in order. */
export function assertDocumentSpans(model: CsvModel, text: string): void {
  assert.equal(model.text, text);
  let previousEnd = 0;
  for (let r = 0; r < model.recordCount; r++) {
    const start = model.recordStart(r);
    const end = model.recordEnd(r);
    assertSpan(`record ${r}`, start, end, text.length);
    assert.ok(start >= previousEnd, `record ${r} starts at ${start}, before the previous record ended (${previousEnd})`);
    previousEnd = end;
    for (let c = 0; c < model.cellCount(r); c++) {
      const cell = model.cellSpan(r, c);
      assertSpan(`cell of record ${r}`, cell.rawStart, cell.rawEnd, text.length);
      assert.ok(cell.rawStart <= cell.start && cell.start <= cell.end && cell.end <= cell.rawEnd, `cell content inside its raw span`);
      assert.ok(start <= cell.rawStart && cell.rawEnd <= end, `cell inside its record`);
    }
  }
  for (const error of model.errors()) assertSpan(`csv error ${error.code}`, error.start, error.end, text.length);
}

export function assertProblemSpans(problems: Problem[], text: string): void {
  for (const p of problems) {
    assertSpan(`problem ${p.rule}`, p.start, p.end, text.length);
    for (const r of p.related ?? []) assertSpan(`related of ${p.rule}`, r.start, r.end, text.length);
  }
}

/**
 * Best-of-`runs` CPU time (user + system) of `fn`, milliseconds. CPU time rather than wall time: other work on a
 * shared machine slows the wall clock, not the CPU this process spends.
 */
export function bestTime(fn: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * Grows `n` until `work(make(n))` takes at least `minMs` (so timer noise does not matter), then times n, 2n and 4n
 * and checks the cost of one doubling — the geometric mean over the two doublings, so that one GC pause or JIT
 * hiccup does not decide — stays under `maxRatio` (linear: ~2, quadratic: ~4; 3 leaves room for GC growing with
 * the heap on a shared machine). Re-measures once before failing.
 */
export function assertLinear(
  label: string,
  make: (n: number) => string,
  work: (text: string) => void,
  options: { startN?: number; maxN?: number; minMs?: number; maxRatio?: number } = {},
): number {
  const { startN = 1000, maxN = 2_000_000, minMs = 20, maxRatio = 3 } = options;
  const run = (text: string) => {
    try {
      work(text);
    } catch (error) {
      assert.fail(`${label}: threw on ${text.length} chars: ${(error as Error).stack?.slice(0, 600)}`);
    }
  };
  let n = startN;
  let input = make(n);
  while (bestTime(() => run(input), 1) < minMs && n * 4 <= maxN) {
    n *= 2;
    input = make(n);
  }
  const inputs = [input, make(2 * n), make(4 * n)];
  const doubling = (runs: number) => {
    const [t1, , t4] = inputs.map((text) => bestTime(() => run(text), runs));
    return Math.sqrt(t4 / t1);
  };
  let ratio = doubling(2);
  if (ratio > maxRatio) ratio = doubling(4);
  assert.ok(ratio <= maxRatio, `${label}: each doubling of the input (${inputs[0].length} → ${inputs[2].length} chars) took ${ratio.toFixed(2)}× the time (limit ${maxRatio}×)`);
  return ratio;
}

/** Headers and a valid first record taken from the seed documents (PortSIP v22 sample phone, XiVO example). */
export const PORTSIP_HEADER =
  'name,enabled,password,extension_number,extension_password,email,display_name,enable_audio_recording,enable_video_recording,enable_acb,enable_dnd,enable_hot_desking,office_hours,anonymous_outbound_calls,delivery_outbound_cid,sms,voicemail_prompt,enable_voicemail_pin,voicemail_pin,voicemail_play_datetime,enable_voicemail_notify,online_no_answer_forward_rule,online_busy_forward_rule,offline_office_hours_forward_rule,offline_non_office_hours_forward_rule,custom_forward_rules,blfs,interface,preferred_transport,custom_options,role,phones';

const OFFICE_HOURS =
  '{""mode"":""CUSTOM"",""monday"":{""enabled"":true,""ranges"":[{""from"":""09:00"",""to"":""17:00""}]},""tuesday"":{""enabled"":true,""ranges"":[]},""wednesday"":{""enabled"":true,""ranges"":[]},""thursday"":{""enabled"":true,""ranges"":[]},""friday"":{""enabled"":true,""ranges"":[]},""saturday"":{""enabled"":false,""ranges"":[]},""sunday"":{""enabled"":false,""ranges"":[]}}';
const PHONES =
  '[{""mac"":""0c:38:3e:63:fe:e8"",""rps"":true,""https"":false,""model"":""V62 Pro"",""codecs"":[""PCMU"",""PCMA"",""G729"",""G722""],""vendor"":""Fanvil"",""filename"":""fanvil.ph.xml"",""language"":""ENGLISH"",""password"":""63FEE8"",""timezone"":""GMT+8 China(Beijing)"",""transfer"":""BLIND"",""interface"":""WEB_DOMAIN"",""preferred_transport"":""UDP""}]';

/** One PortSIP v22 record; `n` makes name, extension, e-mail and MAC unique. */
export function portsipRow(n: number, enabled = 'TRUE'): string {
  const mac = `0c:38:3e:${((n >> 16) & 255).toString(16).padStart(2, '0')}:${((n >> 8) & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`;
  return [
    `jim_keeny_${n}`, enabled, 'Kp7#Wz3!Rm9$', String(10000 + n), 'Tq4&Hx8?Nb2%', `jim.keeny.${n}@example.com`, 'Jim Keeny',
    'FALSE', 'FALSE', 'TRUE', 'FALSE', 'FALSE', `"${OFFICE_HOURS}"`, 'FALSE', 'TRUE', 'DISABLE', 'en-US', 'TRUE', '58294716',
    '24_HOUR_CLOCK', 'FALSE',
    '"{""action"":""FORWARD_TO_VOICEMAIL"",""timeout"":60,""number"":""""}"',
    '"{""action"":""RING_ANYWAY"",""timeout"":60,""number"":""""}"',
    '"{""action"":""HANGUP"",""timeout"":60,""number"":""""}"',
    '"{""action"":""FORWARD_TO_NUMBER"",""timeout"":60,""number"":""123456""}"',
    '[]', '[]', 'WEB_DOMAIN', 'UDP', '', 'StandardUser', `"${PHONES.replace('0c:38:3e:63:fe:e8', mac)}"`,
  ].join(',');
}

export const XIVO_HEADER = 'entity_id,firstname,lastname,exten,context,line_protocol,voicemail_name,voicemail_number,voicemail_context';

export function xivoRow(n: number): string {
  return `1,John,Doe,${1000 + n},default,sip,Voicemail for John Doe,${1000 + n},default`;
}

export function portsipFile(rows: number): string {
  const lines = [PORTSIP_HEADER];
  for (let i = 0; i < rows; i++) lines.push(portsipRow(i));
  return lines.join('\n') + '\n';
}

export function xivoFile(rows: number): string {
  const lines = [XIVO_HEADER];
  for (let i = 0; i < rows; i++) lines.push(xivoRow(i));
  return lines.join('\n') + '\n';
}
