import { DateTime } from 'luxon';
import type { Language } from '../complaint/channel';
import type { Redress } from '../workflow/workflow-complaint';

const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

/**
 * The calendar day an instant falls on for the customer, as a letter writes it: 2026年12月29日 or
 * 29 December 2026. Spelled out rather than left to Intl so the text does not depend on the ICU
 * data a Node.js build ships with.
 */
export function formatLetterDate(language: Language, instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Cannot write a date in time zone "${timeZone}"`);
  return language === 'zh' ? `${local.year}年${local.month}月${local.day}日` : `${local.day} ${ENGLISH_MONTHS[local.month - 1]} ${local.year}`;
}

/** 人民币1,234.50元 in Chinese letters for yuan; CNY 1,234.50 or USD 80.00 otherwise. */
export function formatMoney(language: Language, money: Redress): string {
  const [units, cents] = money.amount.toFixed(2).split('.');
  const figures = `${units.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
  return language === 'zh' && money.currency === 'CNY' ? `人民币${figures}元` : `${money.currency} ${figures}`;
}
