// Every regex `pattern` in the dialect files and the embedded-JSON schemas must run in linear time on long
// adversarial inputs: a pattern with catastrophic backtracking would freeze validation on one bad cell.
// Patterns are found by walking the JSON (test/support/patterns.ts).
// Each pattern runs in a worker thread that is terminated when it overruns, so a runaway regex fails the
// test instead of hanging it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from './fuzzSupport';
import { builtInPatterns } from '../support/patterns';

const SCHEMAS = path.join(repoRoot(), 'schemas');
const LENGTH = 50_000;
/** A linear match over 50k characters takes well under a millisecond; quadratic takes seconds. Generous: shared CI. */
const MAX_MS_PER_INPUT = 250;
const WORKER_TIMEOUT_MS = 5_000;

/**
 * Inputs built from the pattern's own characters (each repeated, pairs repeated) plus the classic ones,
 * every one followed by a character that makes the match fail at the very end — what drives backtracking.
 */
function adversarialInputs(source: string): string[] {
  const own = [...new Set(source.replace(/\\[dDwWsSbB]/g, '').split('').filter((c) => c.charCodeAt(0) > 32 && !'^$()?*+{}|'.includes(c)))];
  const alphabet = [...new Set(['a', 'A', '0', '9', ' ', '-', '_', '.', ':', '@', '+', ...own])].slice(0, 40);
  const endings = ['!', '\u0000', '\n', ' '];
  const inputs: string[] = [];
  for (const c of alphabet) for (const end of endings) inputs.push(c.repeat(LENGTH) + end);
  const pairsOf = alphabet.slice(0, 14);
  for (const a of pairsOf) for (const b of pairsOf) if (a !== b) inputs.push((a + b).repeat(LENGTH / 2) + '!');
  inputs.push('a1'.repeat(LENGTH / 2) + '!', 'aa@'.repeat(LENGTH / 3) + '!', '0c:'.repeat(LENGTH / 3) + '!', '09:00'.repeat(LENGTH / 5) + '!');
  return inputs;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { source, flags, inputs } = workerData;
const regex = new RegExp(source, flags);
let worst = 0, worstInput = -1;
inputs.forEach((input, i) => {
  const start = process.hrtime.bigint();
  regex.test(input);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (ms > worst) { worst = ms; worstInput = i; }
});
parentPort.postMessage({ worst, worstInput });
`;

/** Runs every input through the regex in a worker; resolves with the slowest input, or 'timeout'. */
function timeInWorker(source: string, flags: string, inputs: string[], timeoutMs = WORKER_TIMEOUT_MS): Promise<{ worst: number; worstInput: number } | 'timeout'> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source, flags, inputs } });
    const timer = setTimeout(() => void worker.terminate().then(() => resolve('timeout')), timeoutMs);
    worker.once('message', (m: { worst: number; worstInput: number }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const { found, distinct } = builtInPatterns(SCHEMAS);

describe('regex patterns of the dialect and JSON schema files run in linear time', () => {
  test('the dialect files and JSON schemas with patterns are found', () => {
    const files = new Set(found.map((p) => p.file));
    assert.ok([...files].some((f) => f.endsWith('.dialect.json')), `patterns in a dialect file (found in: ${[...files].join(', ')})`);
    assert.ok([...files].some((f) => f.startsWith('json')), `patterns in a JSON schema (found in: ${[...files].join(', ')})`);
  });

  test('the checker flags a pattern with catastrophic backtracking', async () => {
    // Guards the guard: a known exponential pattern must be caught, or a pass below would mean nothing.
    const result = await timeInWorker('^(a+)+$', 'u', ['a'.repeat(40) + '!'], 1_000);
    assert.ok(result === 'timeout' || result.worst > MAX_MS_PER_INPUT, `(a+)+ was not caught: ${JSON.stringify(result)}`);
  });

  for (const pattern of distinct) {
    test(`${pattern.file} ${pattern.where}: /${pattern.source}/`, async () => {
      // ajv compiles JSON Schema patterns with the `u` flag; the dialect engine may not: try both that compile.
      for (const flags of ['u', '']) {
        try {
          new RegExp(pattern.source, flags);
        } catch {
          continue;
        }
        const inputs = adversarialInputs(pattern.source);
        let result = await timeInWorker(pattern.source, flags, inputs);
        // A busy machine can stall one input: measure once more before calling it super-linear.
        if (result !== 'timeout' && result.worst > MAX_MS_PER_INPUT) result = await timeInWorker(pattern.source, flags, inputs);
        assert.notEqual(result, 'timeout', `/${pattern.source}/${flags} did not finish ${inputs.length} inputs of ${LENGTH} chars within ${WORKER_TIMEOUT_MS} ms: catastrophic backtracking`);
        if (result !== 'timeout') {
          const sample = JSON.stringify(inputs[result.worstInput].slice(0, 12) + '…');
          assert.ok(result.worst <= MAX_MS_PER_INPUT, `/${pattern.source}/${flags} took ${result.worst.toFixed(1)} ms on ${sample} (${LENGTH} chars): super-linear backtracking`);
        }
      }
    });
  }
});
