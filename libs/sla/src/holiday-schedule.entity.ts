import { columnTypes } from '@redress/database';
import type { HolidaySchedule } from '@redress/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A government's holiday arrangement for one year (China's 放假安排 with its 调休 make-up working
 * days), loaded by an admin. It belongs to the country, not to one calendar: every calendar of
 * that country counts with it.
 */
@Entity('holiday_schedules')
export class HolidayScheduleRecord {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  country: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: columnTypes.json })
  holidays: string[];

  @Column({ name: 'working_days', type: columnTypes.json })
  workingDays: string[];

  @Column({ type: 'varchar', length: 500 })
  source: string;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}

export function toHolidaySchedule(record: HolidayScheduleRecord): HolidaySchedule {
  return { country: record.country, year: record.year, holidays: record.holidays, workingDays: record.workingDays, source: record.source };
}
