/** Hand a text file to the user through a normal download link (no downloads permission). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the link; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The text of the file the user picked. */
export function readPickedFile(input: HTMLInputElement): Promise<string | null> {
  const file = input.files?.[0];
  input.value = ''; // picking the same file again fires a change
  return file ? file.text() : Promise.resolve(null);
}
