import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, Field, formatDate } from '../../ui/ui';

const CodaFields = graphql(`
  fragment CodaFields on CodaMandate {
    id
    clientId
    clientCompanyName
    state
    stateReason
    availableActions
    toBePresentedAgain
    bank {
      name
    }
    updatedAt
    history {
      fromState
      toState
      reason
      actor
      at
    }
  }
`);
void CodaFields;

const Download = graphql(`
  mutation DownloadCodaMandate($input: CodaMandateInput!) {
    downloadCodaMandateDocument(input: $input) {
      document {
        fileName
        downloadUrl
      }
      codaMandate {
        ...CodaFields
      }
    }
  }
`);
const Sign = graphql(`
  mutation SignCodaMandate($input: CodaMandateInput!) {
    requestCodaMandateSignature(input: $input) {
      signingLink {
        url
      }
      codaMandate {
        ...CodaFields
      }
    }
  }
`);
const Resend = graphql(`
  mutation ResendCodaMandate($input: CodaMandateInput!) {
    resendCodaMandate(input: $input) {
      codaMandate {
        ...CodaFields
      }
    }
  }
`);
const Archive = graphql(`
  mutation ArchiveCodaMandate($input: ArchiveCodaMandateInput!) {
    archiveCodaMandate(input: $input) {
      codaMandate {
        ...CodaFields
      }
    }
  }
`);

export interface HistoryEntry {
  fromState?: string | null;
  toState: string;
  reason?: string | null;
  actor: string;
  at: string;
}

export const stateLabel = (state: string) => t.mandates.states[state] ?? state;

export function History({ entries }: { entries: HistoryEntry[] }) {
  return (
    <details>
      <summary>{t.mandates.history}</summary>
      <ol>
        {entries.map((h) => (
          <li key={`${h.at}-${h.toState}`}>
            {formatDate(h.at)} : {h.fromState ? `${stateLabel(h.fromState)} → ` : ''}
            {stateLabel(h.toState)} ({h.actor}){h.reason ? ` — ${h.reason}` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Downloads a document from its signed link (a full URL through the gateway). */
function saveDocument(doc: { fileName: string; downloadUrl: string }) {
  const a = document.createElement('a');
  a.href = doc.downloadUrl;
  a.download = doc.fileName;
  a.click();
}

/** The actions a CODA mandate allows now (availableActions): download, e-sign, archive, resend. */
export function CodaActions({ mandateId, actions }: { mandateId: string; actions: readonly string[] }) {
  const [download, doDownload] = useMutation(Download);
  const [sign, doSign] = useMutation(Sign);
  const [resend, doResend] = useMutation(Resend);
  const [archive, doArchive] = useMutation(Archive);
  const [reason, setReason] = useState('');
  const [archiving, setArchiving] = useState(false);
  const [done, setDone] = useState(false);
  const input = { codaMandateId: mandateId };
  const errors = [download, sign, resend, archive].map((s) => apiErrorsOf(s.error));
  const after = (ok: boolean) => setDone(ok);
  return (
    <div>
      <div className="row">
        {actions.includes('DOWNLOAD_DOCUMENT') && (
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              const r = await doDownload({ input });
              if (r.data) saveDocument(r.data.downloadCodaMandateDocument.document);
              after(!r.error);
            }}
          >
            {t.mandates.act.DOWNLOAD_DOCUMENT}
          </button>
        )}
        {actions.includes('SIGN_ELECTRONICALLY') && (
          <button
            type="button"
            className="secondary"
            onClick={async () => after(!(await doSign({ input })).error)}
          >
            {t.mandates.act.SIGN_ELECTRONICALLY}
          </button>
        )}
        {actions.includes('RESEND_TO_CLIENT') && (
          <button
            type="button"
            className="secondary"
            onClick={async () => after(!(await doResend({ input })).error)}
          >
            {t.mandates.act.RESEND_TO_CLIENT}
          </button>
        )}
        {actions.includes('ARCHIVE') && (
          <button type="button" className="secondary" onClick={() => setArchiving(true)}>
            {t.mandates.act.ARCHIVE}
          </button>
        )}
      </div>
      {archiving && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await doArchive({ input: { ...input, reason } });
            after(!r.error);
            if (!r.error) setArchiving(false);
          }}
        >
          <Field
            label={t.mandates.archiveReason}
            value={reason}
            error={errors[3]!.byField.reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit">{t.mandates.act.ARCHIVE}</button>
        </form>
      )}
      {sign.data && (
        <p>
          {t.mandates.signingLink} :{' '}
          <a href={sign.data.requestCodaMandateSignature.signingLink.url}>
            {sign.data.requestCodaMandateSignature.signingLink.url}
          </a>
        </p>
      )}
      {done && (
        <p className="notice" role="status">
          {t.mandates.done}
        </p>
      )}
      <Errors messages={errors.flatMap((e) => [...e.general, ...Object.values(e.byField)])} />
    </div>
  );
}
