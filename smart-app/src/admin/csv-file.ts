/**
 * The text of an uploaded CSV file. Excel on a Chinese Windows saves "CSV" in GB18030 (its ANSI
 * code page), while the server reads UTF-8: a file that is not valid UTF-8 is read as GB18030, so
 * the Chinese names arrive intact either way. A UTF-8 byte-order mark is dropped by the decoder.
 */
export async function csvText(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
