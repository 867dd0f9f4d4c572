// Stand-in for node-emoji in the CLI bundle. marked-terminal imports it unconditionally; sysd turns
// emoji replacement off, so no `:name:` is ever looked up. Unknown names stay as written.
export function get() {
    return undefined;
}
