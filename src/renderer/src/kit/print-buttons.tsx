import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canSavePdf, savePageAsPdf } from '../api/files';
import { toCallError } from '../api/errors';
import { errorText } from '../i18n/error-text';

/**
 * Print and, in the desktop app, Save as PDF for a printable page (the quick report, the
 * evolution sheet). Browser mode saves a PDF from the print dialog itself; the desktop app's
 * print dialog is the system's, which may have no PDF printer, so it gets a button of its own.
 */
export function PrintButtons({ printLabel, pdfName, className, testId }: { printLabel: string; pdfName: string; className: string; testId: string }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const savePdf = async () => {
    setSaving(true);
    try {
      const path = await savePageAsPdf(pdfName);
      if (path) notifications.show({ color: 'teal', message: t('desktop.pdf.saved', { path }) });
    } catch (e) {
      const err = toCallError(e);
      notifications.show({ color: 'red', message: `${errorText(t, err.code)} ${err.message}` });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Group gap="xs" className={className}>
      {canSavePdf() && (
        <Button size="xs" variant="default" leftSection={<IconFileTypePdf size={14} />} loading={saving} onClick={() => void savePdf()} data-testid={`${testId}-pdf`}>
          {t('desktop.pdf.save')}
        </Button>
      )}
      <Button size="xs" leftSection={<IconPrinter size={14} />} onClick={() => window.print()} data-testid={testId}>
        {printLabel}
      </Button>
    </Group>
  );
}
