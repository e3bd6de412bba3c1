// The files several end-to-end suites open, read once here, and the package version they expect installed.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './scripts';

export const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The examples' PortSIP v22 file with one mistake per row. */
export const MISTAKES = 'portsip-v22-mistakes.csv';
export const MISTAKES_TEXT = readFileSync(path.join(REPO_ROOT, 'examples', MISTAKES), 'utf8');

/** A small PortSIP v22 file of ours: row 2 is clean, row 3 has three mistakes. */
export const FIXTURE = 'portsip-v22-e2e.csv';
export const FIXTURE_TEXT = readFileSync(path.join(REPO_ROOT, 'test', 'e2e', 'fixtures', FIXTURE), 'utf8');

/** The middle value (the upper one of an even count). */
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
