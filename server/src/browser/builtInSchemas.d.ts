// The `schemas/` folder's files (path below it → text), embedded by scripts/bundle.mjs into the worker bundle.
declare module 'pbx-user-csv:built-in-schemas' {
  const files: Record<string, string>;
  export default files;
}
