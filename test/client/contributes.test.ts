import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as constants from '../../client/src/constants.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');
/** The parsed file, typed as far as these tests read it. */
const json = <T>(path: string) => JSON.parse(read(path)) as T;

/** A JSON schema of a setting, as far as the tests look into it. */
interface SettingSchema {
    type?: string;
    enum?: string[];
    items?: SettingSchema[];
    additionalProperties?: { anyOf: SettingSchema[] };
}

interface Manifest {
    icon: string;
    main: string;
    activationEvents: string[];
    contributes: {
        languages: { id: string; aliases: string[]; extensions: string[]; configuration: string; icon: { light: string; dark: string } }[];
        grammars: { language: string; scopeName: string; path: string }[];
        snippets: { path: string }[];
        commands: { command: string; category: string; title: string }[];
        configuration: { properties: Record<string, SettingSchema> };
    };
}

interface LanguageConfiguration {
    wordPattern: string;
    comments: unknown;
    brackets: unknown;
    autoClosingPairs: unknown[];
    onEnterRules: { beforeText: string; action: { appendText?: string } }[];
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
}

const manifest = json<Manifest & Record<string, unknown>>('package.json');
const source = json<Record<string, unknown>>('client/package-contributes.json');

describe('package.json contributions', () => {
    it('carry exactly what client/package-contributes.json holds', () => {
        for (const [key, value] of Object.entries(source)) expect(manifest[key], key).toEqual(value);
    });

    it('activate only on the language (commands are inferred from contributes.commands)', () => {
        // The language, and restoring a diagram preview after a window reload.
        expect(manifest.activationEvents).toEqual([`onLanguage:${constants.LANGUAGE_ID}`, 'onWebviewPanel:sysd.preview']);
        expect(manifest.main).toBe('./out/client/extension.cjs');
    });

    it('point at files that exist', () => {
        const { contributes } = manifest;
        const paths = [
            manifest.icon,
            ...contributes.languages.flatMap(l => [l.configuration, l.icon.light, l.icon.dark]),
            ...contributes.grammars.map(g => g.path),
            ...contributes.snippets.map(s => s.path)
        ];
        for (const path of paths) expect(existsSync(`${root}${path.replace(/^\.\//, '')}`), path).toBe(true);
    });

    it('declare the language, grammar and commands the client uses', () => {
        const { contributes } = manifest;
        expect(contributes.languages[0]).toMatchObject({ id: 'sysd', extensions: ['.sysd'], aliases: ['SysD', 'sysd'] });
        expect(contributes.grammars[0]).toMatchObject({ language: 'sysd', scopeName: 'source.sysd' });
        const commands = contributes.commands.map(c => `${c.category}: ${c.title} (${c.command})`);
        expect(commands).toEqual(expect.arrayContaining([
            `SysD: Restart Language Server (${constants.COMMAND_RESTART_SERVER})`,
            `SysD: Show Output (${constants.COMMAND_SHOW_OUTPUT})`,
            'SysD: Open Preview to the Side (sysd.openPreviewToSide)',
            `SysD: Fix All in File (${constants.COMMAND_FIX_ALL})`
        ]));
        // Every contributed command is registered by the client code.
        const sources = readdirSync(new URL('../../client/src/', import.meta.url), { recursive: true })
            .filter((f): f is string => typeof f === 'string' && f.endsWith('.ts'))
            .map(f => read(`client/src/${f}`)).join('\n');
        const constantValues = Object.entries(constants).filter(([, v]) => typeof v === 'string') as [string, string][];
        for (const c of contributes.commands) {
            const viaConstant = constantValues.find(([, v]) => v === c.command)?.[0];
            const registered = sources.includes(`'${c.command}'`) || (viaConstant !== undefined && sources.includes(viaConstant));
            expect(registered, `${c.command} is registered`).toBe(true);
        }
    });

    it('describe the sysd settings, including the shape of sysd.rules', () => {
        const properties = manifest.contributes.configuration.properties;
        expect(properties[`${constants.CLIENT_ID}.trace.server`].enum).toEqual(['off', 'messages', 'verbose']);
        const rules = properties['sysd.rules'];
        expect(rules.type).toBe('object');
        const [severity, tuple] = rules.additionalProperties!.anyOf;
        expect(severity.enum).toEqual(['off', 'hint', 'info', 'warning', 'error']);
        expect(tuple.type).toBe('array');
        expect(tuple.items![0]).toEqual(severity);
        expect(tuple.items![1].type).toBe('object');
        // The same order as SysdAnalysis's layers: a configuration file wins over the setting.
        expect((rules as { markdownDescription?: string }).markdownDescription).toContain('a configuration file above the document wins over this setting');
    });

    it('keep the client free of Langium (small bundle, fast activation)', () => {
        for (const file of ['client/src/extension.ts', 'client/src/constants.ts']) {
            const text = read(file);
            expect(text, file).not.toMatch(/from ['"](langium|.*language\/src)/);
        }
        expect(constants.SERVER_MODULE).toBe('out/server/main.cjs');
    });
});

describe('language configuration', () => {
    const config = json<LanguageConfiguration>('client/language-configuration.json');
    const wordPattern = new RegExp(config.wordPattern, 'g');
    const words = (text: string) => text.match(wordPattern);

    it('keeps hyphenated words whole and splits qualified names into segments', () => {
        expect(words('replication single-leader { delivery at-least-once }')).toEqual(['replication', 'single-leader', 'delivery', 'at-least-once']);
        expect(words('loadbalancer Edge : aws-elb')).toEqual(['loadbalancer', 'Edge', 'aws-elb']);
        expect(words('publishes Events.orderEvents')).toEqual(['publishes', 'Events', 'orderEvents']);
        expect(words('timeout 500ms; availability 99.9%')).toEqual(['timeout', '500ms', 'availability', '99.9%']);
        expect(words('Web -> Api')).toEqual(['Web', 'Api']);
    });

    it('declares comments, brackets, pairs and doc-comment continuation', () => {
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.brackets).toEqual([['{', '}'], ['(', ')'], ['[', ']']]);
        expect(config.autoClosingPairs).toContainEqual({ open: '/**', close: ' */', notIn: ['string'] });
        const docStart = new RegExp(config.onEnterRules[0].beforeText);
        expect(docStart.test('  /** Takes orders')).toBe(true);
        expect(docStart.test('  /** done */')).toBe(false);
        const continuation = config.onEnterRules[2];
        expect(new RegExp(continuation.beforeText).test('   * more text')).toBe(true);
        expect(continuation.action.appendText).toBe('* ');
        expect(new RegExp(config.indentationRules.increaseIndentPattern).test('service A {')).toBe(true);
        expect(new RegExp(config.indentationRules.increaseIndentPattern).test('service A { replicas 2 }')).toBe(false);
        expect(new RegExp(config.indentationRules.decreaseIndentPattern).test('  }')).toBe(true);
    });
});
