// A long validation lets other requests through: while a big file is being checked, a hover in another
// file is answered before the big file's diagnostics are published (the server checks in slices and lets
// pending messages in between them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from './lspTestClient';

/** PortSIP rows with office hours that differ on every row, so no JSON verdict is reused: a slow file. */
function bigPortsipFile(rows: number): string {
  const lines = ['name,enabled,password,extension_number,extension_password,email,voicemail_pin,office_hours'];
  for (let i = 0; i < rows; i++) {
    const minute = String(i % 60).padStart(2, '0');
    const hour = String(8 + (i % 3)).padStart(2, '0');
    const hours = `{""mode"":""CUSTOM"",""monday"":{""enabled"":true,""ranges"":[{""from"":""${hour}:${minute}"",""to"":""17:${minute}""}]},""tuesday"":{""enabled"":false,""ranges"":[]},""note"":${i}}`;
    lines.push(`user${i},TRUE,Vt9#qLm2$w,${10000 + i},Hq7!xR4pz%,user${i}@example.com,493817,"${hours}"`);
  }
  return lines.join('\n') + '\n';
}

test('a hover in a small file is answered while a big file is being validated', async () => {
  const client = await LspTestClient.start();
  try {
    const small = 'file:///r/small.csv';
    await client.openAndSettle(small, 'name,enabled,password,extension_number,extension_password,email\nann,TRUE,Vt9#qLm2$w,101,Hq7!xR4pz%,ann@example.com\n');
    const hover = () => client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 1, character: 5 } });
    assert.ok(await hover(), 'the small file has a hover');

    const big = 'file:///r/big.csv';
    const events: string[] = [];
    const published = client.waitForDiagnostics(big).then(() => events.push('big file published'));
    await client.open(big, bigPortsipFile(60_000));
    // Once the server has taken the big file in (the hover below is queued behind its didOpen), ask about
    // the small one a few times while the big one is checked.
    for (let i = 0; i < 3; i++) {
      await hover();
      events.push(`hover ${i} answered`);
    }
    await published;
    assert.deepEqual(events.slice(0, 3), ['hover 0 answered', 'hover 1 answered', 'hover 2 answered']);
  } finally {
    await client.stop();
  }
});
