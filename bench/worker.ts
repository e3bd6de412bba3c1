// One measurement in a fresh process, so that peak memory (ru_maxrss) belongs to one tool and one file:
//   node --expose-gc out/bench/worker.js <tool> <file> <dialect> <minRuns> <budgetMs>
// Prints one JSON line (WorkerResult) on stdout.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CsvModel } from '../server/src/service/csv/model';
import { createNodeLanguageService } from '../server/src/node/resources';
import type { BenchDialect } from './generate';
import { peerSchema, TableSchemaModule } from './peerSchemas';
import { msSince } from './stats';

export type Tool = 'csv-parse' | 'model' | 'validate' | 'tableschema';

export interface WorkerResult {
  tool: Tool;
  /** ru_maxrss before the file was read (node + loaded modules), KiB. */
  baselineRssKiB: number;
  /** ru_maxrss after the first (cold) full run, KiB: the peak of reading and processing the file once. */
  peakRssKiB: number;
  coldMs: number;
  /** Wall time of each timed run (process.hrtime.bigint). */
  timesMs: number[];
  /** CPU time (user + system, all threads) of each timed run: unlike wall time, not inflated by other load. */
  cpuMs: number[];
  /** What the tool reported on the file: problem counts by severity, rows read, or errors found. */
  findings: Record<string, number>;
}

type Run = () => Promise<Record<string, number>>;

function makeRun(tool: Tool, file: string, dialect: BenchDialect, text: string): Run {
  switch (tool) {
    case 'csv-parse':
      return async () => ({ records: (parse(text, { bom: true, relax_column_count: true }) as string[][]).length });
    case 'model':
      return async () => {
        const model = new CsvModel(text);
        return { records: model.recordCount, csvErrors: model.errors().length };
      };
    case 'validate': {
      const service = createNodeLanguageService();
      // The forced dialect would hide detection cost; the server detects too, so do the same.
      return async () => {
        const result = service.validate(text);
        const counts: Record<string, number> = { problems: result.problems.length, detected: result.dialect?.id === dialect ? 1 : 0 };
        for (const p of result.problems) counts[p.severity] = (counts[p.severity] ?? 0) + 1;
        return counts;
      };
    }
    case 'tableschema': {
      const { Schema, Table } = require('tableschema') as TableSchemaModule;
      return async () => {
        const schema = await Schema.load(peerSchema(dialect));
        const table = await Table.load(file, { schema, headers: 1 });
        let rows = 0;
        let invalidRows = 0;
        for await (const row of await table.iter({ forceCast: true })) {
          rows++;
          if (row instanceof Error) invalidRows++;
        }
        return { rows, invalidRows };
      };
    }
  }
}

function maxRssKiB(): number {
  return process.resourceUsage().maxRSS;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  const [tool, file, dialect, minRunsArg, budgetArg] = process.argv.slice(2) as [Tool, string, BenchDialect, string, string];
  const minRuns = Number(minRunsArg);
  const budgetMs = Number(budgetArg);
  const baselineRssKiB = maxRssKiB();
  const text = readFileSync(file, 'utf8');
  const run = makeRun(tool, file, dialect, text);

  // Cold run: its peak is the memory figure; it is also the first warm-up.
  let start = process.hrtime.bigint();
  const findings = await run();
  const coldMs = msSince(start);
  const peakRssKiB = maxRssKiB();

  // More warm-up on small files, where one run is too short to get the JIT going.
  const warmUntil = process.hrtime.bigint() + BigInt(Math.round(Math.max(0, 300 - coldMs) * 1e6));
  while (process.hrtime.bigint() < warmUntil) await run();

  const timesMs: number[] = [];
  const cpuMs: number[] = [];
  const deadline = process.hrtime.bigint() + BigInt(budgetMs) * 1_000_000n;
  while (timesMs.length < minRuns || (timesMs.length < 15 && process.hrtime.bigint() < deadline)) {
    collectGarbage();
    const cpuStart = process.cpuUsage();
    start = process.hrtime.bigint();
    await run();
    timesMs.push(msSince(start));
    const cpu = process.cpuUsage(cpuStart);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  const result: WorkerResult = { tool, baselineRssKiB, peakRssKiB, coldMs, timesMs, cpuMs, findings };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
