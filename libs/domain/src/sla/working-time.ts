import {
  BusinessCalendar,
  CalendarError,
  closeOfBusiness,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  workingWindow,
} from './calendar';
import { addLocalDays } from './local-date';

// Working windows are taken from each local date's own opening and closing instants, so a day
// on which the clocks change simply has a shorter or longer window (23 or 25 hours on a 24×7
// calendar) and no arithmetic crosses a DST change by hand.

/**
 * Working time in milliseconds between two instants: the overlap of [from, to) with the working
 * windows. Negative when `to` is before `from`, so "time left" can go below zero after a deadline.
 */
export function workingTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to < from) return -workingTimeBetween(calendar, to, from);
  const start = from.getTime();
  const end = to.getTime();
  const lastDay = localDateOf(calendar, to);
  let total = 0;
  for (let day = localDateOf(calendar, from); day <= lastDay; day = addLocalDays(day, 1)) {
    const window = workingWindow(calendar, day);
    if (window) total += Math.max(0, Math.min(end, window.end) - Math.max(start, window.start));
  }
  return total;
}

/**
 * The instant at which `amount` ms of working time have passed since `from`. Time is consumed
 * only inside working windows, so nights, weekends, holidays and closures are skipped. When the
 * amount runs out exactly at a closing time the result is that closing time, not the next
 * opening: "by close of business" means the close. Zero returns `from` unchanged.
 */
export function addWorkingTime(calendar: BusinessCalendar, from: Date, amount: number): Date {
  if (!(amount >= 0) || !Number.isFinite(amount)) {
    throw new CalendarError(`working time to add must be a finite, non-negative number of ms, got ${amount}`);
  }
  if (amount === 0) return from;
  let remaining = amount;
  let cursor = from.getTime();
  let day = localDateOf(calendar, from);
  let idleDays = 0;
  while (idleDays < 366) {
    const window = workingWindow(calendar, day);
    if (window && window.end > cursor) {
      idleDays = 0;
      const start = Math.max(window.start, cursor);
      const available = window.end - start;
      if (remaining <= available) return new Date(start + remaining);
      remaining -= available;
      cursor = window.end;
    } else {
      idleDays++;
    }
    day = addLocalDays(day, 1);
  }
  throw new CalendarError(`calendar ${calendar.id} has no working time in the year after ${day}`);
}

/**
 * Close of business on the `days`-th working day after the day of receipt, the way FCA DISP
 * ("by close of business on the third business day following the day on which it is received")
 * and PSD2 ("within 15 business days") are applied. A complaint received on a non-working day,
 * or at or after closing time, is treated as received on the next working day; one received
 * before opening counts that day as its day of receipt. Zero days gives close of business on the
 * day of receipt.
 */
export function addBusinessDays(calendar: BusinessCalendar, receivedAt: Date, days: number): Date {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new CalendarError(`business days must be a non-negative integer, got ${days}`);
  }
  let day = localDateOf(calendar, receivedAt);
  const window = workingWindow(calendar, day);
  if (!window || receivedAt.getTime() >= window.end) day = nextWorkingDay(calendar, day);
  for (let count = 0; count < days; count++) day = nextWorkingDay(calendar, day);
  return closeOfBusiness(calendar, day);
}

/**
 * A deadline that falls on a non-working local date moves to close of business on the next
 * working day (民法典 art. 203: a period whose last day is a statutory holiday ends on the day
 * after the holiday, at the close of business hours where there are any). A deadline on a working
 * day is kept, even outside opening hours.
 */
export function rollForwardToWorkingDay(calendar: BusinessCalendar, at: Date): Date {
  const day = localDateOf(calendar, at);
  return isWorkingDay(calendar, day) ? at : closeOfBusiness(calendar, nextWorkingDay(calendar, day));
}
