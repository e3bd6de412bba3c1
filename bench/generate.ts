// Realistic bulk-import files for the benchmark: every column of the dialect, valid values per
// /work/shared/spec/dialects.md (so the validator does the full amount of work, not an early exit),
// unique names / extensions / e-mails / MACs, JSON cells shaped like the PortSIP seed examples.
import { createRandom, Random } from './random';

const FIRST = ['Jim', 'Anna', 'Li', 'Sofia', 'Omar', 'Grace', 'Ivan', 'Maria', 'Kenji', 'Amara', 'Lukas', 'Chloe', 'Raj', 'Elena', 'Tom', 'Yara'];
const LAST = ['Keeny', 'Smith', 'Wang', 'Rossi', 'Haddad', 'Okafor', 'Petrov', 'Garcia', 'Tanaka', 'Mensah', 'Weber', 'Martin', 'Patel', 'Novak', 'Berg', 'Silva'];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export const PORTSIP_V22_API_FORWARD_COLUMNS = [
  'available_office_hours_forward_rule', 'available_non_office_hours_forward_rule', 'available_no_answer_forward_rule',
  'busy_office_hours_forward_rule', 'busy_non_office_hours_forward_rule', 'busy_no_answer_forward_rule',
  'dnd_office_hours_forward_rule', 'dnd_non_office_hours_forward_rule',
  'away_office_hours_forward_rule', 'away_non_office_hours_forward_rule',
  'lunch_office_hours_forward_rule', 'lunch_non_office_hours_forward_rule',
  'trip_office_hours_forward_rule', 'trip_non_office_hours_forward_rule',
  'offline_office_hours_forward_rule', 'offline_non_office_hours_forward_rule',
];

/** The seed's v22 column order, then the v22 REST API forward-rule columns not already in it. */
export const PORTSIP_V22_COLUMNS = [
  'name', 'enabled', 'password', 'extension_number', 'extension_password', 'email', 'display_name',
  'enable_audio_recording', 'enable_video_recording', 'enable_acb', 'enable_dnd', 'enable_hot_desking',
  'office_hours', 'anonymous_outbound_calls', 'delivery_outbound_cid', 'sms', 'voicemail_prompt',
  'enable_voicemail_pin', 'voicemail_pin', 'voicemail_play_datetime', 'enable_voicemail_notify',
  'online_no_answer_forward_rule', 'online_busy_forward_rule', 'offline_office_hours_forward_rule',
  'offline_non_office_hours_forward_rule', 'custom_forward_rules', 'blfs', 'interface', 'preferred_transport',
  'custom_options', 'role', 'phones',
  ...PORTSIP_V22_API_FORWARD_COLUMNS.filter((c) => !c.startsWith('offline_')),
];

export const XIVO_COLUMNS = [
  'entity_id', 'firstname', 'lastname', 'email', 'language', 'mobile_phone_number', 'outgoing_caller_id',
  'enabled', 'supervision_enabled', 'call_transfer_enabled', 'dtmf_hangup_enabled', 'simultaneous_calls',
  'ring_seconds', 'call_permission_password', 'cti_profile_enabled', 'username', 'password', 'cti_profile_name',
  'exten', 'context', 'line_protocol', 'sip_username', 'sip_secret',
  'incall_exten', 'incall_context', 'incall_ring_seconds', 'voicemail_name', 'voicemail_number',
  'voicemail_context', 'voicemail_password', 'voicemail_email', 'voicemail_attach_audio',
  'voicemail_delete_messages', 'voicemail_ask_password', 'call_permissions',
];

/** RFC 4180 quoting: only when needed, `"` doubled. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SPECIALS = '!#$%&*?^_~';
/** The special characters XiVO's CTI login password allows. */
const CTI_SPECIALS = '!$&*_~';

/**
 * A string that passes the default password policy: letters + digits + specials, no two neighbours
 * equal or adjacent in the alphabet/digits (so no sequential or repeating runs of any length).
 */
export function policyPassword(random: Random, length: number, specials = SPECIALS): string {
  const classes = [LETTERS, DIGITS, specials];
  let out = '';
  for (let i = 0; i < length; i++) {
    const pool = i < 3 ? classes[i] : random.pick(classes);
    let c: string;
    do c = pool[random.int(0, pool.length - 1)];
    while (out.length > 0 && Math.abs(c.toLowerCase().charCodeAt(0) - out[out.length - 1].toLowerCase().charCodeAt(0)) <= 1);
    out += c;
  }
  return out;
}

/** Digits only, no repeated or consecutive neighbours (passes the default voicemail PIN policy). */
export function policyPin(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    let d: number;
    do d = random.int(0, 9);
    while (out.length > 0 && Math.abs(d - Number(out[out.length - 1])) <= 1);
    out += String(d);
  }
  return out;
}

