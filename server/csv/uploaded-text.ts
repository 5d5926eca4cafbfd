import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { HttpError } from '../errors/http-error';

const GB_CHARSETS = new Set(['gb18030', 'gbk', 'gb2312', 'cp936']);

/**
 * An uploaded text file's bytes as text. UTF-8 when they are UTF-8 (a BOM is fine); Chinese Excel saves
 * CSV as GBK by default, so otherwise GB18030 (a superset of GBK and GB2312), or the charset the
 * Content-Type names. Bytes that are neither are refused in Chinese, never stored as mojibake.
 */
export function uploadedText(bytes: Buffer, contentType: string | undefined): string {
  const named = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (named && GB_CHARSETS.has(named)) return iconv.decode(bytes, 'gb18030');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const text = iconv.decode(bytes, 'gb18030');
  if (text.includes('\uFFFD')) {
    throw new HttpError(
      400,
      'invalid',
      '文件编码无法识别：请在 Excel 中另存为“CSV UTF-8”或 GBK 编码的 CSV 后重新上传（the file is neither UTF-8 nor GB18030）',
    );
  }
  return text;
}
