import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarDefinition } from './calendar-definition';

/** A calendar an admin defined; the presets' calendars and UTC-24x7 are in code. */
@Entity('calendars')
export class CalendarRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: columnTypes.json })
  definition: CalendarDefinition;

  /** Always false: built-in calendars come from code and are never stored. */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
