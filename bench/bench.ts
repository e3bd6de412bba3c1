// `npm run bench [-- --quick] [-- --write]`: generates PortSIP v22 and XiVO files of 1k/10k/40k rows and a
// 300,000-row XiVO file, and measures csv-parse alone (the floor), our CSV model, our full validation, the real
// language server over stdio (open → diagnostics, one-cell edit → diagnostics), peak memory, and tableschema (peer).
// Each core measurement runs in its own process (worker.ts) so peaks do not mix. Results go to stdout and,
// for a full run (or with --write), to bench/RESULTS.md; the hand-written analysis below its marker is kept.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchDialect, INVALID_ENABLED, generateCsv } from './generate';
import { LspSession } from './lsp';
import { median, percentile } from './stats';
import type { Tool, WorkerResult } from './worker';

/** The repository root: the nearest folder above this file with a package.json (works from bench/ and out/bench/). */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const ROOT = findRoot(__dirname);
const SERVER = path.join(ROOT, 'bin', 'pbx-user-csv-language-server.js');
const RESULTS = path.join(ROOT, 'bench', 'RESULTS.md');
const ANALYSIS_MARKER = '<!-- analysis: hand-written below, kept by the bench -->';
const DATA_DIR = path.join(os.tmpdir(), 'pbx-user-csv-bench');
const MiB = 1024 * 1024;
/** The big file of the issue: 300,000 XiVO rows (~70 MB), one error every BIG_ERROR_EVERY rows. */
const BIG_ROWS = 300_000;
const BIG_ERROR_EVERY = 100;

interface Options {
  rows: number[];
  dialects: BenchDialect[];
  write: boolean;
  peer: boolean;
  lsp: boolean;
  /** Rows of the big XiVO file (with errors) checked through the CLI and the server; 0: none. */
  bigRows: number;
}

function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const rowsArg = argv.find((a) => a.startsWith('--rows='));
  const dialectArg = argv.find((a) => a.startsWith('--dialects='));
  return {
    rows: rowsArg ? rowsArg.slice(7).split(',').map(Number) : quick ? [1000, 10000] : [1000, 10000, 40000],
    dialects: (dialectArg ? dialectArg.slice(11).split(',') : ['portsip-v22', 'xivo']) as BenchDialect[],
    write: argv.includes('--write') || (!quick && !rowsArg && !dialectArg),
    peer: !argv.includes('--no-peer'),
    lsp: !argv.includes('--no-lsp'),
    bigRows: argv.includes('--no-big') || quick || rowsArg ? 0 : BIG_ROWS,
  };
}

// ---------------------------------------------------------------- core measurements (child processes)

function runWorker(tool: Tool, file: string, dialect: BenchDialect, rows: number): Promise<WorkerResult> {
  const large = rows >= 40000;
  const minRuns = tool === 'tableschema' ? (large ? 1 : 3) : large ? 3 : 5;
  const budgetMs = large ? 0 : 3000;
  const script = __filename.replace(/bench\.(ts|js)$/, 'worker.$1');
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...loader, '--expose-gc', script, tool, file, dialect, String(minRuns), String(budgetMs)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as WorkerResult);
      else reject(new Error(`${tool} on ${path.basename(file)} exited ${code}: ${err.slice(-2000)}`));
    });
  });
}

// ---------------------------------------------------------------- through the real server

interface LspResult {
  openMs: number[];
  editMs: number[];
  /** Edits whose new error showed up in the diagnostics of that version (proves real re-validation). */
  editsSeen: number;
  diagnosticsOnOpen: number;
  /** A fresh server: its peak after one open and 20 edits. */
  serverPeakRssKiB?: number;
  /** A fresh server that opens the same text as a CSV that is no user CSV: what the protocol alone costs. */
  protocolPeakRssKiB?: number;
  /**
   * Hovers in a small file while this file was opened and validated; the first one waits for the server
   * to read and parse the didOpen message (tens of megabytes of JSON) before any validation starts.
   */
  hoverMs?: number[];
}

