/** The source of worker/scaffolder/builtin/files.generated.ts for the templates under `root`. */
export function builtinTemplatesModule(root: string): string;
