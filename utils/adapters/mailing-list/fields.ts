import { z } from '../../model/zod';

/** A message in a mailing-list archive (HyperKitty, Pipermail, lists.sr.ht, mail-archive.com). */
export const mailSchema = z.object({
  /** The list's name as the archive shows it: "standards@xmpp.org", "Standards". */
  list: z.string().nullable(),
  /** The subject without list tags and "Re:" ("[Standards] LAST CALL: …" → "LAST CALL: …"). */
  subject: z.string(),
  /** Archive software: "hyperkitty", "pipermail", "sourcehut", "mail-archive". */
  archive: z.string(),
});
export type MailInfo = z.infer<typeof mailSchema>;
