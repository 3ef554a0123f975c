/**
 * Community software lists: the projects a newsletter covers, with their categories and where
 * they live. The XMPP list ships with Newsdesk; `parseSoftwareList` validates any copy (a fresh
 * download from the website included) and says in plain words what is wrong with a bad one.
 */
import { z } from '../../model/zod';
import type { SoftwareListId } from './ids';
import xmppSoftware from './xmpp-software.json';

export const softwareProjectSchema = z.object({
  name: z.string().min(1).max(200),
  /** "client", "server", "component", "library", "tool", "integrated-platform" */
  categories: z.array(z.string().max(60)).max(20),
  platforms: z.array(z.string().max(60)).max(50),
  /** The project's home page. */
  url: z.string().max(2000).nullable(),
  /** Where its DOAP description lives (often a raw file in its repository), absolute or site-relative. */
  doap: z.string().max(2000).nullable(),
});
export type SoftwareProject = z.infer<typeof softwareProjectSchema>;

const softwareListSchema = z.array(softwareProjectSchema).min(1).max(5000);

export class SoftwareListError extends Error {
  override name = 'SoftwareListError';
}

/**
 * A software list (the JSON text, or already parsed) as projects, or a SoftwareListError naming
 * the first problems. The format is xsf/xmpp.org's data/software.json: an array of
 * { name, categories, platforms, url, doap }.
 */
export function parseSoftwareList(json: string | unknown): SoftwareProject[] {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (error) {
      throw new SoftwareListError(`The software list is not JSON (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  const result = softwareListSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => `- ${issue.path.join('.') || '(list)'}: ${issue.message}`);
  throw new SoftwareListError(`This is not a software list like xmpp.org's data/software.json:\n${problems.join('\n')}`);
}

export interface SoftwareList {
  id: string;
  /** Where the list comes from and when it was copied. */
  source: string;
  retrieved: string;
  projects: readonly SoftwareProject[];
}

export const XMPP_SOFTWARE: SoftwareList = {
  id: 'xmpp',
  source: 'https://github.com/xsf/xmpp.org/blob/master/data/software.json',
  retrieved: '2026-08-02',
  projects: parseSoftwareList(xmppSoftware),
};

/** The lists Newsdesk ships, by id; a newsletter names the one it uses. */
export const SOFTWARE_LISTS: Readonly<Record<SoftwareListId, SoftwareList>> = { xmpp: XMPP_SOFTWARE };
