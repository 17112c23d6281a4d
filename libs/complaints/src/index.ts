export * from './complaint.entity';
export * from './complaint.dto';
export * from './complaint.view';
export * from './complaints.service';
export * from './complaints.module';
