// Rule ids of the embedded-JSON checks, with one-line descriptions (README, severity overrides, quick fixes).

import type { RuleInfo } from '../types';

export const jsonRules: readonly RuleInfo[] = [
  { id: 'json-syntax', defaultSeverity: 'error', description: 'A JSON cell does not parse; points at the offending character.' },
  { id: 'json-type', defaultSeverity: 'error', description: 'A JSON value has the wrong type (e.g. a string where a number is expected).' },
  { id: 'json-enum', defaultSeverity: 'error', description: 'A JSON value is not one of the allowed values.' },
  { id: 'json-pattern', defaultSeverity: 'error', description: 'A JSON string does not have the required form (time, MAC, number, door password).' },
  { id: 'json-range', defaultSeverity: 'error', description: 'A JSON number is outside its allowed range.' },
  { id: 'json-missing-key', defaultSeverity: 'error', description: 'A required key is missing from a JSON object.' },
  { id: 'json-unknown-key', defaultSeverity: 'warning', description: 'A JSON object has a key the importer does not know (ignored).' },
  { id: 'json-schema', defaultSeverity: 'error', description: 'Any other JSON Schema violation.' },
  { id: 'json-time-order', defaultSeverity: 'error', description: 'An office-hours range ends before (or when) it starts.' },
  { id: 'json-time-overlap', defaultSeverity: 'warning', description: 'Two office-hours ranges of one day overlap.' },
  { id: 'json-days-ignored', defaultSeverity: 'hint', description: 'Office hours with mode GLOBAL: the days configured in the cell are ignored.' },
  { id: 'json-number-required', defaultSeverity: 'error', description: 'A forward rule with action FORWARD_TO_NUMBER has no number.' },
  { id: 'json-number-ignored', defaultSeverity: 'hint', description: 'A forward rule sets a number that its action ignores.' },
  { id: 'json-duplicate-mac', defaultSeverity: 'error', description: 'The same phone MAC address appears twice in the file; provisioning will fail.' },
  { id: 'json-mac-case', defaultSeverity: 'error', description: 'A phone MAC address is not lowercase.' },
  { id: 'json-language-case', defaultSeverity: 'hint', description: 'A phone language is accepted but not in its canonical upper-case spelling.' },
  { id: 'json-unknown-codec', defaultSeverity: 'warning', description: 'A phone codec is not one of the known codecs (PCMU, PCMA, G729, G722).' },
  { id: 'json-too-many-blfs', defaultSeverity: 'error', description: 'More than 200 BLF keys in one cell.' },
  { id: 'json-unescaped', defaultSeverity: 'error', description: 'A JSON document was pasted into the CSV without doubling its quotes or wrapping the cell in quotes.' },
];
