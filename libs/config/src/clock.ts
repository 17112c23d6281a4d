/** The current time, injected so time-dependent code can be tested with a frozen or moved clock. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
