/**
 * Why a manifest cannot be run, in the package author's terms. The pure core knows no transport:
 * it throws this, and the course import maps it to its domain error (`InvalidPackageError`).
 */
export class ManifestProblem extends Error {
  override readonly name = 'ManifestProblem';
  /** The code the import reports it under. */
  readonly code = 'INVALID_PACKAGE';

  constructor(
    message: string,
    /** What the message names (item, resource…), for the error's extensions. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
