import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../../shared/api/files';
import { toCallError } from '../../api/errors';
import { isAbort, uploadFile, type UploadedFile } from '../../api/files';

interface PendingUpload {
  key: number;
  file: File;
  sent: number;
  status: 'uploading' | 'done' | 'error';
  uploaded: UploadedFile | null;
  error: string | null;
  /** The request type's template this file fills in, chosen beside it. */
  templateId: string | null;
}

export interface Uploads {
  items: PendingUpload[];
  /** Starts uploading the files; a file over the limit is refused at once (the message says why). */
  add(files: Iterable<File>): void;
  /** Cancels a running upload or forgets a finished one. */
  remove(key: number): void;
  setTemplate(key: number, templateId: string | null): void;
  clear(): void;
  /** The last refusal (too large, empty), for the composer to show; null when none. */
  refusal: string | null;
  clearRefusal(): void;
}

let seq = 0;

/** The files attached to the message being written: each uploads at once, with progress and cancel. */
export function useUploads(maxBytes: number | null): Uploads {
  const { t } = useTranslation();
  const [items, setItems] = useState<PendingUpload[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const controllers = useRef(new Map<number, AbortController>());

  // Closing the form cancels what is still uploading.
  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const c of running.values()) c.abort();
    };
  }, []);

  const patch = useCallback((key: number, p: Partial<PendingUpload>) => setItems((list) => list.map((u) => (u.key === key ? { ...u, ...p } : u))), []);

  const add = useCallback(
    (files: Iterable<File>) => {
      const refusals: string[] = [];
      for (const file of files) {
        // Checked before a byte is sent: the person learns at once, and the typed text stays.
        if (maxBytes !== null && file.size > maxBytes) {
          refusals.push(t('thread.composer.tooLarge', { name: file.name, size: formatBytes(file.size), limit: formatBytes(maxBytes) }));
          continue;
        }
        if (file.size === 0) {
          refusals.push(t('thread.composer.emptyFile', { name: file.name }));
          continue;
        }
        const key = ++seq;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        setItems((list) => [...list, { key, file, sent: 0, status: 'uploading', uploaded: null, error: null, templateId: null }]);
        uploadFile(file, { signal: controller.signal, onProgress: (sent) => patch(key, { sent }), ...(maxBytes !== null ? { maxBytes } : {}) }).then(
          (uploaded) => {
            controllers.current.delete(key);
            patch(key, { status: 'done', uploaded, sent: file.size });
          },
          (e: unknown) => {
            controllers.current.delete(key);
            if (isAbort(e)) return;
            patch(key, { status: 'error', error: t('thread.composer.uploadFailed', { name: file.name, reason: toCallError(e).message }) });
          },
        );
      }
      setRefusal(refusals.length ? refusals.join(' ') : null);
    },
    [maxBytes, patch, t],
  );

  const remove = useCallback((key: number) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setItems((list) => list.filter((u) => u.key !== key));
  }, []);

  return {
    items,
    add,
    remove,
    setTemplate: (key, templateId) => patch(key, { templateId }),
    clear: () => setItems([]),
    refusal,
    clearRefusal: () => setRefusal(null),
  };
}
