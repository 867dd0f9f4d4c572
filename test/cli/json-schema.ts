// JSON-schema validation for the CLI tests: Ajv 6 (already installed, by ESLint), with the draft-04
// meta-schema that the vendored SARIF schema declares. Validators are compiled once per schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';

const ajv = new Ajv({ schemaId: 'auto', allErrors: true, jsonPointers: true });
ajv.addMetaSchema(JSON.parse(fs.readFileSync(require.resolve('ajv/lib/refs/json-schema-draft-04.json'), 'utf8')) as object);
const compiled = new Map<string, Ajv.ValidateFunction>();

/** The errors of `value` against the schema in `file` (as `pointer message` lines); [] when it is valid. */
export function schemaErrors(file: string, value: unknown): string[] {
    let validate = compiled.get(file);
    if (!validate) {
        validate = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
        compiled.set(file, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(error => `${error.dataPath || '/'} ${error.message ?? ''}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
}

export const SARIF_SCHEMA = path.join(__dirname, 'fixtures', 'sarif-2.1.0-rtm.5.json');
export const CONFIG_SCHEMA = path.resolve(__dirname, '../../schemas/sysd.config.schema.json');