function hex2(n: number): string {
  return (n & 255).toString(16).padStart(2, '0');
}

function officeHours(random: Random): object {
  if (random.chance(0.3)) {
    return { mode: 'GLOBAL', ...Object.fromEntries(DAYS.map((d) => [d, { enabled: true, ranges: [] }])) };
  }
  const split = random.chance(0.5);
  return {
    mode: 'CUSTOM',
    ...Object.fromEntries(
      DAYS.map((d, i) => [
        d,
        i < 5
          ? { enabled: true, ranges: split ? [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:30' }] : [{ from: '08:30', to: '17:00' }] }
          : { enabled: false, ranges: [] },
      ]),
    ),
  };
}

function forwardRule(random: Random, extension: number, actions: string[]): object {
  const action = random.pick(actions);
  return { action, timeout: random.pick([20, 30, 60]), number: action === 'FORWARD_TO_NUMBER' ? String(extension) : '' };
}

function phone(random: Random, index: number): object {
  return {
    mac: `0c:38:3e:${hex2(index >> 16)}:${hex2(index >> 8)}:${hex2(index)}`,
    rps: random.chance(0.5),
    https: false,
    model: 'V62 Pro',
    codecs: ['PCMU', 'PCMA', 'G729', 'G722'],
    vendor: 'Fanvil',
    filename: 'fanvil.ph.xml',
    language: 'ENGLISH',
    password: policyPin(random, 6),
    ringtone: 'Default',
    timezone: 'GMT+8 China(Beijing)',
    transfer: random.pick(['BLIND', 'ATTENDED']),
    interface: 'WEB_DOMAIN',
    pc_port_id: 254,
    enable_lldp: false,
    wan_port_id: 256,
    queue_ringtone: 'Ring 1',
    pc_port_priority: 0,
    wan_port_priority: 0,
    enable_vlan_pc_port: false,
    preferred_transport: 'UDP',
    enable_vlan_wan_port: false,
  };
}

/** One PortSIP v22 data record (cells, unquoted). Averages ~1.2 KB once quoted. */
export function portsipV22Row(random: Random, index: number, rows: number): string[] {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  const extension = 10000 + index;
  const colleague = 10000 + ((index + 1) % rows);
  const bool = (p: number) => (random.chance(p) ? 'TRUE' : 'FALSE');
  const json = (v: object) => JSON.stringify(v);
  const basic = ['FORWARD_TO_NUMBER', 'FORWARD_TO_VOICEMAIL', 'HANGUP'];
  const apiRules = random.chance(0.05);
  const cells: Record<string, string> = {
    name: `${first.toLowerCase()}_${last.toLowerCase()}_${index}`,
    enabled: bool(0.95),
    password: policyPassword(random, 12),
    extension_number: String(extension),
    extension_password: policyPassword(random, 14),
    email: `${first.toLowerCase()}.${last.toLowerCase()}.${index}@example.com`,
    display_name: `${first} ${last}`,
    enable_audio_recording: bool(0.2),
    enable_video_recording: 'FALSE',
    enable_acb: bool(0.5),
    enable_dnd: 'FALSE',
    enable_hot_desking: bool(0.1),
    office_hours: json(officeHours(random)),
    anonymous_outbound_calls: 'FALSE',
    delivery_outbound_cid: 'TRUE',
    sms: random.pick(['DISABLE', 'ALLOW', 'ALLOW_WITH_SENDER_ID']),
    voicemail_prompt: random.pick(['en-US', 'en-GB', 'fr-FR', 'de-DE', 'zh-CN']),
    enable_voicemail_pin: 'TRUE',
    voicemail_pin: policyPin(random, 8),
    voicemail_play_datetime: random.pick(['DISABLE', '12_HOUR_CLOCK', '24_HOUR_CLOCK']),
    enable_voicemail_notify: bool(0.5),
    online_no_answer_forward_rule: json(forwardRule(random, colleague, basic)),
    online_busy_forward_rule: json(forwardRule(random, colleague, [...basic, 'RING_ANYWAY'])),
    offline_office_hours_forward_rule: json(forwardRule(random, colleague, basic)),
    offline_non_office_hours_forward_rule: json(forwardRule(random, colleague, basic)),
    custom_forward_rules: random.chance(0.15)
      ? json([{ action: 'FORWARD_TO_NUMBER', number: String(colleague), caller_id: '+15550100', type: 'SPECIFIC_HOURS', hours: { monday: { enabled: true, ranges: [{ from: '12:00', to: '13:00' }] } } }])
      : '[]',
    blfs: random.chance(0.4)
      ? json([{ key: '1', value: String(colleague), first_name: random.pick(FIRST), last_name: random.pick(LAST) }])
      : '[]',
    interface: 'WEB_DOMAIN',
    preferred_transport: random.pick(['UDP', 'TCP', 'TLS']),
    custom_options: '',
    role: random.chance(0.95) ? 'StandardUser' : 'QueueManager',
    phones: random.chance(0.25) ? json([phone(random, index)]) : '[]',
  };
  for (const column of PORTSIP_V22_API_FORWARD_COLUMNS) {
    if (column in cells) continue;
    const actions = column.startsWith('available_') || column.startsWith('busy_') ? [...basic, 'RING_ANYWAY'] : basic;
    cells[column] = apiRules ? json(forwardRule(random, colleague, column.endsWith('no_answer_forward_rule') ? basic : actions)) : '';
  }
  return PORTSIP_V22_COLUMNS.map((c) => cells[c]);
}

/** One XiVO import record (cells, unquoted). */
export function xivoRow(random: Random, index: number): string[] {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  const exten = String(100000 + index);
  const hasCti = random.chance(0.3);
  const hasVoicemail = random.chance(0.7);
  const bool = (p: number) => (random.chance(p) ? '1' : '0');
  const cells: Record<string, string> = {
    entity_id: '1',
    firstname: first,
    lastname: last,
    email: `${first.toLowerCase()}.${last.toLowerCase()}.${index}@example.com`,
    language: random.pick(['en_US', 'fr_FR', 'de_DE', 'es_ES', 'fr_CA']),
    mobile_phone_number: `0${random.int(600000000, 799999999)}`,
    outgoing_caller_id: `${first} ${last}`,
    enabled: '1',
    supervision_enabled: bool(0.5),
    call_transfer_enabled: bool(0.5),
    dtmf_hangup_enabled: bool(0.2),
    simultaneous_calls: String(random.int(1, 20)),
    ring_seconds: String(5 * random.int(1, 12)),
    call_permission_password: policyPin(random, 6),
    cti_profile_enabled: hasCti ? '1' : '0',
    username: hasCti ? `${first.toLowerCase()}${index}` : '',
    password: hasCti ? policyPassword(random, 12, CTI_SPECIALS) : '',
    cti_profile_name: hasCti ? 'Client' : '',
    exten,
    context: 'default',
    line_protocol: random.chance(0.9) ? 'sip' : 'sccp',
    sip_username: `sip${index}`,
    sip_secret: policyPassword(random, 16),
    incall_exten: random.chance(0.5) ? String(2000000 + index) : '',
    incall_context: '',
    incall_ring_seconds: '',
    voicemail_name: hasVoicemail ? `Voicemail for ${first} ${last}` : '',
    voicemail_number: hasVoicemail ? exten : '',
    voicemail_context: hasVoicemail ? 'default' : '',
    voicemail_password: hasVoicemail ? policyPin(random, 6) : '',
    voicemail_email: hasVoicemail ? `${first.toLowerCase()}.${last.toLowerCase()}.${index}@example.com` : '',
    voicemail_attach_audio: hasVoicemail ? bool(0.5) : '',
    voicemail_delete_messages: hasVoicemail ? '0' : '',
    voicemail_ask_password: hasVoicemail ? '1' : '',
    call_permissions: random.chance(0.3) ? 'international;premium' : '',
  };
  if (cells.incall_exten) {
    cells.incall_context = 'from-extern';
    cells.incall_ring_seconds = '30';
  }
  return XIVO_COLUMNS.map((c) => cells[c]);
}

export type BenchDialect = 'portsip-v22' | 'xivo';

/** The `enabled` value that is an error in each dialect. */
export const INVALID_ENABLED: Record<BenchDialect, string> = { 'portsip-v22': 'maybe', xivo: '2' };

/**
 * A whole file: header + `rows` records, CRLF-free (`\n`), no BOM, deterministic for a given seed. With
 * `errorEvery` n, every n-th record (the first included) has an invalid `enabled` cell: exactly
 * ceil(rows / n) errors, for checking that every one of them is reported.
 */
export function generateCsv(dialect: BenchDialect, rows: number, seed = 22, errorEvery = 0): string {
  const random = createRandom(seed);
  const header = dialect === 'portsip-v22' ? PORTSIP_V22_COLUMNS : XIVO_COLUMNS;
  const enabled = header.indexOf('enabled');
  const lines: string[] = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = dialect === 'portsip-v22' ? portsipV22Row(random, i, rows) : xivoRow(random, i);
    if (errorEvery > 0 && i % errorEvery === 0) cells[enabled] = INVALID_ENABLED[dialect];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
