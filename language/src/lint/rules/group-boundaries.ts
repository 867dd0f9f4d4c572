import type { Rule } from '../types.js';
import sharedDatabase from './shared-database.js';

/** Service boundaries, distributed transactions, sagas, call graphs, CQRS and event sourcing. */
export const BOUNDARY_RULES = [
    sharedDatabase
] as unknown as readonly Rule[];