function lineStarts(text: string, wanted: Set<number>): Map<number, number> {
  const found = new Map<number, number>();
  let line = 0;
  let pos = 0;
  while (pos >= 0 && found.size < wanted.size) {
    if (wanted.has(line)) found.set(line, pos);
    const nl = text.indexOf('\n', pos);
    pos = nl < 0 ? -1 : nl + 1;
    line++;
  }
  return found;
}

/** The `enabled` cell of the record on `line` (rows are one line each: the generator writes compact JSON). */
function enabledCell(text: string, lineStart: number, dialect: BenchDialect): { character: number; length: number } {
  const column = dialect === 'portsip-v22' ? 1 : 7; // no earlier cell is quoted or has a comma
  let pos = lineStart;
  for (let i = 0; i < column; i++) pos = text.indexOf(',', pos) + 1;
  return { character: pos - lineStart, length: text.indexOf(',', pos) - pos };
}

async function measureServer(file: string, text: string, dialect: BenchDialect, rows: number): Promise<LspResult> {
  const session = await LspSession.start(SERVER, pathToFileURL(DATA_DIR).href);
  let result: LspResult;
  try {
    const uri = pathToFileURL(file).href;
    // Warm the server's JIT on a prefix so the timed opens measure steady-state work.
    const prefix = text.slice(0, lineStarts(text, new Set([Math.min(rows, 2000) + 1])).get(Math.min(rows, 2000) + 1) ?? text.length);
    for (let i = 0; i < 3; i++) {
      const warmUri = pathToFileURL(path.join(DATA_DIR, `warmup-${i}-${path.basename(file)}`)).href;
      await session.open(warmUri, prefix);
      await session.close(warmUri);
    }
    const openMs: number[] = [];
    let diagnosticsOnOpen = 0;
    const openBudget = process.hrtime.bigint() + 60_000_000_000n;
    while (openMs.length < 1 || (openMs.length < 5 && process.hrtime.bigint() < openBudget)) {
      if (openMs.length) await session.close(uri);
      const opened = await session.open(uri, text);
      openMs.push(opened.ms);
      diagnosticsOnOpen = opened.diagnostics.length;
    }
    const edits = await editTwenty(session, uri, text, dialect, rows);
    result = { openMs, editMs: edits.editMs, editsSeen: edits.editsSeen, diagnosticsOnOpen };
  } finally {
    await session.shutdown();
  }
  result.serverPeakRssKiB = await measureServerMemory(file, text, dialect, rows);
  result.protocolPeakRssKiB = await measureProtocolMemory(file, text);
  if (rows >= 40000) result.hoverMs = await measureResponsiveness(file, text, dialect);
  return result;
}

/** 20 one-cell edits spread over the file, each turning a boolean into an error the validator must find. */
async function editTwenty(session: LspSession, uri: string, text: string, dialect: BenchDialect, rows: number): Promise<{ editMs: number[]; editsSeen: number }> {
  const editLines = Array.from({ length: 20 }, (_, i) => 1 + Math.floor(((i + 0.5) * rows) / 20));
  const starts = lineStarts(text, new Set(editLines));
  const editMs: number[] = [];
  let editsSeen = 0;
  let version = 1;
  for (const line of editLines) {
    const cell = enabledCell(text, starts.get(line)!, dialect);
    const range = { start: { line, character: cell.character }, end: { line, character: cell.character + cell.length } };
    const result = await session.change(uri, ++version, range, INVALID_ENABLED[dialect]);
    editMs.push(result.ms);
    if (result.diagnostics.some((d) => d.range.start.line === line && d.severity === 1)) editsSeen++;
  }
  return { editMs, editsSeen };
}

/** A fresh server, one open and 20 edits: its peak resident memory (the target's situation). */
async function measureServerMemory(file: string, text: string, dialect: BenchDialect, rows: number): Promise<number | undefined> {
  const session = await LspSession.start(SERVER, pathToFileURL(DATA_DIR).href);
  try {
    const uri = pathToFileURL(file).href;
    await session.open(uri, text);
    await editTwenty(session, uri, text, dialect, rows);
    return session.peakRssKiB();
  } finally {
    await session.shutdown();
  }
}

