import { AppError } from '../errors/app-error';

/**
 * An organization slug that names no organization: most often a typo, so it is refused (never
 * created on the fly) with the slugs that do exist. The CLI treats it as wrong input (exit 2); the
 * HTTP API as a 404.
 */
export class UnknownOrganizationError extends AppError {
  constructor(
    readonly slug: string,
    readonly known: readonly string[],
  ) {
    super(
      404,
      'organization_not_found',
      `No organization "${slug}". ${known.length ? `Known: ${known.join(', ')}.` : 'There are no organizations yet.'} ` +
        `Create it with "jamf-sync organizations create ${slug}" if it is a new one.`,
      { organization: slug, known },
    );
    this.name = 'UnknownOrganizationError';
  }
}
