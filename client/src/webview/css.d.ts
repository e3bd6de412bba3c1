// esbuild bundles the page's stylesheet into dist/table.css when the script imports it.
declare module '*.css';
