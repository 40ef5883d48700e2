/**
 * A received mail's HTML, already sanitized by main, shown in a frame that may run nothing: no
 * scripts, no forms, no popups (an empty sandbox), and a policy of its own that loads no
 * picture from the internet (main already held those back) and nothing else either.
 */
export function MailFrame({ html, title }: { html: string; title: string }) {
  const doc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"><style>body{font-family:sans-serif;font-size:14px;margin:8px;word-break:break-word}img[data-src]{display:none}</style></head><body>${html}</body></html>`;
  return <iframe className="inbox-frame" sandbox="" srcDoc={doc} title={title} referrerPolicy="no-referrer" data-testid="inbox-frame" />;
}
