// The --help text.
export const USAGE = `Usage: pbx-user-csv <command> [options]

Checks bulk user-import CSV files for PortSIP PBX (v22, v16) and XiVO (import, update).

Commands:
  validate [paths|globs...]  Check files (default: the current directory). Directories are
                             searched recursively for *.csv (node_modules and .git skipped);
                             quote globs, e.g. 'users/**/*.csv'. Files named explicitly are
                             checked whatever their extension. CSVs whose header matches no
                             dialect are skipped silently (the summary counts them).
  dialects                   List the dialect ids (with --dialect-file: custom ones too).

Options:
  --dialect ID          Check every file as this dialect instead of detecting it
                        from the header (see "pbx-user-csv dialects").
  --dialect-file PATH   Load a custom dialect file; repeatable.
  --format FORMAT       text (default), json or sarif (SARIF 2.1.0). "dialects": text or json.
  --max-warnings N      Fail (exit 1) when there are more than N warnings.
  --max-problems N      Report at most N problems per file (default 1000).
  --quiet               Report errors only.
  -h, --help            Show this help.
  -v, --version         Show the version.

Text output: one "file:line:col: severity message [rule]" line per problem (line and
column 1-based, columns in UTF-16 code units), then a summary line.

Exit codes: 0 no errors; 1 errors, or more warnings than --max-warnings;
            2 bad usage or unreadable input.
`;
