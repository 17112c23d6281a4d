import type { StaffRole } from '@redress/auth';
import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('staff')
export class Staff {
  /** The JWT `sub` of this member of staff. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: columnTypes.json })
  roles: StaffRole[];

  @Column({ type: columnTypes.json })
  teams: string[];

  /** Complaint categories this person is skilled in; empty means a generalist. */
  @Column({ type: columnTypes.json })
  skills: string[];

  @Column({ type: columnTypes.json })
  languages: string[];

  /** The most open cases this person may hold at once. */
  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
