import { CORE_SCHEMA, load } from 'js-yaml';
import { Composer, isScalar, Lexer, LineCounter, Parser, visit, type Document } from 'yaml';
import type { DocumentError } from './types';

/** Largest descriptor file read: far above real catalogs, small enough for a Worker's CPU and memory. */
export const MAX_DESCRIPTOR_BYTES = 2 * 1024 * 1024;

/** Deepest nesting of collections accepted in a document. */
export const MAX_YAML_DEPTH = 64;

/** Alias expansions allowed per document; yaml's own guard against "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/** Why bytes could not become descriptor text. */
export class DecodeError extends Error {
  constructor(
    readonly code: 'too-large' | 'invalid-utf8',
    message: string,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** Decodes descriptor bytes as strict UTF-8, refusing files over `maxBytes` before decoding anything. */
export function decodeUtf8(bytes: Uint8Array, maxBytes: number): string {
  if (bytes.byteLength > maxBytes) {
    throw new DecodeError('too-large', `File is ${bytes.byteLength} bytes, more than the ${maxBytes} bytes allowed`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DecodeError('invalid-utf8', 'File is not valid UTF-8 text');
  }
}

/** One document of a YAML stream: its plain value, or why it has none. */
export interface ParsedDocument {
  docIndex: number;
  value?: unknown;
  error?: DocumentError;
}

interface Chunk {
  source: string;
  /** 0-based line of the chunk's first character in the whole text. */
  line: number;
}

const MARKER = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;
const NO_CONTENT = /^(?:[ \t]*(?:#.*)?|%.*)$/;

/**
 * Cuts a stream into one chunk per document at `---` / `...` lines. YAML forbids those markers
 * inside any content, so the cut matches the spec; it lets each document be parsed, and refused,
 * on its own. Lines with nothing but comments or directives stay with the document after them.
 */
function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  // A chunk is a document when it starts with `---` or holds content; otherwise it is a prefix.
  let isDocument = false;
  const emit = (end: number, nextLine: number) => {
    if (isDocument) {
      chunks.push({ source: text.slice(chunkStart, end), line: chunkLine });
      chunkStart = end;
      chunkLine = nextLine;
    }
  };
  let line = 0;
  for (let pos = 0; pos < text.length; line++) {
    const newline = text.indexOf('\n', pos);
    const end = newline === -1 ? text.length : newline + 1;
    const marker = MARKER.exec(text.slice(pos, Math.min(end, pos + 4)))?.[1];
    if (marker === '---') {
      emit(pos, line);
      isDocument = true;
    } else if (marker === '...') {
      emit(end, line + 1);
      isDocument = false;
    } else if (!NO_CONTENT.test(text.slice(pos, end).replace(/\r?\n$/, ''))) {
      isDocument = true;
    }
    pos = end;
  }
  emit(text.length, line);
  return chunks;
}

function yamlError(docIndex: number, message: string): ParsedDocument {
  return { docIndex, error: { docIndex, rule: 'yaml', message } };
}

/** Finds a repeated key in any mapping, in linear time (yaml's own check is quadratic in the key count). */
function findDuplicateKey(doc: Document): string | undefined {
  let duplicate: string | undefined;
  visit(doc, {
    Map(_, map) {
      const keys = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (keys.has(key)) {
          duplicate = String(key);
          return visit.BREAK;
        }
        keys.add(key);
      }
      return undefined;
    },
  });
  return duplicate;
}

/** Parses one chunk, stopping as soon as nesting passes MAX_YAML_DEPTH so deep input costs nothing more. */
function parseChunk(chunk: Chunk): { docs: Document[]; lines: LineCounter } | { tooDeep: true } {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer({ uniqueKeys: false });
  const docs: Document[] = [];
  // The parser's stack holds the document, each open collection and the token being read.
  const maxStack = MAX_YAML_DEPTH + 2;
  for (const lexeme of new Lexer().lex(chunk.source)) {
    for (const token of parser.next(lexeme)) docs.push(...composer.next(token));
    if (parser.stack.length > maxStack) return { tooDeep: true };
  }
  for (const token of parser.end()) docs.push(...composer.next(token));
  docs.push(...composer.end());
  return { docs, lines };
}

function exceeds(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= MAX_YAML_DEPTH) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => exceeds(child, depth + 1));
}

/** Whether a plain value nests collections deeper than MAX_YAML_DEPTH (aliases can deepen a document). */
export function isTooDeep(value: unknown): boolean {
  return exceeds(value, 0);
}

function toValue(doc: Document, docIndex: number, chunk: Chunk, lines: LineCounter): ParsedDocument | undefined {
  const [first] = doc.errors;
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    const message = first.message.split('\n')[0] ?? first.message;
    return yamlError(docIndex, `YAML error at line ${chunk.line + line}, column ${col}: ${message}`);
  }
  const duplicate = findDuplicateKey(doc);
  if (duplicate !== undefined) return yamlError(docIndex, `YAML error: map keys must be unique; "${duplicate}" is repeated`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return yamlError(docIndex, `YAML error: ${(e as Error).message}`);
  }
  return plainDocument(value, docIndex);
}

/**
 * Syntax whose meaning the two parsers could disagree on, or that needs yaml's guards: anchors,
 * aliases, tags, merge keys, complex keys, directives, and numbers js-yaml's core schema reads
 * but YAML 1.2's does not (binary, signed hex/octal) or the reverse (`+.5`).
 */
const NEEDS_FULL_PARSER = /(?:^[ \t]*|[:,[{-][ \t]*)[&*!]\S|<<|^[ \t]*\?|^%|0b[01]|[-+]0[xXoO]|\+\./m;

/**
 * The common case in one tenth of the time: a plain document, read by js-yaml's YAML 1.2 core
 * schema, which agrees with yaml on such input. Anything unusual, and every document js-yaml
 * refuses, goes through yaml instead, so errors keep their exact messages and positions.
 */
function parsePlainChunk(chunk: Chunk): { value: unknown } | undefined {
  if (NEEDS_FULL_PARSER.test(chunk.source)) return undefined;
  try {
    return { value: load(chunk.source, { schema: CORE_SCHEMA }) };
  } catch {
    return undefined;
  }
}

/** A plain value as a document: none when empty (a bare `~` too, as in Backstage), refused when too deep. */
function plainDocument(value: unknown, docIndex: number): ParsedDocument | undefined {
  if (value === null || value === undefined) return undefined;
  if (isTooDeep(value)) return yamlError(docIndex, `YAML error: nesting deeper than ${MAX_YAML_DEPTH} levels`);
  return { docIndex, value };
}

/**
 * Parses a multi-document YAML stream into plain values, one entry per non-empty document
 * (`docIndex` counts empty ones too). Malformed documents, alias bombs, duplicate keys and
 * nesting deeper than MAX_YAML_DEPTH give an error with rule `yaml` for that document only.
 */
export function parseDocuments(text: string): ParsedDocument[] {
  const results: ParsedDocument[] = [];
  let docIndex = 0;
  for (const chunk of splitDocuments(text)) {
    const plain = parsePlainChunk(chunk);
    if (plain) {
      const result = plainDocument(plain.value, docIndex++);
      if (result) results.push(result);
      continue;
    }
    const parsed = parseChunk(chunk);
    if ('tooDeep' in parsed) {
      results.push(yamlError(docIndex++, `YAML error at line ${chunk.line + 1}: nesting deeper than ${MAX_YAML_DEPTH} levels`));
      continue;
    }
    for (const doc of parsed.docs) {
      const result = toValue(doc, docIndex++, chunk, parsed.lines);
      if (result) results.push(result);
    }
  }
  return results;
}
