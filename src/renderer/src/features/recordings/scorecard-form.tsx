import { Badge, Button, Group, SegmentedControl, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingReview } from '../../../../shared/api/recordings';
import { RATING_MAX, weightedScore } from '../../../../shared/domain/scorecard';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';

const RATINGS = Array.from({ length: RATING_MAX + 1 }, (_, i) => String(i));

/** A score's verdict as a badge: the figure out of 100, passed or not. */
export function ScoreBadge({ score, passed }: { score: number | null; passed: boolean | null }) {
  const { t } = useTranslation();
  if (score === null) return <Text size="xs" c="dimmed">{t('recordings.score.none')}</Text>;
  return (
    <Badge size="sm" variant="light" color={passed ? 'teal' : 'red'} data-testid="score-badge" data-passed={passed}>
      {score} · {passed ? t('recordings.score.passed') : t('recordings.score.failed')}
    </Badge>
  );
}

/**
 * The quality scorecard: each criterion rated 0-5, a comment, the weighted score shown as it is
 * rated. A supervisor scores again by changing it; someone without the right sees it read only.
 * A score given on an earlier scorecard stays as it was; scoring again uses today's.
 */
export function ScorecardForm({ review, onError }: { review: RecordingReview; onError: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const card = review.scorecard;
  const given = review.score;
  // The earlier ratings prefill the form only when they were given on this same scorecard.
  const sameCard = given !== null && given.ratings.length === card.criteria.length && given.ratings.every((r) => card.criteria.some((c) => c.id === r.id));
  const [ratings, setRatings] = useState<Record<string, number>>(() => (sameCard ? Object.fromEntries(given.ratings.map((r) => [r.id, r.rating])) : {}));
  const [comment, setComment] = useState(sameCard ? given.comment : '');
  const [busy, setBusy] = useState(false);
  const rated = card.criteria.every((c) => ratings[c.id] !== undefined);
  const live = rated ? weightedScore(card.criteria.map((c) => ({ weight: c.weight, rating: ratings[c.id]! }))) : null;
  const totalWeight = card.criteria.reduce((n, c) => n + c.weight, 0);
  const canScore = review.canReview && review.recording.status !== 'recording';

  const save = async () => {
    setBusy(true);
    try {
      await api.call('recordings.score', { id: review.recording.id, ratings, comment });
    } catch (e) {
      onError(toCallError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rv-score" data-testid="review-scorecard">
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          {t('recordings.score.title')}
        </Text>
        {given && (
          <Group gap={6}>
            <ScoreBadge score={given.score} passed={given.passed} />
            <Text size="xs" c="dimmed" data-testid="review-scored-by">
              {t('recordings.score.by', { who: given.scorer ?? '—', when: gridFormat(i18n.language).dateTime(given.scoredAt) })}
            </Text>
          </Group>
        )}
      </Group>
      {given && !sameCard && (
        <div className="rv-earlier" data-testid="review-earlier-score">
          <Text size="xs" c="dimmed">
            {t('recordings.score.earlierCard')}
          </Text>
          {given.ratings.map((r) => (
            <Text key={r.id} size="xs">
              {r.label}: {r.rating}/{RATING_MAX}
            </Text>
          ))}
        </div>
      )}
      {(canScore || (given && sameCard)) &&
        card.criteria.map((c) => (
          <Group key={c.id} gap={6} wrap="nowrap" justify="space-between" className="rv-criterion" data-testid="review-criterion" data-criterion={c.id}>
            <Text size="xs" style={{ flex: 1, minWidth: 0 }}>
              {c.label}
              <Text span size="xs" c="dimmed">{` · ${totalWeight > 0 ? Math.round((c.weight / totalWeight) * 100) : 0}%`}</Text>
            </Text>
            <SegmentedControl
              size="xs"
              disabled={!canScore}
              value={ratings[c.id] === undefined ? '' : String(ratings[c.id])}
              onChange={(v) => setRatings((r) => ({ ...r, [c.id]: Number(v) }))}
              data={RATINGS}
              aria-label={c.label}
            />
          </Group>
        ))}
      {canScore && (
        <>
          <Textarea size="xs" mt={6} autosize minRows={2} maxRows={5} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} placeholder={t('recordings.score.comment')} aria-label={t('recordings.score.comment')} data-testid="review-score-comment" />
          <Group justify="space-between" mt={6}>
            <Text size="xs" data-testid="review-score-live" data-score={live ?? ''}>
              {live === null
                ? t('recordings.score.rateAll', { count: card.criteria.length - Object.keys(ratings).filter((k) => card.criteria.some((c) => c.id === k)).length })
                : t('recordings.score.live', { score: live, passMark: card.passMark, verdict: live >= card.passMark ? t('recordings.score.passed') : t('recordings.score.failed') })}
            </Text>
            <Button size="xs" disabled={!rated} loading={busy} onClick={() => void save()} data-testid="review-score-save">
              {given ? t('recordings.score.saveAgain') : t('recordings.score.save')}
            </Button>
          </Group>
        </>
      )}
      {!canScore && !given && (
        <Text size="xs" c="dimmed">
          {t('recordings.score.notYet')}
        </Text>
      )}
      {given?.comment && !canScore && (
        <Text size="xs" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          {given.comment}
        </Text>
      )}
    </div>
  );
}
