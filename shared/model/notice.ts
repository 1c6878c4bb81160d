import { z } from 'zod';

/** Something the user should know that is not the answer to a request (a recovered settings file, a weak secret store). */
export const NoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  code: z.string().min(1),
  message: z.string().min(1),
});
export type Notice = z.infer<typeof NoticeSchema>;
