// The editing features work on an open session's document (no second parse of a big file); the document
// must be the session's current one, after its edits, and sessions must not share it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeLanguageService } from '../../server/src/node/resources';

test('hover on a text an open session was updated to answers from that text, not the one it opened with', () => {
  const service = createNodeLanguageService();
  const v22 = { dialect: 'portsip-v22' };
  const before = 'name,enabled,sms,password\nalice,TRUE,ALLOW,x\n';
  const after = 'name,sms,enabled,password\nalice,ALLOW,TRUE,x\n';
  const session = service.openDocument(before, v22);
  const smsInBefore = before.indexOf('ALLOW') + 1;
  const opened = session.document();
  assert.ok(opened);
  assert.match(service.hover(opened, smsInBefore)?.contents ?? '', /^\*\*sms\*\*/);

  session.update(after, v22);
  const document = session.document();
  assert.ok(document);
  assert.equal(document.model.text, after);
  const offset = after.indexOf('TRUE') + 1;
  const result = service.hover(document, offset);
  assert.ok(result, 'a hover on the edited text');
  assert.match(result.contents, /^\*\*enabled\*\*/);
  assert.deepEqual({ start: result.start, end: result.end }, { start: after.indexOf('TRUE'), end: after.indexOf('TRUE') + 4 });
});

test('a text no session holds is parsed on its own, and leaves the open session as it was', () => {
  const service = createNodeLanguageService();
  const v22 = { dialect: 'portsip-v22' };
  const opened = 'name,enabled\nalice,TRUE\n';
  const session = service.openDocument(opened, v22);
  const other = 'name,email,enabled\nbob,bob@example.com,FALSE\n';
  const parsed = service.parse(other, v22);
  assert.ok(parsed);
  const result = service.hover(parsed, other.indexOf('FALSE') + 2);
  assert.match(result?.contents ?? '', /^\*\*enabled\*\*/);
  const own = session.document();
  assert.ok(own);
  assert.equal(own.model.text, opened);
  assert.match(service.hover(own, opened.indexOf('TRUE') + 2)?.contents ?? '', /^\*\*enabled\*\*/);
});
