/**
 * Hands a fetched file to the browser's downloads under `name`. The object URL is released on the
 * next tick: the click has started the download by then, and the file is not kept in memory.
 */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
