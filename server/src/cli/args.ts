// Command-line parsing for `pbx-user-csv`. Uses node:util parseArgs; every mistake becomes a UsageError (exit 2).
import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'sarif';
const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

export interface ValidateCommand {
  kind: 'validate';
  /** Paths, directories or globs as typed; empty means the current directory. */
  operands: string[];
  dialect?: string;
  dialectFiles: string[];
  format: OutputFormat;
  /** Undefined: no limit. */
  maxWarnings?: number;
  maxProblems?: number;
  quiet: boolean;
}

export interface DialectsCommand {
  kind: 'dialects';
  dialectFiles: string[];
  format: 'text' | 'json';
}

export type Command = { kind: 'help' } | { kind: 'version' } | ValidateCommand | DialectsCommand;

export class UsageError extends Error {}

const OPTIONS = {
  dialect: { type: 'string' },
  'dialect-file': { type: 'string', multiple: true },
  format: { type: 'string' },
  'max-warnings': { type: 'string' },
  'max-problems': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Options that only make sense for `validate`. */
const VALIDATE_ONLY = ['dialect', 'max-warnings', 'max-problems', 'quiet'] as const;

export function parseCommandLine(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeCounts(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [commandName, ...operands] = positionals;
  if (commandName === undefined) throw new UsageError('missing command: expected "validate" or "dialects"');
  const dialectFiles = values['dialect-file'] ?? [];

  if (commandName === 'validate') {
    const format = values.format ?? 'text';
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, found "${format}"`);
    }
    if (values.dialect !== undefined && values.dialect.trim() === '') throw new UsageError('--dialect needs a dialect id');
    return {
      kind: 'validate',
      operands,
      dialect: values.dialect,
      dialectFiles,
      format: format as OutputFormat,
      maxWarnings: parseCount('--max-warnings', values['max-warnings']),
      maxProblems: parseCount('--max-problems', values['max-problems']),
      quiet: values.quiet ?? false,
    };
  }

  if (commandName === 'dialects') {
    if (operands.length > 0) throw new UsageError(`"dialects" takes no arguments, found "${operands[0]}"`);
    for (const name of VALIDATE_ONLY) {
      if (values[name] !== undefined) throw new UsageError(`--${name} applies only to "validate"`);
    }
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      throw new UsageError(`--format for "dialects" must be text or json, found "${format}"`);
    }
    return { kind: 'dialects', dialectFiles, format };
  }

  throw new UsageError(`unknown command "${commandName}": expected "validate" or "dialects"`);
}

/** Options whose value is a count (checked by parseCount). */
const COUNT_OPTIONS = new Set(['--max-warnings', '--max-problems']);

/**
 * `--max-warnings -1`: parseArgs takes `-1` for an option and would say "needs a value". Joined as
 * `--max-warnings=-1`, the count check says what is wrong with it.
 */
function joinNegativeCounts(argv: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (COUNT_OPTIONS.has(argv[i]) && /^-[0-9.]/.test(argv[i + 1] ?? '')) joined.push(`${argv[i]}=${argv[++i]}`);
    else joined.push(argv[i]);
  }
  return joined;
}

function parseCount(option: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`${option} needs a whole number ≥ 0, found "${raw}"`);
  return Number(raw);
}

/** parseArgs' messages mention its own API ("place it at the end … after '--'"); keep only the useful part. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option ? `unknown option ${option}` : message;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(--?[\w-]+)/.exec(message)?.[1];
    if (option && /argument missing|ambiguous/.test(message)) return `${option} needs a value`;
    if (option && /does not take an argument/.test(message)) return `${option} does not take a value`;
  }
  return message;
}
