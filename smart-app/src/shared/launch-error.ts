export type LaunchProblemKind = 'no-iss' | 'no-card' | 'bad-card' | 'authorization' | 'unreachable' | 'unexpected';

/** A launch that cannot go on, by kind (each kind has the doctor's sentence in the catalogs). */
export class LaunchError extends Error {
  constructor(
    readonly kind: LaunchProblemKind,
    readonly detail: string | null = null,
  ) {
    super(detail ?? kind);
    this.name = 'LaunchError';
  }
}
