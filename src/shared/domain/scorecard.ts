/** A criterion's rating: 0 (not done) to 5 (excellent). */
export const RATING_MAX = 5;

/**
 * A recording's quality score, 0-100: each criterion's rating out of RATING_MAX, weighed. Main
 * stores it; the review screen shows the same figure while the supervisor rates.
 */
export function weightedScore(ratings: readonly { weight: number; rating: number }[]): number {
  const weights = ratings.reduce((n, r) => n + r.weight, 0);
  if (weights === 0) return 0;
  return Math.round((ratings.reduce((n, r) => n + r.weight * (r.rating / RATING_MAX), 0) / weights) * 100);
}
