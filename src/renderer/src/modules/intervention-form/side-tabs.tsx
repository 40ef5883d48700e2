// The form's side tabs; their code lives in ./thread/ (the Messages page and the History tab).
export { MessagesTab } from './thread/messages-tab';
export { HistoryTab } from './thread/history-tab';