/** A fresh server opening the same bytes under a header no dialect knows: what the protocol and the document alone cost. */
async function measureProtocolMemory(file: string, text: string): Promise<number | undefined> {
  const session = await LspSession.start(SERVER, pathToFileURL(DATA_DIR).href);
  try {
    const plain = `not,a,user,csv${text.slice(text.indexOf('\n'))}`;
    await session.open(pathToFileURL(`${file}.plain.csv`).href, plain);
    return session.peakRssKiB();
  } finally {
    await session.shutdown();
  }
}

/** Hovers in a small file, one after the other, while the big file is opened and validated. */
async function measureResponsiveness(file: string, text: string, dialect: BenchDialect): Promise<number[]> {
  const session = await LspSession.start(SERVER, pathToFileURL(DATA_DIR).href);
  try {
    const small = pathToFileURL(path.join(DATA_DIR, `small-${dialect}.csv`)).href;
    await session.open(small, generateCsv(dialect, 20));
    await session.hover(small, { line: 0, character: 1 });
    const uri = pathToFileURL(file).href;
    let done = false;
    const published = session.nextDiagnostics(uri, 1).then(() => (done = true));
    await session.openOnly(uri, text);
    const hoverMs: number[] = [];
    while (!done) {
      hoverMs.push(await session.hover(small, { line: 1 + (hoverMs.length % 20), character: 1 }));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await published;
    return hoverMs;
  } finally {
    await session.shutdown();
  }
}

interface BigResult {
  rows: number;
  bytes: number;
  expectedErrors: number;
  cli?: { ms: number; peakRssKiB: number; errors: number };
  server?: { ms: number; peakRssKiB?: number; errors: number };
  failures: string[];
}

/** The CLI on the big file (its own process; peak from its resource usage at exit). */
function measureCli(file: string): Promise<{ ms: number; peakRssKiB: number; errors: number }> {
  const wrapper = `const cli = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli.js'))}); process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n')); cli.run();`;
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // `node -e` leaves no script in process.argv: the placeholder takes its place.
    const child = spawn(process.execPath, ['-e', wrapper, 'pbx-user-csv', 'validate', file, '--format', 'json', '--max-problems', '10000000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const rss = /MAXRSS (\d+)/.exec(err);
      try {
        const report = JSON.parse(out) as { files: Array<{ errorCount: number }> };
        resolve({ ms, peakRssKiB: rss ? Number(rss[1]) : NaN, errors: report.files[0]?.errorCount ?? 0 });
      } catch (error) {
        reject(new Error(`the CLI gave no JSON report: ${err.slice(-1000)} ${(error as Error).message}`));
      }
    });
  });
}

/** The server on the big file, told to report every problem: open → diagnostics, and its peak. */
async function measureBigServer(file: string, text: string): Promise<{ ms: number; peakRssKiB?: number; errors: number }> {
  const session = await LspSession.start(SERVER, pathToFileURL(DATA_DIR).href);
  try {
    await session.configure({ maxNumberOfProblems: 10_000_000 });
    const opened = await session.open(pathToFileURL(file).href, text);
    return { ms: opened.ms, peakRssKiB: session.peakRssKiB(), errors: opened.diagnostics.filter((d) => d.severity === 1).length };
  } finally {
    await session.shutdown();
  }
}

async function measureBig(rows: number, lsp: boolean): Promise<BigResult> {
  const text = generateCsv('xivo', rows, 22, BIG_ERROR_EVERY);
  const file = path.join(DATA_DIR, `xivo-${rows}-errors.csv`);
  writeFileSync(file, text);
  const result: BigResult = { rows, bytes: Buffer.byteLength(text), expectedErrors: Math.ceil(rows / BIG_ERROR_EVERY), failures: [] };
  process.stderr.write(`xivo ${rows} rows with errors: CLI…\n`);
  try {
    result.cli = await measureCli(file);
  } catch (error) {
    result.failures.push(`CLI: ${(error as Error).message}`);
  }
  if (lsp) {
    process.stderr.write(`xivo ${rows} rows with errors: language server…\n`);
    try {
      result.server = await measureBigServer(file, text);
    } catch (error) {
      result.failures.push(`server: ${(error as Error).message}`);
    }
  }
  return result;
}

