// The validation engine: the coordinator and the rules it runs.
export { RULES, RULE_IDS } from './rules';
export { Coordinator, type ReplacementCharacters } from './coordinator';
export { findReplacementCharacters } from './structure';
export { byPosition, isOff, withOverride } from './problems';
