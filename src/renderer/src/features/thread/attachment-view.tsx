import { ActionIcon, Anchor, Badge, Button, Group, Modal, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFile, IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, isImageMime } from '../../../../shared/api/files';
import { toCallError } from '../../api/errors';
import { downloadFile, fileUrl } from '../../api/files';
import type { FileRef } from '../../../../shared/api/thread';

const isPdf = (f: FileRef) => f.mimeType === 'application/pdf';

function useDownload() {
  return (file: FileRef) => {
    downloadFile(file.id, file.fileName).catch((e: unknown) => notifications.show({ color: 'red', message: toCallError(e).message }));
  };
}

function DownloadButton({ file }: { file: FileRef }) {
  const { t } = useTranslation();
  const download = useDownload();
  return (
    <Tooltip label={t('thread.attachment.download', { name: file.fileName })}>
      <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => download(file)} aria-label={t('thread.attachment.download', { name: file.fileName })} data-testid="thread-download" data-file-id={file.id}>
        <IconDownload size={14} />
      </ActionIcon>
    </Tooltip>
  );
}

/** A file's name and size as a button that downloads it. */
export function DownloadChip({ file, testId = 'thread-file' }: { file: FileRef; testId?: string }) {
  const { t } = useTranslation();
  const download = useDownload();
  return (
    <Tooltip label={t('thread.attachment.download', { name: file.fileName })} openDelay={400}>
      <UnstyledButton className="thread-chip" onClick={() => download(file)} data-testid={testId} data-file-id={file.id}>
        <IconFile size={16} stroke={1.6} />
        <span className="thread-chip-name">{file.fileName}</span>
        <span className="thread-chip-size">{formatBytes(file.size)}</span>
        <IconDownload size={14} stroke={1.6} className="thread-chip-action" />
      </UnstyledButton>
    </Tooltip>
  );
}

/**
 * An attachment in the thread: an image as a thumbnail (a click shows it large), a PDF as a chip
 * that opens a preview, anything else as a chip that downloads it.
 */
export function AttachmentView({ file, templateName }: { file: FileRef; templateName?: string | null | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const download = useDownload();
  const image = isImageMime(file.mimeType);
  const pdf = isPdf(file);
  return (
    <Stack gap={4} align="flex-start" className="thread-attachment">
      {image ? (
        <UnstyledButton className="thread-thumb" onClick={() => setOpen(true)} aria-label={t('thread.attachment.preview', { name: file.fileName })} data-testid="thread-thumb">
          <img src={fileUrl(file.id, { inline: true })} alt={file.fileName} loading="lazy" />
        </UnstyledButton>
      ) : pdf ? (
        <Group gap={4} wrap="nowrap">
          <UnstyledButton className="thread-chip" onClick={() => setOpen(true)} aria-label={t('thread.attachment.preview', { name: file.fileName })} data-testid="thread-pdf" data-file-id={file.id}>
            <IconFileTypePdf size={16} stroke={1.6} color="var(--mantine-color-red-7)" />
            <span className="thread-chip-name">{file.fileName}</span>
            <span className="thread-chip-size">{formatBytes(file.size)}</span>
          </UnstyledButton>
          <DownloadButton file={file} />
        </Group>
      ) : (
        <DownloadChip file={file} />
      )}
      {image && (
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            <IconPhoto size={12} style={{ verticalAlign: -2 }} /> {file.fileName} · {formatBytes(file.size)}
          </Text>
          <DownloadButton file={file} />
        </Group>
      )}
      {templateName && (
        <Badge size="xs" variant="light" color="teal" data-testid="thread-template">
          {t('thread.attachment.fills', { name: templateName })}
        </Badge>
      )}
      {(image || pdf) && (
        <Modal
          opened={open}
          onClose={() => setOpen(false)}
          title={file.fileName}
          size={pdf ? 'min(1000px, 94vw)' : 'auto'}
          centered
          data-testid="thread-preview"
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          <Stack gap="xs">
            {image ? (
              <img className="thread-preview-image" src={fileUrl(file.id, { inline: true })} alt={file.fileName} data-testid="thread-preview-image" />
            ) : (
              <>
                <iframe className="thread-preview-pdf" src={fileUrl(file.id, { inline: true })} title={file.fileName} data-testid="thread-preview-pdf" />
                <Text size="xs" c="dimmed">
                  {t('thread.attachment.pdfHint')}{' '}
                  <Anchor component="button" size="xs" onClick={() => download(file)}>
                    {t('thread.attachment.downloadButton')}
                  </Anchor>
                </Text>
              </>
            )}
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {formatBytes(file.size)} · {file.mimeType}
              </Text>
              <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => download(file)}>
                {t('thread.attachment.downloadButton')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
