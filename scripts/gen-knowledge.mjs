// Compiles the topic pages (docs/topics/*.md: front matter + four sections) into
// language/src/knowledge/topics.generated.ts, a typed array the language server, the CLI and the
// tests read. The output is deterministic (topics sorted by id), so a stale file shows up as a diff.
//
//   node scripts/gen-knowledge.mjs          write the module
//   node scripts/gen-knowledge.mjs --check  exit 1 when the module is out of date
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Parses the small front-matter dialect the topic pages use: `key: text`, `key: [a, b]`, or `key:` + `  - item` lines. */
export function parseFrontMatter(text, file) {
    const fields = {};
    let list;
    for (const [i, raw] of text.split('\n').entries()) {
        const line = raw.replace(/\s+$/, '');
        if (line === '') continue;
        const item = /^\s+-\s+(.*)$/.exec(line);
        if (item) {
            if (!list) throw new Error(`${file}: front matter line ${i + 1}: a list item outside a list`);
            list.push(item[1]);
            continue;
        }
        const field = /^([a-z]+):(?:\s+(.*))?$/.exec(line);
        if (!field) throw new Error(`${file}: front matter line ${i + 1}: expected 'key: value'`);
        const [, key, value] = field;
        if (key in fields) throw new Error(`${file}: '${key}' appears twice`);
        if (value === undefined || value === '') {
            list = fields[key] = [];
        } else if (value.startsWith('[')) {
            if (!value.endsWith(']')) throw new Error(`${file}: '${key}' list is not closed`);
            fields[key] = value.slice(1, -1).split(',').map(s => s.trim()).filter(Boolean);
            list = undefined;
        } else {
            fields[key] = value;
            list = undefined;
        }
    }
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
        if (fields[key] === undefined) fields[key] = [];
        if (!Array.isArray(fields[key])) throw new Error(`${file}: '${key}' must be a list`);
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
