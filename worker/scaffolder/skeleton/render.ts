import { globToRegExp } from '../../lib/glob';
import { renderTemplateString } from '../template/expressions';
import { workspacePath } from '../workspace/path';

/** A file of a skeleton (path relative to the skeleton folder). */
export interface SkeletonFile {
  path: string;
  content: Uint8Array;
}

/** How fetch:template renders a skeleton. */
export interface SkeletonOptions {
  values: Record<string, unknown>;
  /** Globs (relative to the skeleton) whose contents are copied as they are; their paths are still rendered. */
  copyWithoutTemplating?: string[];
  /** Only files with this extension are rendered, and lose it (`true` means `.njk`). */
  templateFileExtension?: string | boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function matcher(globs: string[]): (path: string) => boolean {
  const patterns = globs.flatMap((g) => {
    const clean = g.replace(/^\.\//, '').replace(/\/+$/, '');
    // A folder name covers everything inside it.
    return [globToRegExp(clean), globToRegExp(`${clean}/**`)];
  });
  return (path) => patterns.some((re) => re.test(path));
}

function asText(content: Uint8Array): string | undefined {
  try {
    return decoder.decode(content);
  } catch {
    return undefined;
  }
}

/**
 * Renders a skeleton with `${{ values.x }}` and `{% if %}`/`{% for %}` in contents and file names.
 * A file whose rendered name is empty (or ends in `/`) is left out, as in Backstage; binary files
 * and `copyWithoutTemplating` matches keep their contents. Paths never leave the target folder.
 */
export function renderSkeleton(files: SkeletonFile[], opts: SkeletonOptions): SkeletonFile[] {
  const ctx = { values: opts.values };
  const verbatim = matcher(opts.copyWithoutTemplating ?? []);
  const ext = opts.templateFileExtension === true ? '.njk' : typeof opts.templateFileExtension === 'string' ? opts.templateFileExtension : undefined;
  const out: SkeletonFile[] = [];
  for (const file of files) {
    let name = file.path;
    let renderContent = !verbatim(file.path);
    if (ext) {
      renderContent = renderContent && name.endsWith(ext);
      if (name.endsWith(ext)) name = name.slice(0, -ext.length);
    }
    const renderedName = renderTemplateString(name, ctx).trim();
    if (!renderedName || renderedName.endsWith('/')) continue;
    const text = renderContent ? asText(file.content) : undefined;
    const content = text === undefined ? file.content : new TextEncoder().encode(renderTemplateString(text, ctx));
    out.push({ path: workspacePath(renderedName), content });
  }
  return out;
}
