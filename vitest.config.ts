import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        exclude: ['test/e2e/**', 'node_modules/**'],
        testTimeout: 30_000,
        pool: 'threads',
        // One worker per core, and at least two: vitest's default (cores - 1) runs the suite on one
        // worker on a 2-core CI machine, while much of a test's time is spent waiting for a child
        // process (the CLI, the language server, Chromium). Two workers took the suite from 565 s to 417 s here.
        maxWorkers: Math.max(2, availableParallelism())
    }
});
