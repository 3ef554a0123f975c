/**
 * The page-kind adapters, in the order they are asked: the first whose detect() and read()
 * accept a page decides its kind. Specific before generic: an error page is never clipped as a
 * release, a forge's release page never as an article; "page" takes whatever is left.
 *
 * Adding a kind: a folder with read.ts (detect, read), fields.ts (its zod schema, if it adds
 * facts) and its fixtures; one line here; its kind in PAGE_KINDS (./index.ts) if it is new.
 */
import { appStore } from './app-store/read';
import { article } from './article/read';
import { errorPage } from './error-page/read';
import { event } from './event/read';
import { fdroid } from './fdroid/read';
import { fediverse } from './fediverse/read';
import { forgejoRelease } from './forgejo-release/read';
import { githubRelease } from './github-release/read';
import { gitlabRelease } from './gitlab-release/read';
import { googlePlay } from './google-play/read';
import { mailingList } from './mailing-list/read';
import { page } from './page/read';
import { protoXep } from './protoxep/read';
import { blogRelease } from './blog-release/read';
import { sourcehutRelease } from './sourcehut-release/read';
import type { PageAdapter } from './types';
import { video } from './video/read';
import { xep } from './xep/read';

export const ADAPTERS: readonly PageAdapter[] = [
  errorPage,
  protoXep,
  xep,
  githubRelease,
  gitlabRelease,
  forgejoRelease,
  sourcehutRelease,
  fdroid,
  googlePlay,
  appStore,
  video,
  event,
  mailingList,
  fediverse,
  blogRelease,
  article,
  page,
];
