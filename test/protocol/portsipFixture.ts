// A PortSIP user file that is clean except for `enabled`, and the one diagnostic it gets: every required column
// is present (name, password, extension_number, extension_password, email, voicemail_pin), the passwords satisfy
// the default policy (letters, digits, special characters, no runs, no name/extension inside) and the PIN has six
// digits without repeats or runs.
export const PORTSIP_HEADER = 'name,enabled,password,extension_number,extension_password,email,voicemail_pin';

export const portsipWith = (enabled: string): string =>
  `${PORTSIP_HEADER}\nalice,${enabled},Xk9#mPq2!z,1001,Rt7$wLn4@v,alice@example.com,482915\n`;

// `enabled` is the second cell of line 1: "alice," is 6 UTF-16 units long.
export const ENABLED_CELL_START = { line: 1, character: 6 };

export function booleanError(found: string) {
  return {
    range: { start: ENABLED_CELL_START, end: { line: 1, character: 6 + found.length } },
    severity: 1,
    code: 'value-boolean',
    source: 'pbx-user-csv',
    message: `enabled must be TRUE or FALSE, found "${found}"`,
  };
}

export const BOOLEAN_ERROR = booleanError('yes');
