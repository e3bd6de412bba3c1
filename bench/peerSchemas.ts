// Frictionless Table Schemas equivalent to our rules for the SCALAR columns of each bench dialect
// (JSON columns are declared as plain strings: tableschema has no way to check their shape).
import { BenchDialect, PORTSIP_V22_COLUMNS, XIVO_COLUMNS } from './generate';

export interface TableSchemaField {
  name: string;
  type: string;
  format?: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: Record<string, unknown>;
}

export interface TableSchemaDescriptor {
  fields: TableSchemaField[];
  missingValues?: string[];
}

/** The part of the `tableschema` package the peer run uses (its bundled typings are incomplete). */
export interface TableSchemaModule {
  Schema: { load(descriptor: TableSchemaDescriptor): Promise<unknown> };
  Table: {
    load(source: string, options: { schema: unknown; headers: number }): Promise<{
      iter(options: { forceCast: boolean }): Promise<AsyncIterable<unknown>>;
    }>;
  };
}

const portsipBool: Omit<TableSchemaField, 'name'> = { type: 'boolean', trueValues: ['TRUE'], falseValues: ['FALSE'] };
const xivoBool: Omit<TableSchemaField, 'name'> = { type: 'boolean', trueValues: ['1'], falseValues: ['0'] };
const anchored = (pattern: string) => `^(?:${pattern})$`;
const oneOf = (...values: string[]) => ({ type: 'string', constraints: { enum: values } });

const PORTSIP: Record<string, Omit<TableSchemaField, 'name'>> = {
  name: { type: 'string', constraints: { required: true, unique: true, pattern: anchored("(?!\\.)[A-Za-z0-9_\\-'.]{1,64}(?<!\\.)") } },
  enabled: portsipBool,
  password: { type: 'string', constraints: { required: true, minLength: 6, maxLength: 32 } },
  extension_number: { type: 'string', constraints: { required: true, unique: true, pattern: anchored('[0-9]{3,64}') } },
  extension_password: { type: 'string', constraints: { required: true, minLength: 6, maxLength: 32 } },
  email: { type: 'string', format: 'email', constraints: { required: true, maxLength: 128 } },
  display_name: { type: 'string', constraints: { maxLength: 1024 } },
  enable_audio_recording: portsipBool,
  enable_video_recording: portsipBool,
  enable_acb: portsipBool,
  enable_dnd: portsipBool,
  enable_hot_desking: portsipBool,
  anonymous_outbound_calls: portsipBool,
  delivery_outbound_cid: portsipBool,
  sms: oneOf('DISABLE', 'ALLOW_WITH_SENDER_ID', 'ALLOW'),
  voicemail_prompt: { type: 'string', constraints: { pattern: anchored('[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*') } },
  enable_voicemail_pin: portsipBool,
  voicemail_pin: { type: 'string', constraints: { required: true, pattern: anchored('[0-9]{6,10}') } },
  voicemail_play_datetime: oneOf('TRUE', 'FALSE', 'DISABLE', '12_HOUR_CLOCK', '24_HOUR_CLOCK'),
  enable_voicemail_notify: portsipBool,
  interface: oneOf('WEB_DOMAIN', 'PUBLIC_IPV4', 'PUBLIC_IPV6', 'PRIVATE_IPV4', 'PRIVATE_IPV6', 'SBC_DOMAIN'),
  preferred_transport: oneOf('UDP', 'TCP', 'TLS'),
  role: { type: 'string' },
};

const int = (min: number, max?: number): Omit<TableSchemaField, 'name'> => ({
  type: 'integer',
  constraints: max === undefined ? { minimum: min } : { minimum: min, maximum: max },
});

const XIVO: Record<string, Omit<TableSchemaField, 'name'>> = {
  entity_id: { type: 'integer', constraints: { required: true, minimum: 0 } },
  firstname: { type: 'string', constraints: { required: true, maxLength: 128 } },
  lastname: { type: 'string', constraints: { maxLength: 128 } },
  email: { type: 'string', format: 'email', constraints: { unique: true, maxLength: 254 } },
  language: { type: 'string', constraints: { pattern: anchored('[a-z]{2}_[A-Z]{2}') } },
  mobile_phone_number: { type: 'string', constraints: { pattern: anchored('\\+?[0-9*#]+'), maxLength: 80 } },
  outgoing_caller_id: { type: 'string', constraints: { maxLength: 80 } },
  enabled: xivoBool,
  supervision_enabled: xivoBool,
  call_transfer_enabled: xivoBool,
  dtmf_hangup_enabled: xivoBool,
  simultaneous_calls: int(1, 20),
  ring_seconds: int(0, 60),
  call_permission_password: { type: 'string', constraints: { pattern: anchored('[0-9#*]{1,16}') } },
  cti_profile_enabled: xivoBool,
  username: { type: 'string', constraints: { unique: true } },
  exten: { type: 'string', constraints: { pattern: anchored('[*#0-9]{1,40}') } },
  line_protocol: oneOf('sip', 'sccp'),
  sip_username: { type: 'string', constraints: { unique: true, pattern: anchored('[-_.a-zA-Z0-9]{1,79}') } },
  sip_secret: { type: 'string', constraints: { maxLength: 4092 } },
  webrtc: xivoBool,
  incall_exten: { type: 'string', constraints: { pattern: anchored('[*#0-9]{1,40}') } },
  incall_ring_seconds: int(0),
  voicemail_name: { type: 'string', constraints: { maxLength: 80 } },
  voicemail_number: { type: 'string', constraints: { pattern: anchored('[0-9]{1,40}') } },
  voicemail_password: { type: 'string', constraints: { pattern: anchored('[0-9]{1,80}') } },
  voicemail_email: { type: 'string', constraints: { maxLength: 80 } },
  voicemail_attach_audio: xivoBool,
  voicemail_delete_messages: xivoBool,
  voicemail_ask_password: xivoBool,
  call_permissions: { type: 'string', constraints: { pattern: anchored('[^;]+(;[^;]+)*') } },
};

/** Every column of the file must be declared (tableschema checks the header against the fields). */
export function peerSchema(dialect: BenchDialect): TableSchemaDescriptor {
  const [columns, rules] = dialect === 'portsip-v22' ? [PORTSIP_V22_COLUMNS, PORTSIP] : [XIVO_COLUMNS, XIVO];
  return {
    missingValues: [''],
    fields: columns.map((name) => ({ name, ...(rules[name] ?? { type: 'string' }) })),
  };
}
