/** Hand a text file to the user: a download through a normal link (no downloads permission). */
export function downloadText(fileName: string, text: string, type = 'text/markdown;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the link; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copy on the user's click (no clipboard permission); the error says why it failed. */
export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}
