// SARIF 2.1.0 output (`--format sarif`) for code-scanning services. Buffered: tool.driver.rules lists the rules
// that occur, so the log is written once every file is checked.
import { pathToFileURL } from 'node:url';
import type { FileOutcome, Location } from '../check';
import type { Formatter, RunSummary, ToolInfo, Write } from './types';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';
/** Result URIs are relative to this base, which originalUriBaseIds maps to the working directory. */
export const SOURCE_ROOT = '%SRCROOT%';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

interface SarifOptions {
  tool: ToolInfo;
  cwd: string;
  describeRule: (ruleId: string) => string;
}

export function createSarifFormatter(write: Write, options: SarifOptions): Formatter {
  const ruleIds = new Set<string>();
  const pending: Array<{ ruleId: string; result: Record<string, unknown> }> = [];
  const notifications: object[] = [];

  return {
    file(outcome: FileOutcome): void {
      const artifactLocation = { uri: toUriReference(outcome.displayPath), uriBaseId: SOURCE_ROOT };
      if (outcome.kind === 'unreadable') {
        notifications.push({
          level: 'error',
          message: { text: `cannot check "${outcome.displayPath}": ${outcome.reason}` },
          locations: [{ physicalLocation: { artifactLocation } }],
        });
        return;
      }
      for (const problem of outcome.problems) {
        ruleIds.add(problem.rule);
        const result: Record<string, unknown> = {
          ruleId: problem.rule,
          level: LEVEL[problem.severity],
          message: { text: problem.message },
          locations: [{ physicalLocation: { artifactLocation, region: region(problem.location) } }],
        };
        if (problem.related.length > 0) {
          result.relatedLocations = problem.related.map((info, id) => ({
            id,
            message: { text: info.message },
            physicalLocation: { artifactLocation, region: region(info.location) },
          }));
        }
        pending.push({ ruleId: problem.rule, result });
      }
    },
    end(_summary: RunSummary): void {
      const rules = [...ruleIds].sort();
      const ruleIndex = new Map(rules.map((id, index) => [id, index]));
      const log = {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: options.tool.name,
                version: options.tool.version,
                semanticVersion: options.tool.version,
                informationUri: options.tool.informationUri,
                rules: rules.map((id) => ({ id, shortDescription: { text: options.describeRule(id) } })),
              },
            },
            invocations: [
              { executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications },
            ],
            originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(options.cwd) } },
            columnKind: 'utf16CodeUnits',
            results: pending.map(({ ruleId, result }) => ({ ...result, ruleIndex: ruleIndex.get(ruleId) })),
          },
        ],
      };
      write(JSON.stringify(log, null, 2) + '\n');
    },
  };
}

function region(location: Location) {
  return {
    startLine: location.start.line,
    startColumn: location.start.column,
    endLine: location.end.line,
    endColumn: location.end.column,
  };
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`…), `/` kept. */
export function toUriReference(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : href + '/';
}
