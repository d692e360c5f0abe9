import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { apiErrorsOf } from '../../api/errors';
import { t } from '../../i18n';
import { Errors, Progress } from '../../ui/ui';

const Export = graphql(`
  mutation ExportPrestations($input: ExportPrestationsInput!) {
    exportPrestations(input: $input) {
      content
    }
  }
`);

/** The export of the prestations (CSV with a status code per prestation), with its progress. */
export function ExportPrestations({ companyId, total }: { companyId: string; total?: number }) {
  const [result, exportPrestations] = useMutation(Export);
  const [file, setFile] = useState<{ url: string; lines: number } | null>(null);
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);
  const run = async () => {
    setFile(null);
    const r = await exportPrestations({ input: { companyId } });
    const content = r.data?.exportPrestations.content;
    if (content === undefined) return;
    // One line per prestation after the header.
    const lines = content.split('\n').filter((l) => l.trim() !== '').length - 1;
    setFile({ url: URL.createObjectURL(new Blob([content], { type: 'text/csv' })), lines });
  };
  return (
    <div className="row">
      <button type="button" className="secondary" disabled={result.fetching} onClick={() => void run()}>
        {t.company.export}
      </button>
      {result.fetching && <Progress label={t.company.exportProgress} text={t.company.exporting(total)} />}
      {file && (
        <>
          <Progress
            label={t.company.exportProgress}
            text={t.company.exported(file.lines)}
            done={file.lines}
            total={file.lines}
          />
          <a href={file.url} download="prestations.csv">
            {t.company.exportDownload}
          </a>
        </>
      )}
      <Errors messages={apiErrorsOf(result.error).general} />
    </div>
  );
}
