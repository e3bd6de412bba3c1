// `pbx-user-csv validate` on real files, text output and exit codes. Expected lines are derived from the spec
import { createNodeLanguageService } from '../../server/src/node/resources';
// (/work/shared/spec/dialects.md): e.g. a PortSIP boolean written `yes` is error `value-boolean`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lines, makeTree, PORTSIP_HEADER, portsipRow, runCli, XIVO_HEADER, XIVO_ROW } from './helpers';
import { DAMAGES, leakedSecrets, secretsFile } from '../support/secrets';
import { DUPLICATED_MAC, duplicatedMacFile } from '../support/macs';

const VALID = `${PORTSIP_HEADER}\n${portsipRow('alice', '1001')}\n`;
/** Line 2: `bob,` is 4 characters, so `yes` spans columns 5–7. */
const WITH_ERROR = `${PORTSIP_HEADER}\n${portsipRow('bob', '1002', { enabled: 'yes' })}\n`;
const ERROR_LINE = 'users.csv:2:5: error enabled must be TRUE or FALSE, found "yes" [value-boolean]';
const GUESSED_V22 = /^users\.csv: dialect portsip-v22 \(.+, guessed from the header\)$/;

describe('validate: text output and exit codes', () => {
  test('a valid PortSIP file: dialect line, summary, exit 0', () => {
    const run = runCli(['validate', 'users.csv'], makeTree({ 'users.csv': VALID }));
    assert.equal(run.stderr, '');
    const out = lines(run.stdout);
    assert.equal(out.length, 2, run.stdout);
    assert.match(out[0], GUESSED_V22);
    assert.equal(out[1], '1 file: 1 user CSV, 0 with errors — 0 errors, 0 warnings');
    assert.equal(run.status, 0);
  });

  test('a file with an error: the file:line:col line, exit 1', () => {
    const run = runCli(['validate', 'users.csv'], makeTree({ 'users.csv': WITH_ERROR }));
    const out = lines(run.stdout);
    assert.equal(out.length, 3, run.stdout);
    assert.match(out[0], GUESSED_V22);
    assert.equal(out[1], ERROR_LINE);
    assert.equal(out[2], '1 file: 1 user CSV, 1 with errors — 1 error, 0 warnings');
    assert.equal(run.status, 1);
  });

  test('paths are shown relative to the working directory', () => {
    const folder = makeTree({ 'exports/2024/users.csv': WITH_ERROR });
    const run = runCli(['validate', 'exports'], folder);
    assert.ok(lines(run.stdout).includes(ERROR_LINE.replace('users.csv', 'exports/2024/users.csv')), run.stdout);
    assert.equal(run.status, 1);
  });

  test('a folder of user and other CSVs: one summary for all, exit 1 when any file has errors', () => {
    const folder = makeTree({ 'cities.csv': 'city,population\nLyon,522000\n', 'error.csv': WITH_ERROR, 'valid.csv': VALID });
    const run = runCli(['validate', '.'], folder);
    const out = lines(run.stdout);
    assert.equal(out.length, 4, run.stdout);
    assert.match(out[0], /^error\.csv: dialect portsip-v22 /);
    assert.equal(out[1], ERROR_LINE.replace('users.csv', 'error.csv'));
    assert.match(out[2], /^valid\.csv: dialect portsip-v22 /);
    assert.equal(out[3], '3 files: 2 user CSVs, 1 with errors — 1 error, 0 warnings');
    assert.equal(run.status, 1);
  });
});

