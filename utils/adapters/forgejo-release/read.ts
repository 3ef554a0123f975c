/** Forgejo and Gitea (Codeberg) release and tag pages; what is particular to them is data (forge.json). */
import { forgeReleaseAdapter, type ForgeData } from '../release/forge';
import data from './forge.json';

export const forgejoRelease = forgeReleaseAdapter('forgejo-release', data as ForgeData);
