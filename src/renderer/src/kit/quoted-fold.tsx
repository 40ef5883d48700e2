import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './quoted-fold.css';

/** A received mail's quoted earlier text, folded behind a button: the new words come first. */
export function QuotedFold({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="compact-xs" variant="subtle" px={0} className="quoted-toggle" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid={`${testId}-toggle`}>
        {open ? t('common.hideQuoted') : t('common.showQuoted')}
      </Button>
      {open && (
        <div className="quoted-text" data-testid={testId}>
          {text}
        </div>
      )}
    </>
  );
}
