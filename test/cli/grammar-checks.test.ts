// The shipped bundles skip Chevrotain's grammar validations and the ALL(*) ambiguity logging to start
// faster (esbuild.mjs defines SYSD_SKIP_GRAMMAR_CHECKS). The sources keep both, so this suite is
// where a grammar error or an ambiguous decision shows up.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestServices, exampleWorkspaces, workspace } from '../helpers.js';

afterEach(() => {
    vi.restoreAllMocks();
});

describe('grammar checks in the sources', () => {
    it('run in development mode: the parser validates the grammar when it is built', () => {
        const services = createTestServices();
        expect(services.LanguageMetaData.mode).toBe('development');
        // Built lazily; a grammar definition error would throw here.
        expect(services.parser.LangiumParser).toBeDefined();
    });

    it('report no ambiguity while parsing every example', async () => {
        const logged: string[] = [];
        const record = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
        vi.spyOn(console, 'log').mockImplementation(record);
        vi.spyOn(console, 'warn').mockImplementation(record);
        for (const example of exampleWorkspaces()) {
            const { documents } = await workspace(example.files);
            for (const document of documents) expect(document.parseResult.parserErrors, example.name).toEqual([]);
        }
        expect(logged.filter(line => /ambigu/i.test(line))).toEqual([]);
    });
});
