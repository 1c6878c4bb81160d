import type { DraftAttachment } from '../../../../shared/model/draft';

const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/** "812 bytes", "4.2 KB", "31 MB": sizes as people read them (decimal units, like file managers). */
export function sizeText(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}

export function totalSize(attachments: readonly DraftAttachment[]): number {
  return attachments.reduce((sum, attachment) => sum + attachment.size, 0);
}
