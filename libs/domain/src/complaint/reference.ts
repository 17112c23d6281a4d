/**
 * Human-readable complaint references, e.g. CMP-2026-000123: the year the bank registered the
 * complaint and a number that never repeats (the sequence is not reset each year, so a reference
 * stays unique even when two years' numbers would overlap).
 */
export function formatReference(registeredAt: Date, sequence: number): string {
  return `CMP-${registeredAt.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;
}

export const REFERENCE_PATTERN = /^CMP-\d{4}-\d{6,}$/;
