/** Files and the clipboard on the user's click, without the downloads or clipboard permission. */

/** Hand a text file to the user through a normal download link. */
export function downloadText(fileName: string, text: string, type = 'text/markdown;charset=utf-8'): void {
  downloadParts(fileName, [text], type);
}

/** A file made of many parts (a large backup), without joining them into one string first. */
export function downloadParts(fileName: string, parts: readonly string[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts as string[], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the link; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copy on the user's click; the error says why it failed. */
export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/** The text of the file the user picked. */
export function readPickedFile(input: HTMLInputElement): Promise<string | null> {
  return readPicked(input).then((picked) => picked?.text ?? null);
}

/** The text and name of the file the user picked. */
export async function readPicked(input: HTMLInputElement): Promise<{ name: string; text: string } | null> {
  const file = input.files?.[0];
  input.value = ''; // picking the same file again fires a change
  return file ? { name: file.name, text: await file.text() } : null;
}
