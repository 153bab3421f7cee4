/**
 * Where to go after signing in: only a path of this portal. An absolute or protocol-relative
 * URL (or a backslash one browsers read as such) would make sign-in an open redirect.
 */
export function safeReturnPath(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
