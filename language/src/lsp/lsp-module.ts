import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { SysdServices } from '../sysd-module.js';

/** Editor features (hover, completion, formatting, ...) beyond Langium's defaults. */
export const SysdLspModule: Module<SysdServices, PartialLangiumServices> = {};
