import { readFileSync } from 'node:fs';
import { createLanguageService } from '../server/src/service/index';
const text0 = readFileSync(process.argv[2], 'utf8');
const svc = createLanguageService();
const mb = () => { (globalThis as any).gc(); const m = process.memoryUsage(); return `heap ${(m.heapUsed/1048576).toFixed(0)} ext ${(m.external/1048576).toFixed(0)} rss ${(m.rss/1048576).toFixed(0)}`; };
console.log('start', mb());
const s = svc.openDocument!(text0, {});
console.log('open', mb(), s.result.problems.length);
let text = text0;
let pos = 0;
for (let i = 0; i < 20; i++) {
  pos = text.indexOf('\n', pos + 2000000) + 1;
  const c0 = text.indexOf(',', pos) + 1; const c1 = text.indexOf(',', c0);
  const change = { start: c0, end: c1, text: 'maybe' };
  text = text.slice(0, c0) + 'maybe' + text.slice(c1);
  const before = process.memoryUsage().heapUsed;
  const r = s.update({ text, changes: [change] });
  const after = process.memoryUsage().heapUsed;
  if (i % 5 === 0) console.log('edit', i, 'alloc~', ((after - before) / 1048576).toFixed(1), r.problems.length, mb());
}
console.log('edits', mb());
