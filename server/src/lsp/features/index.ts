// Editing features over LSP: completion, hover, quick fixes, semantic tokens, document symbols.
export { EDITING_CAPABILITIES, registerEditingFeatures, type EditingContext } from './register';
