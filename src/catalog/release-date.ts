import type { ReleaseDate } from './types';

/** ISO partial date: "2018" or "2018-11". */
export function formatReleaseDate(release: ReleaseDate): string {
  return release.month === undefined ? String(release.year) : `${release.year}-${String(release.month).padStart(2, '0')}`;
}

/** One release when all candidates agree on it, else null (two years is not a fact about this device). */
export function singleRelease(releases: readonly ReleaseDate[]): ReleaseDate | null {
  if (releases.length === 0) return null;
  const first = releases[0];
  for (const r of releases) {
    if (r.year !== first.year || r.month !== first.month) return null;
  }
  return first;
}
