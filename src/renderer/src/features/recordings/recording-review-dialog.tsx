import { Modal } from '@mantine/core';
import { useRef } from 'react';
import type { RecordingReviewProps } from '../../kit/slots';
import { RecordingReviewPane } from './recording-review-pane';
import './recordings.css';

/**
 * A recording reviewed where it was found (an intervention's thread, in the main window or a form
 * window of its own): the same pane as in the Recordings module, over the screen. Main decides who
 * may hear it; Esc outside a field closes it.
 */
export function RecordingReviewDialog({ recordingId, onClose }: RecordingReviewProps) {
  const paneRef = useRef<HTMLDivElement>(null);
  return (
    <Modal
      opened
      onClose={onClose}
      size={1000}
      withCloseButton={false}
      padding={0}
      // The pane's own Esc closes (a field first gives the focus back to the pane).
      closeOnEscape={false}
      onKeyDown={(e) => e.stopPropagation()}
    >
      <RecordingReviewPane ref={paneRef} recordingId={recordingId} onClose={onClose} autoFocus />
    </Modal>
  );
}
