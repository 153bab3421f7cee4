/** A documentation source that cannot be built; its message is shown on the entity's Docs tab. */
export class DocsBuildError extends Error {
  override name = 'DocsBuildError';
}