// ---------------------------------------------------------------- report

interface FileResult {
  dialect: BenchDialect;
  rows: number;
  bytes: number;
  core: Partial<Record<Tool, WorkerResult>>;
  lsp?: LspResult;
  failures: string[];
}

const fmtMs = (ms: number | undefined) => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtX = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);
const med = (w: WorkerResult | undefined) => (w ? median(w.timesMs) : undefined);
const medCpu = (w: WorkerResult | undefined) => (w ? median(w.cpuMs) : undefined);
const mib = (kib: number | undefined) => (kib === undefined ? '—' : (kib / 1024).toFixed(0));

function cpuRatio(a: WorkerResult | undefined, b: WorkerResult | undefined): string {
  const x = medCpu(a);
  const y = medCpu(b);
  return x !== undefined && y ? fmtX(x / y) : '—';
}

function speedTable(results: FileResult[]): string {
  const lines = [
    '| file | rows | size MiB | csv-parse ms | CSV model ms | validate ms | validate ÷ csv-parse (CPU-time ratio) | tableschema ms | validate ÷ tableschema (CPU) | problems found |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of results) {
    const floor = med(r.core['csv-parse']);
    const ours = med(r.core.validate);
    const peer = med(r.core.tableschema);
    const f = r.core.validate?.findings;
    const problems = f ? `${f.problems} (${['error', 'warning', 'information', 'hint'].map((s) => `${s[0]}:${f[s] ?? 0}`).join(' ')})${f.detected ? '' : ' NOT DETECTED'}` : '—';
    lines.push(
      `| ${r.dialect} | ${r.rows} | ${(r.bytes / MiB).toFixed(1)} | ${fmtMs(floor)} | ${fmtMs(med(r.core.model))} | ${fmtMs(ours)} | ${fmtX(ours !== undefined && floor ? ours / floor : undefined)} (${cpuRatio(r.core.validate, r.core['csv-parse'])}) | ${fmtMs(peer)} | ${fmtX(ours !== undefined && peer ? ours / peer : undefined)} (${cpuRatio(r.core.validate, r.core.tableschema)}) | ${problems} |`,
    );
  }
  return lines.join('\n');
}

function serverTable(results: FileResult[]): string {
  const lines = [
    '| file | rows | open → diagnostics ms (median) | edit → diagnostics p50 / p95 ms (edits) | edit p50 ÷ validate | edits whose error was reported | diagnostics on open | hover in another file while it is validated: p50 / max ms (hovers) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const l = r.lsp;
    if (!l) {
      lines.push(`| ${r.dialect} | ${r.rows} | — | — | — | — | — | — |`);
      continue;
    }
    const p50 = percentile(l.editMs, 50);
    const ours = med(r.core.validate);
    const during = l.hoverMs?.slice(1) ?? [];
    const hover = during.length ? `${fmtMs(percentile(during, 50))} / ${fmtMs(maxOf(during))} (${during.length}); the first, behind the didOpen message: ${fmtMs(l.hoverMs![0])}` : '—';
    lines.push(
      `| ${r.dialect} | ${r.rows} | ${fmtMs(median(l.openMs))} (${l.openMs.length} opens) | ${fmtMs(p50)} / ${fmtMs(percentile(l.editMs, 95))} (${l.editMs.length}) | ${ours ? `${((100 * p50) / ours).toFixed(1)} %` : '—'} | ${l.editsSeen}/${l.editMs.length} | ${l.diagnosticsOnOpen} | ${hover} |`,
    );
  }
  return lines.join('\n');
}

function maxOf(values: readonly number[]): number {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  return max;
}