describe('validate: custom dialect patterns', () => {
  test('a pattern with catastrophic backtracking checks a 40-character cell and the run ends', () => {
    // On a backtracking engine ^(a+)+$ takes about 2^40 steps on this cell: the run would never end.
    const dialect = { id: 'evil', label: 'Evil', description: 'd', extends: 'xivo', columns: [{ name: 'code', pattern: '^(a+)+$', patternDescription: 'a run of a' }] };
    const cell = `${'a'.repeat(40)}!`;
    const folder = makeTree({ 'evil.dialect.json': JSON.stringify(dialect), 'users.csv': `entity_id,firstname,code\n1,Jim,${cell}\n` });
    const run = runCli(['validate', '--dialect-file', 'evil.dialect.json', '--dialect', 'evil', '--quiet', 'users.csv'], folder, 60_000);
    assert.equal(run.status, 1);
    assert.equal(lines(run.stdout)[0], `users.csv:2:7: error code must be a run of a, found "${'a'.repeat(40)}!" [value-pattern]`);
  });
});

describe('validate: one MAC listed 100,000 times', () => {
  test('every duplicate is counted and the first is reported, the run ends', () => {
    // Was quadratic (each MAC's line counted from its row start): 100,000 phones took more than three minutes.
    const { text, firstMacStart } = duplicatedMacFile(50_000);
    const folder = makeTree({ 'users.csv': text });
    const run = runCli(['validate', '--max-problems', '1', '--quiet', 'users.csv'], folder, 120_000);
    assert.equal(run.status, 1);
    const columnOf = (offset: number) => offset - text.indexOf('\n'); // 1-based, on line 2
    const second = text.indexOf(DUPLICATED_MAC, firstMacStart + 1);
    assert.deepEqual(lines(run.stdout).slice(0, 2), [
      `users.csv:2:${columnOf(firstMacStart)}: error MAC ${DUPLICATED_MAC} is also used on line 2, 3: provisioning will fail [json-duplicate-mac]`,
      `    related: users.csv:2:${columnOf(second)}: the same MAC on line 2`,
    ]);
  });
});

describe('validate: text output is safe for terminals and CI logs', () => {
  test('control characters from file names and header cells are escaped; no line starts with file content or "::"', () => {
    // A header cell with a line break, a GitHub Actions command, an ESC sequence, a bidi override and a C1 CSI;
    // the file's name starts like a command too.
    const name = 'x\n::error::pwned\u001b[2J\u202e\u009b';
    const folder = makeTree({ '::warning::users.csv': `entity_id,firstname,"${name}"\n1,Jim\n` });
    const run = runCli(['validate', '.'], folder);
    assert.equal(run.status, 1);
    const escaped = 'x\\n::error::pwned\\x1b[2J\\u202e\\x9b';
    assert.deepEqual(lines(run.stdout), [
      './::warning::users.csv: dialect xivo (XiVO users import)',
      './::warning::users.csv:1:22: warning Unknown column "x\\n::error::pwned\\u001b[2J\\u202e\\x9b": the XiVO importer silently ignores columns it does not know [header-unknown-column]',
      `./::warning::users.csv:3:1: error Row has 2 cells but the header has 3: missing ${escaped}; the XiVO importer reads the missing cells as empty (boolean columns then fail, integer columns crash the import) [row-short]`,
      '1 file: 1 user CSV, 1 with errors — 1 error, 1 warning',
    ]);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(run.stdout), 'no control character but the line ends');
  });

  test('a path with a line break is escaped on stderr', () => {
    const run = runCli(['validate', 'missing\n::error::x.csv'], makeTree({}));
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'pbx-user-csv: cannot read "missing\\n::error::x.csv": no such file or directory\n');
  });
});

describe('validate: --dialect', () => {
  test('forces the dialect: a PortSIP file checked as XiVO lacks its required column', () => {
    const run = runCli(['validate', '--dialect', 'xivo', 'users.csv'], makeTree({ 'users.csv': VALID }));
    const out = lines(run.stdout);
    assert.match(out[0], /^users\.csv: dialect xivo \([^,]+\)$/); // forced: not "guessed"
    const missing = out.filter((line) => /^users\.csv:1:\d+: error .* \[header-missing-column\]$/.test(line));
    assert.deepEqual(missing, ['users.csv:1:1: error Missing required column firstname: the importer rejects a user without a first name [header-missing-column]'], run.stdout);
    assert.equal(run.status, 1);
  });

  test('--dialect none: not a user CSV, nothing reported, exit 0', () => {
    const run = runCli(['validate', '--dialect', 'none', 'users.csv'], makeTree({ 'users.csv': WITH_ERROR }));
    assert.equal(run.stdout, '1 file: 0 user CSVs, 0 with errors — 0 errors, 0 warnings\n');
    assert.equal(run.status, 0);
  });
});

