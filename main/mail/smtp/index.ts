export { explainSmtpReply } from './explain';
export { parseQueueId } from './reply';
export { openSmtpSender } from './sender';
export type * from './types';
