// temp probe (not kept)
import { writeFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { generateCsv } from './generate';
import { LspSession } from './lsp';
const rows = Number(process.argv[2] ?? 40000);
const file = `/tmp/mem/data/portsip-${rows}.csv`;
let text: string;
try { text = readFileSync(file, 'utf8'); } catch { text = generateCsv('portsip-v22', rows); writeFileSync(file, text); }
function status(pid: number) { const s = readFileSync(`/proc/${pid}/status`, 'utf8'); const g = (k: string) => Math.round(Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)![1]) / 1024); return `HWM ${g('VmHWM')} MiB RSS ${g('VmRSS')} MiB`; }
(async () => {
  const session = await LspSession.start('/work/main/bin/pbx-user-csv-language-server.js', pathToFileURL('/tmp/mem/data').href);
  const pid = session.process.pid!;
  console.log('start', status(pid));
  const uri = pathToFileURL(file).href;
  const t0 = Date.now();
  const opens = Number(process.env.OPENS ?? 1);
  for (let i = 1; i < opens; i++) { await session.open(uri, text); await session.close(uri); console.log('reopen', i, status(pid)); }
  const opened = await session.open(uri, text);
  console.log('open', Date.now() - t0, 'ms diags', opened.diagnostics.length, status(pid));
  await new Promise((r) => setTimeout(r, 1500));
  console.log('open+1.5s', status(pid));
  const lines: number[] = Array.from({ length: 20 }, (_, i) => 1 + Math.floor(((i + 0.5) * rows) / 20));
  let v = 1; let seen = 0;
  for (const line of lines) {
    let pos = 0; for (let l = 0; l < line; l++) pos = text.indexOf('\n', pos) + 1;
    const c0 = text.indexOf(',', pos) + 1; const len = text.indexOf(',', c0) - c0;
    const r = await session.change(uri, ++v, { start: { line, character: c0 - pos }, end: { line, character: c0 - pos + len } }, 'maybe');
    if (r.diagnostics.some((d) => d.range.start.line === line && d.severity === 1)) seen++;
  }
  console.log('edits seen', seen, status(pid));
  if (process.env.SNAP) { process.kill(pid, 'SIGUSR2'); await new Promise((r) => setTimeout(r, 20000)); }
  await new Promise((r) => setTimeout(r, 1500));
  console.log('edits+1.5s', status(pid));
  await session.close(uri);
  await new Promise((r) => setTimeout(r, 1500));
  console.log('closed+1.5s', status(pid));
  await session.shutdown();
})().catch((e) => { console.error(e); process.exit(1); });
