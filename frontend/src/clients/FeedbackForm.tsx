// Recording what a client said: its score from 1 to 5, what it said, when,
// and about which shipment if one. The client's health and the bad
// compromises are read from these, so the pair records them as they come.
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { Field, type Errors } from '../forms/fields';
import { InlineForm } from '../forms/InlineForm';
import { utcToZoned, zonedToUTC } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

const CreateFeedback = graphql(`
  mutation CreateFeedback($input: CreateFeedbackInput!) {
    createFeedback(input: $input) { id score }
  }
`);

type Values = { score: string; comment: string; receivedAt: string; shipmentID: string };

const feedbackFields = ['score', 'comment', 'receivedAt', 'shipmentID'];

export function checkFeedback(v: Values, t: ReturnType<typeof useI18n>['t']): Errors {
  const e: Errors = {};
  if (!/^[1-5]$/.test(v.score)) e.score = t('feedback.scoreNeeded');
  if (!v.receivedAt) e.receivedAt = t('required');
  return e;
}

/** A new feedback of the client, about one of the shipments shown, or none. */
export function FeedbackForm({ clientID, shipments, onDone }: {
  clientID: string; shipments: { id: string; reference: string }[]; onDone(): void;
}) {
  const { t, timeZone } = useI18n();
  const [created, create] = useMutation(CreateFeedback);
  const initial: Values = { score: '', comment: '', receivedAt: utcToZoned(new Date().toISOString(), timeZone), shipmentID: '' };
  return (
    <InlineForm<Values> title={t('feedback.new')} fields={feedbackFields} initial={initial} check={(x) => checkFeedback(x, t)}
      state={created} error={created.error} conflict={false} onCancel={onDone}
      onSubmit={async (v) => {
        const r = await create({ input: {
          clientID, score: Number(v.score), comment: v.comment.trim() || null,
          receivedAt: zonedToUTC(v.receivedAt, timeZone), shipmentID: v.shipmentID || null,
        } });
        if (!r.error) onDone();
      }}>
      {({ v, set, errors }) => (
        <>
          <fieldset className={`field scores${errors.score ? ' invalid' : ''}`} aria-describedby={errors.score ? 'feedback-score-error' : undefined}>
            <legend>{t('feedback.score.legend')}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="check">
                <input type="radio" name="score" value={String(n)} checked={v.score === String(n)} onChange={set('score')} />
                {t(`feedback.score.${n}` as 'feedback.score.1')}
              </label>
            ))}
            {errors.score && <p className="error" id="feedback-score-error">{errors.score}</p>}
          </fieldset>
          <Field label={t('feedback.comment')} error={errors.comment}>
            {(p) => <textarea {...p} value={v.comment} onChange={set('comment')} maxLength={2000} rows={3} />}
          </Field>
          <Field label={t('feedback.receivedAt')} error={errors.receivedAt} hint={t('form.inZone', { zone: timeZone })}>
            {(p) => <input {...p} type="datetime-local" value={v.receivedAt} onChange={set('receivedAt')} />}
          </Field>
          <Field label={t('feedback.shipment')} error={errors.shipmentID}>
            {(p) => (
              <select {...p} value={v.shipmentID} onChange={set('shipmentID')}>
                <option value="">{t('feedback.noShipment')}</option>
                {shipments.map((s) => <option key={s.id} value={s.id}>{s.reference}</option>)}
              </select>
            )}
          </Field>
        </>
      )}
    </InlineForm>
  );
}
