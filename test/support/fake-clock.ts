import { Clock } from '@redress/config';

/** A clock the test moves by hand: time-dependent behaviour without sleeping. */
export class FakeClock extends Clock {
  constructor(private current = new Date('2026-11-28T09:00:00Z')) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(date: Date | string): void {
    this.current = new Date(date);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