describe('validate: warnings, --max-warnings and --quiet', () => {
  // An unknown column is a warning on the header; `nickname` starts right after PORTSIP_HEADER and its comma.
  const column = PORTSIP_HEADER.length + 2;
  const withWarning = `${PORTSIP_HEADER},nickname\n${portsipRow('alice', '1001')},Ally\n`;
  const folder = makeTree({
    'users.csv': withWarning,
    'both.csv': `${PORTSIP_HEADER},nickname\n${portsipRow('bob', '1002', { enabled: 'yes' })},Bobby\n`,
  });
  const warningLine = new RegExp(`^users\\.csv:1:${column}: warning .*nickname.* \\[[a-z0-9-]+\\]$`);

  test('warnings alone exit 0', () => {
    const run = runCli(['validate', 'users.csv'], folder);
    const out = lines(run.stdout);
    assert.equal(out.length, 3, run.stdout);
    assert.match(out[1], warningLine);
    assert.equal(out[2], '1 file: 1 user CSV, 0 with errors — 0 errors, 1 warning');
    assert.equal(run.status, 0);
  });

  test('--max-warnings 0 fails on one warning, with a message', () => {
    const run = runCli(['validate', '--max-warnings', '0', 'users.csv'], folder);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'pbx-user-csv: 1 warnings, more than --max-warnings 0\n');
  });

  test('--max-warnings 1 allows one warning', () => {
    const run = runCli(['validate', '--max-warnings', '1', 'users.csv'], folder);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
  });

  test('--quiet prints errors only (no dialect or warning lines); the summary still counts warnings', () => {
    const run = runCli(['validate', '--quiet', 'both.csv'], folder);
    assert.deepEqual(lines(run.stdout), [
      'both.csv:2:5: error enabled must be TRUE or FALSE, found "yes" [value-boolean]',
      '1 file: 1 user CSV, 1 with errors — 1 error, 1 warning',
    ]);
    assert.equal(run.status, 1);
  });

  test('--quiet with --max-warnings still gates on the hidden warnings', () => {
    const run = runCli(['validate', '--quiet', '--max-warnings', '0', 'users.csv'], folder);
    assert.deepEqual(lines(run.stdout), ['1 file: 1 user CSV, 0 with errors — 0 errors, 1 warning']);
    assert.equal(run.status, 1);
  });
});

