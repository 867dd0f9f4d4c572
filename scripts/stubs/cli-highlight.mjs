// Stand-in for cli-highlight in the CLI bundle. marked-terminal imports it unconditionally, but sysd
// turns syntax highlighting off (explain pages are prose with short sysd snippets), so the 1.8 MB of
// highlight.js it would pull in never runs. Code is returned as written.
export function highlight(code) {
    return code;
}
