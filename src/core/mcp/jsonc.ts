// The JSONC parser's two functions that mcp.json needs, as one module config.ts loads on first use
// (requiring the package itself would keep all of it in the bundle: edit, format, visitors).
export { parse, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
