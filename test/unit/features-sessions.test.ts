// Editing features reuse the model of an open session for the same text (no second parse of a big file);
// the reused model must be the session's current one, after its edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeLanguageService } from '../../server/src/node/resources';

test('hover on a text an open session was updated to answers from that text, not the one it opened with', () => {
  const service = createNodeLanguageService();
  const v22 = { dialect: 'portsip-v22' };
  const before = 'name,enabled,sms,password\nalice,TRUE,ALLOW,x\n';
  const after = 'name,sms,enabled,password\nalice,ALLOW,TRUE,x\n';
  const session = service.openDocument!(before, v22);
  const smsInBefore = before.indexOf('ALLOW') + 1;
  assert.match(service.hover!(before, smsInBefore, v22)?.contents ?? '', /^\*\*sms\*\*/);

  session.update(after, v22);
  const offset = after.indexOf('TRUE') + 1;
  const result = service.hover!(after, offset, v22);
  assert.ok(result, 'a hover on the edited text');
  assert.match(result.contents, /^\*\*enabled\*\*/);
  assert.deepEqual({ start: result.start, end: result.end }, { start: after.indexOf('TRUE'), end: after.indexOf('TRUE') + 4 });
});

test('a text no session holds is parsed on its own', () => {
  const service = createNodeLanguageService();
  const v22 = { dialect: 'portsip-v22' };
  service.openDocument!('name,enabled\nalice,TRUE\n', v22);
  const other = 'name,email,enabled\nbob,bob@example.com,FALSE\n';
  const result = service.hover!(other, other.indexOf('FALSE') + 2, v22);
  assert.match(result?.contents ?? '', /^\*\*enabled\*\*/);
});
