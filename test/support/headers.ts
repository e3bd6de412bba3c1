// Minimal valid rows per dialect, so a test changes one cell and expects exactly one finding.

/** PortSIP: the required columns plus a few common ones. */
export const PORTSIP_HEADER = 'name,enabled,password,extension_number,extension_password,email,display_name,voicemail_pin,sms,role';
export function portsipRow(i: number, overrides: Partial<Record<string, string>> = {}): string {
  const cells: Record<string, string> = {
    name: `user${i}`,
    enabled: 'TRUE',
    password: 'Vt9#qLm2$w',
    extension_number: String(100 + i),
    extension_password: 'Hq7!xR4pz%',
    email: `user${i}@example.com`,
    display_name: `User ${i}`,
    voicemail_pin: '493817',
    sms: 'DISABLE',
    role: 'StandardUser',
    ...overrides,
  };
  return PORTSIP_HEADER.split(',').map((c) => cells[c] ?? '').join(',');
}

/** XiVO import: user, phone line, voicemail and CTI columns. */
export const XIVO_HEADER =
  'entity_id,firstname,lastname,email,language,mobile_phone_number,enabled,simultaneous_calls,ring_seconds,cti_profile_enabled,username,password,cti_profile_name,exten,context,line_protocol,sip_username,sip_secret,incall_exten,incall_context,voicemail_name,voicemail_number,voicemail_context,voicemail_password,call_permissions';
export function xivoRow(i: number, overrides: Partial<Record<string, string>> = {}): string {
  const cells: Record<string, string> = {
    entity_id: '1',
    firstname: `First${i}`,
    lastname: `Last${i}`,
    email: `user${i}@example.com`,
    language: 'en_US',
    enabled: '1',
    simultaneous_calls: '5',
    ring_seconds: '30',
    cti_profile_enabled: '0',
    exten: String(1000 + i),
    context: 'default',
    line_protocol: 'sip',
    ...overrides,
  };
  return XIVO_HEADER.split(',').map((c) => cells[c] ?? '').join(',');
}
