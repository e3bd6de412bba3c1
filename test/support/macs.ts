// A PortSIP v22 file whose phones cells list one MAC many times: the duplicate-MAC check must stay linear
// (positions from one pass), or such a file froze the server for minutes.
const HEADER = 'name,enabled,password,extension_number,extension_password,email,display_name,voicemail_pin,phones';

export const DUPLICATED_MAC = '0c:38:3e:63:fe:e8';

/** A phone object with every key the v22 schema requires. */
const PHONE = {
  mac: DUPLICATED_MAC,
  filename: 'fanvil.ph.xml',
  vendor: 'Fanvil',
  model: 'V62 Pro',
  password: 'Pw63fee8',
  language: 'ENGLISH',
  timezone: 'GMT-5:00 US Eastern Time, New York',
  transfer: 'BLIND',
  codecs: ['PCMU'],
  interface: 'WEB_DOMAIN',
  preferred_transport: 'UDP',
};

/** Two users (lines 2 and 3) with `phonesPerRow` phones each, all with the same MAC. */
export function duplicatedMacFile(phonesPerRow: number): { text: string; firstMacStart: number } {
  const cell = `"${JSON.stringify(Array.from({ length: phonesPerRow }, () => PHONE)).replace(/"/g, '""')}"`;
  const row = (i: number) => `user${i},TRUE,Vt9#qLm2$w,10${i},Hq7!xR4pz%,user${i}@example.com,User ${i},493817,${cell}`;
  const text = `${HEADER}\n${row(1)}\n${row(2)}\n`;
  return { text, firstMacStart: text.indexOf(DUPLICATED_MAC) };
}
