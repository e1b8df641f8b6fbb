// Validates custom-elements.json and package.json together with
// @wc-toolkit/cem-validator at its default rules: every element has a tag,
// its module and definition paths point at the published output, the types
// its API names are exported, and package.json points at the manifest and
// ships it. Exits non-zero on any error; warnings are printed only. Run by
// `npm test`.
import { readFileSync } from 'node:fs';
import { validateCem } from '@wc-toolkit/cem-validator';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
try {
  await validateCem(manifest, { packageJsonPath: './package.json', cemFileName: 'custom-elements.json' });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
