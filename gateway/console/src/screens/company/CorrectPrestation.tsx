import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { PrestationActivity } from '../../gql/graphql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Dialog, Errors, Field } from '../../ui/ui';

const Correct = graphql(`
  mutation CorrectPrestation($input: CorrectPrestationInput!) {
    correctPrestation(input: $input) {
      prestation {
        id
        state
        performedOn
        hours
        activity
      }
    }
  }
`);

interface Correctable {
  id: string;
  performedOn: string;
  hours: number;
  activity: string;
}

/** "Corriger": the company changes date, hours or activity; the user must confirm again. */
export function CorrectPrestation({ prestation, onDone }: { prestation: Correctable; onDone: () => void }) {
  const [performedOn, setPerformedOn] = useState(prestation.performedOn);
  const [hours, setHours] = useState(String(prestation.hours));
  const [activity, setActivity] = useState(prestation.activity);
  const [reason, setReason] = useState('');
  const [result, correct] = useMutation(Correct);
  const errors = apiErrorsOf(result.error);
  const save = async () => {
    // Only what changed is sent: an empty correction is refused by the API (TS_CORRECTION_EMPTY).
    const correction = {
      ...(performedOn !== prestation.performedOn ? { performedOn } : {}),
      ...(Number(hours) !== prestation.hours ? { hours: Number(hours) } : {}),
      ...(activity !== prestation.activity ? { activity: activity as PrestationActivity } : {}),
    };
    const res = await correct({
      input: { prestationId: prestation.id, correction, reason: reason || null },
    });
    if (!res.error) onDone();
  };
  return (
    <Dialog title={t.company.correctTitle} onClose={onDone} closeLabel={t.company.cancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Errors
          messages={[...errors.general, ...(errors.byField.correction ? [errors.byField.correction] : [])]}
        />
        <Field
          label={t.company.performedOn}
          type="date"
          value={performedOn}
          onChange={(e) => setPerformedOn(e.target.value)}
          error={errors.byField.performedOn}
        />
        <Field
          label={t.company.hours}
          type="number"
          value={hours}
          onChange={(e) => setHours(e.target.value)}
          error={errors.byField.hours}
        />
        <div className="field">
          <label htmlFor="correction-activity">{t.company.activity}</label>
          <select id="correction-activity" value={activity} onChange={(e) => setActivity(e.target.value)}>
            {Object.entries(t.company.activities).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t.company.correctionReason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.byField.reason}
        />
        <button type="submit" disabled={result.fetching}>
          {t.company.saveCorrection}
        </button>
      </form>
    </Dialog>
  );
}
