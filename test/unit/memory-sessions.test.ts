// What an editing session keeps in memory: a closed document's session lets go of its text and model, and
// values are read from the text on demand, so one cell's edit never shows in another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DocumentSessions } from '../../server/src/lsp/documentSessions';
import { createNodeLanguageService } from '../../server/src/node/resources';

const v22 = { dialect: 'portsip-v22' };

test('a closed session holds an empty text and no problems; an open one holds its text', () => {
  const service = createNodeLanguageService();
  const text = 'name,enabled\nalice,maybe\n';
  const open = service.openDocument(text, v22);
  const closed = service.openDocument(text, v22);
  closed.close();

  assert.equal(open.text, text);
  assert.ok(open.validate()!.problems.some((p) => p.start === text.indexOf('maybe')));
  assert.equal(closed.text, '');
  assert.deepEqual(closed.validate(), { problems: [] });
  assert.equal(closed.document()?.model.recordCount, 0);
});

test('DocumentSessions.close empties the session, and the next validation of the URI starts afresh', () => {
  const service = createNodeLanguageService();
  const sessions = new DocumentSessions(() => service);
  const text = 'name,enabled\nalice,maybe\n';
  sessions.validate('file:///a.csv', text, v22);
  sessions.close('file:///a.csv');

  // "maybe" in `enabled` (line 1, characters 6–11) is found again after the close.
  const again = sessions.validate('file:///a.csv', text, v22)!;
  const problem = again.problems.find((p) => p.start === text.indexOf('maybe'));
  assert.ok(problem, 'the invalid boolean is reported');
  assert.equal(problem.severity, 'error');
  assert.equal(problem.end, text.indexOf('maybe') + 'maybe'.length);
});

test('a closed session updated again agrees with a full validation of the new text', () => {
  const service = createNodeLanguageService();
  const session = service.openDocument('name,enabled\nalice,TRUE\n', v22);
  session.close();
  const text = 'name,enabled\nbob,maybe\n';
  session.update(text, v22);
  assert.deepEqual(session.validate(), service.validate(text, v22));
  assert.equal(session.text, text);
});

test('cells with equal long values each read their own value, also after one of them is edited', () => {
  const service = createNodeLanguageService();
  const json = '"{""mode"":""GLOBAL"",""monday"":true}"';
  const value = '{"mode":"GLOBAL","monday":true}';
  const text = `name,enabled,office_hours\nalice,TRUE,${json}\nbob,TRUE,${json}\ncarol,TRUE,${json}\n`;
  const session = service.openDocument(text, v22);
  const officeHours = () => {
    const model = session.document()!.model;
    return [1, 2, 3].map((r) => model.value(r, 2));
  };
  assert.deepEqual(officeHours(), [value, value, value]);

  // Bob's cell becomes "GLOBAL" → "CUSTOM" (same length); Alice's and Carol's stay.
  const at = text.indexOf('GLOBAL', text.indexOf('bob'));
  session.update([{ start: at, end: at + 'GLOBAL'.length, text: 'CUSTOM' }], v22);
  assert.deepEqual(officeHours(), [value, '{"mode":"CUSTOM","monday":true}', value]);
  // Bob's cell starts after "bob,TRUE," and its opening quote; the record starts on line 2.
  const model = session.document()!.model;
  assert.equal(model.recordLine(2), 2);
  assert.equal(model.cellSpan(2, 2).start, text.indexOf('bob') + 'bob,TRUE,"'.length);
});

/** Full garbage collection, so that heapUsed counts only what is still reachable. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // Twice: what the first collection frees can release more (weakly held caches) in the second.
  gc();
  gc();
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

test('opening and closing a document several times does not keep the closed models alive', () => {
  const service = createNodeLanguageService();
  const sessions = new DocumentSessions(() => service);
  const row = (i: number) => `user_${i},TRUE,${'x'.repeat(40)}_${i},${'{""a"":1}'.repeat(8)}_${i}\n`;
  const text = 'name,enabled,display_name,notes\n' + Array.from({ length: 60_000 }, (_, i) => row(i)).join('');
  // Warm-up: compiled code, caches and the text itself are not what is measured.
  sessions.validate('file:///big.csv', text, v22);
  sessions.close('file:///big.csv');

  const base = heapUsed();
  sessions.validate('file:///big.csv', text, v22);
  const oneOpen = heapUsed() - base;
  sessions.close('file:///big.csv');
  for (let i = 0; i < 5; i++) {
    sessions.validate('file:///big.csv', text, v22);
    sessions.close('file:///big.csv');
  }
  const afterCloses = heapUsed() - base;

  // 60,000 records of 4 cells: the model alone holds megabytes; closed, nothing of it stays.
  assert.ok(oneOpen > 2_000_000, `one open session weighs ${oneOpen} bytes`);
  assert.ok(afterCloses < oneOpen / 4, `after the closes ${afterCloses} bytes stay (one open session: ${oneOpen})`);
});
