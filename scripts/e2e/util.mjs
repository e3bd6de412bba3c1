// Small process helpers shared by the end-to-end scripts.
import { spawn } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';

/**
 * Runs a command to completion, streaming its output to `log` (a line sink), and rejects with the tail
 * of its output when it exits non-zero or outlives `timeoutMs` (the whole process group is then killed).
 */
export function run(command, args, { cwd, env, timeoutMs = 15 * 60_000, log = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new Error(`${command} ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(tail);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}\n${tail}`));
    });
  });
}

/** Kills a detached child's whole process group; ignores groups that are already gone. */
export function killGroup(pid, signal = 'SIGKILL') {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already exited */
    }
  }
}

export async function exists(p) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Cross-process lock: mkdir is atomic, so only one process installs into the cache at a time.
 * A lock older than `staleMs` is taken over (its holder was killed).
 */
export async function withLock(lockDir, fn, { staleMs = 30 * 60_000, waitMs = 30 * 60_000 } = {}) {
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const info = await stat(lockDir).catch(() => null);
      if (info && Date.now() - info.mtimeMs > staleMs) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > waitMs) throw new Error(`timed out waiting for lock ${lockDir}`);
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
