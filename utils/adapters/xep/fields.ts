import { z } from '../../model/zod';
import { inlinePartSchema } from '../fields';

/** One entry of a XEP's revision history, as the page gives it. */
export const xepRevisionSchema = z.object({
  version: z.string(),
  /** YYYY-MM-DD */
  date: z.string().nullable(),
  /** Who made the revision, exactly as the page credits it: "jcb", "XEP Editor: dg", "XEP Editor (jsc)". */
  initials: z.string().nullable(),
  /** The remarks as plain text, one per change. */
  remarks: z.array(z.string()),
  /** The same remarks with the runs the page shows as code marked. */
  remarkParts: z.array(z.array(inlinePartSchema)).optional(),
  /**
   * The status this revision moved the XEP to, when its remark says so ("Accepted as
   * Experimental by council vote" → "Experimental", "Defer due to lack of activity." → "Deferred").
   */
  statusChange: z.string().nullable().optional(),
});
export type XepRevision = z.infer<typeof xepRevisionSchema>;

/** An XMPP extension (XEP) page as xmpp.org/extensions serves it, or a ProtoXEP in the inbox. */
export const xepSchema = z.object({
  /** "0424", or null for a ProtoXEP in the inbox. */
  number: z.string().nullable(),
  /** "Message Retraction" */
  title: z.string(),
  /** "0.4.0" */
  version: z.string().nullable(),
  /** "Experimental", "Stable", "Deferred", "ProtoXEP" … as the page states it. */
  status: z.string().nullable(),
  /** The abstract, one or two sentences. */
  abstract: z.string().nullable(),
  /** ISO date (YYYY-MM-DD) of the latest revision. */
  lastUpdated: z.string().nullable(),
  /** Remarks of the latest revision, one per change (plain text). */
  changes: z.array(z.string()),
  /** Who made the latest revision, as the page credits it, e.g. "jcb" or "XEP Editor: dg". */
  initials: z.string().nullable(),
  /** "Standards Track", "Informational", "Procedural" … */
  type: z.string().nullable().optional(),
  /**
   * The revisions dated in the latest revision's month, newest first (the latest included):
   * two revisions in one month are two facts for the newsletter (accepted as Experimental and
   * then updated are a "New" and an "Updated" entry).
   */
  revisions: z.array(xepRevisionSchema).optional(),
  /** A running or announced Last Call: its end date as the page states it, YYYY-MM-DD. */
  lastCallEnds: z.string().nullable().optional(),
  /** When the Last Call began, YYYY-MM-DD: known from its announcement (the XEP page does not say). */
  lastCallBegins: z.string().nullable().optional(),
  /**
   * Where the Last Call was announced, when known without clipping the announcement: drafted
   * from the XSF's history (utils/xeps), a search of the standards list's archive for the
   * mail's subject, since the thread's own address exists only once the mail is sent.
   */
  lastCallThread: z.string().nullable().optional(),
});
export type XepInfo = z.infer<typeof xepSchema>;
