import type { DryRunFile } from '../../api/scaffolderApi';

/** A dry-run file ready to show: its text, or why it has none. */
export interface PreviewFile {
  path: string;
  size: number;
  text?: string;
  executable: boolean;
}

/** Decodes a dry-run file; binary content (not valid UTF-8, or with NUL bytes) gets no text. */
export function previewFile(file: DryRunFile): PreviewFile {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(file.base64Content), (c) => c.charCodeAt(0));
  } catch {
    return { path: file.path, size: 0, executable: Boolean(file.executable) };
  }
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    if (text.includes('\u0000')) text = undefined;
  } catch {
    text = undefined;
  }
  return { path: file.path, size: bytes.length, text, executable: Boolean(file.executable) };
}

/** Files sorted the way a file tree lists them: folders' contents together, by path. */
export function sortFiles<T extends { path: string }>(files: T[]): T[] {
  return [...files].sort((a, b) => a.path.localeCompare(b.path));
}

/** Base64 of bytes, in slices so large files do not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A picked folder's files as dry-run `directoryContents`: paths relative to the folder itself
 * (the browser prefixes them with the folder's name), in the order a file tree lists them.
 */
export async function folderContents(files: { webkitRelativePath: string; name: string; arrayBuffer(): Promise<ArrayBuffer> }[]): Promise<DryRunFile[]> {
  const out: DryRunFile[] = [];
  for (const file of files) {
    const relative = file.webkitRelativePath || file.name;
    const path = relative.includes('/') ? relative.slice(relative.indexOf('/') + 1) : relative;
    out.push({ path, base64Content: toBase64(new Uint8Array(await file.arrayBuffer())) });
  }
  return sortFiles(out);
}
