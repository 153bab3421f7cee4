/** The highlight.js language for an API's `spec.type` and the text of its definition. */
export function sourceLanguage(apiType: string | undefined, text: string): 'yaml' | 'json' | 'graphql' | 'protobuf' {
  const type = (apiType ?? '').toLowerCase();
  if (type === 'graphql') return 'graphql';
  if (type === 'grpc' || type === 'protobuf') return 'protobuf';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}
