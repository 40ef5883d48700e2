import { QuickClientDialog, QuickContactDialog } from '../features/clients/quick-add';
import { InterventionForm } from '../features/interventions/intervention-form';
import { MessagesTab } from '../features/thread/messages-tab';
import type { Slots } from '../kit/slots';
import { InterventionCalls } from '../features/calls/intervention-calls';
import { RecordingReviewDialog } from '../features/recordings/recording-review-dialog';
import { ClientContracts } from '../features/contracts/client-contracts';

/** The features' components in the kit's slots: the one place that knows who shows what where. */
export const slots: Slots = {
  InterventionForm,
  InterventionThread: MessagesTab,
  QuickClientDialog,
  QuickContactDialog,
  InterventionCalls,
  RecordingReview: RecordingReviewDialog,
  ClientContracts,
};
