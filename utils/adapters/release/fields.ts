import { z } from '../../model/zod';

/** A forge repository a release belongs to: github.com/dino/dino, codeberg.org/Kaidan/Kaidan. */
export const repositorySchema = z.object({
  /** "github", "gitlab", "forgejo", "sourcehut" */
  forge: z.string(),
  host: z.string(),
  /** "dino", "gajim/python-nbxmpp" style owner path (GitLab groups nest), "~singpolyma" */
  owner: z.string(),
  name: z.string(),
  /** https://github.com/dino/dino */
  url: z.string(),
});
export type Repository = z.infer<typeof repositorySchema>;

/**
 * A software release: project and version as the newsletter writes them, plus the repository
 * when the page is on a forge (the release's own URL is the capture's canonical URL).
 */
export const releaseSchema = z.object({
  /** Project name as the newsletter writes it, e.g. "Gajim". */
  project: z.string(),
  /** Version without a leading "v", e.g. "1.8.2". */
  version: z.string(),
  /** The repository, when the page is a forge's release or tag page. */
  repository: repositorySchema.optional(),
});
export type ReleaseInfo = z.infer<typeof releaseSchema>;
