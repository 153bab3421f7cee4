// Regenerates worker/scaffolder/builtin/files.generated.ts from templates/ (run after editing a
// built-in template; `npm start` and `npm run build` do not need it, the file is committed).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtinTemplatesModule } from './lib/builtin-templates.mjs';

const root = fileURLToPath(new URL('../templates', import.meta.url));
const out = fileURLToPath(new URL('../worker/scaffolder/builtin/files.generated.ts', import.meta.url));
writeFileSync(out, builtinTemplatesModule(root));
console.log(`wrote ${out}`);