function memoryTable(results: FileResult[]): string {
  const lines = [
    '| file | size MiB | node baseline MiB | csv-parse peak MiB | validate peak MiB (÷ size) | validate peak − baseline (÷ size) | server after open + 20 edits MiB (÷ size) | server opening it as no user CSV MiB (÷ size) | tableschema peak MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const v = r.core.validate;
    const size = r.bytes / 1024;
    const server = r.lsp?.serverPeakRssKiB;
    const protocol = r.lsp?.protocolPeakRssKiB;
    lines.push(
      `| ${r.dialect} ${r.rows} | ${(r.bytes / MiB).toFixed(1)} | ${mib(v?.baselineRssKiB)} | ${mib(r.core['csv-parse']?.peakRssKiB)} | ${v ? `${mib(v.peakRssKiB)} (${fmtX(v.peakRssKiB / size)})` : '—'} | ${v ? `${mib(v.peakRssKiB - v.baselineRssKiB)} (${fmtX((v.peakRssKiB - v.baselineRssKiB) / size)})` : '—'} | ${server ? `${mib(server)} (${fmtX(server / size)})` : '—'} | ${protocol ? `${mib(protocol)} (${fmtX(protocol / size)})` : '—'} | ${mib(r.core.tableschema?.peakRssKiB)} |`,
    );
  }
  return lines.join('\n');
}

function bigTable(big: BigResult | undefined): string {
  if (!big) return 'Not measured in this run.';
  const size = big.bytes / 1024;
  const row = (front: string, m: { ms: number; peakRssKiB?: number; errors: number } | undefined) =>
    m
      ? `| ${front} | ${fmtMs(m.ms)} | ${m.errors} of ${big.expectedErrors} | ${m.peakRssKiB !== undefined ? `${mib(m.peakRssKiB)} (${fmtX(m.peakRssKiB / size)})` : '—'} |`
      : `| ${front} | — | — | — |`;
  return [
    `XiVO, ${big.rows.toLocaleString('en-US')} rows, ${(big.bytes / MiB).toFixed(1)} MiB, an invalid \`enabled\` every ${BIG_ERROR_EVERY} rows; every problem asked for (\`--max-problems\` / \`maxNumberOfProblems\`).`,
    '',
    '| front | time to the report / diagnostics ms | errors reported | peak RSS MiB (÷ size) |',
    '|---|---:|---:|---:|',
    row('CLI (`pbx-user-csv validate --format json`)', big.cli),
    row('language server (didOpen → publishDiagnostics)', big.server),
    ...(big.failures.length ? ['', ...big.failures.map((f) => `- failure: ${f.split('\n')[0]}`)] : []),
  ].join('\n');
}

