// Compiles the topic pages (docs/topics/*.md: YAML front matter + four sections) into
// language/src/knowledge/topics.generated.ts, a typed array the language server, the CLI and the
// tests read. The output is deterministic (topics sorted by id), so a stale file shows up as a diff.
//
//   node scripts/gen-knowledge.mjs          write the module
//   node scripts/gen-knowledge.mjs --check  exit 1 when the module is out of date
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOPICS_DIR = path.join(ROOT, 'docs', 'topics');
export const OUTPUT = path.join(ROOT, 'language', 'src', 'knowledge', 'topics.generated.ts');

/** The body sections every topic has, in this order, with the field they are stored in. */
export const SECTIONS = [
    ['How it works', 'howItWorks'],
    ['When to use it', 'whenToUse'],
    ['Trade-offs', 'tradeOffs'],
    ['What goes wrong without it', 'withoutIt']
];

const LIST_FIELDS = ['keywords', 'related', 'rules', 'seeds'];
const TEXT_FIELDS = ['title', 'gist'];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Parses a page's front matter, which is YAML. Values that contain `: ` or start with a quote must be
 * quoted, as in any YAML (`gist: 'A: b'`, `  - '001 › "## TCP: Transmission Control Protocol"'`).
 */
export function parseFrontMatter(text, file) {
    const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem) {
        const at = problem.linePos?.[0];
        // Positions are given in the page: its front matter starts on line 2, after the opening '---'.
        const where = at ? ` line ${at.line + 1}, column ${at.col}` : '';
        const message = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        throw new Error(`${file}: front matter${where}: ${message}`);
    }
    const fields = doc.toJS();
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new Error(`${file}: front matter must be 'key: value' lines`);
    return fields;
}

/** Reads one topic page into the shape of `Topic` (see language/src/knowledge/types.ts). */
export function parseTopic(file, text) {
    const id = path.basename(file, '.md');
    if (!ID.test(id)) throw new Error(`${file}: the file name must be a kebab-case id`);
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n'));
    if (!match) throw new Error(`${file}: missing front matter between '---' lines`);
    const fields = parseFrontMatter(match[1], file);
    for (const key of Object.keys(fields)) {
        if (!LIST_FIELDS.includes(key) && !TEXT_FIELDS.includes(key)) throw new Error(`${file}: unknown front matter field '${key}'`);
    }
    for (const key of TEXT_FIELDS) {
        if (typeof fields[key] !== 'string' || fields[key].trim() === '') throw new Error(`${file}: '${key}' is required`);
    }
    for (const key of LIST_FIELDS) {
        if (fields[key] === undefined || fields[key] === null) fields[key] = [];
        if (!Array.isArray(fields[key])) throw new Error(`${file}: '${key}' must be a list`);
        const odd = fields[key].find(item => typeof item !== 'string');
        if (odd !== undefined) throw new Error(`${file}: '${key}' must list text, but has ${JSON.stringify(odd)} (quote it)`);
    }
    const sections = {};
    const parts = match[2].split(/^## /m);
    if (parts[0].trim() !== '') throw new Error(`${file}: text before the first '## ' section`);
    const found = parts.slice(1).map(part => {
        const newline = part.indexOf('\n');
        return { heading: (newline < 0 ? part : part.slice(0, newline)).trim(), body: newline < 0 ? '' : part.slice(newline + 1).trim() };
    });
    const expected = SECTIONS.map(([heading]) => heading);
    if (found.map(s => s.heading).join('|') !== expected.join('|')) {
        throw new Error(`${file}: sections must be exactly ${expected.map(h => `'## ${h}'`).join(', ')} (found ${found.map(s => `'## ${s.heading}'`).join(', ')})`);
    }
    for (const [i, [heading, key]] of SECTIONS.entries()) {
        if (found[i].body === '') throw new Error(`${file}: section '## ${heading}' is empty`);
        sections[key] = found[i].body;
    }
    return {
        id,
        title: fields.title.trim(),
        gist: fields.gist.trim(),
        keywords: fields.keywords,
        related: fields.related,
        rules: fields.rules,
        seeds: fields.seeds,
        sections
    };
}

export function loadTopics(dir = TOPICS_DIR) {
    return fs.readdirSync(dir)
        .filter(name => name.endsWith('.md'))
        .sort()
        .map(name => parseTopic(path.join(dir, name), fs.readFileSync(path.join(dir, name), 'utf8')));
}

/** The text of the generated module for the given topics. */
export function renderModule(topics) {
    const body = JSON.stringify(topics, null, 4).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    return [
        '// Generated by scripts/gen-knowledge.mjs from docs/topics/*.md. Do not edit: edit the Markdown and rerun',
        '// `node scripts/gen-knowledge.mjs`.',
        "import type { Topic } from './types.js';",
        '',
        `export const TOPICS: readonly Topic[] = ${body};`,
        ''
    ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    try {
        const text = renderModule(loadTopics());
        if (process.argv.includes('--check')) {
            const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
            if (current !== text) {
                console.error(`${path.relative(ROOT, OUTPUT)} is out of date: run node scripts/gen-knowledge.mjs`);
                process.exit(1);
            }
        } else {
            const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
            if (current !== text) fs.writeFileSync(OUTPUT, text);
            console.log(`gen-knowledge: ${loadTopics().length} topics -> ${path.relative(ROOT, OUTPUT)}`);
        }
    } catch (error) {
        console.error(`gen-knowledge: ${error.message}`);
        process.exit(1);
    }
}