describe('validate: encodings', () => {
  test('invalid UTF-8 in a user CSV: error not-utf8 at the first bad byte; the rest is still checked', () => {
    // `ë` is two bytes but one UTF-16 unit: the column counts characters, the message gives the byte offset.
    const before = `${PORTSIP_HEADER}\ncarol,TRUE,Kx7#mQ2!vR,1003,Tz4$pW9&nL,carol@example.com,Zoë Ren`;
    const bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xe9]), Buffer.from(' Roy,739164\n')]);
    const byteOffset = Buffer.byteLength(before, 'utf8');
    const column = 'carol,TRUE,Kx7#mQ2!vR,1003,Tz4$pW9&nL,carol@example.com,Zoë Ren'.length + 1;
    const run = runCli(['validate', 'users.csv'], makeTree({ 'users.csv': bytes }));
    const out = lines(run.stdout);
    assert.equal(out.length, 3, run.stdout);
    assert.match(out[0], GUESSED_V22);
    assert.equal(
      out[1],
      `users.csv:2:${column}: error The file is not valid UTF-8: the byte at offset ${byteOffset} cannot be decoded (here). ` +
        'The importer needs UTF-8: re-save the file with UTF-8 encoding. [not-utf8]',
    );
    assert.equal(out[2], '1 file: 1 user CSV, 1 with errors — 1 error, 0 warnings');
    assert.equal(run.status, 1);
  });

  test('invalid UTF-8 and a rule error in the same file: both reported, in file order', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${PORTSIP_HEADER}\n${portsipRow('bob', '1002', { enabled: 'yes' })}\ncarol,TRUE,Kx7#mQ2!vR,1003,Tz4$pW9&nL,carol@example.com,`),
      Buffer.from([0xff]),
      Buffer.from(',739164\n'),
    ]);
    const run = runCli(['validate', 'users.csv'], makeTree({ 'users.csv': bytes }));
    const out = lines(run.stdout);
    assert.equal(out.length, 4, run.stdout);
    assert.equal(out[1], ERROR_LINE);
    assert.match(out[2], /^users\.csv:3:57: error The file is not valid UTF-8: .* \[not-utf8\]$/);
    assert.equal(run.status, 1);
  });

  test('a user CSV saved as UTF-16 is checked, with one error saying the importer needs UTF-8', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${XIVO_HEADER}\n${XIVO_ROW}\n`, 'utf16le')]);
    const run = runCli(['validate', 'users.csv'], makeTree({ 'users.csv': utf16 }));
    assert.deepEqual(lines(run.stdout).slice(1), [
      'users.csv:1:1: error The file is saved as UTF-16 (little-endian), but the importer needs UTF-8: save it with UTF-8 encoding. [not-utf8]',
      '1 file: 1 user CSV, 1 with errors — 1 error, 0 warnings',
    ]);
    assert.match(lines(run.stdout)[0], /^users\.csv: dialect xivo \(/);
    assert.equal(run.status, 1);
  });

  test('a CSV saved as UTF-16 that is not a user CSV stays silent', () => {
    const run = runCli(['validate', 'cities.csv'], makeTree({ 'cities.csv': Buffer.from('city,population\nLyon,522000\n', 'utf16le') }));
    assert.deepEqual(lines(run.stdout), ['1 file: 0 user CSVs, 0 with errors — 0 errors, 0 warnings']);
    assert.equal(run.status, 0);
  });

  test('a UTF-8 BOM reaches the core: XiVO reports it (warning at 1:1), the header is still recognised', () => {
    const run = runCli(['validate', 'users.csv'], makeTree({ 'users.csv': `\ufeff${XIVO_HEADER}\n${XIVO_ROW}\n` }));
    const out = lines(run.stdout);
    assert.equal(out.length, 3, run.stdout);
    assert.match(out[0], /^users\.csv: dialect xivo \(/);
    assert.match(out[1], /^users\.csv:1:1: warning .+ \[[a-z0-9-]+\]$/);
    assert.equal(out[2], '1 file: 1 user CSV, 0 with errors — 0 errors, 1 warning');
    assert.equal(run.status, 0);
  });

  test('the same XiVO file without a BOM has no warning', () => {
    const run = runCli(['validate', 'users.csv'], makeTree({ 'users.csv': `${XIVO_HEADER}\n${XIVO_ROW}\n` }));
    const out = lines(run.stdout);
    assert.equal(out.length, 2, run.stdout);
    assert.match(out[0], /^users\.csv: dialect xivo \(/);
    assert.equal(out[1], '1 file: 1 user CSV, 0 with errors — 0 errors, 0 warnings');
    assert.equal(run.status, 0);
  });

  test('a PortSIP file with a BOM is still detected and has no error', () => {
    const run = runCli(['validate', 'users.csv'], makeTree({ 'users.csv': `\ufeff${VALID}` }));
    assert.match(lines(run.stdout)[0], GUESSED_V22);
    assert.equal(run.status, 0);
  });
});

describe('validate: old formats', () => {
  test('a XiVO file from before 15.20 is reported on its header', () => {
    const legacy = 'entityid|firstname|lastname|phonenumber|context|protocol\n1|John|Doe|1000|default|sip\n';
    const run = runCli(['validate', 'old.csv'], makeTree({ 'old.csv': legacy }));
    assert.deepEqual(lines(run.stdout), [
      'old.csv: dialect xivo (XiVO users import)',
      'old.csv:1:1: error This file is in the import format of XiVO before 15.20 ("|"-separated, old column names): XiVO 15.20 replaced "|" by commas ' +
        'and renamed the columns (entityid → entity_id, phonenumber → exten, protocol → line_protocol), so the importer reads the whole header as one ' +
        'unknown column and rejects every row (firstname is missing). Convert the file to commas and the current names. [header-legacy-format]',
      '1 file: 1 user CSV, 1 with errors — 1 error, 0 warnings',
    ]);
    assert.equal(run.status, 1);
  });
});

describe('validate: secrets and size', () => {
  test('secret cells never reach the output, in any format', () => {
    // Policy findings (warnings) on both passwords and the PIN: the messages must not quote the values.
    const row = 'dave,TRUE,Secr3tValue,1004,Hidd3nValue,dave@example.com,Dave Roe,111111';
    const folder = makeTree({ 'users.csv': `${PORTSIP_HEADER}\n${row}\n` });
    for (const format of ['text', 'json', 'sarif']) {
      const run = runCli(['validate', '--format', format, 'users.csv'], folder);
      assert.ok(run.stdout.length > 0);
      for (const secret of ['Secr3tValue', 'Hidd3nValue', '111111']) {
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `${format} output shows ${secret}`);
      }
    }
  });

  test('secrets in rows broken by a stray quote, an unquoted or a lost comma never reach the output, for every dialect and format', () => {
    const service = createNodeLanguageService();
    for (const id of ['portsip-v22', 'portsip-v16', 'xivo', 'xivo-update']) {
      const files: Record<string, string> = {};
      const secrets: string[] = [];
      for (const damage of DAMAGES) {
        for (const kind of ['password', 'digits'] as const) {
          const file = secretsFile(service.dialect!(id)!, damage, kind);
          files[`${damage.replace(' ', '-')}-${kind}.csv`] = file.text;
          for (const secret of file.secrets) secrets.push(secret);
        }
      }
      const folder = makeTree(files);
      for (const format of ['text', 'json', 'sarif']) {
        const run = runCli(['validate', '--dialect', id, '--format', format, '.'], folder);
        assert.equal(run.status, 1, `${id} ${format}: the broken rows have errors`);
        assert.deepEqual(leakedSecrets(run.stdout + run.stderr, secrets), [], `${id} ${format}`);
      }
    }
  });

  test('a file over 50 MiB (more than VS Code opens) is checked: error on its last line', { timeout: 180_000 }, () => {
    const rows = [PORTSIP_HEADER];
    let size = PORTSIP_HEADER.length + 1;
    for (let i = 0; size <= 50 * 1024 * 1024; i++) {
      const row = portsipRow(`u${i}`, String(100000 + i));
      rows.push(row);
      size += row.length + 1;
    }
    rows.push(portsipRow('last', '99999999', { enabled: 'yes' }));
    const lastLine = rows.length;
    const run = runCli(['validate', 'big.csv'], makeTree({ 'big.csv': rows.join('\n') + '\n' }));
    const out = lines(run.stdout);
    assert.equal(out.length, 3, run.stdout.slice(0, 2000));
    assert.equal(out[1], `big.csv:${lastLine}:6: error enabled must be TRUE or FALSE, found "yes" [value-boolean]`);
    assert.equal(run.status, 1);
  });
});
