#!/usr/bin/env node
// The sysd language server for any editor that speaks the Language Server Protocol (Neovim, Helix,
// Emacs, Sublime Text...): see docs/editors.md. It talks over standard input and output unless
// another transport is named (--node-ipc, --socket=<port>, --pipe=<name>). The bundle is built by
// `npm run build` (esbuild.mjs), the same server the VS Code extension starts.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`Usage: sysd-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

The sysd language server (LSP): diagnostics, quick fixes, hover, completion, go to definition,
rename, symbols, formatting and semantic tokens for .sysd files. Standard input and output by
default. Settings come from the client's "sysd" section (workspace/configuration), and
sysd.config.json / .sysdrc.json files apply as in 'sysd check'. See docs/editors.md.
`);
    process.exit(0);
}
if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${require('../package.json').version}\n`);
    process.exit(0);
}
if (!args.some(arg => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(arg))) process.argv.push('--stdio');
require('../out/server/main.cjs');
