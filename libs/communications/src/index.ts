export * from './communication.entity';
export * from './survey.entity';
export * from './communications.dto';
export * from './surveys.dto';
export * from './mailer';
export * from './communications.service';
export * from './surveys.service';
export * from './communications.module';
