import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The satisfaction survey of one complaint. Found by the SHA-256 of its token; the token is never stored. */
@Entity('surveys')
export class Survey {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'complaint_id', type: columnTypes.uuid, unique: true })
  complaintId: string;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'expires_at', type: columnTypes.timestamp })
  expiresAt: Date;

  @Column({ name: 'answered_at', type: columnTypes.timestamp, nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment: string | null;
}