function verdicts(results: FileResult[], big: BigResult | undefined): string {
  const out: string[] = [];
  const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? '**met**' : '**not met**');
  const cpu = (a: WorkerResult | undefined, b: WorkerResult | undefined) => {
    const x = medCpu(a);
    const y = medCpu(b);
    return x !== undefined && y ? x / y : NaN;
  };

  const compared = results.filter((r) => r.rows >= 10000);
  const ratios = compared.map((r) => ({ r, x: cpu(r.core.validate, r.core['csv-parse']) })).filter((e) => Number.isFinite(e.x));
  const worst = ratios.slice().sort((a, b) => b.x - a.x)[0];
  out.push(
    `- Full validation ≤ 1.0× csv-parse alone (CPU time, 10k and 40k rows): ${verdict(worst ? worst.x <= 1 : undefined)}` +
      (worst ? ` — worst ${fmtX(worst.x)} on ${worst.r.dialect} ${worst.r.rows} rows (all: ${ratios.map((e) => `${e.r.dialect} ${e.r.rows}: ${fmtX(e.x)}`).join(', ')})` : ''),
  );

  const vsPeer = results.filter((r) => r.core.validate && r.core.tableschema).map((r) => ({ r, x: cpu(r.core.validate, r.core.tableschema) }));
  out.push(
    `- Faster than tableschema on every file (CPU time): ${verdict(vsPeer.length ? vsPeer.every((e) => e.x < 1) : undefined)} — ` +
      vsPeer.map((e) => `${e.r.dialect} ${e.r.rows}: ${fmtX(e.x)} of its time`).join(', '),
  );

  const at40k = results.filter((r) => r.rows === 40000);
  const serverMem = at40k.filter((r) => r.lsp?.serverPeakRssKiB !== undefined).map((r) => ({ r, x: r.lsp!.serverPeakRssKiB! / (r.bytes / 1024) }));
  out.push(
    `- Server peak RSS ≤ 4× the file after open + 20 edits, 40k rows: ${verdict(serverMem.length ? serverMem.every((e) => e.x <= 4) : undefined)} — ` +
      serverMem.map((e) => `${e.r.dialect}: ${fmtX(e.x)} (opening the same bytes as no user CSV: ${fmtX(e.r.lsp!.protocolPeakRssKiB! / (e.r.bytes / 1024))})`).join('; '),
  );
  const coreMem = at40k.filter((r) => r.core.validate).map((r) => ({ r, x: r.core.validate!.peakRssKiB / (r.bytes / 1024) }));
  out.push(
    `- Core validate peak ≤ 3× the file, 40k rows: ${verdict(coreMem.length ? coreMem.every((e) => e.x <= 3) : undefined)} — ` +
      coreMem.map((e) => `${e.r.dialect}: ${fmtX(e.x)} (node alone ${mib(e.r.core.validate!.baselineRssKiB)} MiB)`).join('; '),
  );

  for (const r of at40k.filter((r) => r.lsp && r.core.validate)) {
    const p50 = percentile(r.lsp!.editMs, 50);
    const share = p50 / med(r.core.validate)!;
    out.push(
      `- ${r.dialect} 40k: one-cell edit → diagnostics p50 ≤ 2 % of a full validation: ${verdict(share <= 0.02)} — p50 ${fmtMs(p50)} ms = ${(share * 100).toFixed(1)} % of ${fmtMs(med(r.core.validate))} ms (target ≤ ${fmtMs(0.02 * med(r.core.validate)!)} ms)`,
    );
  }
  const hovers = at40k.filter((r) => (r.lsp?.hoverMs?.length ?? 0) > 1);
  out.push(
    `- A hover in another document answered within 100 ms while a 40k-row file is validated: ${verdict(hovers.length ? hovers.every((r) => maxOf(r.lsp!.hoverMs!.slice(1)) <= 100) : undefined)} — ` +
      hovers
        .map((r) => `${r.dialect}: slowest of ${r.lsp!.hoverMs!.length - 1} ${fmtMs(maxOf(r.lsp!.hoverMs!.slice(1)))} ms (the first hover, queued behind the didOpen message itself: ${fmtMs(r.lsp!.hoverMs![0])} ms)`)
        .join('; '),
  );
  if (big) {
    const fronts = [big.cli && { name: 'CLI', m: big.cli }, big.server && { name: 'server', m: big.server }].filter((f): f is { name: string; m: { ms: number; peakRssKiB?: number; errors: number } } => !!f);
    const all = fronts.every((f) => f.m.errors === big.expectedErrors);
    const rss = fronts.every((f) => f.m.peakRssKiB !== undefined && f.m.peakRssKiB / (big.bytes / 1024) <= 4);
    out.push(
      `- ${big.rows.toLocaleString('en-US')}-row XiVO file: every error reported through the CLI and the server: ${verdict(fronts.length === 2 ? all : undefined)}; RSS ≤ 4× its size: ${verdict(fronts.length === 2 ? rss : undefined)} — ` +
        fronts.map((f) => `${f.name} ${f.m.errors}/${big.expectedErrors}, ${f.m.peakRssKiB !== undefined ? fmtX(f.m.peakRssKiB / (big.bytes / 1024)) : '—'}`).join('; '),
    );
  }
  const failures = results.flatMap((r) => r.failures.map((f) => `${r.dialect} ${r.rows}: ${f}`));
  if (failures.length) out.push('', 'Failures during the run:', ...failures.map((f) => `- ${f.split('\n')[0]}`));
  return out.join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout: leave it unknown.
  }
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores; memory ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node ${process.version} on ${os.type()} ${os.release()} (${os.arch()})`,
    `- Date: ${new Date().toISOString()}; commit ${commit} (plus uncommitted work at the time of the run)`,
    `- Load average at the end of the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) on ${cpus.length} cores` +
      (os.loadavg()[1] > cpus.length ? ' — **the machine was busy: wall times are inflated; the CPU-time ratios are the steadier comparison**' : ''),
  ].join('\n');
}

function report(results: FileResult[], big: BigResult | undefined, seconds: number): string {
  return [
    '# Benchmark results',
    '',
    'Generated by `npm run bench` (bench/bench.ts); `npm run bench -- --quick` runs 1k/10k rows only and does not',
    'rewrite this file unless given `--write`. Files are generated (bench/generate.ts, fixed seed): PortSIP v22 with',
    'every column and realistic JSON cells (~1.3 KB a row), XiVO with every import column.',
    '',
    'How: each core figure is the median of ≥ 3 runs (≥ 5 below 40k rows) after a cold run and warm-up, in a',
    'fresh `node --expose-gc` process per tool and file (GC forced between runs); peak RSS is that process’s',
    '`ru_maxrss` after one cold run. csv-parse = `csv-parse/sync` `parse(text)` (the floor); CSV model = our CSV',
    'model alone; validate = `createNodeLanguageService().validate(text)` with auto-detection. Server = the real',
    '`bin/pbx-user-csv-language-server.js --stdio`, one process per file, driven over JSON-RPC: didOpen →',
    'publishDiagnostics, then 20 incremental didChange edits (one `enabled` cell each, in rows spread over the file,',
    'each making an error) → the publishDiagnostics of that version. Server memory = the VmHWM of a fresh server',
    'after one open and the 20 edits; beside it, a fresh server opening the same bytes under a header no dialect',
    'knows (what the JSON-RPC message and the document cost before any validation). Hovers: a fresh server opens',
    'a 20-row file, then the big one, and asks for a hover in the small one every 10 ms until the big one is',
    'published. tableschema = the Frictionless `tableschema` npm package reading the file and casting every row',
    'with an equivalent Table Schema of the scalar columns (bench/peerSchemas.ts).',
    '',
    '## Machine',
    machine(),
    `- Whole run: ${seconds.toFixed(0)} s`,
    '',
    '## Speed (core, no LSP)',
    speedTable(results),
    '',
    '## Through the language server (stdio)',
    serverTable(results),
    '',
    '## Peak memory',
    memoryTable(results),
    '',
    '## The big file',
    bigTable(big),
    '',
    '## Targets',
    verdicts(results, big),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = process.hrtime.bigint();
  mkdirSync(DATA_DIR, { recursive: true });
  if (options.lsp && !existsSync(path.join(ROOT, 'dist', 'server.js'))) {
    console.error('dist/server.js is missing (run `npm run build`); skipping the server measurements.');
    options.lsp = false;
  }
  const results: FileResult[] = [];
  for (const dialect of options.dialects) {
    for (const rows of options.rows) {
      const text = generateCsv(dialect, rows);
      const file = path.join(DATA_DIR, `${dialect}-${rows}.csv`);
      writeFileSync(file, text);
      const result: FileResult = { dialect, rows, bytes: Buffer.byteLength(text), core: {}, failures: [] };
      results.push(result);
      const tools: Tool[] = ['csv-parse', 'model', 'validate', ...(options.peer ? (['tableschema'] as Tool[]) : [])];
      for (const tool of tools) {
        process.stderr.write(`${dialect} ${rows} rows: ${tool}…\n`);
        try {
          result.core[tool] = await runWorker(tool, file, dialect, rows);
        } catch (error) {
          result.failures.push(`${tool}: ${(error as Error).message}`);
        }
      }
      if (options.lsp) {
        process.stderr.write(`${dialect} ${rows} rows: language server…\n`);
        try {
          result.lsp = await measureServer(file, text, dialect, rows);
        } catch (error) {
          result.failures.push(`server: ${(error as Error).message}`);
        }
      }
    }
  }
  const big = options.bigRows > 0 ? await measureBig(options.bigRows, options.lsp) : undefined;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const text = report(results, big, seconds);
  console.log(text);
  if (options.write) {
    const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
    const at = previous.indexOf(ANALYSIS_MARKER);
    const analysis = at >= 0 ? previous.slice(at) : `${ANALYSIS_MARKER}\n\n## Analysis\n\n(to be written)\n`;
    writeFileSync(RESULTS, `${text}\n${analysis}`);
    console.error(`wrote ${path.relative(process.cwd(), RESULTS)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
